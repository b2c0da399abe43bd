"""Billing periods: calendar months and years, anchored to the day a subscription started.

A period ends on the same day of the month (and the same time of day, UTC) as it started.
In a shorter month it ends on that month's last day, and the next period returns to the
anchor day: a subscription started on 31 January renews on 28 (or 29) February, 31 March,
30 April, 31 May, ... A yearly period started on 29 February ends on 28 February.
"""

from __future__ import annotations

import calendar
from datetime import datetime


def add_months(moment: datetime, months: int, anchor_day: int) -> datetime:
    month_index = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(anchor_day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def period_end(start: datetime, interval: str, anchor_day: int) -> datetime:
    """The end of the period of `interval` ("month" or "year") that starts at `start`."""
    return add_months(start, 12 if interval == "year" else 1, anchor_day)
