"""What a checkout payment's outcome does to its orders.

- Paid: every order still `pending_payment` is placed (state machine, system actor), gets
  the wholesaler's next invoice number, an `OrderPlaced` event for the wholesaler and a
  settlement (what the platform owes the wholesaler). Orders that had already expired
  keep their status: the payment is flagged `late` and a refund is opened for admins.
- Failed: orders whose hold has not run out stay `pending_payment`, their stock reserved,
  so the retailer can try again (`POST /payments/{id}/retry`) until `expires_at`; the
  others are cancelled and their stock returned (the order expiry does the same for the
  rest when their time comes).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.orders import repository as orders_repository
from chalicelib.orders import state
from chalicelib.orders.checkout import announce_placed
from chalicelib.orders.expiry import EXPIRY_REASON
from chalicelib.orders.models import Order
from chalicelib.orders.service import cancel
from chalicelib.payments import payment_events, repository
from chalicelib.payments.handlers import register_outcome_handler
from chalicelib.payments.models import Payment, Refund
from chalicelib.payments.settlements import open_settlement

LATE_REASON = "The payment arrived after the orders had expired; refund the payer."


LOCKED = "checkout_orders_locked"


def _orders(session: Session, payment: Payment) -> Sequence[Order]:
    assert payment.checkout_id is not None
    locked: Sequence[Order] | None = session.info.get(LOCKED, {}).get(payment.checkout_id)
    if locked is not None:
        return locked  # this transaction holds their locks; the identity map has their state
    return orders_repository.orders_of_checkout(session, payment.checkout_id)


def lock_orders(session: Session, payment: Payment) -> None:
    """Orders before the payment: the order expiry locks them in that order too."""
    assert payment.checkout_id is not None
    orders = orders_repository.orders_of_checkout(session, payment.checkout_id, lock=True)
    session.info.setdefault(LOCKED, {})[payment.checkout_id] = orders


def place_paid_orders(session: Session, payment: Payment) -> dict[str, Any]:
    orders = _orders(session, payment)
    waiting = [order for order in orders if order.status == "pending_payment"]
    gone = [order for order in orders if order.status != "pending_payment"]
    if waiting:
        invoices = orders_repository.next_invoice_numbers(session, [order.wholesaler_id for order in waiting])
        line_counts = repository.line_counts(session, [order.id for order in waiting])
        for order in waiting:
            order.invoice_number = invoices[order.wholesaler_id]
            state.move(
                session,
                order,
                "placed",
                actor=state.SYSTEM,
                actor_user_id=None,
                note="Payment received",
                data={"payment_id": str(payment.id), "receipt": payment.external_receipt},
            )
            announce_placed(session, order, line_count=line_counts.get(order.id, 0))
            open_settlement(session, order=order, payment=payment)
    if gone:
        _refund_late(session, payment, gone, everything=not waiting)
    return {"order_numbers": [order.number for order in orders]}


def _refund_late(session: Session, payment: Payment, gone: list[Order], *, everything: bool) -> None:
    payment.late = True
    if everything:
        refunds: list[tuple[uuid.UUID | None, Decimal]] = [(None, payment.charged_amount or payment.amount)]
    else:
        refunds = [(order.id, order.total) for order in gone]
    for order_id, amount in refunds:
        refund = Refund(
            id=uuid.uuid4(),
            payment_id=payment.id,
            order_id=order_id,
            amount=Decimal(amount),
            status="open",
            reason=LATE_REASON,
        )
        session.add(refund)
        payment_events.payment_arrived_late(session, payment, refund)


def release_expired_orders(session: Session, payment: Payment) -> None:
    now = utcnow()
    for order in _orders(session, payment):
        if order.status == "pending_payment" and order.expires_at is not None and order.expires_at <= now:
            cancel(
                session, order, actor=state.SYSTEM, actor_user_id=None, reason=EXPIRY_REASON, event_type="OrderExpired"
            )


def held_until(session: Session, payment: Payment) -> datetime | None:
    times = [o.expires_at for o in _orders(session, payment) if o.status == "pending_payment" and o.expires_at]
    return min(times) if times else None


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    numbers = sorted(order.number for order in _orders(session, payment))
    reference = numbers[0] if numbers else f"PAY{payment.id.hex[:9].upper()}"
    if len(numbers) > 1:
        reference = f"{reference}+{len(numbers) - 1}"
    return reference, "Order payment"


register_outcome_handler(
    "checkout",
    place_paid_orders,
    release_expired_orders,
    lock_first=lock_orders,
    hold_until=held_until,
    describe=describe,
)
