"""An admin's change to a plan reaches each subscriber at its next period: until it renews,
a subscriber keeps the price, limits and features its current period started with; new
subscribers get the new terms at once. A retired plan is no longer offered, and its
subscribers keep it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.billing import gating
from chalicelib.billing.errors import PlanLimitReached, PlanNotFound
from chalicelib.billing.proration import prorated_charge
from tests.integration.billing.helpers import make_plan, open_invoice, run, settle, start, subscription_of
from tests.support.factories import make_actor, make_user, signed_in

T0 = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
RENEWAL = datetime(2026, 2, 28, 9, 0, tzinfo=UTC)
MID_PERIOD = T0 + timedelta(days=3)


def _activate(db, owner, code: str):
    with time_machine.travel(T0, tick=False):
        start(owner, code)
        settle(open_invoice(db, subscription_of(db, owner.business.id).id).id, succeeded=True)
    return subscription_of(db, owner.business.id)


def _admin(db) -> str:
    return signed_in(db, make_user(db, None, role="admin"))


def test_new_limits_features_and_price_wait_for_the_subscribers_next_period(api, db):
    plan = make_plan(db, "wholesaler-grow", price_monthly=Decimal("2500.00"), max_staff_users=1, pay_on_delivery=True)
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-grow")
    make_user(db, owner.business, role="staff")

    with time_machine.travel(MID_PERIOD, tick=False):
        change = {"price_monthly": "3000.00", "limits": {"staff_users": 3}, "features": {"pay_on_delivery": False}}
        changed = api.patch(f"/admin/plans/{plan.id}", change, token=_admin(db))
        assert changed.status_code == 200, changed.json_body
        assert (changed.json_body["price_monthly"], changed.json_body["limits"]["staff_users"]) == ("3000.00", 3)

        with pytest.raises(PlanLimitReached) as refused:
            gating.check_limit(db, owner.business.id, "staff_users")
        assert refused.value.extra["limit"]["max"] == 1
        assert gating.has_feature(db, owner.business.id, "pay_on_delivery") is True
        usage = api.get("/subscription/usage", token=signed_in(db, owner.user)).json_body
        assert ([u["limit"] for u in usage["limits"] if u["name"] == "staff_users"], usage["features"]) == (
            [1],
            {"pay_on_delivery": True, "sales_reports": False},
        )

        newcomer = make_actor(db, "wholesaler")
        start(newcomer, "wholesaler-grow")
        settle(open_invoice(db, subscription_of(db, newcomer.business.id).id).id, succeeded=True)
        make_user(db, newcomer.business, role="staff")
        gating.check_limit(db, newcomer.business.id, "staff_users")
        assert gating.has_feature(db, newcomer.business.id, "pay_on_delivery") is False

    with time_machine.travel(RENEWAL - timedelta(minutes=30), tick=False):
        run()
        renewal = open_invoice(db, subscription.id)
        assert (renewal.period_start, renewal.amount) == (RENEWAL, Decimal("3000.00"))
        settle(renewal.id, succeeded=True)
    with time_machine.travel(RENEWAL + timedelta(minutes=1), tick=False):
        gating.check_limit(db, owner.business.id, "staff_users")
        assert gating.has_feature(db, owner.business.id, "pay_on_delivery") is False


def test_an_upgrade_after_a_price_change_is_prorated_from_the_price_being_paid(api, db):
    basic = make_plan(db, "wholesaler-start", price_monthly=Decimal("2500.00"))
    make_plan(db, "wholesaler-big", price_monthly=Decimal("4000.00"))
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-start")

    with time_machine.travel(MID_PERIOD, tick=False):
        assert api.patch(f"/admin/plans/{basic.id}", {"price_monthly": "3500.00"}, token=_admin(db)).status_code == 200
        token = signed_in(db, owner.user)
        preview = api.post("/subscription/change/preview", {"plan_code": "wholesaler-big"}, token=token)

    assert preview.status_code == 200, preview.json_body
    paid_for = prorated_charge(
        old_price=Decimal("2500.00"),
        new_price=Decimal("4000.00"),
        period_start=subscription.current_period_start,
        period_end=subscription.current_period_end,
        now=MID_PERIOD,
    )
    assert (preview.json_body["outcome"], preview.json_body["charge_now"]) == ("upgrade_now", str(paid_for))
    assert paid_for > Decimal("0.00")


def test_a_retired_plan_is_not_offered_to_newcomers_and_its_subscribers_keep_it(api, db):
    plan = make_plan(db, "wholesaler-old", price_monthly=Decimal("2000.00"))
    owner = make_actor(db, "wholesaler")
    subscription = _activate(db, owner, "wholesaler-old")

    with time_machine.travel(MID_PERIOD, tick=False):
        retired = api.patch(f"/admin/plans/{plan.id}", {"status": "retired"}, token=_admin(db))
        assert (retired.status_code, retired.json_body["status"]) == (200, "retired")
        assert "wholesaler-old" not in [p["code"] for p in api.get("/plans?audience=wholesaler").json_body["items"]]
        with pytest.raises(PlanNotFound):
            start(make_actor(db, "wholesaler"), "wholesaler-old")

    with time_machine.travel(RENEWAL - timedelta(minutes=30), tick=False):
        run()
        renewal = open_invoice(db, subscription.id)
        assert renewal.amount == Decimal("2000.00")
        settle(renewal.id, succeeded=True)
    renewed = subscription_of(db, owner.business.id)
    assert (renewed.status, renewed.plan_id, renewed.current_period_start) == ("active", plan.id, RENEWAL)


def test_an_upgrade_within_the_period_takes_the_new_plans_terms_of_that_moment(api, db):
    make_plan(db, "wholesaler-lite", price_monthly=Decimal("2500.00"), max_staff_users=1)
    big = make_plan(db, "wholesaler-max", price_monthly=Decimal("4000.00"), max_staff_users=1)
    owner = make_actor(db, "wholesaler")
    _activate(db, owner, "wholesaler-lite")
    make_user(db, owner.business, role="staff")

    with time_machine.travel(MID_PERIOD, tick=False):
        widened = api.patch(f"/admin/plans/{big.id}", {"limits": {"staff_users": 5}}, token=_admin(db))
        assert widened.status_code == 200, widened.json_body
    with time_machine.travel(MID_PERIOD + timedelta(hours=1), tick=False):
        upgraded = api.post("/subscription/change", {"plan_code": "wholesaler-max"}, token=signed_in(db, owner.user))
        assert upgraded.status_code == 200, upgraded.json_body
        assert subscription_of(db, owner.business.id).plan_id == big.id

        gating.check_limit(db, owner.business.id, "staff_users")
