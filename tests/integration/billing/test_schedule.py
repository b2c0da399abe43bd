"""The billing run as a job: parallel runs split the work and bill once, batches are
bounded, the deadline is kept, the Lambda handler, and outcomes through the payments
domain's own dispatch and reconciliation."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from sqlalchemy import func, select

from chalicelib.billing import schedule
from chalicelib.billing.models import Subscription, SubscriptionHistory, SubscriptionInvoice
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.settings import get_settings
from chalicelib.payments.events import reconcile_payment
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.settle import settle_attempt
from chalicelib.payments.verification import Decision, Verdict
from tests.integration.billing.helpers import (
    make_plan,
    open_invoice,
    payments_for,
    run,
    start,
    subscription_of,
)
from tests.support.factories import make_actor, make_business
from tests.support.statements import counting_statements

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _due_subscriptions(session, plan, count: int, *, status: str = "active") -> list[uuid.UUID]:
    """`count` subscriptions whose period ends within the next hour (or past due with a retry due)."""
    ids = []
    for n in range(count):
        business = make_business(session, "wholesaler")
        subscription = Subscription(
            id=uuid.uuid4(), business_id=business.id, plan_id=plan.id, interval="month", status=status,
            current_period_start=NOW - timedelta(days=30), current_period_end=NOW + timedelta(minutes=n % 50),
            anchor_day=NOW.day, cancel_at_period_end=False, provider="sandbox", payer_phone="+254712345670",
            failed_attempts=0, created_at=NOW - timedelta(days=30), updated_at=NOW - timedelta(days=30),
        )  # fmt: skip
        if status == "past_due":
            subscription.current_period_end = NOW - timedelta(days=1)
            subscription.past_due_since = NOW - timedelta(days=1)
            subscription.grace_ends_at = NOW + timedelta(days=6)
            subscription.next_retry_at = NOW - timedelta(minutes=1)
        session.add(subscription)
        session.flush()
        if status == "past_due":
            session.add(
                SubscriptionInvoice(
                    id=uuid.uuid4(), subscription_id=subscription.id, business_id=business.id, plan_id=plan.id,
                    kind="renewal", status="open", interval="month", description="renewal",
                    period_start=subscription.current_period_end,
                    period_end=subscription.current_period_end + timedelta(days=30), amount=plan.price_monthly,
                    currency="KES", created_at=NOW - timedelta(days=1),
                )
            )  # fmt: skip
        ids.append(subscription.id)
    return ids


def _incomplete_subscriptions(session, plan, count: int, *, grace_ends_at: datetime) -> list[uuid.UUID]:
    """`count` incomplete subscriptions, each with its first invoice still open."""
    ids = []
    for _ in range(count):
        business = make_business(session, "wholesaler")
        subscription = Subscription(
            id=uuid.uuid4(), business_id=business.id, plan_id=plan.id, interval="month", status="incomplete",
            current_period_start=NOW - timedelta(days=7), current_period_end=NOW + timedelta(days=23),
            anchor_day=(NOW - timedelta(days=7)).day, cancel_at_period_end=False, provider="sandbox",
            payer_phone="+254712345670", failed_attempts=1, grace_ends_at=grace_ends_at,
            created_at=NOW - timedelta(days=7), updated_at=NOW - timedelta(days=7),
        )  # fmt: skip
        session.add(subscription)
        session.flush()
        session.add(
            SubscriptionInvoice(
                id=uuid.uuid4(), subscription_id=subscription.id, business_id=business.id, plan_id=plan.id,
                kind="first", status="open", interval="month", description="first",
                period_start=subscription.current_period_start, period_end=subscription.current_period_end,
                amount=plan.price_monthly, currency="KES", created_at=NOW - timedelta(days=7),
            )
        )  # fmt: skip
        session.flush()
        ids.append(subscription.id)
    return ids


def _sql(statements: list[str]) -> list[str]:
    """The statements that do work (not the test's own savepoints)."""
    return [s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_expiring_a_batch_costs_the_same_statements_whatever_its_size(db, monkeypatch):
    # Given one incomplete subscription past its grace period, and one still within it
    monkeypatch.setattr(get_settings(), "billing_batch_size", 10)
    plan = make_plan(db, "w-expiry", price_monthly=Decimal("2500.00"))
    alone = _incomplete_subscriptions(db, plan, 1, grace_ends_at=NOW - timedelta(minutes=1))
    waiting = _incomplete_subscriptions(db, plan, 1, grace_ends_at=NOW + timedelta(hours=1))
    with counting_statements() as for_one:
        assert schedule.run_billing(now=NOW, send=False).counts == {"expired": 1}

    # When four more expire in one batch
    batch = _incomplete_subscriptions(db, plan, 4, grace_ends_at=NOW - timedelta(minutes=1))
    with counting_statements() as for_four:
        summary = schedule.run_billing(now=NOW, send=False)

    # Then the run costs no more statements than for one: their invoices are voided by one UPDATE
    assert summary.counts == {"expired": 4}
    voids = [s for s in for_four if s.lstrip().upper().startswith("UPDATE SUBSCRIPTION_INVOICES")]
    assert len(voids) == 1
    assert len(_sql(for_four)) == len(_sql(for_one))

    # And exactly the expired subscriptions' invoices are void, as of the run
    expiring = alone + batch
    db.expire_all()
    invoices = {
        invoice.subscription_id: (invoice.status, invoice.voided_at)
        for invoice in db.scalars(select(SubscriptionInvoice).where(SubscriptionInvoice.plan_id == plan.id))
    }
    assert invoices == {**dict.fromkeys(expiring, ("void", NOW)), waiting[0]: ("open", None)}
    statuses = dict(
        db.execute(select(Subscription.id, Subscription.status).where(Subscription.plan_id == plan.id)).all()
    )
    assert statuses == {**dict.fromkeys(expiring, "expired"), waiting[0]: "incomplete"}

    # And each expiry, and only those, is in the history and the outbox
    moves = db.execute(
        select(SubscriptionHistory.subscription_id, SubscriptionHistory.from_status, SubscriptionHistory.to_status,
               SubscriptionHistory.reason)
        .where(SubscriptionHistory.subscription_id.in_(expiring + waiting))
    ).all()  # fmt: skip
    assert sorted(moves) == sorted((sid, "incomplete", "expired", "first_payment_not_received") for sid in expiring)
    changed = db.execute(
        select(OutboxEvent.aggregate_id, OutboxEvent.payload).where(
            OutboxEvent.event_type == "SubscriptionStatusChanged", OutboxEvent.aggregate_id.in_(expiring + waiting)
        )
    ).all()
    assert sorted(
        (aggregate_id, payload["to_status"], payload["reason"]) for aggregate_id, payload in changed
    ) == sorted((sid, "expired", "first_payment_not_received") for sid in expiring)


@pytest.mark.concurrency
def test_four_runs_at_once_split_the_work_and_bill_each_subscription_once(committed_db, monkeypatch):
    monkeypatch.setattr(get_settings(), "billing_batch_size", 20)
    with unit_of_work() as uow:
        plan = make_plan(uow.session, "w-parallel", price_monthly=Decimal("2500.00"))
        due = _due_subscriptions(uow.session, plan, 300)
        retrying = _due_subscriptions(uow.session, plan, 60, status="past_due")
        uow.commit()

    with ThreadPoolExecutor(max_workers=4) as pool:
        summaries = list(pool.map(lambda _: schedule.run_billing(now=NOW, send=False), range(4)))

    session = committed_db
    per_subscription = dict(
        session.execute(
            select(SubscriptionInvoice.subscription_id, func.count())
            .where(SubscriptionInvoice.kind == "renewal", SubscriptionInvoice.subscription_id.in_(due))
            .group_by(SubscriptionInvoice.subscription_id)
        ).all()
    )
    assert (len(per_subscription), set(per_subscription.values())) == (300, {1})
    payments = dict(
        session.execute(
            select(SubscriptionInvoice.subscription_id, func.count(Payment.id))
            .join(Payment, Payment.subscription_invoice_id == SubscriptionInvoice.id)
            .group_by(SubscriptionInvoice.subscription_id)
        ).all()
    )
    assert (len(payments), set(payments.values())) == (360, {1})
    assert sum(s.counts.get("invoiced", 0) for s in summaries) == 300
    assert sum(s.counts.get("retries_requested", 0) for s in summaries) == 60
    assert sum(1 for s in summaries if s.counts.get("invoiced")) >= 2  # the work was shared
    assert all(s.stopped == "done" for s in summaries)
    assert session.scalar(select(func.count()).where(Subscription.next_retry_at.is_not(None))) == 0
    assert set(retrying) <= set(payments)

    again = schedule.run_billing(now=NOW + timedelta(minutes=20), send=False)
    assert again.counts == {}


def test_a_run_works_in_bounded_batches_and_stops_at_its_deadline(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "billing_batch_size", 2)
    plan = make_plan(db, "w-batch")
    _due_subscriptions(db, plan, 5)
    checks = iter([1, 1, 1, 1, 1, 1, 0])  # end, expire, suspend, overdue trials, renew x2 ... then out of time

    first = schedule.run_billing(now=NOW, time_left_ms=lambda: next(checks), send=False)
    assert (first.stopped, first.counts, first.batches) == ("deadline", {"invoiced": 4, "collections_requested": 4}, 6)
    second = schedule.run_billing(now=NOW)
    assert (second.stopped, second.counts["invoiced"], second.counts["collections_sent"]) == ("done", 1, 1)
    assert db.scalar(select(func.count()).select_from(SubscriptionInvoice)) == 5
    assert db.scalar(select(func.count()).select_from(PaymentAttempt)) == 1  # only the second run sent


class _Context:
    """What Lambda passes: what Powertools reads, and the time left."""

    function_name = "billing"
    aws_request_id = "test"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:billing"
    memory_limit_in_mb = 512

    def __init__(self, remaining_ms: int) -> None:
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def test_the_lambda_handler_runs_the_schedule_and_respects_the_time_left(db):
    from functions.billing import handler

    plan = make_plan(db, "w-handler")
    _due_subscriptions(db, plan, 3)
    event: dict[str, Any] = {"id": "evt-1", "detail-type": "Scheduled Event", "source": "aws.events", "detail": {}}
    with time_machine.travel(NOW, tick=False):
        assert handler(event, _Context(remaining_ms=9_000)) == {
            "started_at": NOW.isoformat(), "counts": {}, "batches": 0, "stopped": "deadline",
        }  # fmt: skip
        result = handler(event, _Context(remaining_ms=600_000))
    assert (result["stopped"], result["counts"]["invoiced"], result["counts"]["collections_sent"]) == ("done", 3, 3)


def test_outcomes_through_the_payments_dispatch_and_reconciliation(db):
    make_plan(db, "w-dispatch", price_monthly=Decimal("999.00"))
    paid, declined = make_actor(db, "wholesaler"), make_actor(db, "wholesaler")
    with time_machine.travel(NOW, tick=False):
        start(paid, "w-dispatch")
        start(declined, "w-dispatch", phone="+254712345672")  # the sandbox: ...2 is insufficient funds
    for actor, verdict in ((paid, Verdict(Decision.SUCCEED, receipt="SBX1")), (declined, None)):
        invoice = open_invoice(db, subscription_of(db, actor.business.id).id)
        payment = payments_for(db, invoice.id)[0]
        attempt = db.scalars(select(PaymentAttempt).where(PaymentAttempt.payment_id == payment.id)).one()
        if verdict is not None:
            with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
                assert settle_attempt(payment, attempt.id, verdict, source="callback") == "processed"
        else:
            with time_machine.travel(NOW + timedelta(minutes=4), tick=False):
                assert reconcile_payment(payment.id) == "fail"
    assert subscription_of(db, paid.business.id).status == "active"
    refused = subscription_of(db, declined.business.id)
    assert (refused.status, refused.failed_attempts) == ("incomplete", 1)
    db.expire_all()
    assert db.get(Payment, payments_for(db, open_invoice(db, refused.id).id)[0].id).failure_reason == (
        "insufficient_funds"
    )


def test_a_free_plan_renews_without_a_payment(db):
    make_plan(db, "w-free", price_monthly=Decimal("0.00"))
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(NOW, tick=False):
        start(owner, "w-free")
    subscription = subscription_of(db, owner.business.id)
    assert subscription.status == "active"
    with time_machine.travel(subscription.current_period_end - timedelta(minutes=5), tick=False):
        assert run() == {"invoiced": 1}
    assert subscription_of(db, owner.business.id).current_period_end == datetime(2026, 8, 15, 12, tzinfo=UTC)
    assert db.scalar(select(func.count()).select_from(Payment)) == 0
