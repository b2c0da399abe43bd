"""What a checkout payment's outcome does to its orders (the orders package's handler for
`checkout` payments, registered with the payments dispatch).

- Paid: every order still `pending_payment` is placed (state machine, system actor), gets
  the wholesaler's next invoice number, an `OrderPlaced` event for the wholesaler and a
  settlement (what the platform owes the wholesaler). Orders that had already expired
  keep their status: the payments package flags the payment late and opens their refund.
- Failed: orders whose hold has not run out stay `pending_payment`, their stock reserved,
  so the retailer can try again (`POST /payments/{id}/retry`) until `expires_at`; the
  others are cancelled and their stock returned (the order expiry does the same for the
  rest when their time comes).

Orders never write payment rows: they call the payments package's services.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.orders import repository, state
from chalicelib.orders.checkout import announce_placed
from chalicelib.orders.expiry import EXPIRY_REASON
from chalicelib.orders.models import Order
from chalicelib.orders.service import cancel
from chalicelib.payments import refunds, settlements
from chalicelib.payments.handlers import register_outcome_handler
from chalicelib.payments.schemas import PaymentOrder

if TYPE_CHECKING:
    from chalicelib.payments.models import Payment

LOCKED = "checkout_orders_locked"


def _orders(session: Session, payment: Payment) -> Sequence[Order]:
    if payment.checkout_id is None:
        raise InvariantBroken("payment.checkout_id is missing")
    locked: Sequence[Order] | None = session.info.get(LOCKED, {}).get(payment.checkout_id)
    if locked is not None:
        return locked  # this transaction holds their locks; the identity map has their state
    return repository.orders_of_checkout(session, payment.checkout_id)


def lock_orders(session: Session, payment: Payment) -> None:
    """Orders before the payment: the order expiry locks them in that order too."""
    if payment.checkout_id is None:
        raise InvariantBroken("payment.checkout_id is missing")
    orders = repository.orders_of_checkout(session, payment.checkout_id, lock=True)
    session.info.setdefault(LOCKED, {})[payment.checkout_id] = orders


def place_paid_orders(session: Session, payment: Payment) -> dict[str, Any]:
    orders = _orders(session, payment)
    waiting = [order for order in orders if order.status == "pending_payment"]
    gone = [order for order in orders if order.status != "pending_payment"]
    if waiting:
        invoices = repository.next_invoice_numbers(session, [order.wholesaler_id for order in waiting])
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
            settlements.open_settlement(
                session,
                order_id=order.id,
                order_number=order.number,
                wholesaler_id=order.wholesaler_id,
                order_total=order.total,
                currency=order.currency,
                payment_id=payment.id,
            )
    if gone:
        late = None if not waiting else [refunds.LateOrder(order.id, order.number, order.total) for order in gone]
        refunds.refund_late_payment(session, payment, late)
    return {"order_numbers": [order.number for order in orders]}


def release_expired_orders(session: Session, payment: Payment) -> None:
    now = utcnow()
    for order in _orders(session, payment):
        if order.status == "pending_payment" and order.expires_at is not None and order.expires_at <= now:
            cancel(
                session, order, actor=state.SYSTEM, actor_user_id=None, reason=EXPIRY_REASON, event_type="OrderExpired"
            )


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    numbers = sorted(order.number for order in _orders(session, payment))
    reference = numbers[0] if numbers else f"PAY{payment.id.hex[:9].upper()}"
    if len(numbers) > 1:
        reference = f"{reference}+{len(numbers) - 1}"
    return reference, "Order payment"


def paid_orders(session: Session, payment: Payment) -> list[PaymentOrder]:
    return [
        PaymentOrder(id=o.id, number=o.number, status=o.status, total=o.total, wholesaler_id=o.wholesaler_id)
        for o in _orders(session, payment)
    ]


def register_checkout_outcomes() -> None:
    register_outcome_handler(
        "checkout",
        place_paid_orders,
        release_expired_orders,
        lock_first=lock_orders,
        describe=describe,
        orders=paid_orders,
    )
