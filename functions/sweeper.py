"""The `sweeper` Lambda, fired every minute by an EventBridge schedule.

Runs a short list of housekeeping tasks, each within the invocation's time budget, and
returns what each did (`TASKS`: one entry per task). The outbox
relay runs last, so the events the other tasks record are published in the same sweep.
A failing task is logged and reported; it does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths

from chalicelib.core.db import get_session_factory
from chalicelib.core.observability import lambda_entry, logger
from chalicelib.core.relay import drain_outbox
from chalicelib.core.settings import get_settings
from chalicelib.wiring import wire_packages

wire_packages()

TimeLeft = Callable[[], int]
Task = Callable[[TimeLeft | None], dict[str, Any]]


def relay_outbox(time_left_ms: TimeLeft | None) -> dict[str, Any]:
    return drain_outbox(get_session_factory(), time_left_ms=time_left_ms)


def reconcile_payments(time_left_ms: TimeLeft | None) -> dict[str, Any]:
    """Pending payments the provider never called back about (before the expiry, so a paid one is credited)."""
    from chalicelib.payments.events import reconcile_pending_payments

    return reconcile_pending_payments(time_left_ms)


def expire_unpaid_orders(time_left_ms: TimeLeft | None) -> dict[str, Any]:
    from chalicelib.core.db import unit_of_work
    from chalicelib.orders.expiry import expire_unpaid_orders as expire

    with unit_of_work() as uow:
        expired = expire(uow.session)
        uow.commit()
    return {"expired": expired}


TASKS: dict[str, Task] = {
    "reconcile_payments": reconcile_payments,
    "expire_unpaid_orders": expire_unpaid_orders,
    "relay_outbox": relay_outbox,
}


def _time_left(context: Any) -> TimeLeft | None:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return None
    margin = get_settings().sweeper_time_margin_ms
    return lambda: int(remaining()) - margin


def sweep(event: dict[str, Any], context: Any) -> dict[str, Any]:
    time_left = _time_left(context)
    summary: dict[str, Any] = {}
    for name, task in TASKS.items():
        if time_left is not None and time_left() <= 0:
            summary[name] = {"skipped": "deadline"}
            continue
        try:
            summary[name] = task(time_left)
        except Exception as exc:
            logger.exception("sweeper task failed", extra={"task": name})
            summary[name] = {"error": type(exc).__name__}
    logger.info("sweep finished", extra={"summary": summary, "trigger": event.get("id")})
    return summary


handler = lambda_entry(sweep, correlation_id_path=correlation_paths.EVENT_BRIDGE)
