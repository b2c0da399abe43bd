"""Upgrades (at once, prorated to the cent), downgrades and interval changes (at the period
end), refusals over the new limits, cancelling and resuming."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.billing import gating
from chalicelib.billing.models import SubscriptionInvoice
from chalicelib.billing.proration import prorated_charge
from chalicelib.payments.models import Payment
from tests.integration.billing.helpers import (
    events,
    history,
    invoices_of,
    make_plan,
    open_invoice,
    run,
    seeded,
    settle,
    start,
    subscription_of,
)
from tests.support.api import count
from tests.support.factories import make_actor, make_product, signed_in, staff_of

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)  # a 31-day period: 2,678,400 seconds


@pytest.mark.parametrize(
    ("old", "new", "now", "expected"),
    [
        ("1000.00", "2500.00", T0 + timedelta(days=21), "483.87"),  # 1500 x 10/31 = 483.870967...
        ("1000.00", "2500.00", T0 + timedelta(days=21, microseconds=1), "483.87"),  # a started second is used
        ("1000.00", "2500.00", T0 + timedelta(days=15, hours=12), "750.00"),  # exactly half
        ("10.00", "10.05", T0 + timedelta(days=15, hours=12), "0.03"),  # 2.5 cents: half-up, not to even
        ("10.00", "10.03", T0 + timedelta(days=15, hours=12), "0.02"),  # 1.5 cents
        ("10.00", "10.01", T0 + timedelta(days=30, hours=23, minutes=59), "0.00"),  # 0.00134 cents
        ("1000.00", "2500.00", T0, "1500.00"),  # the whole period
        ("1000.00", "2500.00", END, "0.00"),  # nothing left
        ("2500.00", "1000.00", T0, "0.00"),  # never negative
    ],
)
def test_the_proration_formula(old, new, now, expected):
    charge = prorated_charge(old_price=Decimal(old), new_price=Decimal(new), period_start=T0, period_end=END, now=now)
    assert str(charge) == expected


@pytest.fixture
def active(db):
    plans = {
        "basic": make_plan(db, "w-basic", price_monthly=Decimal("1000.00"), price_yearly=Decimal("10000.00"),
                           max_active_products=2, max_staff_users=1),
        "pro": make_plan(db, "w-pro", price_monthly=Decimal("2500.00"), price_yearly=Decimal("25000.00"),
                         max_active_products=10, max_staff_users=5, pay_on_delivery=True),
    }  # fmt: skip
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        start(owner, "w-basic")
        settle(open_invoice(db, subscription_of(db, owner.business.id).id).id, succeeded=True)
    return owner, plans


def test_an_upgrade_applies_at_once_and_charges_the_prorated_difference(api, db, active):
    owner, plans = active
    with time_machine.travel(T0 + timedelta(days=21), tick=False):
        r = api.post("/subscription/change", {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
    assert r.status_code == 200, r.json_body
    body = r.json_body
    assert (body["subscription"]["plan"]["code"], body["subscription"]["current_period_end"]) == (
        "w-pro", "2026-04-01T09:00:00Z",
    )  # fmt: skip
    assert (body["invoice"]["kind"], body["invoice"]["amount"], body["invoice"]["period_start"]) == (
        "proration", "483.87", "2026-03-22T09:00:00Z",
    )  # fmt: skip
    payment = db.get(Payment, body["payment_id"])
    assert (payment.amount, payment.status, payment.purpose) == (Decimal("483.87"), "pending", "subscription")
    subscription = subscription_of(db, owner.business.id)
    assert history(db, subscription.id)[-1] == ("active", "active", "upgraded")
    assert gating.has_feature(db, owner.business.id, "pay_on_delivery")

    settle(payment.subscription_invoice_id, succeeded=True)
    assert subscription_of(db, owner.business.id).status == "active"
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
    renewal = open_invoice(db, subscription.id)
    assert (renewal.kind, renewal.amount, renewal.plan_id) == ("renewal", Decimal("2500.00"), plans["pro"].id)


def test_a_downgrade_is_scheduled_for_the_period_end_with_a_warning(api, db, active):
    owner, plans = active
    with time_machine.travel(T0, tick=False):
        start_pro = api.post("/subscription/change", {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
        settle(start_pro.json_body["invoice"]["id"], succeeded=True)
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        token = signed_in(db, owner.user)
        r = api.post("/subscription/change", {"plan_code": "w-basic"}, token=token)
    assert r.status_code == 200, r.json_body
    body = r.json_body
    assert (body["invoice"], body["payment_id"], body["subscription"]["plan"]["code"]) == (None, None, "w-pro")
    assert body["subscription"]["scheduled_change"]["plan"]["code"] == "w-basic"
    assert body["subscription"]["scheduled_change"]["effective_at"] == "2026-04-01T09:00:00Z"
    assert body["subscription"]["next_charge"]["amount"] == "1000.00"
    assert [w["code"] for w in body["warnings"]] == ["change_scheduled", "limits_will_drop"]
    assert body["warnings"][1]["message"] == (
        "From 01 Apr 2026 your plan has lower limits (active products, staff users) and no pay on delivery."
    )

    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
        renewal = open_invoice(db, subscription.id)
        assert (renewal.amount, renewal.plan_id) == (Decimal("1000.00"), plans["basic"].id)
        assert subscription_of(db, owner.business.id).plan_id == plans["pro"].id  # until the period ends
        settle(renewal.id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.plan_id, subscription.scheduled_plan_id) == (plans["basic"].id, None)


def test_a_downgrade_below_current_use_is_refused_with_details(api, db, active):
    owner, _ = active
    with time_machine.travel(T0, tick=False):
        upgraded = api.post("/subscription/change", {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
        settle(upgraded.json_body["invoice"]["id"], succeeded=True)
    for _ in range(3):
        make_product(db, owner.business)
    staff_of(db, owner)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        r = api.post("/subscription/change", {"plan_code": "w-basic"}, token=signed_in(db, owner.user))
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "usage_exceeds_plan")
    assert r.json_body["error"]["details"] == [
        {"field": "active_products", "code": "over_limit",
         "message": "You have 3 active products; the W-Basic plan allows 2."},
    ]  # fmt: skip
    assert subscription_of(db, owner.business.id).scheduled_plan_id is None


def test_an_interval_change_is_scheduled_and_the_next_invoice_is_yearly(api, db, active):
    owner, plans = active
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        r = api.post("/subscription/change", {"interval": "year"}, token=signed_in(db, owner.user))
        assert r.json_body["subscription"]["scheduled_change"]["interval"] == "year"
        assert r.json_body["subscription"]["next_charge"]["amount"] == "10000.00"
        again = api.post("/subscription/change", {"interval": "year"}, token=signed_in(db, owner.user))
        assert again.status_code == 200
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
        renewal = open_invoice(db, subscription.id)
        settle(renewal.id, succeeded=True)
    assert (renewal.amount, renewal.interval, renewal.period_end) == (
        Decimal("10000.00"), "year", datetime(2027, 4, 1, 9, tzinfo=UTC),
    )  # fmt: skip
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.interval, subscription.scheduled_interval) == ("year", None)


def test_asking_for_the_current_plan_withdraws_a_scheduled_change(api, db, active):
    owner, _ = active
    token = signed_in(db, owner.user)
    r = api.post("/subscription/change", {"plan_code": "w-basic"}, token=token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "no_change")
    api.post("/subscription/change", {"interval": "year"}, token=token)
    r = api.post("/subscription/change", {"plan_code": "w-basic", "interval": "month"}, token=token)
    assert (r.status_code, r.json_body["subscription"]["scheduled_change"]) == (200, None)
    assert api.post("/subscription/change", {}, token=token).status_code == 400


def test_during_a_trial_changes_apply_at_once_without_a_charge(api, db):
    seeded(db)
    owner = make_actor(db, "wholesaler")
    api.post("/subscription", {"plan_code": "wholesaler-basic", "interval": "month", "provider": "sandbox",
                               "payer_phone": "+254712345670"}, token=owner.token)  # fmt: skip
    r = api.post("/subscription/change", {"plan_code": "wholesaler-pro", "interval": "year"}, token=owner.token)
    assert r.status_code == 200, r.json_body
    sub = r.json_body["subscription"]
    assert (sub["status"], sub["plan"]["code"], sub["interval"], sub["scheduled_change"]) == (
        "trialing", "wholesaler-pro", "year", None,
    )  # fmt: skip
    assert (r.json_body["invoice"], count(db, SubscriptionInvoice)) == (None, 0)


def test_no_change_while_an_invoice_is_open_or_the_subscription_is_past_due(api, db, active):
    owner, _ = active
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
        token = signed_in(db, owner.user)
        r = api.post("/subscription/change", {"plan_code": "w-pro"}, token=token)
        assert (r.status_code, r.json_body["error"]["code"]) == (422, "open_invoice_unpaid")
        settle(open_invoice(db, subscription.id).id, succeeded=False)
        r = api.post("/subscription/change", {"plan_code": "w-pro"}, token=token)
        assert (r.status_code, r.json_body["error"]["code"]) == (422, "open_invoice_unpaid")
    assert subscription_of(db, owner.business.id).plan_id == subscription.plan_id


def test_cancel_at_the_period_end_resume_before_it_and_cancel_again(api, db, active):
    owner, _ = active
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(T0 + timedelta(days=10)):  # ticking: the history is in order
        token = signed_in(db, owner.user)
        r = api.post("/subscription/cancel", token=token)
        assert (r.json_body["subscription"]["cancel_at_period_end"], r.json_body["subscription"]["next_charge"]) == (
            True, None,
        )  # fmt: skip
        assert api.post("/subscription/cancel", token=token).status_code == 200  # idempotent
        r = api.post("/subscription/resume", token=token)
        assert r.json_body["subscription"]["cancel_at_period_end"] is False
        assert api.post("/subscription/resume", token=token).json_body["error"]["code"] == "not_cancelling"
        api.post("/subscription/cancel", token=token)
    assert events(db, "SubscriptionCancellationScheduled", subscription.id)[-1]["ends_at"] == END.isoformat()
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        assert run().get("invoiced", 0) == 0  # a cancelling subscription is not renewed
    with time_machine.travel(END + timedelta(minutes=5), tick=False):
        assert run()["ended"] == 1
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.ended_at) == ("cancelled", END + timedelta(minutes=5))
    assert [h[2] for h in history(db, subscription.id)][-4:] == [
        "cancel_scheduled", "resumed", "cancel_scheduled", "cancelled_at_period_end",
    ]  # fmt: skip
    assert not gating.in_good_standing(db, owner.business.id)
    assert len(invoices_of(db, subscription.id)) == 1


def test_cancelling_a_suspended_subscription_ends_it_at_once_and_voids_the_invoice(api, db, active):
    owner, _ = active
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
        settle(open_invoice(db, subscription.id).id, succeeded=False)
    with time_machine.travel(END + timedelta(days=8), tick=False):
        run()
        assert subscription_of(db, owner.business.id).status == "suspended"
        r = api.post("/subscription/cancel", token=signed_in(db, owner.user))
    assert r.json_body["subscription"]["status"] == "cancelled"
    assert [i.status for i in invoices_of(db, subscription.id)] == ["paid", "void"]
