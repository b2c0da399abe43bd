"""The billing run's SQL: bounded claims under `FOR UPDATE SKIP LOCKED`, set-based writes.

Each claim locks at most `limit` subscription rows that no other transaction holds, so
parallel runs split the work; what a claim selects is changed in the same transaction
(an invoice raised, a retry cleared, a status moved), so a later claim never selects it
again. The unique constraint on (subscription, kind, period start) is the final word on
"billed once": an INSERT that loses a race does nothing (`ON CONFLICT DO NOTHING`) and
returns no row, and only returned rows are charged.

The writes of a batch are single `INSERT ... SELECT` statements (the invoices from the
claimed subscriptions and their plans; the reminders and their outbox events in one
statement), so a batch costs a handful of round trips whatever its size.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Text,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from chalicelib.billing.models import INVOICE_DESCRIPTIONS, BillingReminder, Plan, Subscription, SubscriptionInvoice
from chalicelib.core.outbox import OutboxEvent


def _no_open_invoice() -> ColumnElement[bool]:
    return ~exists().where(SubscriptionInvoice.subscription_id == Subscription.id, SubscriptionInvoice.status == "open")


Position = tuple[datetime, uuid.UUID]


def _after(position: Position | None) -> list[ColumnElement[bool]]:
    """Keyset on (current_period_end, id): a run never rescans what its earlier batches did."""
    if position is None:
        return []
    return [tuple_(Subscription.current_period_end, Subscription.id) > tuple_(*position)]


def claim_renewals(session: Session, *, horizon: datetime, after: Position | None, limit: int) -> Sequence[Any]:
    """Trialing/active subscriptions whose period ends by `horizon`, not cancelling, with no
    open invoice and no invoice yet for the next period: (id, current_period_end,
    anchor_day, next interval), in (current_period_end, id) order after `after`."""
    # One anti-join probing the subscription's few invoices by index (two separate ones let
    # the planner materialise every open invoice of the run and scan it per subscription).
    open_or_billed = exists().where(
        SubscriptionInvoice.subscription_id == Subscription.id,
        or_(
            SubscriptionInvoice.status == "open",
            and_(
                SubscriptionInvoice.kind != "proration",
                SubscriptionInvoice.period_start == Subscription.current_period_end,
            ),
        ),
    )
    statement = (
        select(
            Subscription.id,
            Subscription.current_period_end,
            Subscription.anchor_day,
            func.coalesce(Subscription.scheduled_interval, Subscription.interval).label("interval"),
        )
        .where(
            Subscription.status.in_(("trialing", "active")),
            Subscription.current_period_end <= horizon,
            Subscription.cancel_at_period_end.is_(False),
            ~open_or_billed,
            *_after(after),
        )
        .order_by(Subscription.current_period_end, Subscription.id)
        .limit(limit)
        .with_for_update(of=Subscription, skip_locked=True)
    )
    return session.execute(statement).all()


def _sql_template(kind: str) -> str:
    """The invoice description as a `format()` template: plan name, then interval."""
    return INVOICE_DESCRIPTIONS[kind].format(plan="%1$s", interval="%2$s")


def insert_renewal_invoices(
    session: Session, period_ends: Mapping[uuid.UUID, datetime], *, now: datetime, currency: str
) -> list[uuid.UUID]:
    """The next period's invoice for each subscription (at its scheduled plan and interval,
    if any), ending at `period_ends[id]`; returns the ids of the invoices inserted."""
    due = (
        func.unnest(
            bindparam("ids", list(period_ends), type_=ARRAY(UUID(as_uuid=True))),
            bindparam("ends", list(period_ends.values()), type_=ARRAY(DateTime(timezone=True))),
        )
        .table_valued("subscription_id", "period_end")
        .render_derived(name="due")
    )
    interval = func.coalesce(Subscription.scheduled_interval, Subscription.interval)
    trialing = Subscription.status == "trialing"
    rows = (
        select(
            func.gen_random_uuid(),
            Subscription.id,
            Subscription.business_id,
            Plan.id,
            case((trialing, "first"), else_="renewal"),
            literal("open"),
            interval,
            case(
                (trialing, func.format(_sql_template("first"), Plan.name, interval)),
                else_=func.format(_sql_template("renewal"), Plan.name, interval),
            ),
            Subscription.current_period_end,
            due.c.period_end,
            case((interval == "year", Plan.price_yearly), else_=Plan.price_monthly),
            literal(currency),
            literal(now, DateTime(timezone=True)),
        )
        .select_from(due)
        .join(Subscription, Subscription.id == due.c.subscription_id)
        .join(Plan, Plan.id == func.coalesce(Subscription.scheduled_plan_id, Subscription.plan_id))
    )
    columns = [
        "id", "subscription_id", "business_id", "plan_id", "kind", "status", "interval", "description",
        "period_start", "period_end", "amount", "currency", "created_at",
    ]  # fmt: skip
    statement = (
        pg_insert(SubscriptionInvoice)
        .from_select(columns, rows)
        .on_conflict_do_nothing()
        .returning(SubscriptionInvoice.id)
    )
    return list(session.scalars(statement))


def free_invoices(session: Session, invoice_ids: Sequence[uuid.UUID]) -> Sequence[SubscriptionInvoice]:
    """Those of `invoice_ids` with nothing to pay (a free plan)."""
    return session.scalars(
        select(SubscriptionInvoice).where(SubscriptionInvoice.id.in_(invoice_ids), SubscriptionInvoice.amount == 0)
    ).all()


def claim_retries(session: Session, *, now: datetime, limit: int) -> Sequence[Any]:
    """Past-due subscriptions whose retry is due: (id, open invoice id)."""
    statement = (
        select(Subscription.id, SubscriptionInvoice.id.label("invoice_id"))
        .join(
            SubscriptionInvoice,
            and_(SubscriptionInvoice.subscription_id == Subscription.id, SubscriptionInvoice.status == "open"),
        )
        .where(Subscription.status == "past_due", Subscription.next_retry_at <= now)
        .order_by(Subscription.next_retry_at)
        .limit(limit)
        .with_for_update(of=Subscription, skip_locked=True)
    )
    return session.execute(statement).all()


def clear_retries(session: Session, subscription_ids: Sequence[uuid.UUID], now: datetime) -> None:
    session.execute(
        update(Subscription)
        .where(Subscription.id.in_(subscription_ids))
        .values(next_retry_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def claim_due(session: Session, task: str, *, now: datetime, limit: int) -> Sequence[Subscription]:
    """Subscriptions due a status change: `end` (cancelling, period over), `expire`
    (incomplete, never paid in time), `suspend` (past due, grace over) or
    `trial_over_unpaid` (trial over, its first invoice still open)."""
    conditions: dict[str, list[ColumnElement[bool]]] = {
        "end": [
            Subscription.status.in_(("trialing", "active")),
            Subscription.cancel_at_period_end.is_(True),
            Subscription.current_period_end <= now,
            _no_open_invoice(),
        ],
        "expire": [Subscription.status == "incomplete", Subscription.grace_ends_at <= now],
        "suspend": [Subscription.status == "past_due", Subscription.grace_ends_at <= now],
        "trial_over_unpaid": [
            Subscription.status == "trialing",
            Subscription.current_period_end <= now,
            ~_no_open_invoice(),
        ],
    }
    statement = (
        select(Subscription)
        .where(*conditions[task])
        .order_by(Subscription.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    return session.scalars(statement).all()


def void_open_invoices_of(session: Session, subscription_ids: Sequence[uuid.UUID], now: datetime) -> None:
    """Voids the open invoices of all `subscription_ids` in one statement."""
    if not subscription_ids:
        return
    session.execute(
        update(SubscriptionInvoice)
        .where(SubscriptionInvoice.subscription_id.in_(subscription_ids), SubscriptionInvoice.status == "open")
        .values(status="void", voided_at=now)
        .execution_options(synchronize_session="fetch")
    )


def open_invoices_of(session: Session, subscription_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, SubscriptionInvoice]:
    if not subscription_ids:
        return {}
    rows = session.scalars(
        select(SubscriptionInvoice).where(
            SubscriptionInvoice.subscription_id.in_(subscription_ids), SubscriptionInvoice.status == "open"
        )
    )
    return {invoice.subscription_id: invoice for invoice in rows}


def iso8601(column: Any) -> ColumnElement[str]:
    """A timestamptz as Python's `datetime.isoformat()` writes it in UTC."""
    utc = func.timezone("UTC", column)
    whole = func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
    fraction = func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')
    return case((func.date_trunc("second", utc) == utc, whole), else_=fraction)


