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
opens it. The entry point wires the app (`chalicelib.wiring`) with a loader per purpose
(`register_outcome_loader`), which imports the owning package and registers its handlers the
first time a payment of that purpose is settled, described or shown: a Lambda does not import
the orders and billing packages at start for a route that may never need them. Settling a
payment of a purpose nobody registered is a wiring error and raises.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chalicelib.payments.models import Payment
    from chalicelib.payments.schemas import PaymentOrder

Hook = Callable[["Session", "Payment"], None]
SucceededHook = Callable[["Session", "Payment"], dict[str, Any] | None]
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
_loaders: dict[str, Callable[[], None]] = {}
_loading = threading.Lock()


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


def register_outcome_loader(purpose: str, load: Callable[[], None]) -> None:
    """`load()` registers the handler of `purpose` (`register_outcome_handler`); it is called once,
    when the handler is first needed."""
    _loaders[purpose] = load


def handler_for(purpose: str) -> OutcomeHandler:
    handler = _handlers.get(purpose)
    if handler is None:
        with _loading:
            load = _loaders.pop(purpose, None)
            if load is not None:
                load()
        handler = _handlers.get(purpose)
    if handler is None:
        raise UnregisteredPurpose(
            f"no outcome handler for {purpose!r} payments: the entry point must call chalicelib.wiring.wire_packages()"
        )
    return handler


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    handler = handler_for(payment.purpose)
    if handler.describe is not None:
        return handler.describe(session, payment)
    return f"PAY{payment.id.hex[:9].upper()}", payment.purpose.replace("_", " ").title()


def orders_paid_by(session: Session, payment: Payment) -> list[PaymentOrder]:
    handler = handler_for(payment.purpose)
    return handler.orders(session, payment) if handler.orders is not None else []
