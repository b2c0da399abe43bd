"""Settlement: for every order paid through the platform, what the platform owes the
wholesaler (the order total minus the platform commission, `PLATFORM_COMMISSION_RATE`,
rounded half up to the cent), and the payout an admin records against it.

Orders paid on delivery are not settled here: the wholesaler collected the money itself.
A settlement whose order was cancelled before its payout is shown as `cancelled` and
cannot be paid out (the retailer is refunded instead).
"""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.orders.models import Order
from chalicelib.payments import payment_events, repository
from chalicelib.payments.errors import SettlementAlreadyPaid, SettlementCancelled, SettlementNotFound
from chalicelib.payments.models import Payment, Settlement
from chalicelib.payments.schemas import PayoutRequest, SettlementOut, SettlementPage

CENT = Decimal("0.01")


def open_settlement(session: Session, *, order: Order, payment: Payment) -> Settlement:
    rate = get_settings().platform_commission_rate
    commission = (order.total * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    settlement = Settlement(
        id=uuid.uuid4(),
        order_id=order.id,
        wholesaler_id=order.wholesaler_id,
        payment_id=payment.id,
        currency=order.currency,
        order_total=order.total,
        commission_rate=rate,
        commission=commission,
        amount_due=order.total - commission,
        status="due",
    )
    session.add(settlement)
    return settlement


def _status(settlement: Settlement, order_status: str) -> str:
    return "cancelled" if settlement.status == "due" and order_status == "cancelled" else settlement.status


def _out(settlement: Settlement, order_number: str, order_status: str) -> SettlementOut:
    return SettlementOut(
        id=settlement.id,
        order_id=settlement.order_id,
        order_number=order_number,
        payment_id=settlement.payment_id,
        currency=settlement.currency,
        order_total=settlement.order_total,
        commission_rate=settlement.commission_rate,
        commission=settlement.commission,
        amount_due=settlement.amount_due,
        status=_status(settlement, order_status),
        payout_reference=settlement.payout_reference,
        paid_at=settlement.paid_at,
        created_at=settlement.created_at,
    )


def list_settlements(
    session: Session, *, principal: Principal, status: str | None, cursor: str | None, limit: int
) -> SettlementPage:
    wholesaler_id = principal.require_business_id()
    rows = repository.list_settlements(
        session, wholesaler_id=wholesaler_id, status=status, after=after_created(cursor), limit=limit + 1
    )
    page = rows[:limit]
    next_cursor = created_cursor(page[-1].Settlement) if len(rows) > limit else None
    totals = repository.settlement_totals(session, wholesaler_id)
    return SettlementPage(
        items=[_out(row.Settlement, row.order_number, row.order_status) for row in page],
        next_cursor=next_cursor,
        total_due=totals.get("due", Decimal("0.00")),
        total_paid=totals.get("paid", Decimal("0.00")),
        currency=get_settings().currency,
    )


def record_payout(
    session: Session, *, principal: Principal, settlement_id: uuid.UUID, body: PayoutRequest, source_ip: str | None
) -> SettlementOut:
    settlement = repository.lock_settlement(session, settlement_id)
    if settlement is None:
        raise SettlementNotFound()
    if settlement.status == "paid":
        raise SettlementAlreadyPaid(extra={"payout_reference": settlement.payout_reference})
    order = session.get(Order, settlement.order_id)
    assert order is not None
    if settlement.status == "cancelled" or order.status == "cancelled":
        raise SettlementCancelled()
    now = utcnow()
    settlement.status = "paid"
    settlement.payout_reference = body.reference
    settlement.paid_at = now
    settlement.paid_by = principal.user_id
    payment_events.settlement_paid_out(session, settlement, order_number=order.number)
    record_audit(
        session,
        "settlement.paid_out",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="settlement",
        target_id=settlement.id,
        details={"reference": body.reference, "amount": str(settlement.amount_due)},
    )
    return _out(settlement, order.number, order.status)
