"""The one place where packages that must not import each other are connected.

Packages depend one way (`chalicelib/__init__.py`): a lower package that needs a higher one
to act declares a port, and the entry points (`app.py`, the function modules) plug the
higher packages' implementations in here, once per process:

- accounts asks billing whether a business may add a staff user (`accounts.seats`);
- billing counts a wholesaler's active products (inventory) and a retailer's orders of
  the month (orders) for its plan limits (`billing.gating`);
- payments calls the handler of a settled payment's purpose: orders for a checkout,
  billing for a subscription (`payments.handlers`). Only the Lambdas that settle, send or
  show payments wire those (`payment_purposes=True`).

The ports import their implementations when first called, and the payment purposes register
their handlers when a payment of theirs is first settled, described or shown (the handlers
import much of orders and billing), so wiring costs a Lambda nothing at start.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

_wired: set[str] = set()


def _check_staff_seat(session: Session, business_id: uuid.UUID) -> None:
    from chalicelib.billing.gating import check_staff_seat

    check_staff_seat(session, business_id)


def _count_active_products(session: Session, wholesaler_id: uuid.UUID) -> int:
    from chalicelib.inventory.repository import count_active_products

    return count_active_products(session, wholesaler_id)


def _count_orders_since(session: Session, retailer_id: uuid.UUID, since: datetime) -> int:
    from chalicelib.orders.repository import count_orders_since

    return count_orders_since(session, retailer_id, since)


def _register_checkout_outcomes() -> None:
    from chalicelib.orders.payment_outcomes import register_checkout_outcomes

    register_checkout_outcomes()


def _register_subscription_outcomes() -> None:
    from chalicelib.billing.payment_outcomes import register_subscription_outcomes

    register_subscription_outcomes()


def wire_packages(*, payment_purposes: bool = True) -> None:
    from chalicelib.accounts import seats
    from chalicelib.billing import usage_ports

    if "ports" not in _wired:
        seats.staff_seat_check.plug(_check_staff_seat)
        usage_ports.active_products_counter.plug(_count_active_products)
        usage_ports.orders_counter.plug(_count_orders_since)
        _wired.add("ports")
    if payment_purposes and "payment_purposes" not in _wired:
        from chalicelib.payments.handlers import register_outcome_loader

        register_outcome_loader("checkout", _register_checkout_outcomes)
        register_outcome_loader("subscription", _register_subscription_outcomes)
        _wired.add("payment_purposes")
