"""Settlement: for every order paid through the platform, what the platform owes the
wholesaler (the order total minus the platform commission, `PLATFORM_COMMISSION_RATE`,
rounded half up to the cent), and the payout an admin records against it.

Orders paid on delivery are not settled here: the wholesaler collected the money itself.
A settlement whose order is cancelled before its payout becomes `cancelled` and cannot be
paid out (the retailer is refunded instead). Each settlement shows what was refunded to the
retailer for its order; after a payout, that is what the platform must recover.

What a wholesaler is owed is split three ways (`GET /settlements`' `summary`):

- *due*: `due` settlements that may be paid out now;
- *held*: `due` settlements that must wait: a refund of its order to the retailer is under way
  (`open`, `sent`, or `failed` and to be sent again), so what the platform will owe is not
  final, or its payment is in review (`needs_review`: we are not sure the money arrived);
  a held settlement becomes due again once the refund completes (its amount shows as
  `refunded`) or the review is resolved. Orders not paid yet have no settlement at all, and
  delivery is not a condition (the orders package owns it and this package never reads the
  orders), so neither shows here;
- *paid*: settlements paid out (grouped by payout reference under `GET /payouts`).

The orders package opens and cancels settlements through `open_settlement` and
`cancel_settlement`; this package never reads the orders.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import start_of_day, utcnow
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.payments import ledger_repository, payment_events, settlement_repository
from chalicelib.payments.errors import SettlementAlreadyPaid, SettlementCancelled, SettlementNotFound
from chalicelib.payments.models import Settlement
from chalicelib.payments.schemas import (
    PayoutRequest,
    SettlementOut,
    SettlementPage,
    SettlementQuery,
    SettlementSummary,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def open_settlement(
    session: Session,
    *,
    order_id: uuid.UUID,
    order_number: str,
    wholesaler_id: uuid.UUID,
    order_total: Decimal,
    currency: str,
    payment_id: uuid.UUID,
) -> Settlement:
    rate = get_settings().platform_commission_rate
    commission = (order_total * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    settlement = Settlement(
        id=uuid.uuid4(),
        order_id=order_id,
        order_number=order_number,
        wholesaler_id=wholesaler_id,
        payment_id=payment_id,
        currency=currency,
        order_total=order_total,
        commission_rate=rate,
        commission=commission,
        amount_due=order_total - commission,
        status="due",
    )
    session.add(settlement)
    return settlement


def cancel_settlement(session: Session, *, order_id: uuid.UUID) -> None:
    """The order was cancelled: nothing is owed for it unless it was already paid out."""
    ledger_repository.cancel_due_settlement(session, order_id)


def settlement_out(settlement: Settlement, refunded: Decimal, *, held: bool) -> SettlementOut:
    return SettlementOut(
        id=settlement.id,
        order_id=settlement.order_id,
        order_number=settlement.order_number,
        payment_id=settlement.payment_id,
        currency=settlement.currency,
        order_total=settlement.order_total,
        commission_rate=settlement.commission_rate,
        commission=settlement.commission,
        amount_due=settlement.amount_due,
        status=settlement.status,
        held=held,
        refunded=Decimal(refunded).quantize(CENT),
        payout_reference=settlement.payout_reference,
        paid_at=settlement.paid_at,
        created_at=settlement.created_at,
    )


def day_range(query: Any) -> dict[str, Any]:
    """`created_from`/`created_to` of a query's `date_from`/`date_to` (whole UTC days)."""
    return {
        "created_from": start_of_day(query.date_from) if query.date_from else None,
        "created_to": start_of_day(query.date_to + timedelta(days=1)) if query.date_to else None,
    }


def list_settlements(session: Session, *, principal: Principal, query: SettlementQuery) -> SettlementPage:
    wholesaler_id = principal.require_business_id()
    rows = settlement_repository.list_settlements(
        session,
        wholesaler_id=wholesaler_id,
        status=query.status,
        **day_range(query),
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1].Settlement) if len(rows) > query.limit else None
    overall = _summary(settlement_repository.settlement_sums(session, wholesaler_id=wholesaler_id))
    in_range = overall
    if query.date_from or query.date_to:
        in_range = _summary(
            settlement_repository.settlement_sums(session, wholesaler_id=wholesaler_id, **day_range(query))
        )
    return SettlementPage(
        items=[settlement_out(row.Settlement, row.refunded, held=row.held) for row in page],
        next_cursor=next_cursor,
        total_due=overall.due + overall.held,
        total_paid=overall.paid,
        currency=get_settings().currency,
        summary=in_range,
    )


def _summary(rows: Any) -> SettlementSummary:
    sums = {"due": ZERO, "held": ZERO, "paid": ZERO, "cancelled": ZERO}
    for status, is_held, _count, amount in rows:
        sums["held" if is_held else status] += Decimal(amount)
    return SettlementSummary(**sums, currency=get_settings().currency)


def record_payout(
    session: Session, *, principal: Principal, settlement_id: uuid.UUID, body: PayoutRequest, source_ip: str | None
) -> SettlementOut:
    settlement = settlement_repository.lock_settlement(session, settlement_id)
    if settlement is None:
        raise SettlementNotFound()
    if settlement.status == "paid":
        raise SettlementAlreadyPaid(extra={"payout_reference": settlement.payout_reference})
    if settlement.status == "cancelled":
        raise SettlementCancelled()
    now = utcnow()
    settlement.status = "paid"
    settlement.payout_reference = body.reference
    settlement.paid_at = now
    settlement.paid_by = principal.user_id
    payment_events.settlement_paid_out(session, settlement, order_number=settlement.order_number)
    record_audit(
        session,
        "settlement.paid_out",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="settlement",
        target_id=settlement.id,
        details={"reference": body.reference, "amount": str(settlement.amount_due)},
    )
    refunded = ledger_repository.refunded_for_order(session, settlement.order_id)
    return settlement_out(settlement, refunded, held=False)
