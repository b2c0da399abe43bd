"""Checkout: the retailer's cart becomes one order per wholesaler, in one transaction.

Order of work (each step re-reads state inside the transaction):
1. claim the Idempotency-Key (a concurrent request with the same key waits for this one);
2. lock the cart, then its products in primary-key order (concurrent checkouts queue
   instead of deadlocking), price the cart afresh under those locks and compare with the
   version the retailer confirmed;
3. reserve the stock with one conditional update (a `sale` movement per line);
4. write the orders, their line snapshots, timelines, the payment (through the payments
   package) and the events; empty the cart; store the answer under the key.
Any refusal raises, and the unit of work rolls everything back, the key claim included,
so the retailer can simply try again.

For mobile money the provider is asked once this transaction commits, within the payments
package's time budget; the answer then says what the payment's state asks of the retailer
(approve on the phone, wait while we confirm it, or try again), and a replay of the same
Idempotency-Key says what it asks now.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from chalicelib.billing import gating
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.http import HeaderParam
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.outbox import record_event
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.orders import cart as cart_service
from chalicelib.orders import repository
from chalicelib.orders.cart_view import PricedCart, PricedGroup, price_cart
from chalicelib.orders.delivery_date import estimated_delivery_date
from chalicelib.orders.errors import (
    CartChanged,
    CartEmpty,
    CartHasUnavailableItems,
    EmailNotVerified,
    IdempotencyKeyReused,
    PayOnDeliveryUnavailable,
    RegionNotServed,
)
from chalicelib.orders.models import Checkout, Order, OrderEvent, OrderLine
from chalicelib.orders.pricing import money
from chalicelib.orders.schemas import CheckoutOut, CheckoutRequest, MobileMoneyPayment, OrderSummary
from chalicelib.orders.stock import StockLine, reserve_stock
from chalicelib.payments.collection import check_payer, open_collection, request_collection, step_of
from chalicelib.payments.steps import NextStep

MAX_KEY_LENGTH = 100
KEY_PATTERN = "^[!-~]([ -~]*[!-~])?$"
"""Printable ASCII, no space at either end (a UUID, say)."""
IDEMPOTENCY_KEY = HeaderParam(
    name="Idempotency-Key",
    required=True,
    description="A value unique to this checkout: the same key and body answer the first checkout again, the "
    "same key with another body 409 idempotency_key_reused.",
    schema={"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
)


def request_fingerprint(body: CheckoutRequest) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_idempotency_key(key: str | None) -> str:
    key = key or ""
    if len(key) > MAX_KEY_LENGTH or not re.fullmatch(KEY_PATTERN, key):
        raise ValidationFailed(
            "Send an Idempotency-Key header.",
            details=[
                field_error(
                    "Idempotency-Key",
                    "idempotency_key_required",
                    f"A unique value of 1 to {MAX_KEY_LENGTH} printable ASCII characters per checkout.",
                )
            ],
        )
    return key


def place_checkout(
    session: Session, *, principal: Principal, idempotency_key: str | None, body: CheckoutRequest
) -> CheckoutOut:
    key = check_idempotency_key(idempotency_key)
    if not principal.email_verified:
        raise EmailNotVerified()
    if isinstance(body.payment, MobileMoneyPayment):
        check_payer(body.payment.provider, body.payment.payer_phone)  # refused before anything is written
    retailer_id = principal.require_business_id()
    fingerprint = request_fingerprint(body)
    checkout_id = uuid.uuid4()
    claimed = repository.claim_checkout(
        session,
        checkout_id=checkout_id,
        retailer_id=retailer_id,
        key=key,
        request_hash=fingerprint,
        user_id=principal.user_id,
    )
    if not claimed:
        return _replay(session, retailer_id, key, fingerprint)

    gating.require_good_standing(session, retailer_id)
    cart = repository.get_or_create_cart(session, retailer_id, lock=True)
    repository.lock_products(session, repository.cart_product_ids(session, cart.id))
    priced = price_cart(session, cart, cart_service.retailer_of(session, principal), get_settings().currency)
    _check_cart(priced, body)
    gating.check_limit(session, retailer_id, "orders_per_month", adding=len(priced.groups))
    now = utcnow()
    settings = get_settings()
    pay_on_delivery = body.payment.method == "pay_on_delivery"
    orders = _new_orders(session, priced, checkout_id, retailer_id, pay_on_delivery=pay_on_delivery)

    stock_lines = [
        StockLine(product_id=line.product_id, quantity=line.quantity, order_id=order.id)
        for order, group in zip(orders, priced.groups, strict=True)
        for line in group.lines
    ]
    reserve_stock(session, stock_lines, actor_user_id=principal.user_id)

    if pay_on_delivery:
        invoices = repository.next_invoice_numbers(session, [order.wholesaler_id for order in orders])
        for order in orders:
            order.invoice_number = invoices[order.wholesaler_id]
            order.placed_at = now
            order.expected_delivery_date = estimated_delivery_date(now, order.delivery_lead_time_days)
    else:
        hold_until = now + timedelta(minutes=settings.unpaid_order_expiry_minutes)
        for order in orders:
            order.expires_at = hold_until
    session.add_all(orders)
    session.flush()
    _write_lines_and_timeline(session, orders, priced, principal.user_id)

    if isinstance(body.payment, MobileMoneyPayment):
        payment = open_collection(
            session,
            payer_business_id=retailer_id,
            purpose="checkout",
            provider=body.payment.provider,
            payer_phone=body.payment.payer_phone,
            amount=money(priced.grand_total),
            currency=priced.currency,
            hold_until=hold_until,
            checkout_id=checkout_id,
        )
        result = _answer(checkout_id, orders, priced, payment.id)
        request_collection(session, payment, then=lambda step: _follow(result, step))
    else:
        for order, group in zip(orders, priced.groups, strict=True):
            _announce_placed(session, order, group)
        _confirm_to_retailer(session, checkout_id, retailer_id, orders, priced)
        result = _answer(checkout_id, orders, priced, None)

    repository.empty_cart(session, priced.cart_id)
    checkout = session.get(Checkout, checkout_id)
    if checkout is None:
        raise InvariantBroken("checkout is missing")
    checkout.response = result.model_dump(mode="json")
    return result


def _follow(answer: CheckoutOut, step: NextStep) -> None:
    """The answer tells what the payment asks of the retailer once the provider was asked."""
    answer.payment_status = step.payment_status  # type: ignore[assignment]
    answer.next_action = step.next_action  # type: ignore[assignment]
    answer.message = step.message


def _replay(session: Session, retailer_id: uuid.UUID, key: str, fingerprint: str) -> CheckoutOut:
    existing = repository.get_checkout_by_key(session, retailer_id, key)
    if existing is None or existing.request_hash != fingerprint or existing.response is None:
        raise IdempotencyKeyReused()
    answer = CheckoutOut.model_validate(existing.response)
    if answer.payment_id is not None:
        _follow(answer, step_of(session, answer.payment_id))
    return answer


def _check_cart(priced: PricedCart, body: CheckoutRequest) -> None:
    if not priced.groups:
        raise CartEmpty()
    if priced.version != body.cart_version:
        raise CartChanged(extra={"cart": priced.to_schema().model_dump(mode="json")})
    if any(not line.available for line in priced.lines):
        raise CartHasUnavailableItems()
    if any(w.code == "region_not_served" for g in priced.groups for w in g.warnings):
        raise RegionNotServed()
    if body.payment.method == "pay_on_delivery" and not all(g.pay_on_delivery_available for g in priced.groups):
        raise PayOnDeliveryUnavailable(
            details=[
                field_error(f"wholesaler:{g.wholesaler_id}", "pay_on_delivery_unavailable", g.wholesaler_name)
                for g in priced.groups
                if not g.pay_on_delivery_available
            ]
        )


def _new_orders(
    session: Session, priced: PricedCart, checkout_id: uuid.UUID, retailer_id: uuid.UUID, *, pay_on_delivery: bool
) -> list[Order]:
    numbers = repository.next_order_numbers(session, len(priced.groups))
    return [
        Order(
            id=uuid.uuid4(),
            number=f"ORD-{number:06d}",
            checkout_id=checkout_id,
            retailer_id=retailer_id,
            wholesaler_id=group.wholesaler_id,
            status="placed" if pay_on_delivery else "pending_payment",
            payment_method="pay_on_delivery" if pay_on_delivery else "mobile_money",
            currency=priced.currency,
            subtotal=money(group.subtotal),
            delivery_fee=money(group.fee),
            total=money(group.total),
            amount_collected=Decimal("0.00"),
            delivery_method=group.method,
            delivery_address=group.address,
            delivery_lead_time_days=group.lead_time_days,
        )
        for number, group in zip(numbers, priced.groups, strict=True)
    ]


def _write_lines_and_timeline(session: Session, orders: list[Order], priced: PricedCart, user_id: uuid.UUID) -> None:
    now = utcnow()
    lines: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "order_id": order.id,
            "product_id": line.product_id,
            "sku": line.sku,
            "name": line.name,
            "unit_of_sale": line.unit_of_sale,
            "unit_price": line.unit_price,
            "quantity": line.quantity,
            "line_total": line.line_total,
        }
        for order, group in zip(orders, priced.groups, strict=True)
        for line in group.lines
    ]
    session.execute(insert(OrderLine), lines)
    session.execute(
        insert(OrderEvent),
        [
            {
                "id": uuid.uuid4(),
                "order_id": order.id,
                "from_status": None,
                "to_status": order.status,
                "actor": "retailer",
                "actor_user_id": user_id,
                "note": None,
                "data": {},
                "created_at": now,
            }
            for order in orders
        ],
    )


def _announce_placed(session: Session, order: Order, group: PricedGroup) -> None:
    announce_placed(session, order, line_count=len(group.lines))


def announce_placed(session: Session, order: Order, *, line_count: int) -> None:
    """`OrderPlaced` for the wholesaler (at checkout for payment on delivery, on payment otherwise)."""
    record_event(
        session,
        "OrderPlaced",
        aggregate_type="order",
        aggregate_id=order.id,
        payload={
            "order_id": str(order.id),
            "number": order.number,
            "business_id": str(order.wholesaler_id),
            "retailer_id": str(order.retailer_id),
            "wholesaler_id": str(order.wholesaler_id),
            "total": str(order.total),
            "currency": order.currency,
            "line_count": line_count,
            "payment_method": order.payment_method,
        },
    )


def _confirm_to_retailer(
    session: Session, checkout_id: uuid.UUID, retailer_id: uuid.UUID, orders: list[Order], priced: PricedCart
) -> None:
    """`OrdersPlaced` for the retailer of a pay-on-delivery checkout (a mobile-money one is
    confirmed by its `PaymentSucceeded`, which names the orders it placed)."""
    record_event(
        session,
        "OrdersPlaced",
        aggregate_type="checkout",
        aggregate_id=checkout_id,
        payload={
            "checkout_id": str(checkout_id),
            "business_id": str(retailer_id),
            "order_ids": [str(order.id) for order in orders],
            "order_numbers": [order.number for order in orders],
            "total": str(money(priced.grand_total)),
            "currency": priced.currency,
            "payment_method": "pay_on_delivery",
        },
    )


def _answer(
    checkout_id: uuid.UUID, orders: list[Order], priced: PricedCart, payment_id: uuid.UUID | None
) -> CheckoutOut:
    summaries = [
        OrderSummary(
            id=o.id,
            number=o.number,
            wholesaler_id=o.wholesaler_id,
            wholesaler_name=g.wholesaler_name,
            status=o.status,
            total=o.total,
        )
        for o, g in zip(orders, priced.groups, strict=True)
    ]
    if payment_id is not None:
        payment_status, next_action = "pending", "wait"
        message = (
            f"We are asking for the payment of {priced.currency} {money(priced.grand_total)}. "
            "Your orders are held until the payment is confirmed."
        )
    else:
        payment_status, next_action = None, "none"
        message = "Your orders are placed. Pay each wholesaler when your goods are delivered."
    return CheckoutOut(
        checkout_id=checkout_id,
        orders=summaries,
        grand_total=money(priced.grand_total),
        currency=priced.currency,
        payment_id=payment_id,
        payment_status=payment_status,
        next_action=next_action,
        message=message,
    )
