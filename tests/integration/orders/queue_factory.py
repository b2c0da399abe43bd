"""Orders written straight to the database, in any state, for the queue's tests.

Checkout is exercised by its own tests; the queue reads orders, so these tests place them
with the columns a real order would have (a checkout row, lines that add up).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from itertools import count

from sqlalchemy.orm import Session

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.orders.models import Checkout, Order, OrderLine
from tests.support.factories import Actor

_numbers = count(900_001)


def make_order(
    db: Session,
    *,
    retailer: Actor,
    wholesaler_id: uuid.UUID,
    status: str = "placed",
    payment_method: str = "pay_on_delivery",
    lines: list[tuple[Product, int]] | None = None,
    amount_collected: str = "0.00",
    expected_delivery_date: date | None = None,
    placed_at: datetime | None = None,
    created_at: datetime | None = None,
    delivery_method: str = "delivery",
    never_placed: bool = False,
) -> Order:
    created = created_at or utcnow()
    checkout = Checkout(
        id=uuid.uuid4(),
        retailer_id=retailer.business.id,
        idempotency_key=str(uuid.uuid4()),
        request_hash="0" * 64,
        created_by=retailer.user.id,
        created_at=created,
    )
    db.add(checkout)
    db.flush()
    order_id = uuid.uuid4()
    order_lines = [
        OrderLine(
            id=uuid.uuid4(),
            order_id=order_id,
            product_id=product.id,
            sku=product.sku,
            name=product.name,
            unit_of_sale=product.unit_of_sale,
            unit_price=Decimal("100.00"),
            quantity=quantity,
            line_total=Decimal("100.00") * quantity,
        )
        for product, quantity in (lines or [])
    ]
    subtotal = sum((line.line_total for line in order_lines), Decimal("0.00")) or Decimal("100.00")
    order = Order(
        id=order_id,
        number=f"ORD-{next(_numbers):06d}",
        checkout_id=checkout.id,
        retailer_id=retailer.business.id,
        wholesaler_id=wholesaler_id,
        status=status,
        payment_method=payment_method,
        currency="KES",
        subtotal=subtotal,
        delivery_fee=Decimal("0.00"),
        total=subtotal,
        amount_collected=Decimal(amount_collected),
        delivery_method=delivery_method,
        delivery_address={"line": "Moi Avenue 1", "city": "Nairobi", "region": "Nairobi", "country": "KE"}
        if delivery_method == "delivery"
        else None,
        delivery_lead_time_days=1,
        expected_delivery_date=expected_delivery_date,
        placed_at=None if never_placed or status == "pending_payment" else (placed_at or created),
        created_at=created,
        updated_at=created,
    )
    db.add(order)
    db.flush()
    db.add_all(order_lines)
    db.flush()
    return order
