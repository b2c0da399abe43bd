"""The `billing` Lambda, fired every hour by an EventBridge schedule: renewals, retries,
grace and suspension, reminders (`chalicelib.billing.schedule`). It works in bounded
batches and stops starting new ones `BILLING_TIME_MARGIN_MS` before the Lambda's time
limit; the next run picks up the rest. `handler` returns what the run did."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths

from chalicelib.billing.events import handle_schedule
from chalicelib.core.observability import lambda_entry
from chalicelib.wiring import wire_packages

wire_packages()


def run_billing(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_schedule(event, context)


handler = lambda_entry(run_billing, correlation_id_path=correlation_paths.EVENT_BRIDGE)
