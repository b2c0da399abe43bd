"""Which valid import rows would leave their product exactly as it is.

A row is unchanged when every column it sets equals what the product has: the fields of
`ProductFields`, the category, the price tiers and, when the row gives one, the stock on
hand. The comparison is on parsed values (`120` and `120.00` are the same price), so an
exported file read back counts every row as unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chalicelib.inventory.importer import ValidRow

COMPARED_FIELDS = (
    "gtin",
    "name",
    "brand",
    "description",
    "unit_of_sale",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "low_stock_threshold",
    "lead_time_days",
    "status",
)


def is_unchanged(row: ValidRow, current: Mapping[str, Any], category_slug: str) -> bool:
    fields = row.fields
    if any(getattr(fields, name) != current[name] for name in COMPARED_FIELDS):
        return False
    if category_slug != current["category_slug"]:
        return False
    if [(t.min_quantity, t.unit_price) for t in fields.tiers] != list(current["tiers"]):
        return False
    return row.stock is None or row.stock == current["stock_on_hand"]


def count_unchanged(
    valid: Sequence[ValidRow], current_by_sku: Mapping[str, Mapping[str, Any]], slugs: Mapping[int, str]
) -> int:
    """`slugs`: row number -> the category slug the row names."""
    return sum(
        1
        for row in valid
        if row.fields.sku in current_by_sku and is_unchanged(row, current_by_sku[row.fields.sku], slugs[row.number])
    )
