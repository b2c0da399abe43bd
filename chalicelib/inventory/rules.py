"""Product rules shared by the JSON API and the CSV import: GTIN check digits and price tiers.

Pure functions without I/O. Problems are answered as error details (`field`, `code`,
`message`) so one request can report all of them at once; field names follow the request
body (`tiers.1.unit_price`), and each message also says which tier it is about, because
the CSV import reports them under its `tiers` column.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from chalicelib.core.errors import field_error

GTIN_LENGTHS = (8, 12, 13, 14)
MAX_TIERS = 10
MAX_UNIT_PRICE = Decimal("999999999.99")
CENT = Decimal("0.01")


class TierLike(Protocol):
    @property
    def min_quantity(self) -> int: ...

    @property
    def unit_price(self) -> Decimal: ...


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit of the digits before it: weights 3, 1, 3, ... from the right."""
    total = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin_problem(value: str) -> str | None:
    """Why `value` is not a GTIN-8/12/13/14, or None when it is one."""
    if not value.isascii() or not value.isdigit() or len(value) not in GTIN_LENGTHS:
        return "A GTIN has 8, 12, 13 or 14 digits."
    if gtin_check_digit(value[:-1]) != int(value[-1]):
        return "The check digit of this GTIN is wrong; check the barcode number."
    return None


def price_problem(price: Decimal) -> tuple[str, str] | None:
    """(code, message) when a unit price is not a positive amount with at most 2 decimals."""
    if not price.is_finite() or price <= 0:
        return "not_positive", "The unit price must be greater than zero."
    if price > MAX_UNIT_PRICE:  # before quantize(), which cannot represent huge values
        return "too_large", f"A unit price is at most {MAX_UNIT_PRICE}."
    if price != price.quantize(CENT):
        return "too_many_decimals", "A price has at most 2 decimal places."
    return None


def tier_problems(tiers: Sequence[TierLike], *, min_order_qty: int, field: str = "tiers") -> list[dict[str, str]]:
    """Every problem of a price list: tier 1 starts at the minimum order quantity, quantities
    strictly increase, unit prices are positive, have at most 2 decimals and never rise."""
    if not tiers:
        return [field_error(field, "tiers_required", "Give at least one price tier.")]
    if len(tiers) > MAX_TIERS:
        return [field_error(field, "too_many_tiers", f"Give at most {MAX_TIERS} price tiers.")]
    problems: list[dict[str, str]] = []
    for index, tier in enumerate(tiers):
        name = f"Tier {index + 1}"
        if tier.min_quantity < 1:
            problems.append(
                field_error(
                    f"{field}.{index}.min_quantity", "not_positive", f"{name}: the quantity must be at least 1."
                )
            )
        price = price_problem(tier.unit_price)
        if price is not None:
            problems.append(field_error(f"{field}.{index}.unit_price", price[0], f"{name}: {price[1]}"))
        if index == 0:
            if tier.min_quantity != min_order_qty:
                problems.append(
                    field_error(
                        f"{field}.0.min_quantity",
                        "first_tier_not_moq",
                        f"Tier 1 must start at the minimum order quantity ({min_order_qty}), not {tier.min_quantity}.",
                    )
                )
            continue
        previous = tiers[index - 1]
        if tier.min_quantity <= previous.min_quantity:
            problems.append(
                field_error(
                    f"{field}.{index}.min_quantity",
                    "quantities_not_increasing",
                    f"{name} starts at {tier.min_quantity}: quantities must increase "
                    f"(tier {index} starts at {previous.min_quantity}).",
                )
            )
        if price is None and price_problem(previous.unit_price) is None and tier.unit_price > previous.unit_price:
            problems.append(
                field_error(
                    f"{field}.{index}.unit_price",
                    "price_rises",
                    f"{name} costs {tier.unit_price}, more than tier {index}'s {previous.unit_price}: "
                    "unit prices never rise with quantity.",
                )
            )
    return problems
