"""Starting a subscription: a trial, or a first invoice paid by mobile money."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import time_machine

from chalicelib.billing.models import Subscription, SubscriptionInvoice
from chalicelib.payments.models import Payment, PaymentAttempt
from tests.integration.billing.helpers import (
    PHONE,
    events,
    history,
    make_plan,
    open_invoice,
    run,
    seeded,
    settle,
    start,
    subscription_of,
)
from tests.support.api import count
from tests.support.factories import make_actor, signed_in, staff_of

BODY = {"plan_code": "wholesaler-basic", "interval": "month", "provider": "sandbox", "payer_phone": "0712345670"}
T0 = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


def test_a_plan_with_a_trial_starts_trialing_with_nothing_to_pay(api, db):
    seeded(db)
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        token = signed_in(db, owner.user)
        r = api.post("/subscription", BODY, token=token)
    assert r.status_code == 201, r.json_body
    body = r.json_body
    assert (body["invoice"], body["payment_id"], body["warnings"]) == (None, None, [])
    sub = body["subscription"]
    assert (sub["status"], sub["in_good_standing"], sub["interval"]) == ("trialing", True, "month")
    assert sub["trial_end"] == sub["current_period_end"] == "2026-02-14T09:00:00Z"
    assert sub["next_charge"] == {
        "at": "2026-02-14T09:00:00Z", "amount": "2500.00", "currency": "KES", "plan_code": "wholesaler-basic",
        "interval": "month",
    }  # fmt: skip
    assert sub["payer_phone"] == PHONE
    subscription = subscription_of(db, owner.business.id)
    assert history(db, subscription.id) == [(None, "trialing", "started")]
    assert events(db, "SubscriptionStarted", subscription.id)[0]["trial_end"] == "2026-02-14T09:00:00+00:00"
    assert count(db, Payment) == 0


def test_without_a_trial_the_first_invoice_is_charged_and_payment_activates(api, db):
    make_plan(db, "wholesaler-now", price_monthly=Decimal("1234.50"))
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        r = api.post("/subscription", {**BODY, "plan_code": "wholesaler-now"}, token=signed_in(db, owner.user))
    assert r.status_code == 201, r.json_body
    sub, invoice = r.json_body["subscription"], r.json_body["invoice"]
    assert (sub["status"], sub["in_good_standing"]) == ("incomplete", False)
    assert (invoice["kind"], invoice["status"], invoice["amount"]) == ("first", "open", "1234.50")
    assert (invoice["period_start"], invoice["period_end"]) == ("2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z")
    assert invoice["number"].startswith("SUB-")
    payment = db.get(Payment, r.json_body["payment_id"])
    assert (payment.purpose, payment.status, payment.amount, payment.provider, payment.payer_phone) == (
        "subscription", "pending", Decimal("1234.50"), "sandbox", PHONE,
    )  # fmt: skip
    assert str(payment.subscription_invoice_id) == invoice["id"]
    assert count(db, PaymentAttempt, PaymentAttempt.payment_id == payment.id) == 1  # asked of the sandbox

    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        settle(payment.subscription_invoice_id, succeeded=True)
    subscription = subscription_of(db, owner.business.id)
    assert subscription.status == "active"
    assert (subscription.current_period_start, subscription.current_period_end) == (
        T0 + timedelta(minutes=2), datetime(2026, 2, 28, 9, 2, tzinfo=UTC),
    )  # fmt: skip
    paid = db.get(SubscriptionInvoice, payment.subscription_invoice_id)
    assert (paid.status, paid.paid_by_payment_id, paid.period_start) == ("paid", payment.id, T0 + timedelta(minutes=2))
    assert history(db, subscription.id)[-1] == ("incomplete", "active", "first_payment_received")
    assert events(db, "SubscriptionPaymentReceived", subscription.id)[0]["amount"] == "1234.50"


def test_a_failed_first_payment_leaves_it_incomplete_until_paid_or_replaced(api, db):
    seeded(db)
    make_plan(db, "wholesaler-now")
    owner = make_actor(db, "wholesaler")
    r = api.post("/subscription", {**BODY, "plan_code": "wholesaler-now"}, token=owner.token)
    first = subscription_of(db, owner.business.id)
    settle(open_invoice(db, first.id).id, succeeded=False, reason="cancelled_by_user")
    first = subscription_of(db, owner.business.id)
    assert (first.status, first.failed_attempts, first.next_retry_at) == ("incomplete", 1, None)
    failed = events(db, "SubscriptionPaymentFailed", first.id)
    assert (failed[0]["reason"], failed[0]["next_retry_at"], failed[0]["suspends_at"]) == (
        "cancelled_by_user",
        None,
        None,
    )

    r = api.post("/subscription", {**BODY, "plan_code": "wholesaler-pro"}, token=owner.token)
    assert r.status_code == 201, r.json_body
    assert r.json_body["subscription"]["status"] == "trialing"
    db.expire_all()
    assert (db.get(Subscription, first.id).status, history(db, first.id)[-1]) == (
        "expired", ("incomplete", "expired", "replaced"),
    )  # fmt: skip
    assert count(db, SubscriptionInvoice, SubscriptionInvoice.status == "void") == 1


def test_an_unpaid_incomplete_subscription_expires_after_the_grace_period(db):
    make_plan(db, "wholesaler-now")
    owner = make_actor(db, "wholesaler")
    with time_machine.travel(T0, tick=False):
        start(owner, "wholesaler-now")
    with time_machine.travel(T0 + timedelta(days=6, hours=23), tick=False):
        assert run().get("expired", 0) == 0
    with time_machine.travel(T0 + timedelta(days=7, minutes=1), tick=False):
        assert run()["expired"] == 1
    subscription = subscription_of(db, owner.business.id)
    assert (subscription.status, history(db, subscription.id)[-1][2]) == ("expired", "first_payment_not_received")
    assert count(db, SubscriptionInvoice, SubscriptionInvoice.status == "void") == 1


def test_only_the_owner_subscribes_and_only_once(api, db):
    seeded(db)
    owner = make_actor(db, "retailer")
    staff = staff_of(db, owner)
    r = api.post("/subscription", {**BODY, "plan_code": "retailer-basic"}, token=staff.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (403, "role_not_allowed")
    assert api.get("/subscription", token=staff.token).json_body["error"]["code"] == "subscription_not_found"
    assert api.post("/subscription", {**BODY, "plan_code": "retailer-basic"}, token=owner.token).status_code == 201
    r = api.post("/subscription", {**BODY, "plan_code": "retailer-pro"}, token=owner.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (409, "subscription_exists")
    assert api.get("/subscription", token=staff.token).json_body["plan"]["code"] == "retailer-basic"
    assert count(db, Subscription) == 1


def test_plans_of_the_other_audience_retired_or_unknown_are_refused(api, db):
    plans = seeded(db)
    owner = make_actor(db, "retailer")
    r = api.post("/subscription", BODY, token=owner.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "plan_not_offered")
    plans["retailer-pro"].status = "retired"
    db.flush()
    r = api.post("/subscription", {**BODY, "plan_code": "retailer-pro"}, token=owner.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (404, "plan_not_found")
    r = api.post("/subscription", {**BODY, "plan_code": "retailer-basic", "interval": "week"}, token=owner.token)
    assert r.status_code == 400
    r = api.post("/subscription", {**BODY, "plan_code": "retailer-basic", "payer_phone": "12"}, token=owner.token)
    assert r.status_code == 400
    assert count(db, Subscription) == 0


def test_a_second_trial_is_not_given(api, db):
    seeded(db)
    owner = make_actor(db, "wholesaler")
    api.post("/subscription", BODY, token=owner.token)
    api.post("/subscription/cancel", token=owner.token)
    first = subscription_of(db, owner.business.id)
    with time_machine.travel(first.current_period_end + timedelta(minutes=1), tick=False):
        assert run()["ended"] == 1
        r = api.post("/subscription", BODY, token=signed_in(db, owner.user))
    assert r.json_body["subscription"]["status"] == "incomplete"
    assert r.json_body["invoice"]["amount"] == "2500.00"
