"""Billing's entry point outside HTTP: the hourly schedule (`functions/billing.py`)."""

from __future__ import annotations

from typing import Any

from chalicelib.billing.schedule import TimeLeft, run_billing
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings


def time_left_of(context: Any) -> TimeLeft | None:
    """The Lambda's remaining time minus `billing_time_margin_ms` (None without a context)."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return None
    margin = get_settings().billing_time_margin_ms
    return lambda: int(remaining()) - margin


def handle_schedule(event: dict[str, Any], context: Any) -> dict[str, Any]:
    summary = run_billing(time_left_ms=time_left_of(context)).as_dict()
    logger.info("billing run finished", extra={"summary": summary, "trigger": event.get("id")})
    return summary