def reminder_candidates(
    session: Session,
    kind: str,
    *,
    status: str,
    ends_after: datetime,
    ends_by: datetime,
    after: Position | None,
    limit: int,
) -> Sequence[Any]:
    """Up to `limit` subscriptions in `status`, not cancelling, whose period ends in
    (`ends_after`, `ends_by`] and that have not had the reminder `kind` for this period end:
    (id, current_period_end), in that order after `after`."""
    already = exists().where(
        BillingReminder.subscription_id == Subscription.id,
        BillingReminder.kind == kind,
        BillingReminder.due_at == Subscription.current_period_end,
    )
    statement = (
        select(Subscription.id, Subscription.current_period_end)
        .where(
            Subscription.status == status,
            Subscription.cancel_at_period_end.is_(False),
            Subscription.current_period_end > ends_after,
            Subscription.current_period_end <= ends_by,
            ~already,
            *_after(after),
        )
        .order_by(Subscription.current_period_end, Subscription.id)
        .limit(limit)
    )
    return session.execute(statement).all()


def send_reminders(
    session: Session,
    kind: str,
    subscription_ids: Sequence[uuid.UUID],
    *,
    event_type: str,
    days_before: int,
    now: datetime,
    currency: str,
) -> int:
    """Records the reminder `kind` for these subscriptions' current period end (once: the
    primary key) and writes the outbox event of each one recorded, in one statement.
    Returns how many were sent."""
    if not subscription_ids:
        return 0
    rows = select(
        Subscription.id, literal(kind), Subscription.current_period_end, literal(now, DateTime(timezone=True))
    ).where(Subscription.id.in_(subscription_ids))
    sent = (
        pg_insert(BillingReminder)
        .from_select(["subscription_id", "kind", "due_at", "created_at"], rows)
        .on_conflict_do_nothing()
        .returning(BillingReminder.subscription_id)
        .cte("sent")
    )
    interval = func.coalesce(Subscription.scheduled_interval, Subscription.interval)
    moment_key = "trial_ends_at" if event_type == "SubscriptionTrialEnding" else "renews_at"
    fields: list[Any] = [
        "subscription_id", Subscription.id, "business_id", Subscription.business_id,
        "plan_code", Plan.code, "plan_name", Plan.name, "interval", interval,
        "amount", cast(case((interval == "year", Plan.price_yearly), else_=Plan.price_monthly), Text),
        "currency", literal(currency),
        moment_key, iso8601(Subscription.current_period_end),
    ]  # fmt: skip
    if moment_key == "renews_at":
        fields += ["days_before", literal(days_before)]
    events = (
        select(
            func.gen_random_uuid(),
            literal(event_type),
            literal("subscription"),
            Subscription.id,
            func.jsonb_build_object(*fields),
            literal(now, DateTime(timezone=True)),
            literal(0),
        )
        .select_from(sent)
        .join(Subscription, Subscription.id == sent.c.subscription_id)
        .join(Plan, Plan.id == func.coalesce(Subscription.scheduled_plan_id, Subscription.plan_id))
    )
    statement = (
        pg_insert(OutboxEvent)
        .from_select(
            ["id", "event_type", "aggregate_type", "aggregate_id", "payload", "occurred_at", "publish_attempts"], events
        )
        .returning(OutboxEvent.id)
    )
    return len(session.scalars(statement).all())
