"""The plan change preview answers what the change would do, by the change's own rule, and
changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.billing.models import SubscriptionHistory, SubscriptionInvoice
from chalicelib.payments.models import Payment
from tests.integration.billing.helpers import make_plan, open_invoice, run, seeded, settle, start, subscription_of
from tests.support.api import count
from tests.support.factories import make_actor, make_product, signed_in, staff_of

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
PREVIEW = "/subscription/change/preview"


@pytest.fixture
def active(db):
    make_plan(db, "w-basic", price_monthly=Decimal("1000.00"), price_yearly=Decimal("10000.00"),
              max_active_products=2, max_staff_users=1)  # fmt: skip
    make_plan(db, "w-pro", price_monthly=Decimal("2500.00"), price_yearly=Decimal("25000.00"),
              max_active_products=10, max_staff_users=5, pay_on_delivery=True)  # fmt: skip
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        start(owner, "w-basic")
        settle(open_invoice(db, subscription_of(db, owner.business.id).id).id, succeeded=True)
    return owner


def _written(db, owner):
    subscription = subscription_of(db, owner.business.id)
    return (
        subscription.plan_id, subscription.interval, subscription.scheduled_plan_id, subscription.scheduled_interval,
        count(db, SubscriptionInvoice), count(db, Payment), count(db, SubscriptionHistory),
    )  # fmt: skip


def test_an_upgrade_preview_charges_what_the_upgrade_then_charges_and_writes_nothing(api, db, active):
    owner = active
    before = _written(db, owner)
    with time_machine.travel(T0 + timedelta(days=21), tick=False):
        token = signed_in(db, owner.user)
        r = api.post(PREVIEW, {"plan_code": "w-pro"}, token=token)
        assert r.status_code == 200, r.json_body
        assert _written(db, owner) == before
        changed = api.post("/subscription/change", {"plan_code": "w-pro"}, token=token)
    assert r.json_body == {
        "outcome": "upgrade_now", "applies": "now", "effective_at": "2026-03-22T09:00:00Z",
        "charge_now": "483.87", "new_price": "2500.00", "currency": "KES", "plan_code": "w-pro",
        "interval": "month", "warnings": [],
    }  # fmt: skip
    assert changed.json_body["invoice"]["amount"] == r.json_body["charge_now"]


def test_a_downgrade_preview_waits_for_the_period_end_with_the_change_s_warnings(api, db, active):
    owner = active
    with time_machine.travel(T0, tick=False):
        upgraded = api.post("/subscription/change", {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
        settle(upgraded.json_body["invoice"]["id"], succeeded=True)
    before = _written(db, owner)
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        token = signed_in(db, owner.user)
        r = api.post(PREVIEW, {"plan_code": "w-basic", "interval": "year"}, token=token)
        assert _written(db, owner) == before
        changed = api.post("/subscription/change", {"plan_code": "w-basic", "interval": "year"}, token=token)
    body = r.json_body
    assert (body["outcome"], body["applies"], body["effective_at"], body["charge_now"], body["new_price"]) == (
        "at_period_end", "period_end", "2026-04-01T09:00:00Z", "0.00", "10000.00",
    )  # fmt: skip
    assert body["warnings"] == changed.json_body["warnings"]
    assert [w["code"] for w in body["warnings"]] == ["change_scheduled", "limits_will_drop"]

    with time_machine.travel(T0 + timedelta(days=6), tick=False):
        again = api.post(PREVIEW, {"plan_code": "w-pro", "interval": "month"}, token=signed_in(db, owner.user))
    assert (again.json_body["outcome"], again.json_body["applies"], again.json_body["charge_now"]) == (
        "withdraw_scheduled", "now", "0.00",
    )  # fmt: skip


def test_a_cheaper_plan_on_a_dearer_interval_is_not_an_upgrade(api, db, active):
    owner = active
    r = api.post(PREVIEW, {"plan_code": "w-basic", "interval": "year"}, token=signed_in(db, owner.user))
    assert (r.json_body["outcome"], r.json_body["charge_now"], r.json_body["new_price"]) == (
        "at_period_end", "0.00", "10000.00",
    )  # fmt: skip


def test_during_a_trial_the_preview_applies_now_and_charges_nothing(api, db):
    seeded(db)
    owner = make_actor(db, "wholesaler")
    api.post("/subscription", {"plan_code": "wholesaler-basic", "interval": "month", "provider": "sandbox",
                               "payer_phone": "+254712345670"}, token=owner.token)  # fmt: skip
    r = api.post(PREVIEW, {"plan_code": "wholesaler-pro"}, token=owner.token)
    assert r.status_code == 200, r.json_body
    body = r.json_body
    assert (body["outcome"], body["applies"], body["charge_now"]) == ("now_in_trial", "now", "0.00")
    assert subscription_of(db, owner.business.id).plan_id == seeded(db)["wholesaler-basic"].id


def test_the_preview_refuses_what_the_change_refuses(api, db, active):
    owner = active
    token = signed_in(db, owner.user)
    same = api.post(PREVIEW, {"plan_code": "w-basic"}, token=token)
    assert (same.status_code, same.json_body["error"]["code"]) == (422, "no_change")
    assert api.post(PREVIEW, {}, token=token).status_code == 400
    assert api.post(PREVIEW, {"plan_code": "nope"}, token=token).status_code == 404
    assert api.post(PREVIEW, {"plan_code": "w-pro"}, token=staff_of(db, owner).token).status_code == 403

    with time_machine.travel(END - timedelta(minutes=30), tick=False):
        run()
        r = api.post(PREVIEW, {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "open_invoice_unpaid")


def test_a_preview_below_current_use_lists_each_limit_like_the_change(api, db, active):
    owner = active
    with time_machine.travel(T0, tick=False):
        upgraded = api.post("/subscription/change", {"plan_code": "w-pro"}, token=signed_in(db, owner.user))
        settle(upgraded.json_body["invoice"]["id"], succeeded=True)
    for _ in range(3):
        make_product(db, owner.business)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        token = signed_in(db, owner.user)
        preview = api.post(PREVIEW, {"plan_code": "w-basic"}, token=token)
        change = api.post("/subscription/change", {"plan_code": "w-basic"}, token=token)
    assert (preview.status_code, preview.json_body["error"]["code"]) == (422, "usage_exceeds_plan")
    assert preview.json_body["error"]["details"] == change.json_body["error"]["details"]
