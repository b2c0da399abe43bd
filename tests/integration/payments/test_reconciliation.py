"""The sweeper asks the provider about payments nobody called back about; the admins'
daily report compares provider receipts with the ledger."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.payments import collection
from chalicelib.payments.collection import send_collection_request
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import PaymentAttempt, ProviderMessage
from chalicelib.payments.providers.daraja_shapes import callback_body
from functions.sweeper import sweep
from tests.integration.payments.support import events, messages, mobile_checkout, orders, payment, post_callback
from tests.support.factories import make_actor, make_user, signed_in


def test_the_sweeper_settles_a_payment_whose_callback_never_came(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        early = sweep({"id": "early"}, None)
    assert early["reconcile_payments"] == {"checked": 0}
    assert payment(db, bought.payment_id).status == "pending"

    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        summary = sweep({"id": "tick"}, None)

    assert summary["reconcile_payments"] == {"checked": 1, "succeed": 1}
    assert summary["expire_unpaid_orders"] == {"expired": 0}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.details["verified_by"]) == ("succeeded", "status_query")
    assert paid.last_checked_at is not None
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]
    assert len(events(db, "OrderPlaced")) == 1
    [logged] = messages(db, kind="status_query")
    assert (logged.result, logged.reference, logged.outcome) == ("succeeded", daraja.last_reference, "processed")


def test_a_failure_found_by_the_sweeper_keeps_the_orders_for_a_retry(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 1037, "DS timeout user cannot be reached")
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "timeout")
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]


def test_still_unknown_after_the_hold_ran_out_fails_and_releases_the_orders(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa", quantity=3, stock=20)  # the query keeps saying 500.001.1001
    with time_machine.travel(utcnow() + timedelta(minutes=5)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
        assert reconcile_pending_payments() == {"checked": 0}  # asked a minute ago
    assert payment(db, bought.payment_id).status == "pending"

    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        summary = sweep({}, None)

    assert summary["reconcile_payments"] == {"checked": 1, "fail": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "expired")
    assert paid.details["provider_code"] == "500.001.1001"
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["cancelled"]
    db.expire_all()
    assert db.get(Product, bought.products[0].id).stock_on_hand == 20
    assert len(events(db, "OrderExpired")) == 1
    assert events(db, "PaymentFailed")[0].payload["can_retry"] is False


def test_the_sandbox_no_answer_number_is_settled_as_a_timeout(api, db):
    bought = mobile_checkout(api, db, provider="sandbox", phone="+254712345673")
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "timeout")


def test_a_collection_never_sent_is_sent_by_the_sweeper(api, db, daraja):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(collection, "send_collection_request", lambda payment_id: "lost")
        bought = mobile_checkout(api, db, provider="mpesa")
    assert daraja.push.call_count == 0

    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "sent": 1}
    assert daraja.push.call_count == 1
    assert payment(db, bought.payment_id).attempts == 1


def _admin(db):
    return signed_in(db, make_user(db, None, role="admin"))


def _success(reference: str, amount: str) -> dict:
    return callback_body(
        merchant_request_id="1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="The service request is processed successfully.",
        amount=Decimal(amount),
        receipt="REC" + reference[-6:],
        phone="254712345678",
    )


def test_the_daily_reconciliation_report(api, db, daraja):
    matched = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", _success(daraja.last_reference, "302"))

    by_query = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        reconcile_pending_payments()

    mobile_checkout(api, db, provider="mpesa")
    review_ref = daraja.last_reference
    daraja.answer(review_ref, 0)
    post_callback(api, "mpesa", _success(review_ref, "5"))  # amount mismatch: review, not credited
    post_callback(api, "mpesa", _success("ws_CO_UNKNOWN0000001", "100"))  # nobody's

    yesterday_credit = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", _success(daraja.last_reference, "302"))
    moved = db.query(ProviderMessage).filter(ProviderMessage.reference == daraja.last_reference).one()
    moved.received_at = moved.received_at - timedelta(days=1)
    db.flush()

    today = utcnow().date().isoformat()
    r = api.get(f"/admin/reconciliation?date={today}", token=_admin(db))

    assert r.status_code == 200, r.json_body
    report = r.json_body
    assert sorted(line["payment_id"] for line in report["matched"]) == sorted(
        [str(matched.payment_id), str(by_query.payment_id)]
    )
    assert sorted((line["reference"], line["provider_amount"]) for line in report["missing_in_ledger"]) == sorted(
        [(review_ref, "5.00"), ("ws_CO_UNKNOWN0000001", "100.00")]
    )
    assert [line["payment_id"] for line in report["missing_at_provider"]] == [str(yesterday_credit.payment_id)]
    assert report["amount_differences"] == []
    assert report["ledger_total"] == "906.00"
    # 302 + 302 + 5 + 100: a status-query success counts the amount its CheckoutRequestID was asked for
    assert report["provider_total"] == "709.00"
    assert [line["refund_id"] for line in report["missing_in_ledger"]] == [None, None]

    retailer = make_actor(db, "retailer")
    assert api.get(f"/admin/reconciliation?date={today}", token=retailer.token).status_code == 403
    assert api.get("/admin/reconciliation?date=yesterday", token=_admin(db)).status_code == 400


def test_an_attempt_left_open_never_blocks_the_payment_forever(api, db, daraja):
    """A claimed attempt whose request never got an answer (process died) is failed past the hold."""
    bought = mobile_checkout(api, db, provider="mpesa")
    attempt = db.query(PaymentAttempt).one()
    attempt.reference = None
    db.flush()
    assert send_collection_request(bought.payment_id) == "not_sent"
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    assert payment(db, bought.payment_id).failure_reason == "expired"


def test_a_fresh_retry_is_not_asked_about_before_its_own_time(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 1032, "Request cancelled by user")
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
        retried = api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token)
        assert retried.status_code == 200, retried.json_body
    with time_machine.travel(utcnow() + timedelta(minutes=6)):
        assert reconcile_pending_payments() == {"checked": 0}
    daraja.answer(daraja.last_reference, 0)
    with time_machine.travel(utcnow() + timedelta(minutes=8)):
        assert reconcile_pending_payments() == {"checked": 1, "succeed": 1}
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]


def test_the_provider_is_asked_once_more_when_the_hold_runs_out(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    start = utcnow()
    with time_machine.travel(start + timedelta(minutes=14, seconds=40)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
    daraja.answer(daraja.last_reference, 0)

    with time_machine.travel(start + timedelta(minutes=15, seconds=10)):  # checked only 30 s ago
        summary = sweep({}, None)

    assert summary["reconcile_payments"] == {"checked": 1, "succeed": 1}
    assert summary["expire_unpaid_orders"] == {"expired": 0}
    assert payment(db, bought.payment_id).late is False
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]
