"""The charge for upgrading in the middle of a period, in exact integer arithmetic.

    charge = (new_price - old_price) * seconds_remaining / seconds_in_period

rounded half-up to the cent (the currency's minor unit), where

- `new_price`, `old_price` are the list prices of the new and the current plan for the
  subscription's billing interval, as listed at the moment of the upgrade;
- `seconds_in_period` = whole seconds from the current period's start to its end;
- `seconds_remaining` = whole seconds from the upgrade to the period's end (a started
  second counts as used, so the customer is never charged for a second already past).

The computation uses integers only (cents x seconds), then one division whose remainder
decides the rounding: no float and no intermediate Decimal rounding. Examples: a monthly
upgrade from 1,000.00 to 2,500.00 with 15 of 30 days left charges 750.00; with 1/3 of the
period left, 500.00; with 10 of 31 days left, 1,500.00 x 10/31 = 483.870967... -> 483.87.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

CENT = Decimal("0.01")
_SECOND = timedelta(seconds=1)


def whole_seconds(span: timedelta) -> int:
    return span // _SECOND


def prorated_charge(
    *, old_price: Decimal, new_price: Decimal, period_start: datetime, period_end: datetime, now: datetime
) -> Decimal:
    """The prorated difference owed for the rest of the period (0.00 when nothing is owed)."""
    total = whole_seconds(period_end - period_start)
    remaining = max(0, min(total, whole_seconds(period_end - now)))
    difference_cents = int((new_price - old_price) / CENT)
    if total <= 0 or remaining == 0 or difference_cents <= 0:
        return Decimal("0.00")
    quotient, remainder = divmod(difference_cents * remaining, total)
    if 2 * remainder >= total:
        quotient += 1
    return (Decimal(quotient) * CENT).quantize(CENT)
