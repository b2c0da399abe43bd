"""The subscription state machine: the one place that changes a subscription's status.

    incomplete --first payment--> active
    trialing ---trial-end payment--> active      trialing --payment failed--> past_due
    active -----renewal failed--> past_due --grace over--> suspended
    past_due / suspended --invoice paid--> active
    incomplete / trialing / active / past_due / suspended --> cancelled (owner, or period end)
    incomplete --never paid, or replaced--> expired

`good standing` (may check out, sell, accept orders) is trialing, active or past_due.
Every move, and every change that keeps the status (a renewal, an upgrade, a scheduled
change), is written to `subscription_history` with its reason, and every move writes an
outbox event: `SubscriptionStatusChanged`, or the caller's (e.g. `SubscriptionSuspended`).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.billing.errors import InvalidSubscriptionTransition
from chalicelib.billing.models import Plan, Subscription, SubscriptionHistory
from chalicelib.core.clock import utcnow
from chalicelib.core.outbox import record_event

OWNER = "owner"
ADMIN = "admin"
SYSTEM = "system"

ENDED = frozenset({"cancelled", "expired"})

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("incomplete", "active"): frozenset({SYSTEM}),
    ("incomplete", "expired"): frozenset({SYSTEM, OWNER}),
    ("incomplete", "cancelled"): frozenset({OWNER, ADMIN}),
    ("trialing", "active"): frozenset({SYSTEM}),
    ("trialing", "past_due"): frozenset({SYSTEM}),
    ("trialing", "cancelled"): frozenset({SYSTEM, ADMIN}),
    ("active", "past_due"): frozenset({SYSTEM}),
    ("active", "cancelled"): frozenset({SYSTEM, ADMIN}),
    ("past_due", "active"): frozenset({SYSTEM}),
    ("past_due", "suspended"): frozenset({SYSTEM}),
    ("past_due", "cancelled"): frozenset({OWNER, ADMIN}),
    ("suspended", "active"): frozenset({SYSTEM}),
    ("suspended", "cancelled"): frozenset({OWNER, ADMIN}),
}


def allowed(current: str, target: str, actor: str) -> bool:
    return actor in TRANSITIONS.get((current, target), frozenset())


def move(
    session: Session,
    subscription: Subscription,
    target: str,
    *,
    reason: str,
    plan: Plan,
    actor: str = SYSTEM,
    actor_user_id: uuid.UUID | None = None,
    data: dict[str, Any] | None = None,
    event_type: str = "SubscriptionStatusChanged",
    event_data: dict[str, Any] | None = None,
) -> None:
    """Moves `subscription` (locked by the caller) to `target`, or raises."""
    current = subscription.status
    if not allowed(current, target, actor):
        raise InvalidSubscriptionTransition(
            f"A subscription that is {current.replace('_', ' ')} cannot become {target.replace('_', ' ')}.",
            extra={"current_status": current},
        )
    now = utcnow()
    subscription.status = target
    subscription.updated_at = now
    if target in ENDED:
        subscription.ended_at = now
        subscription.cancel_at_period_end = False
        subscription.scheduled_plan_id = None
        subscription.scheduled_interval = None
    if target in ENDED or target == "active":
        subscription.next_retry_at = None
        subscription.grace_ends_at = None
        subscription.past_due_since = None
        subscription.failed_attempts = 0
    if target == "suspended":
        subscription.next_retry_at = None
    record(session, subscription, reason, from_status=current, actor=actor, actor_user_id=actor_user_id, data=data)
    record_event(
        session,
        event_type,
        aggregate_type="subscription",
        aggregate_id=subscription.id,
        payload={
            "subscription_id": str(subscription.id),
            "business_id": str(subscription.business_id),
            "from_status": current,
            "to_status": target,
            "reason": reason,
            "plan_code": plan.code,
            "plan_name": plan.name,
            **(event_data or {}),
        },
    )


def record(
    session: Session,
    subscription: Subscription,
    reason: str,
    *,
    from_status: str | None,
    actor: str = SYSTEM,
    actor_user_id: uuid.UUID | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """One history row (`from_status` None: the subscription was just created)."""
    session.add(
        SubscriptionHistory(
            id=uuid.uuid4(),
            subscription_id=subscription.id,
            from_status=from_status,
            to_status=subscription.status,
            reason=reason,
            actor=actor,
            actor_user_id=actor_user_id,
            data=data or {},
            created_at=utcnow(),
        )
    )
