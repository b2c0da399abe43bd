"""The webhook: stored raw first, verified by the status query, applied once, answered fast."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.orders.expiry import expire_unpaid_orders
from chalicelib.orders.models import Order
from chalicelib.payments.models import ProviderMessage, Refund, Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.orders.helpers import add
from tests.integration.payments.stubs import momo_result
from tests.integration.payments.support import (
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
from tests.support.factories import make_actor

ACK = {"ResultCode": 0, "ResultDesc": "Accepted"}


def success(reference: str, amount: str = "302", receipt: str = "NLJ7RT61SV") -> dict:
    return callback_body(
        merchant_request_id="29115-34620561-1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="The service request is processed successfully.",
        amount=Decimal(amount),
        receipt=receipt,
        phone="254712345678",
    )


def failure(reference: str, code: int, description: str) -> dict:
    return callback_body(
        merchant_request_id="29115-34620561-1", checkout_request_id=reference, result_code=code, result_desc=description
    )


@pytest.fixture
def two_wholesalers(api, db, daraja):
    return mobile_checkout(api, db, provider="mpesa", prices=("100.50", "200.00"), quantity=3)


def test_a_verified_success_places_the_orders_and_tells_both_sides(api, db, daraja, two_wholesalers):
    bought = two_wholesalers
    reference = daraja.last_reference
    daraja.answer(reference, 0)
    db.expire_all()
    stock_before = [db.get(Product, p.id).stock_on_hand for p in bought.products]
    assert stock_before == [17, 17]

    r = post_callback(api, "mpesa", success(reference, amount="902"))

    assert (r.status_code, r.json_body) == (200, ACK)
    assert daraja.query.call_count == 1
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.external_receipt, paid.late) == ("succeeded", "NLJ7RT61SV", False)
    assert paid.settled_at is not None
    placed = orders(db, bought.checkout["checkout_id"])
    assert [o.status for o in placed] == ["placed", "placed"]
    assert all(o.invoice_number == 1 for o in placed)  # each wholesaler's first invoice
    assert all(o.placed_at is not None and o.expires_at is None for o in placed)
    db.expire_all()
    assert [db.get(Product, p.id).stock_on_hand for p in bought.products] == stock_before  # still sold

    announced = events(db, "OrderPlaced")
    assert sorted(e.payload["business_id"] for e in announced) == sorted(str(w.business.id) for w in bought.wholesalers)
    assert {e.payload["payment_method"] for e in announced} == {"mobile_money"}
    assert {e.payload["line_count"] for e in announced} == {1}
    [succeeded] = events(db, "PaymentSucceeded")
    assert succeeded.payload["business_id"] == str(bought.retailer.business.id)
    assert succeeded.payload["receipt"] == "NLJ7RT61SV"
    assert sorted(succeeded.payload["order_numbers"]) == sorted(o.number for o in placed)

    settlements = db.query(Settlement).order_by(Settlement.order_total).all()
    assert [(s.order_total, s.commission, s.amount_due) for s in settlements] == [
        (Decimal("301.50"), Decimal("7.54"), Decimal("293.96")),
        (Decimal("600.00"), Decimal("15.00"), Decimal("585.00")),
    ]
    [message] = messages(db, provider="mpesa")
    assert (message.outcome, message.result, message.payment_id) == ("processed", "succeeded", paid.id)
    assert message.headers["content-type"] == "application/json"
    assert str(message.source_ip) == "127.0.0.1"
    assert '"MpesaReceiptNumber"' in message.body
    assert message.path == "/webhooks/payments/mpesa"

    view = api.get(f"/payments/{paid.id}", token=bought.retailer.token).json_body
    assert (view["status"], view["next_action"], view["receipt"]) == ("succeeded", "none", "NLJ7RT61SV")
    assert [o["status"] for o in view["orders"]] == ["placed", "placed"]


def test_invoice_numbers_follow_on_without_gaps_per_wholesaler(api, db, daraja):
    first = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", success(daraja.last_reference))
    wholesaler = first.wholesalers[0]
    add(api, first.retailer.token, first.products[0], 2)
    version = api.get("/cart", token=first.retailer.token).json_body["version"]
    api.post(
        "/checkout",
        {
            "cart_version": version,
            "payment": {"method": "mobile_money", "provider": "mpesa", "payer_phone": "+254712345678"},
        },
        token=first.retailer.token,
        headers={"idempotency-key": "second"},
    )
    daraja.answer(daraja.last_reference, 0)
    post_callback(api, "mpesa", success(daraja.last_reference, amount="201"))
    db.expire_all()
    numbers = [
        o.invoice_number
        for o in db.query(Order).filter(Order.wholesaler_id == wholesaler.business.id).order_by(Order.number)
    ]
    assert numbers == [1, 2]


@pytest.mark.parametrize(
    ("code", "description", "reason"),
    [
        (1032, "Request cancelled by user", "cancelled_by_user"),
        (1, "The balance is insufficient for the transaction", "insufficient_funds"),
        (2001, "The initiator information is invalid.", "wrong_pin"),
        (1037, "DS timeout user cannot be reached", "timeout"),
    ],
)
def test_a_verified_failure_fails_the_payment_and_holds_the_orders_for_a_retry(
    api, db, daraja, code, description, reason
):
    bought = mobile_checkout(api, db, provider="mpesa")
    reference = daraja.last_reference
    daraja.answer(reference, code, description)

    r = post_callback(api, "mpesa", failure(reference, code, description))

    assert (r.status_code, r.json_body) == (200, ACK)
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", reason)
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    [failed] = events(db, "PaymentFailed")
    assert failed.payload["reason"] == reason
    assert failed.payload["can_retry"] is True
    assert failed.payload["message"].endswith("You can try again while your orders are held.")
    assert failed.payload["retry_until"] == orders(db, bought.checkout["checkout_id"])[0].expires_at.isoformat()
    view = api.get(f"/payments/{paid.id}", token=bought.retailer.token).json_body
    assert (view["status"], view["next_action"], view["can_retry"]) == ("failed", "retry", True)
    assert view["failure_message"]


def test_retry_asks_again_and_a_later_success_places_the_orders(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    first = daraja.last_reference
    daraja.answer(first, 1032, "Request cancelled by user")
    post_callback(api, "mpesa", failure(first, 1032, "Request cancelled by user"))

    r = api.post(f"/payments/{bought.payment_id}/retry", {"payer_phone": "0722000111"}, token=bought.retailer.token)

    assert r.status_code == 200, r.json_body
    assert (r.json_body["status"], r.json_body["next_action"]) == ("pending", "approve_on_phone")
    assert daraja.push.call_count == 2
    assert daraja.pushes[1]["PhoneNumber"] == 254722000111
    second = daraja.last_reference
    assert [(a.number, a.reference, a.outcome) for a in attempts(db, bought.payment_id)] == [
        (1, first, "failed"),
        (2, second, None),
    ]
    again = api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token)
    assert (again.status_code, again.json_body["error"]["code"]) == (409, "payment_in_progress")

    daraja.answer(second, 0)
    post_callback(api, "mpesa", success(second))
    assert payment(db, bought.payment_id).status == "succeeded"
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["placed"]


def test_retry_is_refused_once_the_orders_expired(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 1, "The balance is insufficient for the transaction")
    post_callback(api, "mpesa", failure(daraja.last_reference, 1, "The balance is insufficient for the transaction"))
    for order in orders(db, bought.checkout["checkout_id"]):
        order.expires_at = utcnow() - timedelta(seconds=1)
    payment(db, bought.payment_id).hold_until = utcnow() - timedelta(seconds=1)
    db.flush()
    view = api.get(f"/payments/{bought.payment_id}", token=bought.retailer.token).json_body
    assert (view["can_retry"], view["next_action"]) == (False, "none")
    r = api.post(f"/payments/{bought.payment_id}/retry", {}, token=bought.retailer.token)
    assert (r.status_code, r.json_body["error"]["code"]) == (422, "retry_window_closed")
    assert daraja.push.call_count == 1


def test_a_stranger_cannot_see_or_retry_the_payment(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    stranger = make_actor(db, "retailer")
    assert api.get(f"/payments/{bought.payment_id}", token=stranger.token).status_code == 404
    assert api.post(f"/payments/{bought.payment_id}/retry", {}, token=stranger.token).status_code == 404
    assert api.get("/payments/not-a-uuid", token=stranger.token).status_code == 404


def test_a_repeated_delivery_is_acknowledged_without_effect(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    body = success(daraja.last_reference)
    assert post_callback(api, "mpesa", body).json_body == ACK

    r = post_callback(api, "mpesa", body)

    assert (r.status_code, r.json_body) == (200, ACK)
    assert daraja.query.call_count == 1
    assert len(messages(db, provider="mpesa")) == 1
    assert len(events(db, "PaymentSucceeded")) == 1
    assert payment(db, bought.payment_id).status == "succeeded"


def test_a_replay_a_day_later_credits_nothing(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    body = success(daraja.last_reference)
    post_callback(api, "mpesa", body)
    events_before = len(events(db, "OrderPlaced")) + len(events(db, "PaymentSucceeded"))

    with time_machine.travel(utcnow() + timedelta(days=1)):
        replay = post_callback(api, "mpesa", body)

    assert (replay.status_code, replay.json_body) == (200, ACK)
    assert daraja.query.call_count == 1
    assert len(messages(db, provider="mpesa")) == 1
    assert len(events(db, "OrderPlaced")) + len(events(db, "PaymentSucceeded")) == events_before
    assert count(db, Settlement) == 1
    assert payment(db, bought.payment_id).external_receipt == "NLJ7RT61SV"


def test_a_forged_token_is_403_logged_and_changes_nothing(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    r = post_callback(api, "mpesa", success(daraja.last_reference), token="not-the-token-at-all")

    assert (r.status_code, r.json_body["error"]["code"]) == (403, "forbidden")
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, logged.reason, logged.provider_transaction_id) == ("rejected", "wrong token", None)
    assert "not-the-token" not in (logged.path or "")
    assert daraja.query.call_count == 0
    assert payment(db, bought.payment_id).status == "pending"


def test_the_source_ip_allow_list(api, db, daraja, payment_settings, monkeypatch):
    monkeypatch.setattr(payment_settings, "payments_webhook_ip_allowlist", {"mpesa": ["196.201.214.0/24"]})
    bought = mobile_checkout(api, db, provider="mpesa")
    r = post_callback(api, "mpesa", success(daraja.last_reference))
    assert r.status_code == 403
    assert messages(db, provider="mpesa")[0].reason == "source 127.0.0.1 not allowed"
    monkeypatch.setattr(payment_settings, "payments_webhook_ip_allowlist", {"mpesa": ["127.0.0.0/8"]})
    daraja.answer(daraja.last_reference, 0)
    assert post_callback(api, "mpesa", success(daraja.last_reference)).status_code == 200
    assert payment(db, bought.payment_id).status == "succeeded"


def test_an_unknown_reference_the_provider_cannot_confirm_changes_nothing(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")

    r = post_callback(api, "mpesa", success("ws_CO_000000000000000000"))

    assert (r.status_code, r.json_body) == (200, ACK)
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, logged.reference, logged.result) == (
        "orphan_awaiting_status",  # asked about again by reconciliation
        "ws_CO_000000000000000000",
        "succeeded",
    )
    assert logged.reason == "status query: 500.001.1001"  # Daraja: still processing
    assert json.loads(daraja.query.calls[0].request.content)["CheckoutRequestID"] == "ws_CO_000000000000000000"
    assert payment(db, bought.payment_id).status == "pending"
    assert events(db, "PaymentSucceeded") == []
    assert count(db, Refund) == 0


def test_an_amount_that_does_not_match_goes_to_review(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    r = post_callback(api, "mpesa", success(daraja.last_reference, amount="1"))

    assert r.status_code == 200
    paid = payment(db, bought.payment_id)
    assert paid.status == "needs_review"
    assert paid.details["review_reason"] == "callback: amount 1.00 instead of 302.00"
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    assert events(db, "OrderPlaced") == []
    assert events(db, "PaymentNeedsReview")[0].payload["business_id"] == str(bought.retailer.business.id)
    assert messages(db, provider="mpesa")[0].outcome == "needs_review"


def test_a_callback_the_status_query_contradicts_goes_to_review(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 1032, "Request cancelled by user")
    post_callback(api, "mpesa", success(daraja.last_reference))
    assert payment(db, bought.payment_id).status == "needs_review"


def test_a_callback_the_provider_cannot_confirm_yet_waits(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")  # the query answers 500.001.1001
    r = post_callback(api, "mpesa", success(daraja.last_reference))
    assert r.json_body == ACK
    assert payment(db, bought.payment_id).status == "pending"
    assert messages(db, provider="mpesa")[0].outcome == "awaiting_status"


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b"{not json", "application/json", "invalid_json"),
        (b"x" * (1024 * 1024), "application/json", "body_too_large"),
        (b'{"Body": {}}', "text/plain", "unsupported_content_type"),
        (b'{"Body": {"stkCallback": {"ResultCode": 0}}}', "application/json", "unrecognised_callback"),
        (b"\xff\xfe\x00garbage", "application/json", "invalid_json"),
        (b"[]", "application/json", "unrecognised_callback"),
        (b"[" * 60_000, "application/json", "invalid_json"),
        (
            b'{"Body": {"stkCallback": {"MerchantRequestID": "1", "CheckoutRequestID": "ws_CO_1", "ResultCode": "'
            + b"9" * 500
            + b'"}}}',
            "application/json",
            "unrecognised_callback",
        ),
        (
            b'{"Body": {"stkCallback": {"MerchantRequestID": "1", "CheckoutRequestID": "ws_CO_1", "ResultCode": 0,'
            b' "CallbackMetadata": {"Item": [{"Name": "Amount", "Value": 1e20}]}}}}',
            "application/json",
            "unrecognised_callback",
        ),
    ],
)
def test_garbage_is_400_and_logged_never_500(api, db, body, content_type, code):
    r = post_callback(api, "mpesa", body, content_type=content_type)

    assert (r.status_code, r.json_body["error"]["code"]) == (400, code)
    [logged] = messages(db, provider="mpesa")
    assert logged.outcome == "rejected"
    assert logged.body_bytes == len(body)
    assert len(logged.body or "") <= 16 * 1024


def test_an_unknown_provider_is_404_and_logged(api, db):
    r = post_callback(api, "paypal", {"a": 1}, token="whatever-token-value")
    assert r.status_code == 404
    assert messages(db, provider="paypal")[0].reason == "unknown provider"


def test_a_success_after_the_orders_expired_keeps_the_money_and_opens_a_refund(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa", quantity=3, stock=20)
    reference = daraja.last_reference
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        with unit_of_work() as uow:
            assert expire_unpaid_orders(uow.session) == 1
            uow.commit()
        assert payment(db, bought.payment_id).status == "failed"
        daraja.answer(reference, 0)
        r = post_callback(api, "mpesa", success(reference))

    assert r.json_body == ACK
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.late) == ("succeeded", True)
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["cancelled"]
    db.expire_all()
    assert db.get(Product, bought.products[0].id).stock_on_hand == 20
    [refund] = db.query(Refund).all()
    assert (refund.amount, refund.status, refund.order_id) == (Decimal("302.00"), "open", None)
    assert events(db, "PaymentArrivedLate")[0].payload["refund_amount"] == "302.00"
    assert events(db, "OrderPlaced") == []
    assert count(db, Settlement) == 0


def test_momo_callbacks_by_put_with_the_payment_in_the_path(api, db, momo, eur_market):
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.00",), quantity=1)
    [attempt] = attempts(db, bought.payment_id)
    result = momo_result(str(bought.payment_id), "1250", "SUCCESSFUL")
    momo.statuses[attempt.reference] = (200, result)

    r = post_callback(api, "mtn_momo", result, path_ref=(str(bought.payment_id), "1"), method="PUT")
    again = post_callback(api, "mtn_momo", result, path_ref=(str(bought.payment_id), "1"), method="PUT")

    assert (r.status_code, again.status_code) == (200, 200)
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.external_receipt) == ("succeeded", "1234567890")
    assert momo.status.call_count == 1
    assert count(db, ProviderMessage) == 1


def test_momo_failure_reason_object_and_status_200_failed(api, db, momo, eur_market):
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.00",), quantity=1)
    [attempt] = attempts(db, bought.payment_id)
    failed = momo_result(
        str(bought.payment_id), "1250", "FAILED", reason={"code": "APPROVAL_REJECTED", "message": "no"}
    )
    momo.statuses[attempt.reference] = (
        200,
        momo_result(str(bought.payment_id), "1250", "FAILED", reason="APPROVAL_REJECTED"),
    )

    post_callback(api, "mtn_momo", failed, path_ref=(str(bought.payment_id), "1"), method="POST")

    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "cancelled_by_user")


def test_retry_with_a_number_the_provider_cannot_take_is_400(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 1032, "Request cancelled by user")
    post_callback(api, "mpesa", failure(daraja.last_reference, 1032, "Request cancelled by user"))
    r = api.post(f"/payments/{bought.payment_id}/retry", {"payer_phone": UGANDAN_PHONE}, token=bought.retailer.token)
    assert (r.status_code, r.json_body["error"]["details"][0]["field"]) == (400, "payer_phone")
    assert payment(db, bought.payment_id).status == "failed"
    assert daraja.push.call_count == 1


def test_a_callback_on_another_providers_path_is_not_believed(api, db, daraja, momo):
    bought = mobile_checkout(api, db, provider="mpesa")
    body = momo_result(str(bought.payment_id), "302", "SUCCESSFUL")
    r = post_callback(api, "mtn_momo", body, path_ref=(str(bought.payment_id), "1"), method="PUT")
    assert (r.status_code, r.json_body) == (200, ACK)
    assert messages(db, provider="mtn_momo")[0].outcome == "unknown_reference"
    assert momo.status.call_count == 0
    assert payment(db, bought.payment_id).status == "pending"


def test_a_momo_path_with_a_nonsense_attempt_is_400(api, db):
    body = momo_result("6f1c7d36-8a0a-4c44-9a25-9b1c6a0e4c11", "10", "SUCCESSFUL")
    for ref in (("6f1c7d36-8a0a-4c44-9a25-9b1c6a0e4c11", "9" * 40), ("not-a-uuid", "1")):
        r = post_callback(api, "mtn_momo", body, path_ref=ref, method="PUT")
        assert (r.status_code, r.json_body["error"]["code"]) == (400, "unrecognised_callback")
    assert [m.outcome for m in messages(db, provider="mtn_momo")] == ["rejected", "rejected"]
