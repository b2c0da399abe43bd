"""SQL of plans, subscriptions, their invoices and the usage counted against plan limits.

Every query for a business's data is scoped by its id. The bulk statements of the billing
run are in `schedule_repository`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from chalicelib.billing.models import LIVE_STATUSES, Plan, Subscription, SubscriptionInvoice

# --- plans ------------------------------------------------------------------------------


def list_plans(session: Session, *, audience: str | None, status: str | None) -> Sequence[Plan]:
    statement = select(Plan)
    if audience is not None:
        statement = statement.where(Plan.audience == audience)
    if status is not None:
        statement = statement.where(Plan.status == status)
    return session.scalars(statement.order_by(Plan.audience, Plan.price_monthly, Plan.code)).all()


def get_plan(session: Session, plan_id: uuid.UUID, *, for_update: bool = False) -> Plan | None:
    statement = select(Plan).where(Plan.id == plan_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalars(statement).one_or_none()


def get_plan_by_code(session: Session, code: str) -> Plan | None:
    return session.scalars(select(Plan).where(Plan.code == code)).one_or_none()


def plans_by_id(session: Session, plan_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Plan]:
    if not plan_ids:
        return {}
    return {plan.id: plan for plan in session.scalars(select(Plan).where(Plan.id.in_(set(plan_ids))))}


def plan_in_use(session: Session, plan_id: uuid.UUID) -> bool:
    subscribed = exists().where(or_(Subscription.plan_id == plan_id, Subscription.scheduled_plan_id == plan_id))
    invoiced = exists().where(SubscriptionInvoice.plan_id == plan_id)
    return bool(session.scalar(select(subscribed | invoiced)))


def insert_plans_if_missing(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Adds the plans whose code is not taken yet; returns how many were added."""
    if not rows:
        return 0
    inserted = session.scalars(insert(Plan).values(list(rows)).on_conflict_do_nothing().returning(Plan.id)).all()
    return len(inserted)


# --- subscriptions ----------------------------------------------------------------------


def live_subscription(session: Session, business_id: uuid.UUID, *, for_update: bool = False) -> Subscription | None:
    statement = select(Subscription).where(
        Subscription.business_id == business_id, Subscription.status.in_(LIVE_STATUSES)
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).one_or_none()


def latest_subscription(session: Session, business_id: uuid.UUID) -> Subscription | None:
    """The live subscription, else the one that ended last."""
    live = live_subscription(session, business_id)
    if live is not None:
        return live
    return session.scalars(
        select(Subscription)
        .where(Subscription.business_id == business_id)
        .order_by(Subscription.created_at.desc(), Subscription.id.desc())
        .limit(1)
    ).first()


def get_subscription(session: Session, subscription_id: uuid.UUID, *, for_update: bool = False) -> Subscription | None:
    statement = select(Subscription).where(Subscription.id == subscription_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).one_or_none()


def had_trial(session: Session, business_id: uuid.UUID) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Subscription.business_id == business_id, Subscription.trial_end.is_not(None)))
        )
    )


# --- invoices ---------------------------------------------------------------------------


def open_invoice(
    session: Session, subscription_id: uuid.UUID, *, for_update: bool = False
) -> SubscriptionInvoice | None:
    statement = select(SubscriptionInvoice).where(
        SubscriptionInvoice.subscription_id == subscription_id, SubscriptionInvoice.status == "open"
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).one_or_none()


def get_invoice(
    session: Session, invoice_id: uuid.UUID, *, business_id: uuid.UUID | None = None, for_update: bool = False
) -> SubscriptionInvoice | None:
    """An invoice by id; with `business_id`, only that business's."""
    statement = select(SubscriptionInvoice).where(SubscriptionInvoice.id == invoice_id)
    if business_id is not None:
        statement = statement.where(SubscriptionInvoice.business_id == business_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).one_or_none()


def list_invoices(
    session: Session, business_id: uuid.UUID, *, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> Sequence[Row[SubscriptionInvoice, Plan]]:
    """Newest first, keyset-paginated on (created_at, id)."""
    statement = (
        select(SubscriptionInvoice, Plan)
        .join(Plan, Plan.id == SubscriptionInvoice.plan_id)
        .where(SubscriptionInvoice.business_id == business_id)
    )
    if after is not None:
        created_at, invoice_id = after
        statement = statement.where(
            or_(
                SubscriptionInvoice.created_at < created_at,
                and_(SubscriptionInvoice.created_at == created_at, SubscriptionInvoice.id < invoice_id),
            )
        )
    statement = statement.order_by(SubscriptionInvoice.created_at.desc(), SubscriptionInvoice.id.desc()).limit(limit)
    return session.execute(statement).all()


def void_open_invoices(session: Session, subscription_id: uuid.UUID, now: datetime) -> None:
    session.execute(
        update(SubscriptionInvoice)
        .where(SubscriptionInvoice.subscription_id == subscription_id, SubscriptionInvoice.status == "open")
        .values(status="void", voided_at=now)
        .execution_options(synchronize_session="fetch")
    )


# --- usage ------------------------------------------------------------------------------


def count_staff(session: Session, business_id: uuid.UUID) -> int:
    return _count(
        session, User.id, User.business_id == business_id, User.role == "staff", User.status.in_(("invited", "active"))
    )


def _count(session: Session, column: Any, *conditions: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count(column)).where(*conditions)) or 0)
