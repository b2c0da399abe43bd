"""The order state machine: the one place that knows which change is allowed to whom.

    pending_payment -> placed -> accepted -> packed -> dispatched -> delivered -> completed
    cancelled <- pending_payment (system: expiry or failed payment)
    cancelled <- placed (retailer or wholesaler)
    cancelled <- accepted (wholesaler, with a reason)

Every change appends to the order's timeline and writes an outbox event: the retailer
hears of each change (`OrderStatusChanged`), both sides of a cancellation
(`OrderCancelled`), and the caller may name another event (`OrderExpired`).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.outbox import record_event
from chalicelib.orders.delivery_date import estimated_delivery_date
from chalicelib.orders.errors import InvalidTransition
from chalicelib.orders.models import Order, OrderEvent

RETAILER = "retailer"
WHOLESALER = "wholesaler"
SYSTEM = "system"
ADMIN = "admin"

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("pending_payment", "placed"): frozenset({SYSTEM}),
    ("pending_payment", "cancelled"): frozenset({SYSTEM}),
    ("placed", "accepted"): frozenset({WHOLESALER}),
    ("placed", "cancelled"): frozenset({RETAILER, WHOLESALER, ADMIN}),
    ("accepted", "packed"): frozenset({WHOLESALER}),
    ("accepted", "cancelled"): frozenset({WHOLESALER, ADMIN}),
    ("packed", "dispatched"): frozenset({WHOLESALER}),
    ("dispatched", "delivered"): frozenset({WHOLESALER}),
    ("delivered", "completed"): frozenset({WHOLESALER, RETAILER}),
}
REASON_REQUIRED = frozenset({("accepted", "cancelled")})

STATUS_CHANGED = "status_changed"
COLLECTION_RECORDED = "collection_recorded"


def allowed(current: str, target: str, actor: str) -> bool:
    return actor in TRANSITIONS.get((current, target), frozenset())


def move(
    session: Session,
    order: Order,
    target: str,
    *,
    actor: str,
    actor_user_id: uuid.UUID | None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
    event_type: str | None = None,
) -> None:
    """Moves `order` (already locked by the caller) or raises `InvalidTransition`."""
    current = order.status
    if not allowed(current, target, actor):
        raise InvalidTransition(
            f"An order that is {current.replace('_', ' ')} cannot become {target.replace('_', ' ')}.",
            extra={"current_status": current},
        )
    if (current, target) in REASON_REQUIRED and not note:
        raise ValidationFailed(details=[field_error("note", "reason_required", "Say why the order is cancelled.")])
    now = utcnow()
    order.status = target
    order.updated_at = now
    if target == "placed":
        order.placed_at = now
        order.expires_at = None
        if order.expected_delivery_date is None:
            order.expected_delivery_date = estimated_delivery_date(now, order.delivery_lead_time_days)
    if target == "cancelled":
        order.cancel_reason = note
    session.add(
        OrderEvent(
            id=uuid.uuid4(),
            order_id=order.id,
            kind=STATUS_CHANGED,
            from_status=current,
            to_status=target,
            actor=actor,
            actor_user_id=actor_user_id,
            note=note,
            data=data or {},
            created_at=now,
        )
    )
    if event_type is None:
        event_type = "OrderCancelled" if target == "cancelled" else "OrderStatusChanged"
    record_event(
        session,
        event_type,
        aggregate_type="order",
        aggregate_id=order.id,
        payload={
            "order_id": str(order.id),
            "number": order.number,
            "from_status": current,
            "to_status": target,
            "actor": actor,
            "note": note,
            "business_id": str(order.retailer_id),
            "retailer_id": str(order.retailer_id),
            "wholesaler_id": str(order.wholesaler_id),
        },
    )


def record_collection_event(session: Session, order: Order, *, actor_user_id: uuid.UUID, data: dict[str, Any]) -> None:
    """A collection on delivery joins the timeline both sides read; the status stays as it is."""
    session.add(
        OrderEvent(
            id=uuid.uuid4(),
            order_id=order.id,
            kind=COLLECTION_RECORDED,
            from_status=order.status,
            to_status=order.status,
            actor=WHOLESALER,
            actor_user_id=actor_user_id,
            note=None,
            data=data,
            created_at=utcnow(),
        )
    )
