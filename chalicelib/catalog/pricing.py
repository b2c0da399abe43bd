"""The tier price rule and money rounding, shared by the catalog's offers and the retailer's
cart and checkout. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """An amount in the currency's smallest unit, halves rounded up (how invoices round)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def unit_price_at(tiers: Sequence[tuple[int, Decimal]], quantity: int, *, price_at_moq: Decimal) -> Decimal:
    """The unit price of the tier with the greatest minimum quantity at or below `quantity`;
    `price_at_moq` when there is no such tier (no tiers at all, or `quantity` below every one).

    Tiers are (min_quantity, unit_price) pairs, in any order.
    """
    eligible = [(minimum, price) for minimum, price in tiers if minimum <= quantity]
    if not eligible:
        return price_at_moq
    return max(eligible)[1]
