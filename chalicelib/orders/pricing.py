"""Pure ordering rules: valid quantities, delivery fees. No I/O. (Tier prices and money
rounding are the catalog's: `chalicelib.catalog.pricing`.)"""

from __future__ import annotations

from decimal import Decimal

from chalicelib.catalog.pricing import money

__all__ = ["delivery_fee", "money", "nearest_valid_quantities"]


def nearest_valid_quantities(quantity: int, min_order_qty: int, increment: int) -> list[int] | None:
    """None when `quantity` is orderable; otherwise the valid quantities just below and above it."""
    if quantity >= min_order_qty and (quantity - min_order_qty) % increment == 0:
        return None
    if quantity < min_order_qty:
        return [min_order_qty]
    steps = (quantity - min_order_qty) // increment
    lower = min_order_qty + steps * increment
    return [lower, lower + increment]


def delivery_fee(*, method: str, fee: Decimal, free_threshold: Decimal | None, subtotal: Decimal) -> Decimal:
    if method != "delivery":
        return Decimal("0.00")
    if free_threshold is not None and subtotal >= free_threshold:
        return Decimal("0.00")
    return money(fee)
