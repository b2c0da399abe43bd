"""A wholesaler's payout account: where its settlements are paid out. Anyone of the business
may read it; only the owner sets it, and each change is audited (a changed account number is
where the next payout goes)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal
from chalicelib.payments import settlement_repository
from chalicelib.payments.models import PayoutAccount
from chalicelib.payments.settlement_schemas import PayoutAccountIn, PayoutAccountOut, PayoutAccountView


def _view(account: PayoutAccount | None) -> PayoutAccountView:
    if account is None:
        return PayoutAccountView(payout_account=None)
    return PayoutAccountView(
        payout_account=PayoutAccountOut(
            method=account.method,
            account_name=account.account_name,
            phone=account.phone,
            bank_code=account.bank_code,
            bank_name=account.bank_name,
            account_number=account.account_number,
            updated_at=account.updated_at,
        )
    )


def get_payout_account(session: Session, *, principal: Principal) -> PayoutAccountView:
    return _view(settlement_repository.payout_account(session, principal.require_business_id()))


def set_payout_account(
    session: Session, *, principal: Principal, body: PayoutAccountIn, source_ip: str | None
) -> PayoutAccountView:
    business_id = principal.require_business_id()
    account = settlement_repository.payout_account(session, business_id, for_update=True)
    if account is None:
        account = PayoutAccount(business_id=business_id)
        session.add(account)
    account.method = body.method
    account.account_name = body.account_name
    account.phone = body.phone
    account.bank_code = body.bank_code if body.method == "bank" else None
    account.bank_name = body.bank_name if body.method == "bank" else None
    account.account_number = body.account_number if body.method == "bank" else None
    account.updated_at = utcnow()
    account.updated_by = principal.user_id
    session.flush()
    record_audit(
        session,
        "payout_account.set",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=business_id,
        details={"method": body.method, "account": _masked(body)},
    )
    return _view(account)


def _masked(body: PayoutAccountIn) -> str:
    number = body.account_number if body.method == "bank" else body.phone
    return "*" * max(len(number or "") - 4, 0) + (number or "")[-4:]
