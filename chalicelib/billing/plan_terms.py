"""An admin's change to a plan's price, limits or features applies to each subscriber from
its next period; until then the subscriber keeps the terms in force when its current period
started. New subscribers, and the plan's page, get the new terms at once.

Changing a plan copies its replaced terms to `plan_terms` with `valid_until` = the moment of
the change. A subscription's terms are those of the first such copy still valid when its
current period started, else the plan's own: so a subscriber whose period started before one
or more changes keeps the terms of that start, and takes the plan's terms when it renews (its
new period starts after the change). The renewal invoice is priced from the plan itself, as
it bills the next period.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chalicelib.billing.models import Plan, PlanTerms, Subscription, SubscriptionHistory
from chalicelib.core.clock import utcnow

PLAN_MOVES = ("upgraded", "changed_during_trial")
"""History reasons of a subscription moved to another plan within its period."""
TERMS_FIELDS = (
    "price_monthly",
    "price_yearly",
    "max_active_products",
    "max_staff_users",
    "max_orders_per_month",
    "pay_on_delivery",
    "sales_reports",
)


class Terms(Protocol):
    max_active_products: int | None
    max_staff_users: int | None
    max_orders_per_month: int | None
    pay_on_delivery: bool
    sales_reports: bool

    def price(self, interval: str) -> Decimal: ...


def keep_replaced_terms(session: Session, plan: Plan) -> None:
    """Call before changing any of `TERMS_FIELDS` of `plan`."""
    session.add(PlanTerms(plan_id=plan.id, valid_until=utcnow(), **{f: getattr(plan, f) for f in TERMS_FIELDS}))


def terms_in_force(session: Session, subscription: Subscription, plan: Plan) -> Terms:
    """`plan` is the subscription's plan. A subscriber that moved to it during the period (an
    upgrade, a change in trial) took the terms it had then, not at the period's start."""
    kept = _first_kept_after(session, plan, subscription.current_period_start)
    if kept is None:
        return plan
    moved_at = session.scalar(
        select(func.max(SubscriptionHistory.created_at)).where(
            SubscriptionHistory.subscription_id == subscription.id,
            SubscriptionHistory.reason.in_(PLAN_MOVES),
            SubscriptionHistory.created_at > subscription.current_period_start,
        )
    )
    if moved_at is not None:
        kept = _first_kept_after(session, plan, moved_at)
    return kept if kept is not None else plan


def _first_kept_after(session: Session, plan: Plan, moment: datetime) -> PlanTerms | None:
    return session.scalar(
        select(PlanTerms)
        .where(PlanTerms.plan_id == plan.id, PlanTerms.valid_until > moment)
        .order_by(PlanTerms.valid_until)
        .limit(1)
    )
