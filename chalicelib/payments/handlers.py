"""What a settled payment means depends on what it paid for: a purpose dispatch.

The payments domain settles a collection (pending -> succeeded / failed) and then calls
the handler registered for the payment's `purpose`, inside the same transaction, with the
payment row locked and already updated:

    register_outcome_handler("subscription", on_succeeded, on_failed, lock_first=..., hold_until=..., describe=...)

- `on_succeeded(session, payment) -> dict | None` / `on_failed(session, payment)`: called once per
  transition (a repeated callback never calls them again). They must not commit; raising
  rolls the settlement back (the provider's message stays logged, reconciliation retries).
  `payment.failure_reason` holds the reason code (`payments.reasons`). What `on_succeeded`
  returns is added to the `PaymentSucceeded` event's payload.
- `lock_first(session, payment)`: optional; takes the purpose's own row locks *before* the
  payment row is locked (orders before payment: the order expiry takes them in that order).
- `hold_until(session, payment) -> datetime | None`: optional; until when the payer may
  still pay or retry. Reconciliation fails a payment the provider still cannot confirm past
  it. Default: created_at + UNPAID_ORDER_EXPIRY_MINUTES.
- `describe(session, payment) -> (account_reference, description)`: optional; what the
  payer sees on the phone (M-Pesa keeps 12 and 13 characters).

A Lambda that settles payments (payment_webhooks, sweeper) must have imported the
registering module: list it in `HANDLER_MODULES`, imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.settings import get_settings
from chalicelib.payments.models import Payment

Hook = Callable[[Session, Payment], None]
SucceededHook = Callable[[Session, Payment], dict[str, Any] | None]
"""May return fields to add to the `PaymentSucceeded` event (e.g. the order numbers)."""

HANDLER_MODULES: dict[str, str] = {
    "checkout": "chalicelib.payments.checkout_outcomes",
    "subscription": "chalicelib.billing.payment_outcomes",  # registers billing's handlers on import
}


@dataclass(frozen=True)
class OutcomeHandler:
    on_succeeded: SucceededHook
    on_failed: Hook
    lock_first: Hook | None = None
    hold_until: Callable[[Session, Payment], datetime | None] | None = None
    describe: Callable[[Session, Payment], tuple[str, str]] | None = None


_handlers: dict[str, OutcomeHandler] = {}


def register_outcome_handler(
    purpose: str,
    on_succeeded: SucceededHook,
    on_failed: Hook,
    *,
    lock_first: Hook | None = None,
    hold_until: Callable[[Session, Payment], datetime | None] | None = None,
    describe: Callable[[Session, Payment], tuple[str, str]] | None = None,
) -> None:
    _handlers[purpose] = OutcomeHandler(on_succeeded, on_failed, lock_first, hold_until, describe)


def _ignore(session: Session, payment: Payment) -> None:
    return None


NO_HANDLER = OutcomeHandler(on_succeeded=_ignore, on_failed=_ignore)


def handler_for(purpose: str) -> OutcomeHandler:
    """The purpose's handler; a purpose nobody registered (e.g. a collection recorded on
    delivery) has nothing to do."""
    if purpose not in _handlers and purpose in HANDLER_MODULES:
        module = HANDLER_MODULES[purpose]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name) or purpose == "checkout":
                raise  # a broken handler module, not one that is yet to be written
    return _handlers.get(purpose, NO_HANDLER)


def hold_until(session: Session, payment: Payment) -> datetime | None:
    handler = handler_for(payment.purpose)
    if handler.hold_until is not None:
        return handler.hold_until(session, payment)
    return payment.created_at + timedelta(minutes=get_settings().unpaid_order_expiry_minutes)


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    handler = handler_for(payment.purpose)
    if handler.describe is not None:
        return handler.describe(session, payment)
    return f"PAY{payment.id.hex[:9].upper()}", payment.purpose.replace("_", " ").title()
