"""Pure pricing rules: tier prices, valid quantities, delivery fees. No I/O."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def unit_price_at(tiers: Sequence[tuple[int, Decimal]], quantity: int) -> Decimal:
    """The price of the tier with the greatest minimum quantity not above `quantity`.

    Tiers are (min_quantity, unit_price) pairs; a quantity below every tier pays the first.
    """
    ordered = sorted(tiers)
    price = ordered[0][1]
    for min_quantity, unit_price in ordered:
        if min_quantity <= quantity:
            price = unit_price
    return price


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
