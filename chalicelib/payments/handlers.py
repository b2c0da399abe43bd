"""What a settled payment means depends on what it paid for: a purpose dispatch (the port
through which the packages above payments act on a payment's outcome).

The payments domain settles a collection (pending -> succeeded / failed) and then calls
the handler registered for the payment's `purpose`, inside the same transaction, with the
payment row locked and already updated:

    register_outcome_handler("subscription", on_succeeded, on_failed, lock_first=..., describe=..., orders=...)

- `on_succeeded(session, payment) -> dict | None` / `on_failed(session, payment)`: called once per
  transition (a repeated callback never calls them again). They must not commit; raising
  rolls the settlement back (the provider's message stays logged, reconciliation retries).
  `payment.failure_reason` holds the reason code (`payments.reasons`). What `on_succeeded`
  returns is added to the `PaymentSucceeded` event's payload. They change the payment only
  through this package's services (e.g. `refunds.refund_late_payment`).
- `lock_first(session, payment)`: optional; takes the purpose's own row locks *before* the
  payment row is locked (orders before payment: the order expiry takes them in that order).
- `describe(session, payment) -> (account_reference, description)`: optional; what the
  payer sees on the phone (M-Pesa keeps 12 and 13 characters).
- `orders(session, payment) -> list[PaymentOrder]`: optional; the orders the payment pays
  for, shown with it.

Until when a payer may still pay or retry is the payment's own `hold_until`, set by whoever
opens it. The packages that own a purpose register their handlers when the entry point
wires the app (`chalicelib.wiring`); settling a payment of a purpose nobody
registered is a wiring error and raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.payments.models import Payment
from chalicelib.payments.schemas import PaymentOrder

Hook = Callable[[Session, Payment], None]
SucceededHook = Callable[[Session, Payment], dict[str, Any] | None]
"""May return fields to add to the `PaymentSucceeded` event (e.g. the order numbers)."""


class UnregisteredPurpose(RuntimeError):
    """The entry point did not wire the package that owns this payment purpose."""


@dataclass(frozen=True)
class OutcomeHandler:
    on_succeeded: SucceededHook
    on_failed: Hook
    lock_first: Hook | None = None
    describe: Callable[[Session, Payment], tuple[str, str]] | None = None
    orders: Callable[[Session, Payment], list[PaymentOrder]] | None = None


def _nothing(session: Session, payment: Payment) -> None:
    return None


COLLECTED_ON_DELIVERY = OutcomeHandler(on_succeeded=_nothing, on_failed=_nothing)
"""A collection a wholesaler records on delivery is never settled by a provider."""

_handlers: dict[str, OutcomeHandler] = {"order_collection": COLLECTED_ON_DELIVERY}


def register_outcome_handler(
    purpose: str,
    on_succeeded: SucceededHook,
    on_failed: Hook,
    *,
    lock_first: Hook | None = None,
    describe: Callable[[Session, Payment], tuple[str, str]] | None = None,
    orders: Callable[[Session, Payment], list[PaymentOrder]] | None = None,
) -> None:
    _handlers[purpose] = OutcomeHandler(on_succeeded, on_failed, lock_first, describe, orders)


def handler_for(purpose: str) -> OutcomeHandler:
    try:
        return _handlers[purpose]
    except KeyError:
        raise UnregisteredPurpose(
            f"no outcome handler for {purpose!r} payments: the entry point must call chalicelib.wiring.wire_packages()"
        ) from None


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    handler = handler_for(payment.purpose)
    if handler.describe is not None:
        return handler.describe(session, payment)
    return f"PAY{payment.id.hex[:9].upper()}", payment.purpose.replace("_", " ").title()


def orders_paid_by(session: Session, payment: Payment) -> list[PaymentOrder]:
    handler = handler_for(payment.purpose)
    return handler.orders(session, payment) if handler.orders is not None else []
