"""Orders as the API shows them in lists (the queue) and as the head of an order's page."""

from __future__ import annotations

import uuid

from chalicelib.orders.models import Order
from chalicelib.orders.payment_state import payment_state
from chalicelib.orders.schemas import OrderListItem, OrderPaymentRef


def order_payment_state(order: Order) -> str:
    return payment_state(
        payment_method=order.payment_method,
        status=order.status,
        placed_at=order.placed_at,
        amount_collected=order.amount_collected,
        total=order.total,
    )


def list_item(
    order: Order,
    *,
    retailer_name: str,
    wholesaler_name: str,
    line_count: int,
    payments: dict[uuid.UUID, OrderPaymentRef],
) -> OrderListItem:
    return OrderListItem(
        id=order.id,
        number=order.number,
        status=order.status,
        retailer_id=order.retailer_id,
        retailer_name=retailer_name,
        wholesaler_id=order.wholesaler_id,
        wholesaler_name=wholesaler_name,
        payment_method=order.payment_method,
        payment_status=order_payment_state(order),
        total=order.total,
        currency=order.currency,
        line_count=line_count,
        expected_delivery_date=order.expected_delivery_date,
        placed_at=order.placed_at,
        created_at=order.created_at,
        payment=payments.get(order.checkout_id),
    )
