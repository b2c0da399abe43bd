"""An answer we cannot read from a provider means "we don't know yet", never "failed": the
payment stays pending, the retailer is told to wait (not to pay again), and the callback or
the status query settles it. The checkout answers within its time budget whatever the
provider does."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
import time_machine

from chalicelib.core.clock import utcnow
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import Refund
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.stubs import STILL_PROCESSING, momo_result
from tests.integration.payments.support import (
    KENYAN_PHONE,
    UGANDAN_PHONE,
    attempts,
    events,
    messages,
    mobile_checkout,
    orders,
    payment,
    post_callback,
)
from tests.support.api import count

PUSH_ID = "ws_CO_031220261015000000042"


def stk_success(reference: str, amount: str, receipt: str = "QLK4ABCDE1", phone: str = "254712345678") -> dict:
    return callback_body(
        merchant_request_id="29115-34620561-1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="The service request is processed successfully.",
        amount=Decimal(amount),
        receipt=receipt,
        phone=phone,
    )


# --- M-Pesa: an STK Push whose answer we never read ------------------------------------------


def test_a_slow_stk_push_leaves_the_payment_pending_and_says_wait(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("Daraja answered after 13 s")
    bought = mobile_checkout(api, db, provider="mpesa")

    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("pending", None)
    assert daraja.push.call_count == 1
    view = api.get(f"/payments/{bought.payment_id}", token=bought.retailer.token).json_body
    assert (view["status"], view["next_action"], view["can_retry"]) == ("pending", "wait", False)
    assert view["message"].startswith("We are confirming your payment with M-Pesa. Do not pay again")

    retry = api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token)
    assert (retry.status_code, retry.json_body["error"]["code"]) == (409, "payment_in_progress")
    wait = retry.json_body["error"]["retry_after"]
    assert 14 * 60 <= wait <= 15 * 60  # nothing to ask the provider: known when the orders' hold runs out
    assert retry.headers["Retry-After"] == str(wait)
    assert daraja.push.call_count == 1


def test_a_callback_for_the_unread_push_is_matched_by_phone_amount_and_time(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa", prices=("100.50",), quantity=3)
    daraja.answer(PUSH_ID, 0)

    r = post_callback(api, "mpesa", stk_success(PUSH_ID, "302"))

    assert r.status_code == 200
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.provider_reference, paid.external_receipt) == ("succeeded", PUSH_ID, "QLK4ABCDE1")
    assert paid.details["receipt_source"] == "callback"  # Daraja's STK query reports no receipt
    [attempt] = attempts(db, bought.payment_id)
    assert (attempt.reference, attempt.outcome, attempt.response["unconfirmed"]) == (PUSH_ID, "succeeded", False)
    assert json.loads(daraja.query.calls[0].request.content)["CheckoutRequestID"] == PUSH_ID
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]
    assert messages(db, provider="mpesa")[0].outcome == "processed"


@pytest.mark.parametrize(
    ("phone", "amount", "minutes_later"),
    [("254799000111", "302", 1), ("254712345678", "301", 1), ("254712345678", "302", 31)],
    ids=["another phone", "another amount", "after the window"],
)
def test_a_success_matching_no_request_is_an_orphan_collection_refunded(api, db, daraja, phone, amount, minutes_later):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(PUSH_ID, 0)

    with time_machine.travel(utcnow() + timedelta(minutes=minutes_later)):
        r = post_callback(api, "mpesa", stk_success(PUSH_ID, amount, phone=phone))

    assert r.status_code == 200
    assert payment(db, bought.payment_id).status == "pending"  # nothing credited to the unread push
    [refund] = db.query(Refund).all()
    assert (refund.cause, refund.status, refund.payment_id, refund.amount) == (
        "orphan_collection",
        "open",
        None,
        Decimal(amount).quantize(Decimal("0.01")),
    )
    assert (refund.provider, refund.payer_phone, refund.currency) == ("mpesa", "+" + phone, "KES")
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, refund.provider_message_id) == ("orphan_refund_opened", logged.id)
    [told] = events(db, "OrphanCollectionReceived")
    assert (told.payload["refund_id"], told.payload["receipt"]) == (str(refund.id), "QLK4ABCDE1")

    again = post_callback(api, "mpesa", stk_success(PUSH_ID, amount, phone=phone))
    assert again.status_code == 200
    assert count(db, Refund) == 1

    day = logged.received_at.date().isoformat()
    admin = _admin(db)
    report = api.get(f"/admin/reconciliation?date={day}", token=admin).json_body
    [line] = report["missing_in_ledger"]
    assert (line["reference"], line["refund_id"]) == (PUSH_ID, str(refund.id))
    listed = api.get("/admin/refunds?cause=orphan_collection", token=admin).json_body["items"]
    assert [item["id"] for item in listed] == [str(refund.id)]


def test_a_success_the_provider_cannot_confirm_yet_is_asked_about_again_then_refunded(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")
    post_callback(api, "mpesa", stk_success(PUSH_ID, "302", phone="254799000111"))  # query: still processing
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, count(db, Refund)) == ("orphan_awaiting_status", 0)

    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        assert reconcile_pending_payments()["orphan:orphan_awaiting_status"] == 1
    daraja.answer(PUSH_ID, 0)
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        summary = reconcile_pending_payments()

    assert summary["orphan:orphan_refund_opened"] == 1
    [refund] = db.query(Refund).all()
    assert (refund.cause, refund.amount, refund.payer_phone) == (
        "orphan_collection",
        Decimal("302.00"),
        "+254799000111",
    )
    assert messages(db, provider="mpesa")[0].outcome == "orphan_refund_opened"
    assert payment(db, bought.payment_id).status == "pending"


def test_an_unconfirmed_orphan_is_left_to_the_admins_after_a_day(api, db, daraja):
    mobile_checkout(api, db, provider="mpesa")
    post_callback(api, "mpesa", stk_success(PUSH_ID, "302", phone="254799000111"))
    with time_machine.travel(utcnow() + timedelta(hours=24, minutes=5)):
        assert reconcile_pending_payments()["orphan:given_up"] == 1
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, logged.reason) == ("unknown_reference", "the provider never confirmed it")
    assert count(db, Refund) == 0


def test_a_success_whose_request_became_known_meanwhile_is_credited_not_refunded(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")
    post_callback(api, "mpesa", stk_success(PUSH_ID, "302", phone="254799000111"))  # another phone: no match
    [attempt] = attempts(db, bought.payment_id)
    attempt.reference = PUSH_ID  # the push's late answer was recorded after all
    db.flush()
    daraja.answer(PUSH_ID, 0)

    with time_machine.travel(utcnow() + timedelta(minutes=2)):
        reconcile_pending_payments()

    assert payment(db, bought.payment_id).status == "succeeded"
    assert count(db, Refund) == 0
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]


def test_two_unread_pushes_a_success_could_answer_are_not_guessed_between(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    first = mobile_checkout(api, db, provider="mpesa")
    second = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(PUSH_ID, 0)

    post_callback(api, "mpesa", stk_success(PUSH_ID, "302"))

    assert [payment(db, b.payment_id).status for b in (first, second)] == ["pending", "pending"]
    assert [a.reference for b in (first, second) for a in attempts(db, b.payment_id)] == [None, None]
    [refund] = db.query(Refund).all()
    assert (refund.cause, refund.payer_phone) == ("orphan_collection", KENYAN_PHONE)


def test_a_late_answer_naming_another_reference_than_the_matched_callback_goes_to_review(api, db, daraja):
    from chalicelib.core.db import unit_of_work
    from chalicelib.payments.models import PaymentAttempt

    def answered_late(request: httpx.Request) -> httpx.Response:
        with unit_of_work() as uow:  # meanwhile a callback was matched to this push
            attempt = uow.session.query(PaymentAttempt).one()
            attempt.reference = "ws_CO_MATCHED_BY_CALLBACK"
            uow.commit()
        return httpx.Response(200, json={"MerchantRequestID": "1", "CheckoutRequestID": "ws_CO_ANSWERED",
                                         "ResponseCode": "0", "ResponseDescription": "Success"})  # fmt: skip

    daraja.push.side_effect = answered_late
    bought = mobile_checkout(api, db, provider="mpesa")

    paid = payment(db, bought.payment_id)
    assert paid.status == "needs_review"
    [attempt] = attempts(db, bought.payment_id)
    assert (attempt.reference, attempt.outcome) == ("ws_CO_MATCHED_BY_CALLBACK", "review")
    assert attempt.response["answered_reference"] == "ws_CO_ANSWERED"


def test_an_accepted_push_without_its_checkout_request_id_is_unconfirmed(api, db, daraja):
    daraja.push_response = (200, {"MerchantRequestID": "1", "ResponseCode": "0", "ResponseDescription": "Success"})
    bought = mobile_checkout(api, db, provider="mpesa")
    assert (payment(db, bought.payment_id).status, bought.checkout["next_action"]) == ("pending", "wait")


def test_an_unread_push_of_a_failed_payment_is_closed_once_no_callback_can_match_it(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    with time_machine.travel(utcnow() + timedelta(minutes=25)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}  # a callback may still match it
    with time_machine.travel(utcnow() + timedelta(minutes=31)):
        assert reconcile_pending_payments() == {"checked": 1, "no_effect": 1}
    assert [a.outcome for a in attempts(db, bought.payment_id)] == ["failed"]
    with time_machine.travel(utcnow() + timedelta(minutes=40)):
        assert reconcile_pending_payments() == {"checked": 0}


def test_an_unread_push_with_no_callback_expires_without_blocking_the_orders_forever(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa", stock=20, quantity=3)
    with time_machine.travel(utcnow() + timedelta(minutes=5)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "expired")
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["cancelled"]


# --- MTN MoMo: request to pay is idempotent on our X-Reference-Id --------------------------


def test_momo_500_then_202_is_one_request_with_the_same_reference(api, db, momo, eur_market):
    momo.pay.side_effect = [httpx.Response(500, json={"code": "INTERNAL_PROCESSING_ERROR"}), httpx.Response(202)]
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE)

    assert momo.pay.call_count == 2
    first, second = (call.request.headers["x-reference-id"] for call in momo.pay.calls)
    [attempt] = attempts(db, bought.payment_id)
    assert first == second == attempt.reference
    assert (bought.checkout["payment_status"], bought.checkout["next_action"]) == ("pending", "approve_on_phone")
    assert bought.checkout["message"].startswith("Approve the payment of EUR 301.50 on +256772123456.")


def test_momo_202_answered_too_slowly_is_confirmed_by_the_status_query(api, db, momo, eur_market):
    """The request reached MoMo (which created the transaction), but its 202 never reached us."""
    momo.pay.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.00",), quantity=1)
    [attempt] = attempts(db, bought.payment_id)
    assert (payment(db, bought.payment_id).status, attempt.response["unconfirmed"]) == ("pending", True)
    assert (bought.checkout["payment_status"], bought.checkout["next_action"]) == ("pending", "wait")
    assert events(db, "PaymentFailed") == []

    momo.statuses[attempt.reference] = (200, momo_result(str(bought.payment_id), "1250", "PENDING"))
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
    assert payment(db, bought.payment_id).status == "pending"

    momo.statuses[attempt.reference] = (200, momo_result(str(bought.payment_id), "1250", "SUCCESSFUL"))
    with time_machine.travel(utcnow() + timedelta(minutes=6)):
        assert reconcile_pending_payments() == {"checked": 1, "succeed": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.external_receipt, paid.details["receipt_source"]) == (
        "succeeded",
        "1234567890",
        "status_query",
    )
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]
    assert momo.pay.call_count == 3  # the request itself was retried (same id), never sent anew


def test_momo_request_it_never_received_is_sent_again_with_the_same_reference(api, db, momo, eur_market):
    momo.pay.side_effect = [httpx.ReadTimeout("slow")] * 3 + [httpx.Response(202)]
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE)
    [attempt] = attempts(db, bought.payment_id)
    assert momo.pay.call_count == 3

    with time_machine.travel(utcnow() + timedelta(minutes=4)):  # MoMo answers 404 for the reference
        assert reconcile_pending_payments() == {"checked": 1, "resent": 1}

    assert momo.pay.call_count == 4
    assert {call.request.headers["x-reference-id"] for call in momo.pay.calls} == {attempt.reference}
    [again] = attempts(db, bought.payment_id)
    assert (again.id, again.response.get("unconfirmed"), again.outcome) == (attempt.id, None, None)
    assert payment(db, bought.payment_id).attempts == 1
    view = api.get(f"/payments/{bought.payment_id}", token=bought.retailer.token).json_body
    assert view["next_action"] == "approve_on_phone"


def test_the_receipt_and_amount_come_from_the_status_query_not_the_callback(api, db, momo, eur_market):
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.00",), quantity=1)
    [attempt] = attempts(db, bought.payment_id)
    verified = momo_result(str(bought.payment_id), "1250", "SUCCESSFUL")
    momo.statuses[attempt.reference] = (200, verified)
    claimed = {**verified, "financialTransactionId": "FORGED-RECEIPT"}

    post_callback(api, "mtn_momo", claimed, path_ref=(str(bought.payment_id), "1"), method="PUT")

    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.external_receipt) == ("succeeded", "1234567890")
    [logged] = messages(db, kind="callback")
    assert logged.receipt == "FORGED-RECEIPT"  # kept in the log as the provider's message said


def test_a_payment_failed_while_its_request_was_unread_is_credited_late_if_the_money_comes(api, db, momo, eur_market):
    momo.pay.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, stock=20, quantity=3)
    [attempt] = attempts(db, bought.payment_id)
    momo.statuses[attempt.reference] = (200, momo_result(str(bought.payment_id), "301.50", "PENDING"))
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "expired")
    [still_open] = attempts(db, bought.payment_id)
    assert still_open.outcome is None  # the provider may still take the money

    momo.statuses[attempt.reference] = (200, momo_result(str(bought.payment_id), "301.50", "SUCCESSFUL"))
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert reconcile_pending_payments() == {"checked": 1, "succeed": 1}
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.late) == ("succeeded", True)
    [refund] = db.query(Refund).all()
    assert (refund.cause, refund.amount, refund.status) == ("late_payment", Decimal("301.50"), "open")

    with time_machine.travel(utcnow() + timedelta(hours=3)):
        assert reconcile_pending_payments() == {"checked": 0}


def test_an_unread_request_of_a_failed_payment_is_closed_after_a_day(api, db, momo, eur_market):
    momo.pay.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE)
    [attempt] = attempts(db, bought.payment_id)
    momo.statuses[attempt.reference] = (200, momo_result(str(bought.payment_id), "301.50", "PENDING"))
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        reconcile_pending_payments()
    with time_machine.travel(utcnow() + timedelta(hours=12)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
    with time_machine.travel(utcnow() + timedelta(hours=24, minutes=30)):
        assert reconcile_pending_payments() == {"checked": 1, "no_effect": 1}
    assert [a.outcome for a in attempts(db, bought.payment_id)] == ["failed"]
    assert payment(db, bought.payment_id).status == "failed"


# --- the time budget ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "failure", "answer"),
    [("mpesa", httpx.ConnectTimeout, ("failed", "retry")), ("mtn_momo", httpx.ReadTimeout, ("pending", "wait"))],
    ids=["mpesa never reached", "momo answer never read"],
)
def test_the_checkout_answers_within_the_budget_however_slow_the_provider(
    api, db, providers, payment_settings, monkeypatch, provider, failure, answer
):
    """Every try waits 0.3 s and fails: with 5 retries that is 1.8 s; the budget is 0.5 s.
    (An STK Push is retried only when it never left, MoMo's request whatever happened.)"""
    daraja, momo = providers
    monkeypatch.setattr(payment_settings, "payments_http_max_retries", 5)
    monkeypatch.setattr(payment_settings, "payments_collection_budget_seconds", 0.5)
    if provider == "mtn_momo":
        monkeypatch.setattr(payment_settings, "currency", "EUR")

    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.3)
        raise failure("slow", request=request)

    daraja.push.side_effect = slow
    momo.pay.side_effect = slow
    phone = UGANDAN_PHONE if provider == "mtn_momo" else KENYAN_PHONE

    started = time.monotonic()
    bought = mobile_checkout(api, db, provider=provider, phone=phone)
    elapsed = time.monotonic() - started

    tries = daraja.push.call_count + momo.pay.call_count
    assert 1 <= tries <= 2  # what fits in 0.5 s
    assert elapsed < 1.5  # the budget and the checkout's own work, well under the 1.8 s of the retries
    assert (bought.checkout["payment_status"], bought.checkout["next_action"]) == answer


def test_a_checkout_replayed_later_tells_the_payment_as_it_is_now(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")
    assert bought.checkout["next_action"] == "wait"
    daraja.answer(PUSH_ID, 0)
    post_callback(api, "mpesa", stk_success(PUSH_ID, "302"))

    replay = api.post("/checkout", bought.request, token=bought.retailer.token, headers={"idempotency-key": bought.key})

    assert replay.status_code == 201, replay.json_body
    body = replay.json_body
    assert (body["payment_id"], body["payment_status"], body["next_action"]) == (
        str(bought.payment_id),
        "succeeded",
        "none",
    )
    assert body["orders"] == bought.checkout["orders"]
    assert daraja.push.call_count == 1


def _admin(db):
    from tests.support.factories import make_user, signed_in

    return signed_in(db, make_user(db, None, role="admin"))


def test_still_processing_is_not_a_failure(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answers[daraja.last_reference] = (500, STILL_PROCESSING)
    with time_machine.travel(utcnow() + timedelta(minutes=4)):
        assert reconcile_pending_payments() == {"checked": 1, "wait": 1}
    assert payment(db, bought.payment_id).status == "pending"
