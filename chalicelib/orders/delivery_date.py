"""The expected delivery date an order gets when it is placed (dispatch may set another)."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def estimated_delivery_date(placed_at: datetime, lead_time_days: int) -> date:
    """The placement day (UTC) plus the wholesaler's lead time."""
    return placed_at.date() + timedelta(days=lead_time_days)
