"""The billing run over a year: monthly and yearly renewals, trials ending, reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine

from chalicelib.billing.models import BillingReminder, SubscriptionInvoice
from chalicelib.billing.periods import add_months
from tests.integration.billing.helpers import (
    events,
    history,
    invoices_of,
    make_plan,
    open_invoice,
    payments_for,
    run,
    seeded,
    settle,
    start,
    subscription_of,
)
from tests.support.api import count
from tests.support.factories import make_actor

T0 = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


def _activate(db, owner, code: str, interval: str = "month"):
    with time_machine.travel(T0, tick=False):
        start(owner, code, interval)
        subscription = subscription_of(db, owner.business.id)
        settle(open_invoice(db, subscription.id).id, succeeded=True)
    return subscription_of(db, owner.business.id)


def test_a_monthly_subscription_renews_twelve_times_in_a_year_on_its_anchor_day(db):
    make_plan(db, "wholesaler-monthly", price_monthly=Decimal("2500.00"))
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-monthly")
    expected_ends = [add_months(T0, n, 31) for n in range(1, 14)]
    assert subscription.current_period_end == expected_ends[0] == datetime(2026, 2, 28, 9, tzinfo=UTC)

    for n in range(12):
        end = expected_ends[n]
        with time_machine.travel(end - timedelta(hours=2), tick=False):
            assert run().get("invoiced", 0) == 0  # not yet within the hour
        with time_machine.travel(end - timedelta(minutes=30), tick=False):
            counts = run()
            assert (counts["invoiced"], counts["collections_requested"], counts["collections_sent"]) == (1, 1, 1)
            assert run().get("invoiced", 0) == 0  # the same hour again: nobody billed twice
            invoice = open_invoice(db, subscription.id)
            assert (invoice.kind, invoice.period_start, invoice.period_end) == ("renewal", end, expected_ends[n + 1])
            settle(invoice.id, succeeded=True)
        subscription = subscription_of(db, owner.business.id)
        assert (subscription.status, subscription.current_period_end) == ("active", expected_ends[n + 1])

    invoices = invoices_of(db, subscription.id)
    assert len(invoices) == 13
    assert [i.period_end.strftime("%m-%d") for i in invoices] == [
        "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31", "11-30", "12-31",
        "01-31", "02-28",
    ]  # fmt: skip
    assert all((i.status, i.amount) == ("paid", Decimal("2500.00")) for i in invoices)
    assert [h[2] for h in history(db, subscription.id)].count("renewed") == 12
    assert len(events(db, "SubscriptionPaymentReceived", subscription.id)) == 13


def test_a_yearly_subscription_renews_once_a_year_and_is_reminded_7_3_and_1_days_before(db):
    make_plan(db, "wholesaler-yearly", price_yearly=Decimal("25000.00"))
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-yearly", "year")
    end = datetime(2027, 1, 31, 9, tzinfo=UTC)
    assert subscription.current_period_end == end

    for moment in (T0 + timedelta(days=100), end - timedelta(days=8)):
        with time_machine.travel(moment, tick=False):
            assert run() == {}
    reminders = []
    for days, moment in (
        (7, end - timedelta(days=6, hours=23)),
        (3, end - timedelta(days=2)),
        (1, end - timedelta(hours=20)),
    ):
        with time_machine.travel(moment, tick=False):
            assert run() == {f"renewal_{days}d": 1}
            assert run() == {}
        reminders = events(db, "SubscriptionRenewalReminder", subscription.id)
        assert reminders[-1] == {
            "subscription_id": str(subscription.id), "business_id": str(owner.business.id),
            "plan_code": "wholesaler-yearly", "plan_name": "Wholesaler-Yearly", "interval": "year",
            "amount": "25000.00", "currency": "KES", "renews_at": "2027-01-31T09:00:00+00:00", "days_before": days,
        }  # fmt: skip
    assert len(reminders) == 3
    with time_machine.travel(end - timedelta(minutes=10), tick=False):
        assert run()["invoiced"] == 1
        settle(open_invoice(db, subscription.id).id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert subscription.current_period_end == datetime(2028, 1, 31, 9, tzinfo=UTC)
    assert [i.amount for i in invoices_of(db, subscription.id)] == [Decimal("25000.00")] * 2
    assert count(db, BillingReminder) == 3


def test_a_trial_is_reminded_3_days_before_it_ends_then_converts_when_paid(db):
    plans = seeded(db)
    owner = make_actor(db, "retailer")
    with time_machine.travel(T0, tick=False):
        start(owner, "retailer-basic")
    subscription = subscription_of(db, owner.business.id)
    trial_end = T0 + timedelta(days=14)
    with time_machine.travel(trial_end - timedelta(days=3, hours=1), tick=False):
        assert run() == {}
    with time_machine.travel(trial_end - timedelta(days=2, hours=23), tick=False):
        assert run() == {"trial_ending": 1}
    assert events(db, "SubscriptionTrialEnding", subscription.id) == [
        {
            "subscription_id": str(subscription.id), "business_id": str(owner.business.id),
            "plan_code": "retailer-basic", "plan_name": "Basic", "interval": "month", "amount": "500.00",
            "currency": "KES", "trial_ends_at": trial_end.isoformat(),
        }
    ]  # fmt: skip
    with time_machine.travel(trial_end - timedelta(minutes=59), tick=False):
        assert run()["invoiced"] == 1
        invoice = open_invoice(db, subscription.id)
        assert (invoice.kind, invoice.amount, invoice.plan_id) == (
            "first",
            Decimal("500.00"),
            plans["retailer-basic"].id,
        )
        assert subscription_of(db, owner.business.id).status == "trialing"  # until the money arrives
        settle(invoice.id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.current_period_start, subscription.current_period_end) == (
        "active", trial_end, add_months(trial_end, 1, trial_end.day),
    )  # fmt: skip
    assert history(db, subscription.id)[-1] == ("trialing", "active", "trial_converted")


def test_a_trial_whose_first_charge_fails_is_past_due_and_retried(db):
    seeded(db)
    owner = make_actor(db, "retailer")
    with time_machine.travel(T0, tick=False):
        start(owner, "retailer-basic")
    trial_end = T0 + timedelta(days=14)
    with time_machine.travel(trial_end - timedelta(minutes=5), tick=False):
        run()
        subscription = subscription_of(db, owner.business.id)
        settle(open_invoice(db, subscription.id).id, succeeded=False)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.next_retry_at) == (
        "past_due", trial_end - timedelta(minutes=5) + timedelta(days=1),
    )  # fmt: skip
    assert history(db, subscription.id)[-1] == ("trialing", "past_due", "payment_failed")


def test_a_renewal_is_invoiced_once_even_if_the_run_is_late(db):
    make_plan(db, "wholesaler-monthly")
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-monthly")
    with time_machine.travel(subscription.current_period_end + timedelta(hours=5), tick=False):
        assert run()["invoiced"] == 1
        assert run().get("invoiced", 0) == 0
    invoice = open_invoice(db, subscription.id)
    assert invoice.period_start == subscription.current_period_end
    assert len(payments_for(db, invoice.id)) == 1
    assert count(db, SubscriptionInvoice, SubscriptionInvoice.kind == "renewal") == 1
