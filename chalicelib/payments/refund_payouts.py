"""Refunds as the platform's staff handle them: the list, an admin's refund of (part of) a
payment, and each payout's progress.

    open ──sent──> sent ──completed──> completed
      │              │
      └──completed───┤──failed──> failed ──sent──> sent

An admin pays a refund out by hand (M-Pesa B2C, MoMo disbursement or a transfer) and
records its reference as `sent` (money on its way) or straight as `completed`; a payout that
bounced is `failed` and may be sent again. Through a provider with a refund API (the
sandbox) an admin's refund completes at once. The payment becomes `partially_refunded` /
`refunded` as completed refunds add up.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import start_of_day, utcnow
from chalicelib.core.observability import logger
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.payments import ledger_repository, payment_events, repository, settlement_repository
from chalicelib.payments.errors import (
    NotRefundable,
    PaymentNotFound,
    RefundAlreadyClosed,
    RefundNotFound,
    RefundOrderNotOfPayment,
    RefundOrderRequired,
    RefundTooLarge,
)
from chalicelib.payments.models import Payment, Refund, Settlement
from chalicelib.payments.providers import get_provider
from chalicelib.payments.providers.base import ProviderError, ProviderRejected, RefundNotSupported
from chalicelib.payments.refunds import open_refund, paid_amount, summary
from chalicelib.payments.schemas import (
    AdminRefundItem,
    AdminRefundPage,
    AdminRefundQuery,
    CompleteRefundRequest,
    RefundFailedRequest,
    RefundOut,
    RefundRequest,
    RefundSentRequest,
)

REFUNDABLE = frozenset({"succeeded", "partially_refunded", "needs_review"})
MOVES: dict[str, frozenset[str]] = {
    "sent": frozenset({"open", "failed"}),
    "completed": frozenset({"open", "sent"}),
    "failed": frozenset({"open", "sent"}),
}
"""Target status -> the statuses a refund may move to it from."""


def refund_out(refund: Refund, payment: Payment | None) -> RefundOut:
    return RefundOut(
        **summary(refund).model_dump(),
        payment_status=payment.status if payment is not None else None,
        payer_business_id=refund.payer_business_id,
        provider=refund.provider,
        payer_phone=refund.payer_phone,
        provider_message_id=refund.provider_message_id,
        failure_reason=refund.failure_reason,
    )


def list_refunds(session: Session, *, query: AdminRefundQuery) -> AdminRefundPage:
    rows = ledger_repository.list_refunds(
        session,
        status=query.status,
        cause=query.cause,
        provider=query.provider,
        payer_business_id=query.payer_business_id,
        created_from=start_of_day(query.date_from) if query.date_from else None,
        created_to=start_of_day(query.date_to + timedelta(days=1)) if query.date_to else None,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    items = [
        AdminRefundItem(
            **refund_out(row.Refund, None).model_dump(exclude={"payment_status"}),
            payment_status=row.payment_status,
            payer_name=row.payer_name,
        )
        for row in page
    ]
    next_cursor = created_cursor(page[-1].Refund) if len(rows) > query.limit else None
    return AdminRefundPage(items=items, next_cursor=next_cursor)


def refund_payment(
    session: Session, *, principal: Principal, payment_id: uuid.UUID, body: RefundRequest, source_ip: str | None
) -> RefundOut:
    payment = repository.lock_payment(session, payment_id)
    if payment is None:
        raise PaymentNotFound()
    if payment.status not in REFUNDABLE or (payment.status == "needs_review" and not payment.external_receipt):
        raise NotRefundable(extra={"status": payment.status})
    left = paid_amount(payment) - ledger_repository.refunded_so_far(session, payment.id)
    if body.amount > left:
        raise RefundTooLarge(extra={"refundable": str(left)})
    settlement, several = _refunded_settlement(session, payment, body.order_id)
    if settlement is not None and several:
        left_on_order = settlement.order_total - ledger_repository.refunded_for_order(session, settlement.order_id)
        if body.amount > left_on_order:
            raise RefundTooLarge(extra={"refundable": str(left_on_order), "order_number": settlement.order_number})
    refund = open_refund(
        session,
        payment,
        amount=body.amount,
        cause="manual",
        reason=body.reason,
        order_id=settlement.order_id if settlement else None,
        order_number=settlement.order_number if settlement else None,
        requested_by=principal.user_id,
    )
    _through_provider(payment, refund, principal.user_id)
    if refund.status == "completed":
        _completed(session, payment, refund)
    session.flush()
    record_audit(
        session,
        "payment.refunded",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payment",
        target_id=payment.id,
        details={"refund_id": str(refund.id), "amount": str(refund.amount), "status": refund.status},
    )
    return refund_out(refund, payment)


def _refunded_settlement(
    session: Session, payment: Payment, order_id: uuid.UUID | None
) -> tuple[Settlement | None, bool]:
    """The order a refund is for, through the settlement of each order the payment paid, and
    whether the payment paid for several. The refund then holds that settlement and shows as
    refunded on it, so the wholesaler is not paid for goods whose money went back. A refund of
    a payment for several orders is capped by its order's total as well; a payment for one
    order is capped by what was charged (which may be rounded up to the provider's whole
    units). A cancelled order was refunded when it was cancelled, so only the others count. A
    payment that paid no order (a subscription invoice) refunds the payment alone."""
    settlements = [
        row.Settlement
        for row in settlement_repository.settlements_of_payment(session, payment.id)
        if row.Settlement.status != "cancelled"
    ]
    several = len(settlements) > 1
    if order_id is None:
        if several:
            raise RefundOrderRequired(extra={"orders": [s.order_number for s in settlements]})
        return (settlements[0] if settlements else None), several
    for settlement in settlements:
        if settlement.order_id == order_id:
            return settlement, several
    raise RefundOrderNotOfPayment()


def _through_provider(payment: Payment, refund: Refund, user_id: uuid.UUID) -> None:
    if payment.provider is None or payment.method != "mobile_money":
        return
    provider = get_provider(payment.provider)
    if not provider.supports_refund:
        return
    try:
        result = provider.refund(
            reference=payment.provider_reference or "",
            receipt=payment.external_receipt,
            amount=refund.amount,
            currency=payment.currency,
        )
    except (RefundNotSupported, ProviderError, ProviderRejected) as exc:
        logger.warning("provider refund failed; left open for a manual payout", extra={"error": str(exc)})
        return
    now = utcnow()
    refund.reference = result.reference
    refund.status = "completed" if result.completed else "sent"
    refund.sent_at, refund.sent_by, refund.updated_at = now, user_id, now
    if result.completed:
        refund.completed_at, refund.completed_by = now, user_id


def mark_sent(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: RefundSentRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "sent")
    now = utcnow()
    refund.status = "sent"
    refund.reference = body.reference
    refund.failure_reason = None
    refund.sent_at, refund.sent_by, refund.updated_at = now, principal.user_id, now
    _audit(session, "refund.sent", refund, principal, source_ip, {"reference": body.reference})
    return refund_out(refund, payment)


def complete_refund(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: CompleteRefundRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "completed")
    now = utcnow()
    refund.status = "completed"
    refund.reference = body.reference
    refund.sent_at = refund.sent_at or now
    refund.sent_by = refund.sent_by or principal.user_id
    refund.completed_at, refund.completed_by, refund.updated_at = now, principal.user_id, now
    if payment is not None:
        _completed(session, payment, refund)
    _audit(session, "refund.completed", refund, principal, source_ip, {"reference": body.reference})
    return refund_out(refund, payment)


def mark_failed(
    session: Session, *, principal: Principal, refund_id: uuid.UUID, body: RefundFailedRequest, source_ip: str | None
) -> RefundOut:
    refund, payment = _locked(session, refund_id, "failed")
    refund.status = "failed"
    refund.failure_reason = body.reason
    refund.updated_at = utcnow()
    _audit(session, "refund.failed", refund, principal, source_ip, {"reason": body.reason})
    return refund_out(refund, payment)


def _locked(session: Session, refund_id: uuid.UUID, target: str) -> tuple[Refund, Payment | None]:
    """The refund and its payment, locked in that order, if the refund may move to `target`."""
    refund = ledger_repository.lock_refund(session, refund_id)
    if refund is None:
        raise RefundNotFound()
    payment = repository.lock_payment(session, refund.payment_id) if refund.payment_id is not None else None
    if refund.status not in MOVES[target]:
        raise RefundAlreadyClosed(
            f"A {refund.status} refund cannot be marked {target}.", extra={"status": refund.status}
        )
    return refund, payment


def _audit(
    session: Session,
    action: str,
    refund: Refund,
    principal: Principal,
    source_ip: str | None,
    details: dict[str, str],
) -> None:
    record_audit(
        session,
        action,
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="refund",
        target_id=refund.id,
        details={**details, "amount": str(refund.amount)},
    )


def _completed(session: Session, payment: Payment, refund: Refund) -> None:
    session.flush()
    done = ledger_repository.refunded_so_far(session, payment.id, ("completed",))
    if payment.status in REFUNDABLE:
        payment.status = "refunded" if done >= paid_amount(payment) else "partially_refunded"
        payment.updated_at = utcnow()
    payment_events.refund_completed(session, refund)
