"""Paying now: ending a running trial early (POST /subscription/end-trial) and starting
without a trial (POST /subscription with "trial": false)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine

from chalicelib.billing import gating
from chalicelib.billing.models import Subscription, SubscriptionInvoice
from chalicelib.core.audit import AuditEntry
from chalicelib.payments.models import Payment
from tests.integration.billing.helpers import (
    PHONE,
    events,
    history,
    invoices_of,
    make_plan,
    open_invoice,
    payments_for,
    run,
    seeded,
    settle,
    subscription_of,
)
from tests.support.api import count
from tests.support.factories import make_actor, signed_in, staff_of

T0 = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=3)
BODY = {"plan_code": "wholesaler-basic", "interval": "month", "provider": "sandbox", "payer_phone": "0712345670"}


def _trialing(api, db, kind: str = "wholesaler"):
    seeded(db)
    owner = make_actor(db, kind)
    body = BODY if kind == "wholesaler" else {**BODY, "plan_code": "retailer-basic"}
    with time_machine.travel(T0, tick=False):
        r = api.post("/subscription", body, token=signed_in(db, owner.user))
    assert r.json_body["subscription"]["status"] == "trialing"
    return owner


def _end_trial(api, db, owner, body=None, at=LATER):
    with time_machine.travel(at, tick=False):
        return api.post("/subscription/end-trial", body or {}, token=signed_in(db, owner.user))


def test_ending_the_trial_issues_the_first_invoice_from_now_and_asks_for_the_money(api, db):
    owner = _trialing(api, db)
    r = _end_trial(api, db, owner)
    assert r.status_code == 200, r.json_body
    sub, invoice = r.json_body["subscription"], r.json_body["invoice"]
    assert (sub["status"], sub["in_good_standing"], sub["trial_end"]) == ("trialing", True, "2026-02-14T09:00:00Z")
    assert sub["open_invoice"]["id"] == invoice["id"]
    assert (invoice["kind"], invoice["status"], invoice["amount"], invoice["currency"]) == (
        "first", "open", "2500.00", "KES",
    )  # fmt: skip
    assert (invoice["period_start"], invoice["period_end"]) == ("2026-02-03T09:00:00Z", "2026-03-03T09:00:00Z")
    payment = db.get(Payment, r.json_body["payment_id"])
    assert (payment.status, payment.amount, payment.purpose, str(payment.subscription_invoice_id)) == (
        "pending", Decimal("2500.00"), "subscription", invoice["id"],
    )  # fmt: skip
    subscription = subscription_of(db, owner.business.id)
    assert history(db, subscription.id)[-1] == ("trialing", "trialing", "trial_end_requested")
    assert count(db, AuditEntry, AuditEntry.action == "subscription.trial_end_requested") == 1


def test_the_payment_ends_the_trial_and_the_paid_period_starts_when_it_arrives(api, db):
    owner = _trialing(api, db)
    invoice_id = _end_trial(api, db, owner).json_body["invoice"]["id"]
    paid_at = LATER + timedelta(minutes=2)
    with time_machine.travel(paid_at, tick=False):
        settle(invoice_id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert subscription.status == "active"
    assert (subscription.current_period_start, subscription.current_period_end, subscription.trial_end) == (
        paid_at, datetime(2026, 3, 3, 9, 2, tzinfo=UTC), paid_at,
    )  # fmt: skip
    invoice = db.get(SubscriptionInvoice, invoice_id)
    assert (invoice.status, invoice.period_start, invoice.amount) == ("paid", paid_at, Decimal("2500.00"))
    assert history(db, subscription.id)[-1] == ("trialing", "active", "trial_converted")
    assert events(db, "SubscriptionPaymentReceived", subscription.id)[-1]["amount"] == "2500.00"
    with time_machine.travel(paid_at + timedelta(hours=1), tick=False):
        r = api.get("/subscription", token=signed_in(db, owner.user))
        assert (r.json_body["status"], r.json_body["open_invoice"], r.json_body["next_charge"]["at"]) == (
            "active", None, "2026-03-03T09:02:00Z",
        )  # fmt: skip
    with time_machine.travel(datetime(2026, 2, 14, 9, 30, tzinfo=UTC), tick=False):
        assert run().get("invoiced", 0) == 0  # the old trial end bills nothing


def test_a_failed_payment_keeps_the_trial_and_the_invoice_is_paid_again_through_pay(api, db):
    owner = _trialing(api, db)
    invoice_id = _end_trial(api, db, owner).json_body["invoice"]["id"]
    with time_machine.travel(LATER + timedelta(minutes=1), tick=False):
        settle(invoice_id, succeeded=False, reason="cancelled_by_user")
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.trial_end, subscription.next_retry_at) == (
        "trialing", datetime(2026, 2, 14, 9, 0, tzinfo=UTC), None,
    )  # fmt: skip
    gating.require_good_standing(db, owner.business.id)
    assert history(db, subscription.id)[-1] == ("trialing", "trialing", "payment_failed")
    assert events(db, "SubscriptionPaymentFailed", subscription.id)[-1]["status"] == "trialing"
    assert str(open_invoice(db, subscription.id).id) == invoice_id

    again = _end_trial(api, db, owner, at=LATER + timedelta(minutes=5))
    assert (again.status_code, again.json_body["error"]["code"]) == (422, "open_invoice_unpaid")
    assert again.json_body["error"]["invoice_id"] == invoice_id

    with time_machine.travel(LATER + timedelta(minutes=6), tick=False):
        r = api.post(f"/subscription/invoices/{invoice_id}/pay", {}, token=signed_in(db, owner.user))
    assert r.status_code == 202, r.json_body
    assert len(payments_for(db, invoice_id)) == 2
    with time_machine.travel(LATER + timedelta(minutes=8), tick=False):
        settle(invoice_id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.current_period_start) == ("active", LATER + timedelta(minutes=8))


def test_a_trial_that_ends_with_its_early_invoice_unpaid_falls_past_due_and_is_dunned(api, db):
    owner = _trialing(api, db)
    invoice_id = _end_trial(api, db, owner).json_body["invoice"]["id"]
    with time_machine.travel(LATER + timedelta(minutes=1), tick=False):
        settle(invoice_id, succeeded=False, reason="insufficient_funds")
    trial_end = datetime(2026, 2, 14, 9, 0, tzinfo=UTC)
    with time_machine.travel(trial_end - timedelta(minutes=30), tick=False):
        counts = run()
    assert "trials_overdue" not in counts
    assert "invoiced" not in counts
    with time_machine.travel(trial_end + timedelta(minutes=1), tick=False):
        assert run()["trials_overdue"] == 1
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, subscription.grace_ends_at, subscription.next_retry_at) == (
        "past_due", trial_end + timedelta(days=7, minutes=1), trial_end + timedelta(days=1, minutes=1),
    )  # fmt: skip
    assert history(db, subscription.id)[-1] == ("trialing", "past_due", "trial_ended_unpaid")
    assert [i.status for i in invoices_of(db, subscription.id)] == ["open"]
    with time_machine.travel(trial_end + timedelta(days=1, minutes=2), tick=False):
        assert run()["retries_requested"] == 1


def test_a_free_plan_ends_its_trial_at_once(api, db):
    make_plan(db, "wholesaler-free", price_monthly=Decimal("0.00"), trial_days=30)
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        api.post("/subscription", {**BODY, "plan_code": "wholesaler-free"}, token=signed_in(db, owner.user))
    r = _end_trial(api, db, owner)
    assert r.status_code == 200, r.json_body
    assert (r.json_body["subscription"]["status"], r.json_body["payment_id"]) == ("active", None)
    assert (r.json_body["invoice"]["status"], r.json_body["invoice"]["amount"]) == ("paid", "0.00")
    assert r.json_body["subscription"]["trial_end"] == "2026-02-03T09:00:00Z"


def test_a_new_provider_and_phone_become_the_subscriptions(api, db):
    owner = _trialing(api, db, "retailer")
    r = _end_trial(api, db, owner, {"provider": "sandbox", "payer_phone": "0712345674"})
    assert r.status_code == 200, r.json_body
    assert r.json_body["invoice"]["amount"] == "500.00"
    payment = db.get(Payment, r.json_body["payment_id"])
    assert payment.payer_phone == "+254712345674"
    assert subscription_of(db, owner.business.id).payer_phone == "+254712345674"
    r = _end_trial(api, db, owner, {"payer_phone": "12"})
    assert r.status_code == 400


def test_only_a_trialing_subscription_of_your_business_ends_its_trial_and_only_its_owner_asks(api, db):
    owner = _trialing(api, db)
    staff = staff_of(db, owner)
    r = api.post("/subscription/end-trial", {}, token=staff.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (403, "role_not_allowed")
    other = make_actor(db, "wholesaler")
    r = api.post("/subscription/end-trial", {}, token=other.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (404, "subscription_not_found")
    assert count(db, SubscriptionInvoice) == 0

    api.post("/subscription/cancel", token=signed_in(db, owner.user))
    r = api.post("/subscription/end-trial", {}, token=signed_in(db, owner.user))
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "subscription_not_changeable")
    api.post("/subscription/resume", token=signed_in(db, owner.user))

    invoice_id = _end_trial(api, db, owner).json_body["invoice"]["id"]
    settle(invoice_id, succeeded=True)
    r = api.post("/subscription/end-trial", {}, token=signed_in(db, owner.user))
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "subscription_not_changeable")
    assert r.json_body["error"]["subscription_status"] == "active"
    assert count(db, SubscriptionInvoice) == 1


def test_starting_without_a_trial_charges_the_first_period_at_once_and_keeps_the_trial_for_later(api, db):
    seeded(db)
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        r = api.post("/subscription", {**BODY, "trial": False}, token=signed_in(db, owner.user))
    assert r.status_code == 201, r.json_body
    sub, invoice = r.json_body["subscription"], r.json_body["invoice"]
    assert (sub["status"], sub["trial_end"], sub["in_good_standing"]) == ("incomplete", None, False)
    assert (invoice["kind"], invoice["amount"], invoice["period_start"]) == ("first", "2500.00", "2026-01-31T09:00:00Z")
    assert db.get(Payment, r.json_body["payment_id"]).payer_phone == PHONE
    settle(invoice["id"], succeeded=True)
    assert subscription_of(db, owner.business.id).status == "active"
    r = api.post("/subscription/end-trial", {}, token=signed_in(db, owner.user))
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "subscription_not_changeable")


def test_trial_true_on_a_plan_without_a_trial_or_after_a_trial_charges_at_once(api, db):
    make_plan(db, "wholesaler-now", price_monthly=Decimal("800.00"))
    owner = make_actor(db, "wholesaler")
    r = api.post("/subscription", {**BODY, "plan_code": "wholesaler-now", "trial": True}, token=owner.token)
    assert (r.status_code, r.json_body["subscription"]["status"], r.json_body["invoice"]["amount"]) == (
        201, "incomplete", "800.00",
    )  # fmt: skip
    r = api.post("/subscription", {**BODY, "trial": "maybe"}, token=owner.token)
    assert r.status_code == 400


def test_one_trial_per_business_still_holds_after_ending_one_early(api, db):
    owner = _trialing(api, db)
    invoice_id = _end_trial(api, db, owner).json_body["invoice"]["id"]
    settle(invoice_id, succeeded=True)
    api.post("/subscription/cancel", token=signed_in(db, owner.user))
    subscription = subscription_of(db, owner.business.id)
    with time_machine.travel(subscription.current_period_end + timedelta(minutes=1), tick=False):
        assert run()["ended"] == 1
        r = api.post("/subscription", BODY, token=signed_in(db, owner.user))
    assert (r.json_body["subscription"]["status"], r.json_body["invoice"]["amount"]) == ("incomplete", "2500.00")
    assert count(db, Subscription) == 2
