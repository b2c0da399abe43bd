"""The `billing` Lambda, fired every hour by an EventBridge schedule: renewals, retries,
grace and suspension, reminders (`chalicelib.billing.schedule`). It works in bounded
batches and stops starting new ones `BILLING_TIME_MARGIN_MS` before the Lambda's time
limit; the next run picks up the rest. Returns what the run did."""

from __future__ import annotations

from typing import Any

from chalicelib.billing.events import handle_schedule
from chalicelib.wiring import wire_packages

wire_packages()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_schedule(event, context)
