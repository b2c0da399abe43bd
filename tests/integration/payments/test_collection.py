"""Checkout asks the provider for one collection after it commits, in the documented shape."""

from __future__ import annotations

import base64
import json
import uuid
from decimal import Decimal

import httpx
from sqlalchemy import select

from chalicelib.catalog.models import Product
from chalicelib.orders.models import Checkout, Order
from chalicelib.payments.collection import send_collection_request
from chalicelib.payments.models import Payment, PaymentAttempt
from tests.integration.orders.helpers import add
from tests.integration.payments.conftest import CALLBACK_BASE
from tests.integration.payments.support import (
    UGANDAN_PHONE,
    attempts,
    events,
    mobile_checkout,
    orders,
    payment,
    token_for,
)
from tests.support.api import count
from tests.support.factories import make_actor, make_product


def test_mpesa_checkout_sends_one_stk_push_with_whole_shillings(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa", prices=("100.50",), quantity=3)

    assert daraja.push.call_count == 1
    push = daraja.pushes[0]
    assert push["BusinessShortCode"] == 174379
    assert push["TransactionType"] == "CustomerPayBillOnline"
    assert push["Amount"] == 302  # 301.50 rounded up to the whole shilling
    assert push["PartyA"] == push["PhoneNumber"] == 254712345678
    assert push["PartyB"] == 174379
    assert push["CallBackURL"] == f"{CALLBACK_BASE}/webhooks/payments/mpesa?token={token_for('mpesa')}"
    assert len(push["AccountReference"]) <= 12
    assert push["AccountReference"] == orders(db, bought.checkout["checkout_id"])[0].number
    assert push["TransactionDesc"] == "Order payment"
    assert len(push["Timestamp"]) == 14
    assert base64.b64decode(push["Password"]).decode().startswith("174379bfb279f9aa")
    assert daraja.push.calls[0].request.headers["authorization"] == "Bearer daraja-token"

    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.amount, paid.charged_amount) == ("pending", Decimal("301.50"), Decimal("302.00"))
    assert paid.details["rounding"] == "0.50"
    assert paid.provider_reference == daraja.last_reference
    [attempt] = attempts(db, bought.payment_id)
    assert (attempt.number, attempt.reference, attempt.outcome) == (1, daraja.last_reference, None)
    assert attempt.response["MerchantRequestID"] == "29115-34620561-1"
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    assert events(db, "OrderPlaced") == []


def test_the_oauth_token_is_reused_until_it_expires(api, db, daraja):
    mobile_checkout(api, db, provider="mpesa")
    mobile_checkout(api, db, provider="mpesa")
    assert daraja.push.call_count == 2
    assert daraja.token.call_count == 1
    assert daraja.token.calls[0].request.headers["authorization"].startswith("Basic ")


def test_momo_checkout_sends_a_request_to_pay_with_our_reference(api, db, momo, eur_market):
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.50",), quantity=1)

    [request] = momo.requests
    paid = payment(db, bought.payment_id)
    [attempt] = attempts(db, bought.payment_id)
    assert request.headers["x-reference-id"] == attempt.reference == paid.provider_reference
    assert uuid.UUID(attempt.reference).version == 4
    assert request.headers["x-target-environment"] == "sandbox"
    assert request.headers["ocp-apim-subscription-key"] == "momo-subscription-key"
    assert request.headers["authorization"] == "Bearer momo-token"
    assert request.headers["x-callback-url"] == (
        f"{CALLBACK_BASE}/webhooks/payments/mtn_momo/{bought.payment_id}/1?token={token_for('mtn_momo')}"
    )
    body = json.loads(request.content)
    assert body == {
        "amount": "1250.50",
        "currency": "EUR",
        "externalId": str(bought.payment_id),
        "payer": {"partyIdType": "MSISDN", "partyId": "256772123456"},
        "payerMessage": "Order payment",
        "payeeNote": orders(db, bought.checkout["checkout_id"])[0].number,
    }
    assert paid.charged_amount == Decimal("1250.50")


def test_momo_409_for_our_own_reference_counts_as_sent(api, db, momo, eur_market):
    momo.pay.side_effect = [httpx.ConnectError("reset"), httpx.Response(409, json={"code": "RESOURCE_ALREADY_EXIST"})]
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE)
    assert momo.pay.call_count == 2
    first, second = (call.request.headers["x-reference-id"] for call in momo.pay.calls)
    assert first == second
    assert payment(db, bought.payment_id).status == "pending"
    assert attempts(db, bought.payment_id)[0].outcome is None


