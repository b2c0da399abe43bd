"""Orders after checkout: reading them, moving them through their states, cancelling
(stock back, refund opened when paid), collections on delivery and re-ordering."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.billing import gating
from chalicelib.catalog.models import Product
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.principal import WHOLESALER, Principal
from chalicelib.orders import cart as cart_service
from chalicelib.orders import repository, state
from chalicelib.orders.errors import CollectionNotAllowed, OrderNotFound
from chalicelib.orders.models import Order
from chalicelib.orders.presenters import list_item
from chalicelib.orders.schemas import (
    CollectionRequest,
    DeliveryTracking,
    OrderLineOut,
    OrderOut,
    OrderPaymentRef,
    ReorderOut,
    ReorderSkipped,
    TimelineEntry,
    TransitionFields,
    TransitionRequest,
)
from chalicelib.orders.stock import StockLine, return_stock
from chalicelib.payments import refunds, settlements
from chalicelib.payments import repository as payments_repository
from chalicelib.payments.service import record_collection_on_delivery

COLLECTABLE_STATUSES = frozenset({"accepted", "packed", "dispatched", "delivered", "completed"})


def _actor(principal: Principal) -> str:
    return state.WHOLESALER if principal.business_kind == WHOLESALER else state.RETAILER


def _order(session: Session, principal: Principal, order_id: uuid.UUID, *, lock: bool = False) -> Order:
    order = repository.get_order(session, principal.require_business_id(), order_id, lock=lock)
    if order is None:
        raise OrderNotFound()
    return order


def payments_of(session: Session, principal: Principal, orders: list[Order]) -> dict[uuid.UUID, OrderPaymentRef]:
    """checkout id -> its newest payment, for the orders the caller pays (one query for all;
    none for a wholesaler, who pays no order)."""
    if not orders or principal.business_kind == WHOLESALER:
        return {}
    found = payments_repository.latest_payments_of_checkouts(
        session, principal.require_business_id(), list({order.checkout_id for order in orders})
    )
    return {checkout_id: OrderPaymentRef(id=pid, status=status) for checkout_id, (pid, status) in found.items()}


def order_detail(session: Session, principal: Principal, order: Order) -> OrderOut:
    names = repository.business_names(session, [order.retailer_id, order.wholesaler_id])
    lines = repository.order_lines(session, order.id)
    base = list_item(
        order,
        retailer_name=names[order.retailer_id],
        wholesaler_name=names[order.wholesaler_id],
        line_count=len(lines),
        payments=payments_of(session, principal, [order]),
    )
    return OrderOut(
        **base.model_dump(),
        subtotal=order.subtotal,
        delivery_fee=order.delivery_fee,
        amount_collected=order.amount_collected,
        invoice_number=invoice_label(order),
        cancel_reason=order.cancel_reason,
        expires_at=order.expires_at,
        lines=[OrderLineOut.model_validate(line, from_attributes=True) for line in lines],
        delivery=DeliveryTracking(
            method=order.delivery_method,
            address=order.delivery_address,
            lead_time_days=order.delivery_lead_time_days,
            driver_name=order.driver_name,
            driver_phone=order.driver_phone,
            vehicle=order.vehicle,
            expected_delivery_date=order.expected_delivery_date,
        ),
        timeline=[
            TimelineEntry(
                kind=e.kind,
                from_status=e.from_status,
                to_status=e.to_status,
                actor=e.actor,
                actor_user_id=e.actor_user_id,
                note=e.note,
                data=e.data,
                at=e.created_at,
            )
            for e in repository.order_events(session, order.id)
        ],
        refunds=refunds.refunds_of_orders(session, [order.id])[order.id],
    )


def invoice_label(order: Order) -> str | None:
    return f"INV-{order.invoice_number:06d}" if order.invoice_number is not None else None


def get_order(session: Session, *, principal: Principal, order_id: uuid.UUID) -> OrderOut:
    return order_detail(session, principal, _order(session, principal, order_id))


def transition(
    session: Session,
    *,
    principal: Principal,
    order_id: uuid.UUID,
    request: TransitionRequest,
    source_ip: str | None,
) -> OrderOut:
    order = _order(session, principal, order_id, lock=True)
    apply_transition(session, principal=principal, order=order, request=request, source_ip=source_ip)
    return order_detail(session, principal, order)


def apply_transition(
    session: Session, *, principal: Principal, order: Order, request: TransitionFields, source_ip: str | None
) -> None:
    """Moves a locked order of the wholesaler to `request.to`, or raises the reason it cannot."""
    if request.to == "cancelled":
        cancel(session, order, actor=_actor(principal), actor_user_id=principal.user_id, reason=request.note)
    else:
        if request.to == "accepted":
            gating.require_good_standing(session, order.wholesaler_id)
        data: dict[str, str | None] = {}
        if request.to == "dispatched":
            order.driver_name, order.driver_phone = request.driver_name, request.driver_phone
            order.vehicle = request.vehicle
            order.expected_delivery_date = request.expected_delivery_date
            data = {
                "driver_name": request.driver_name,
                "driver_phone": request.driver_phone,
                "vehicle": request.vehicle,
                "expected_delivery_date": str(request.expected_delivery_date),
            }
        state.move(
            session,
            order,
            request.to,
            actor=_actor(principal),
            actor_user_id=principal.user_id,
            note=request.note,
            data=data,
        )
    record_audit(
        session,
        f"order.{request.to}",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="order",
        target_id=order.id,
    )


def cancel_by_retailer(session: Session, *, principal: Principal, order_id: uuid.UUID, reason: str | None) -> OrderOut:
    order = _order(session, principal, order_id, lock=True)
    cancel(session, order, actor=state.RETAILER, actor_user_id=principal.user_id, reason=reason)
    return order_detail(session, principal, order)


def confirm_receipt(
    session: Session, *, principal: Principal, order_id: uuid.UUID, note: str | None, source_ip: str | None
) -> OrderOut:
    """The retailer says the goods arrived: a delivered order becomes completed."""
    order = _order(session, principal, order_id, lock=True)
    state.move(session, order, "completed", actor=state.RETAILER, actor_user_id=principal.user_id, note=note)
    record_audit(
        session,
        "order.completed",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="order",
        target_id=order.id,
    )
    return order_detail(session, principal, order)


def cancel(
    session: Session,
    order: Order,
    *,
    actor: str,
    actor_user_id: uuid.UUID | None,
    reason: str | None,
    event_type: str | None = None,
) -> None:
    """Cancels a locked order: the state machine decides, then stock returns and, for a
    paid order, nothing is owed to the wholesaler any more and a refund is opened for the
    retailer (the payments package owns both)."""
    was_paid = order.payment_method == "mobile_money" and order.status != "pending_payment"
    state.move(
        session, order, "cancelled", actor=actor, actor_user_id=actor_user_id, note=reason, event_type=event_type
    )
    lines = repository.order_lines(session, order.id)
    return_stock(
        session,
        [StockLine(product_id=ln.product_id, quantity=ln.quantity, order_id=order.id) for ln in lines],
        actor_user_id=actor_user_id,
        note=f"{order.number} cancelled",
    )
    if not was_paid:
        return
    settlements.cancel_settlement(session, order_id=order.id)
    refunds.refund_cancelled_order(
        session,
        checkout_id=order.checkout_id,
        order_id=order.id,
        order_number=order.number,
        amount=order.total,
        reason=reason or "no reason given",
    )


def record_collection(
    session: Session,
    *,
    principal: Principal,
    order_id: uuid.UUID,
    request: CollectionRequest,
    source_ip: str | None,
) -> OrderOut:
    order = _order(session, principal, order_id, lock=True)
    if order.payment_method != "pay_on_delivery" or order.status not in COLLECTABLE_STATUSES:
        raise CollectionNotAllowed()
    outstanding = order.total - order.amount_collected
    if request.amount > outstanding:
        raise CollectionNotAllowed(
            f"At most {order.currency} {outstanding} is outstanding on this order.",
            extra={"outstanding": str(outstanding)},
        )
    if request.method == "mobile_money" and not request.reference:
        raise ValidationFailed(
            details=[field_error("reference", "reference_required", "Give the mobile money transaction code.")]
        )
    record_collection_on_delivery(
        session,
        payer_business_id=order.retailer_id,
        order_id=order.id,
        method=request.method,
        amount=request.amount,
        currency=order.currency,
        reference=request.reference,
        recorded_by=principal.user_id,
    )
    order.amount_collected = order.amount_collected + request.amount
    order.updated_at = utcnow()
    state.record_collection_event(
        session,
        order,
        actor_user_id=principal.user_id,
        data={
            "amount": str(request.amount),
            "currency": order.currency,
            "method": request.method,
            "reference": request.reference,
            "recorded_by": repository.user_name(session, principal.user_id),
        },
    )
    record_audit(
        session,
        "order.collection_recorded",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="order",
        target_id=order.id,
        details={"amount": str(request.amount), "method": request.method},
    )
    return order_detail(session, principal, order)


def reorder(session: Session, *, principal: Principal, order_id: uuid.UUID) -> ReorderOut:
    order = _order(session, principal, order_id)
    skipped: list[ReorderSkipped] = []
    lines = repository.order_lines(session, order.id)
    products = repository.visible_products_by_id(session, [line.product_id for line in lines])
    to_add: list[tuple[Product, int]] = []
    for line in lines:
        product = products.get(line.product_id)
        if product is None:
            skipped.append(
                ReorderSkipped(
                    product_id=line.product_id, name=line.name, reason="unavailable", message="No longer sold."
                )
            )
            continue
        quantity = _orderable(line.quantity, product.min_order_qty, product.order_increment)
        if product.stock_on_hand < quantity:
            skipped.append(
                ReorderSkipped(
                    product_id=line.product_id,
                    name=line.name,
                    reason="insufficient_stock",
                    message=f"Only {product.stock_on_hand} in stock.",
                )
            )
            continue
        if quantity != line.quantity:
            skipped.append(
                ReorderSkipped(
                    product_id=line.product_id,
                    name=line.name,
                    reason="quantity_adjusted",
                    message=f"Added {quantity} instead of {line.quantity} to fit the wholesaler's order steps.",
                )
            )
        to_add.append((product, quantity))
    cart_service.set_quantities(session, principal=principal, lines=to_add)
    cart = cart_service.priced_cart(session, principal=principal)
    return ReorderOut(cart=cart.to_schema(), added=len(to_add), skipped=skipped)


def _orderable(quantity: int, min_order_qty: int, increment: int) -> int:
    if quantity <= min_order_qty:
        return min_order_qty
    steps = -(-(quantity - min_order_qty) // increment)
    return min_order_qty + steps * increment
