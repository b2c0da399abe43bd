"""The billing run (hourly): end, expire, suspend, renew, retry and remind.

`run_billing(time_left_ms=...)` works through six tasks, each in bounded batches of
`billing_batch_size` subscriptions, one transaction (unit of work) per batch, and starts a
batch only while the time budget is positive; whatever is left waits for the next run.
Every batch claims its rows with `FOR UPDATE SKIP LOCKED`, so two runs at once split the
work, and changes them in the same transaction, so a second run in the same hour finds
nothing left to do (see `schedule_repository`).

1. end: cancelling subscriptions whose period is over become `cancelled`;
2. expire: `incomplete` ones whose first invoice was not paid within the grace period;
3. suspend: `past_due` ones whose grace period is over (`SubscriptionSuspended`), and
   trialing ones whose trial is over with their first invoice still open (a trial ended
   early whose payment failed or is still awaited) become `past_due`, as when a
   trial-end charge fails: grace period and retries on that invoice;
4. renew: trialing/active ones whose period ends within the next hour get the invoice for
   the next period (at the scheduled plan and interval if a change is scheduled) and a
   collection request;
5. retry: `past_due` ones whose retry (1, 3, 5 days after the first failure) is due get a
   new collection request for their open invoice (unless one is already in flight);
6. remind: `SubscriptionRenewalReminder` 7, 3 and 1 days before a renewal and
   `SubscriptionTrialEnding` 3 days before a trial ends, each once per period end.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.billing import outcomes, payments_port, repository, state
from chalicelib.billing import schedule_repository as due
from chalicelib.billing.models import Plan
from chalicelib.billing.periods import period_end
from chalicelib.billing.presenters import invoice_number
from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.settings import get_settings

TimeLeft = Callable[[], int]
RENEWAL_HORIZON = timedelta(hours=1)
REMINDERS = (
    # kind, status, event, days before: from, to
    ("renewal_7d", "active", "SubscriptionRenewalReminder", 7, 3),
    ("renewal_3d", "active", "SubscriptionRenewalReminder", 3, 1),
    ("renewal_1d", "active", "SubscriptionRenewalReminder", 1, 0),
    ("trial_ending", "trialing", "SubscriptionTrialEnding", 3, 0),
)


@dataclass
class RunSummary:
    started_at: datetime
    counts: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    stopped: str = "done"

    def add(self, name: str, count: int) -> None:
        if count:
            self.counts[name] = self.counts.get(name, 0) + count

    def as_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat(), "counts": dict(self.counts), "batches": self.batches,
            "stopped": self.stopped,
        }  # fmt: skip


@dataclass
class Batch:
    """One transaction's worth of work: its clock, its size, and the collections it raised."""

    now: datetime
    limit: int
    summary: RunSummary
    after: due.Position | None = None
    """Where the step's previous batch in this run stopped (keyset steps)."""
    last: due.Position | None = None
    to_send: list[uuid.UUID] = field(default_factory=list)


Step = Callable[[Session, Batch], int]


def run_billing(*, now: datetime | None = None, time_left_ms: TimeLeft | None = None, send: bool = True) -> RunSummary:
    """One run; `now` fixed at its start. Returns what it did and why it stopped.

    Collections raised by a batch are committed as pending payments first ("enqueued"),
    then, with `send`, asked of the providers before the next batch, within the time
    budget; any left unsent are sent by the payments reconciliation.
    """
    now = now or utcnow()
    summary = RunSummary(started_at=now)
    steps: list[Step] = [end_cancelled, expire_incomplete, suspend_overdue, overdue_trials, renew, retry]
    steps += [_reminder_step(*reminder) for reminder in REMINDERS]
    limit = get_settings().billing_batch_size
    for step in steps:
        position = None
        while True:
            if time_left_ms is not None and time_left_ms() <= 0:
                summary.stopped = "deadline"
                return summary
            batch = Batch(now=now, limit=limit, summary=summary, after=position)
            with unit_of_work() as uow:
                claimed = step(uow.session, batch)
                uow.commit()
            summary.batches += 1
            if send and batch.to_send:
                summary.add("collections_sent", payments_port.send_collections(batch.to_send, time_left_ms))
            position = batch.last
            if claimed < limit:
                break
    return summary


# --- status changes ---------------------------------------------------------------------


def _plans(session: Session, plan_ids: list[uuid.UUID]) -> dict[uuid.UUID, Plan]:
    return repository.plans_by_id(session, plan_ids)


def end_cancelled(session: Session, batch: Batch) -> int:
    subscriptions = due.claim_due(session, "end", now=batch.now, limit=batch.limit)
    plans = _plans(session, [s.plan_id for s in subscriptions])
    for subscription in subscriptions:
        state.move(
            session, subscription, "cancelled", reason="cancelled_at_period_end", plan=plans[subscription.plan_id]
        )
    batch.summary.add("ended", len(subscriptions))
    return len(subscriptions)


