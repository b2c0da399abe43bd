"""The one place that reads the wall clock, so tests can travel in time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def utcnow() -> datetime:
    return datetime.now(UTC)


def start_of_day(day: date) -> datetime:
    """Midnight UTC of `day`: the ledgers and reports cut days in UTC."""
    return datetime.combine(day, time.min, tzinfo=UTC)
