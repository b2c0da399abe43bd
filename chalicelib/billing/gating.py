"""What other domains ask billing: is this business in good standing, and may it add one more?

- `require_good_standing(session, business_id)`: 402 `subscription_required` unless the
  business has a subscription that is trialing, active or past_due (retailers checking
  out, wholesalers accepting orders).
- `check_limit(session, business_id, limit_name, adding=1)`: 422 `plan_limit_reached`
  (the limit in the error's `limit`) when `adding` more would exceed the plan. It locks
  the subscription row, so two requests adding the last allowed item one at a time are
  serialised and the second sees the first (call it before writing the new item, in the
  same transaction).
- `require_feature(session, business_id, feature)`: 422 `plan_feature_not_included`.

Limits and features are those in force for the subscription's current period
(`billing.plan_terms`): an admin's change to the plan reaches a subscriber when it renews.
- `wholesaler_in_good_standing(business_id)`: a SQL predicate for catalog visibility.

Limits count: `active_products` (wholesaler's products with status active),
`staff_users` (staff invited or active; the owner is not counted), `orders_per_month`
(retailer's orders created since the start of the calendar month in UTC, placed or
awaiting their mobile money payment). Billing counts staff itself; products and orders
belong to packages above it, which count them through the ports `active_products_counter`
and `orders_counter` (`billing.usage_ports`, wired by `chalicelib.wiring`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, exists, true
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.billing import repository
from chalicelib.billing.errors import FeatureNotIncluded, PlanLimitReached, SubscriptionRequired
from chalicelib.billing.models import GOOD_STANDING, Plan, Subscription
from chalicelib.billing.plan_terms import Terms, terms_in_force
from chalicelib.billing.usage_ports import active_products_counter, orders_counter
from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.settings import get_settings

LimitName = Literal["active_products", "staff_users", "orders_per_month"]
Feature = Literal["pay_on_delivery", "sales_reports"]

LIMITS_BY_AUDIENCE: dict[str, tuple[LimitName, ...]] = {
    "wholesaler": ("active_products", "staff_users"),
    "retailer": ("staff_users", "orders_per_month"),
}


def month_start(now: datetime) -> datetime:
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _orders_this_month(session: Session, business_id: uuid.UUID) -> int:
    return orders_counter.implementation(session, business_id, month_start(utcnow()))


_COUNTERS: dict[str, Callable[[Session, uuid.UUID], int]] = {
    "active_products": lambda session, business_id: active_products_counter.implementation(session, business_id),
    "staff_users": repository.count_staff,
    "orders_per_month": _orders_this_month,
}


def check_staff_seat(session: Session, business_id: uuid.UUID) -> None:
    """The accounts package's port (`accounts.seats`): one more staff user."""
    check_limit(session, business_id, "staff_users")


def plan_limit(plan: Terms, name: str) -> int | None:
    return {
        "active_products": plan.max_active_products,
        "staff_users": plan.max_staff_users,
        "orders_per_month": plan.max_orders_per_month,
    }[name]


def current_use(session: Session, business_id: uuid.UUID, name: str) -> int:
    return _COUNTERS[name](session, business_id)


def in_good_standing(session: Session, business_id: uuid.UUID) -> bool:
    subscription = repository.live_subscription(session, business_id)
    return subscription is not None and subscription.status in GOOD_STANDING


def enforced() -> bool:
    """Gating can be switched off (SUBSCRIPTION_ENFORCEMENT=false) for a deployment that does
    not charge yet; every deployment and the test suite keep it on."""
    return get_settings().subscription_enforcement


def require_good_standing(session: Session, business_id: uuid.UUID) -> None:
    if not enforced():
        return
    subscription = repository.live_subscription(session, business_id)
    if subscription is None or subscription.status not in GOOD_STANDING:
        raise SubscriptionRequired(extra={"subscription_status": subscription.status if subscription else None})


def _plan_of(session: Session, business_id: uuid.UUID, *, lock: bool) -> tuple[Plan, Terms]:
    subscription = repository.live_subscription(session, business_id, for_update=lock)
    if subscription is None:
        raise SubscriptionRequired(extra={"subscription_status": None})
    plan = repository.get_plan(session, subscription.plan_id)
    if plan is None:
        raise InvariantBroken("plan is missing")
    return plan, terms_in_force(session, subscription, plan)


def check_limit(session: Session, business_id: uuid.UUID, limit_name: LimitName, adding: int = 1) -> None:
    if not enforced():
        return
    plan, terms = _plan_of(session, business_id, lock=True)
    limit = plan_limit(terms, limit_name)
    if limit is None or adding <= 0:
        return
    used = current_use(session, business_id, limit_name)
    if used + adding > limit:
        raise PlanLimitReached(limit_name=limit_name, limit=limit, used=used, plan_code=plan.code)


def has_feature(session: Session, business_id: uuid.UUID, feature: Feature) -> bool:
    subscription = repository.live_subscription(session, business_id)
    if subscription is None or subscription.status not in GOOD_STANDING:
        return False
    plan = repository.get_plan(session, subscription.plan_id)
    return plan is not None and bool(getattr(terms_in_force(session, subscription, plan), feature))


def require_feature(session: Session, business_id: uuid.UUID, feature: Feature) -> None:
    if not enforced():
        return
    if not has_feature(session, business_id, feature):
        raise FeatureNotIncluded(extra={"feature": feature})


def wholesaler_in_good_standing(business_id: ColumnElement[uuid.UUID] | None = None) -> ColumnElement[bool]:
    """EXISTS a subscription in good standing for `business_id` (default `businesses.id`).

    Use it where the catalog decides which wholesalers sell, e.g.
    `select(Business.id).where(Business.kind == "wholesaler", ..., wholesaler_in_good_standing())`.
    Served by the partial unique index on live subscriptions per business.
    """
    if not enforced():
        return true()
    column = business_id if business_id is not None else Business.id
    return exists().where(Subscription.business_id == column, Subscription.status.in_(GOOD_STANDING))