def expire_incomplete(session: Session, batch: Batch) -> int:
    subscriptions = due.claim_due(session, "expire", now=batch.now, limit=batch.limit)
    plans = _plans(session, [s.plan_id for s in subscriptions])
    due.void_open_invoices_of(session, [s.id for s in subscriptions], batch.now)
    for subscription in subscriptions:
        state.move(
            session, subscription, "expired", reason="first_payment_not_received", plan=plans[subscription.plan_id]
        )
    batch.summary.add("expired", len(subscriptions))
    return len(subscriptions)


def suspend_overdue(session: Session, batch: Batch) -> int:
    subscriptions = due.claim_due(session, "suspend", now=batch.now, limit=batch.limit)
    plans = _plans(session, [s.plan_id for s in subscriptions])
    invoices = due.open_invoices_of(session, [s.id for s in subscriptions])
    for subscription in subscriptions:
        invoice = invoices.get(subscription.id)
        owed = {}
        if invoice is not None:
            owed = {
                "invoice_id": str(invoice.id), "invoice_number": invoice_number(invoice),
                "amount": str(invoice.amount), "currency": invoice.currency,
            }  # fmt: skip
        state.move(
            session, subscription, "suspended", reason="grace_period_over", plan=plans[subscription.plan_id],
            event_type="SubscriptionSuspended", event_data={**owed, "suspended_at": batch.now.isoformat()},
        )  # fmt: skip
    batch.summary.add("suspended", len(subscriptions))
    return len(subscriptions)


def overdue_trials(session: Session, batch: Batch) -> int:
    subscriptions = due.claim_due(session, "trial_over_unpaid", now=batch.now, limit=batch.limit)
    plans = _plans(session, [s.plan_id for s in subscriptions])
    grace = timedelta(days=get_settings().billing_grace_days)
    for subscription in subscriptions:
        subscription.past_due_since = batch.now
        subscription.grace_ends_at = batch.now + grace
        state.move(session, subscription, "past_due", reason="trial_ended_unpaid", plan=plans[subscription.plan_id])
        subscription.next_retry_at = outcomes.next_retry_at(subscription, batch.now)
    batch.summary.add("trials_overdue", len(subscriptions))
    return len(subscriptions)


# --- charging ---------------------------------------------------------------------------


def renew(session: Session, batch: Batch) -> int:
    rows = due.claim_renewals(session, horizon=batch.now + RENEWAL_HORIZON, after=batch.after, limit=batch.limit)
    if not rows:
        return 0
    batch.last = (rows[-1].current_period_end, rows[-1].id)
    ends = {row.id: period_end(row.current_period_end, row.interval, row.anchor_day) for row in rows}
    inserted = due.insert_renewal_invoices(session, ends, now=batch.now, currency=get_settings().currency)
    payments = payments_port.request_collections(session, inserted, send=False)
    batch.to_send.extend(payments.values())
    free = (
        due.free_invoices(session, [i for i in inserted if i not in payments]) if len(payments) < len(inserted) else []
    )
    for invoice in free:
        subscription = repository.get_subscription(session, invoice.subscription_id)
        if subscription is None:
            raise InvariantBroken("subscription is missing")
        outcomes.settle_paid(session, subscription, invoice, payment_id=None)
    batch.summary.add("invoiced", len(inserted))
    batch.summary.add("collections_requested", len(payments))
    return len(rows)


def retry(session: Session, batch: Batch) -> int:
    rows = due.claim_retries(session, now=batch.now, limit=batch.limit)
    if not rows:
        return 0
    due.clear_retries(session, [row.id for row in rows], batch.now)
    in_flight = payments_port.invoices_with_pending_payment(session, [row.invoice_id for row in rows])
    invoice_ids = [row.invoice_id for row in rows if row.invoice_id not in in_flight]
    payments = payments_port.request_collections(session, invoice_ids, send=False)
    batch.to_send.extend(payments.values())
    batch.summary.add("retries_requested", len(payments))
    return len(rows)


# --- reminders --------------------------------------------------------------------------


def _reminder_step(kind: str, status: str, event_type: str, days_from: int, days_to: int) -> Step:
    def remind(session: Session, batch: Batch) -> int:
        now = batch.now
        rows = due.reminder_candidates(
            session, kind, status=status, ends_after=now + timedelta(days=days_to),
            ends_by=now + timedelta(days=days_from), after=batch.after, limit=batch.limit,
        )  # fmt: skip
        if not rows:
            return 0
        batch.last = (rows[-1].current_period_end, rows[-1].id)
        sent = due.send_reminders(
            session, kind, [row.id for row in rows], event_type=event_type, days_before=days_from, now=now,
            currency=get_settings().currency,
        )  # fmt: skip
        batch.summary.add(kind, sent)
        return len(rows)

    remind.__name__ = f"remind_{kind}"
    return remind
