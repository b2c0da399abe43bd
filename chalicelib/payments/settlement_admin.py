"""Settlements as the platform's staff handle them: the list across wholesalers with totals
per status, and a bulk payout that marks many settlements paid under one reference (the
bank or M-Pesa B2C batch the export was paid with) and tells each wholesaler once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.payments import payment_events, settlement_repository
from chalicelib.payments.errors import SettlementAlreadyPaid, SettlementCancelled, SettlementNotFound
from chalicelib.payments.models import Settlement
from chalicelib.payments.schemas import SETTLEMENT_STATUS_ORDER
from chalicelib.payments.settlement_schemas import (
    AdminSettlementItem,
    AdminSettlementPage,
    AdminSettlementQuery,
    BulkPayoutRequest,
    BulkPayoutResult,
    BulkPayoutWholesaler,
    StatusTotal,
)
from chalicelib.payments.settlements import day_range, settlement_out

ZERO = Decimal("0.00")


def list_settlements(session: Session, *, query: AdminSettlementQuery) -> AdminSettlementPage:
    rows = settlement_repository.list_settlements(
        session,
        wholesaler_id=query.wholesaler_id,
        status=query.status,
        **day_range(query),
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1].Settlement) if len(rows) > query.limit else None
    items = [
        AdminSettlementItem(
            **settlement_out(row.Settlement, row.refunded, held=row.held).model_dump(),
            wholesaler_id=row.Settlement.wholesaler_id,
            wholesaler_name=row.wholesaler_name,
        )
        for row in page
    ]
    sums = settlement_repository.settlement_sums(session, wholesaler_id=query.wholesaler_id, **day_range(query))
    counts = dict.fromkeys(SETTLEMENT_STATUS_ORDER, 0)
    amounts = dict.fromkeys(SETTLEMENT_STATUS_ORDER, ZERO)
    for status, _held, count, amount in sums:
        counts[status] += count
        amounts[status] += Decimal(amount)
    totals = [StatusTotal(status=s, count=counts[s], amount=amounts[s]) for s in SETTLEMENT_STATUS_ORDER]
    return AdminSettlementPage(items=items, next_cursor=next_cursor, totals=totals, currency=get_settings().currency)


def pay_out_settlements(
    session: Session, *, principal: Principal, body: BulkPayoutRequest, source_ip: str | None
) -> BulkPayoutResult:
    """All or nothing: every settlement named must exist and be due, else nothing is marked
    and the refusal names the ones in the way. The settlements are locked in id order."""
    settlements = settlement_repository.lock_settlements(session, body.settlement_ids)
    _check_all_payable(body.settlement_ids, settlements)
    now = utcnow()
    for settlement in settlements:
        settlement.status = "paid"
        settlement.payout_reference = body.reference
        settlement.paid_at = now
        settlement.paid_by = principal.user_id
    wholesalers = _per_wholesaler(session, settlements)
    currency = get_settings().currency
    for wholesaler in wholesalers:
        payment_events.payout_sent(
            session,
            wholesaler_id=wholesaler.wholesaler_id,
            reference=body.reference,
            amount=wholesaler.amount,
            currency=currency,
            settlement_count=wholesaler.settlement_count,
            paid_at=now,
        )
    total = sum((s.amount_due for s in settlements), ZERO)
    record_audit(
        session,
        "settlements.paid_out",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="payout",
        target_id=body.reference,
        details={
            "reference": body.reference,
            "amount": str(total),
            "settlement_ids": [str(s.id) for s in settlements],
            "wholesalers": {str(w.wholesaler_id): str(w.amount) for w in wholesalers},
        },
    )
    return BulkPayoutResult(
        reference=body.reference,
        paid_at=now,
        amount=total,
        currency=currency,
        settlement_count=len(settlements),
        wholesalers=wholesalers,
    )


def _check_all_payable(asked: Sequence[uuid.UUID], settlements: Sequence[Settlement]) -> None:
    found = {s.id for s in settlements}
    missing = sorted(str(i) for i in asked if i not in found)
    if missing:
        raise SettlementNotFound("Some of these settlements do not exist.", extra={"settlement_ids": missing})
    paid = [s for s in settlements if s.status == "paid"]
    if paid:
        raise SettlementAlreadyPaid(
            "Some of these settlements are already paid out: nothing was marked.",
            extra={
                "settlement_ids": [str(s.id) for s in paid],
                "payout_references": sorted({s.payout_reference or "" for s in paid}),
            },
        )
    cancelled = [str(s.id) for s in settlements if s.status == "cancelled"]
    if cancelled:
        raise SettlementCancelled(
            "Some of these settlements are of cancelled orders: nothing was marked.",
            extra={"settlement_ids": cancelled},
        )


def _per_wholesaler(session: Session, settlements: Sequence[Settlement]) -> list[BulkPayoutWholesaler]:
    amounts: dict[uuid.UUID, Decimal] = {}
    counts: dict[uuid.UUID, int] = {}
    for settlement in settlements:
        amounts[settlement.wholesaler_id] = amounts.get(settlement.wholesaler_id, ZERO) + settlement.amount_due
        counts[settlement.wholesaler_id] = counts.get(settlement.wholesaler_id, 0) + 1
    names = settlement_repository.business_names(session, list(amounts))
    return sorted(
        (
            BulkPayoutWholesaler(
                wholesaler_id=wholesaler_id,
                wholesaler_name=names.get(wholesaler_id, ""),
                amount=amount,
                settlement_count=counts[wholesaler_id],
            )
            for wholesaler_id, amount in amounts.items()
        ),
        key=lambda w: (w.wholesaler_name, str(w.wholesaler_id)),
    )