def test_a_stk_push_is_not_repeated_once_it_may_have_been_sent(api, db, daraja):
    daraja.push.side_effect = httpx.ReadTimeout("slow")
    bought = mobile_checkout(api, db, provider="mpesa")

    assert daraja.push.call_count == 1
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("pending", None)
    [attempt] = attempts(db, bought.payment_id)
    assert (attempt.outcome, attempt.reference, attempt.response["unconfirmed"]) == (None, None, True)
    assert events(db, "PaymentFailed") == []
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    assert (bought.checkout["payment_status"], bought.checkout["next_action"]) == ("pending", "wait")
    assert "Do not pay again" in bought.checkout["message"]


def test_a_push_that_never_left_fails_and_may_be_tried_again(api, db, daraja):
    daraja.push.side_effect = httpx.ConnectError("refused")
    bought = mobile_checkout(api, db, provider="mpesa")

    assert daraja.push.call_count == 3  # retried only because it provably never left
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "provider_unavailable")
    assert [a.outcome for a in attempts(db, bought.payment_id)] == ["rejected"]
    [failed] = events(db, "PaymentFailed")
    assert failed.payload["can_retry"] is True
    assert failed.payload["business_id"] == str(bought.retailer.business.id)
    assert [o.status for o in orders(db, bought.checkout["checkout_id"])] == ["pending_payment"]
    assert (bought.checkout["payment_status"], bought.checkout["next_action"]) == ("failed", "retry")


def test_a_refused_stk_push_fails_the_payment_with_a_reason(api, db, daraja):
    daraja.push_response = (
        400,
        {"requestId": "1", "errorCode": "400.002.02", "errorMessage": "Bad Request - Invalid PhoneNumber"},
    )
    bought = mobile_checkout(api, db, provider="mpesa")
    paid = payment(db, bought.payment_id)
    assert (paid.status, paid.failure_reason) == ("failed", "request_rejected")
    assert paid.details["provider_message"] == "Bad Request - Invalid PhoneNumber"


def test_only_one_request_in_flight_per_payment(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    assert send_collection_request(bought.payment_id) == "not_sent"
    assert daraja.push.call_count == 1
    assert count(db, PaymentAttempt) == 1


def _checkout_with(api, db, cases):
    """Each (provider, phone) tried on one cart; returns the answers and the product."""
    retailer = make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business, stock=10)
    add(api, retailer.token, product, 2)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    answers = [
        api.post(
            "/checkout",
            {
                "cart_version": version,
                "payment": {"method": "mobile_money", "provider": provider, "payer_phone": phone},
            },
            token=retailer.token,
            headers={"idempotency-key": str(uuid.uuid4())},
        )
        for provider, phone in cases
    ]
    return answers, product


def _nothing_written(db, product):
    assert count(db, Checkout) == count(db, Order) == count(db, Payment) == 0
    db.expire_all()
    assert db.get(Product, product.id).stock_on_hand == 10


def test_a_number_the_provider_cannot_take_is_400_before_anything_is_written(api, db, providers):
    cases = [("mpesa", "+256772123456"), ("mpesa", "+254202123456")]  # Ugandan; a Nairobi landline
    answers, product = _checkout_with(api, db, cases)
    for (provider, phone), r in zip(cases, answers, strict=True):
        assert r.status_code == 400, (provider, phone, r.json_body)
        detail = r.json_body["error"]["details"][0]
        assert (detail["field"], detail["code"]) == ("payment.payer_phone", "phone_not_supported")
    _nothing_written(db, product)


def test_momo_refuses_a_number_outside_its_markets(api, db, providers, eur_market):
    [r], product = _checkout_with(api, db, [("mtn_momo", "+254712345678")])
    assert r.status_code == 400, r.json_body
    assert r.json_body["error"]["details"][0]["code"] == "phone_not_supported"
    _nothing_written(db, product)


def test_a_provider_in_another_currency_is_refused_with_a_clear_error(api, db, providers):
    """MoMo's sandbox collects in EUR; this deployment charges in KES."""
    [r], product = _checkout_with(api, db, [("mtn_momo", UGANDAN_PHONE)])
    assert r.status_code == 422, r.json_body
    error = r.json_body["error"]
    assert (error["code"], error["provider_currency"], error["currency"]) == (
        "provider_currency_mismatch",
        "EUR",
        "KES",
    )
    assert "collects in EUR" in error["message"]
    _nothing_written(db, product)


def test_a_provider_that_is_not_enabled_is_400(api, db, payment_settings, monkeypatch, providers):
    monkeypatch.setattr(payment_settings, "payment_providers_enabled", ["mpesa"])
    retailer = make_actor(db, "retailer")
    product = make_product(db, make_actor(db, "wholesaler").business, stock=10)
    add(api, retailer.token, product, 1)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    r = api.post(
        "/checkout",
        {
            "cart_version": version,
            "payment": {"method": "mobile_money", "provider": "sandbox", "payer_phone": "+254712345670"},
        },
        token=retailer.token,
        headers={"idempotency-key": "k1"},
    )
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "provider_unavailable")
    assert db.scalar(select(Payment.id)) is None
