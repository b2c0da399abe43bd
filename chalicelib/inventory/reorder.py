"""Reorder suggestions: what to restock, how much, and how urgently.

For each active product, over the last `WINDOW_DAYS` (30) days up to now (both ends included):

* `units_sold` = units of its `sale` movements minus the units of `cancel` movements that
  gave those same sales back (same order reference); sales come from orders, which write
  `sale` movements through `chalicelib.inventory.stock`.
* `average_daily_sales` = units_sold / 30.
* `days_of_cover` = stock_on_hand / average_daily_sales = stock_on_hand * 30 / units_sold,
  null when nothing sold.
* `suggested_quantity` = the shortfall `average_daily_sales * (lead_time_days + 14) -
  stock_on_hand`, rounded UP to whole packs of `pack_size`; 0 when there is no shortfall.

* For a product at or below its low-stock threshold (the rule of the `LowStock` alert and
  of `GET /inventory/low-stock`), the quantity is at least what brings the stock to twice
  the threshold (`threshold_quantity`), in whole packs and never less than one pack: so
  every product that alerted has something to order, with or without sales history.
* `why` says in words which figures gave the quantity.

Candidates are the active products and every product the low-stock list shows (drafts
included, archived ones not).

The arithmetic is exact: the shortfall is the fraction
`(units_sold * (lead_time_days + 14) - 30 * stock_on_hand) / 30`, so the number of packs is
the integer ceiling of `numerator / (30 * pack_size)`; no rounding happens before the final
answer. Only the two displayed ratios are rounded (half up), average daily sales to 2
decimals and days of cover to 1. Most urgent first: low-stock products, then fewest days of
cover, products without sales last, then by SKU.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal
from chalicelib.inventory import repository
from chalicelib.inventory.schemas import ReorderList, ReorderSuggestion

WINDOW_DAYS = 30
EXTRA_COVER_DAYS = 14


def suggested_quantity(*, units_sold: int, stock_on_hand: int, lead_time_days: int, pack_size: int) -> int:
    numerator = units_sold * (lead_time_days + EXTRA_COVER_DAYS) - WINDOW_DAYS * stock_on_hand
    if numerator <= 0:
        return 0
    packs = -(-numerator // (WINDOW_DAYS * pack_size))
    return packs * pack_size


def threshold_quantity(*, stock_on_hand: int, threshold: int, pack_size: int) -> int:
    """Whole packs that bring the stock to twice the threshold; at least one pack."""
    missing = max(2 * threshold - stock_on_hand, 1)
    return -(-missing // pack_size) * pack_size


@dataclass(frozen=True)
class Suggestion:
    quantity: int
    why: str


def suggestion(
    *, units_sold: int, stock_on_hand: int, threshold: int, lead_time_days: int, pack_size: int
) -> Suggestion:
    low = stock_on_hand <= threshold
    by_sales = suggested_quantity(
        units_sold=units_sold, stock_on_hand=stock_on_hand, lead_time_days=lead_time_days, pack_size=pack_size
    )
    reasons = [f"stock {stock_on_hand} <= threshold {threshold}" if low else f"stock {stock_on_hand}"]
    if units_sold > 0:
        reasons.append(f"sold {units_sold} in {WINDOW_DAYS} days; {lead_time_days + EXTRA_COVER_DAYS} days lead+cover")
    else:
        reasons.append(f"no sales in {WINDOW_DAYS} days")
    quantity = by_sales
    if low:
        by_threshold = threshold_quantity(stock_on_hand=stock_on_hand, threshold=threshold, pack_size=pack_size)
        if by_threshold > by_sales:
            quantity = by_threshold
            reasons.append(f"restock to 2 x threshold = {2 * threshold}")
    if quantity > 0:
        packs = quantity // pack_size
        in_packs = f" ({packs} pack{'s' if packs > 1 else ''} of {pack_size})" if pack_size > 1 else ""
        reasons.append(f"order {quantity}{in_packs}")
    else:
        reasons.append("covered, nothing to order")
    return Suggestion(quantity=quantity, why="; ".join(reasons))


def average_daily_sales(units_sold: int) -> Decimal:
    return (Decimal(units_sold) / WINDOW_DAYS).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def days_of_cover(*, units_sold: int, stock_on_hand: int) -> Decimal | None:
    if units_sold <= 0:
        return None
    return (Decimal(stock_on_hand * WINDOW_DAYS) / units_sold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reorder_suggestions(session: Session, *, principal: Principal, limit: int) -> ReorderList:
    now = utcnow()
    rows = repository.reorder_candidates(
        session, principal.require_business_id(), since=now - timedelta(days=WINDOW_DAYS), until=now, limit=limit
    )
    return ReorderList(
        as_of=now,
        window_days=WINDOW_DAYS,
        extra_cover_days=EXTRA_COVER_DAYS,
        items=[_item(row) for row in rows],
    )


def _item(row: Any) -> ReorderSuggestion:
    advice = suggestion(
        units_sold=row.units_sold,
        stock_on_hand=row.stock_on_hand,
        threshold=row.low_stock_threshold,
        lead_time_days=row.lead_time_days,
        pack_size=row.pack_size,
    )
    return ReorderSuggestion(
        product_id=row.id,
        sku=row.sku,
        name=row.name,
        stock_on_hand=row.stock_on_hand,
        pack_size=row.pack_size,
        lead_time_days=row.lead_time_days,
        units_sold_30d=row.units_sold,
        average_daily_sales=average_daily_sales(row.units_sold),
        days_of_cover=days_of_cover(units_sold=row.units_sold, stock_on_hand=row.stock_on_hand),
        low_stock_threshold=row.low_stock_threshold,
        low_stock=row.low_stock,
        suggested_quantity=advice.quantity,
        why=advice.why,
    )
