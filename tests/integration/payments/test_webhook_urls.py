"""The callback URLs: the token in the query (the URLs we give providers now) or in the
`X-Webhook-Token` header, and the earlier URLs with the token in the path, still accepted.
A missing, wrong or doubled token is refused as before, and nothing is settled."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.payments.stubs import momo_result
from tests.integration.payments.support import (
    UGANDAN_PHONE,
    attempts,
    messages,
    mobile_checkout,
    payment,
    post_callback,
    token_for,
)

ACK = {"ResultCode": 0, "ResultDesc": "Accepted"}


def success(reference: str) -> dict:
    return callback_body(
        merchant_request_id="29115-34620561-1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="The service request is processed successfully.",
        amount=Decimal("302"),
        receipt="NLJ7RT61SV",
        phone="254712345678",
    )


@pytest.mark.parametrize(
    ("token_in", "stored_path"),
    [
        ("query", "/webhooks/payments/mpesa"),
        ("header", "/webhooks/payments/mpesa"),
        ("path", "/webhooks/payments/mpesa/<token>"),
    ],
)
def test_a_daraja_callback_is_accepted_with_the_token_in_each_place(api, db, daraja, token_in, stored_path):
    bought = mobile_checkout(api, db, provider="mpesa", prices=("100.50",), quantity=3)
    daraja.answer(daraja.last_reference, 0)

    r = post_callback(api, "mpesa", success(daraja.last_reference), token_in=token_in)

    assert (r.status_code, r.json_body) == (200, ACK)
    assert payment(db, bought.payment_id).status == "succeeded"
    [message] = messages(db, provider="mpesa")
    assert (message.outcome, message.path) == ("processed", stored_path)
    assert "x-webhook-token" not in message.headers
    assert token_for("mpesa") not in repr(message.headers)


@pytest.mark.parametrize("token_in", ["query", "path"])
def test_a_momo_callback_is_accepted_with_the_payment_in_the_path(api, db, momo, eur_market, token_in):
    bought = mobile_checkout(api, db, provider="mtn_momo", phone=UGANDAN_PHONE, prices=("1250.00",), quantity=1)
    [attempt] = attempts(db, bought.payment_id)
    result = momo_result(str(bought.payment_id), "1250", "SUCCESSFUL")
    momo.statuses[attempt.reference] = (200, result)

    r = post_callback(api, "mtn_momo", result, path_ref=(str(bought.payment_id), "1"), method="PUT", token_in=token_in)

    assert r.status_code == 200
    assert payment(db, bought.payment_id).status == "succeeded"
    [message] = messages(db, provider="mtn_momo")
    token_part = "/<token>" if token_in == "path" else ""
    assert message.path == f"/webhooks/payments/mtn_momo{token_part}/{bought.payment_id}/1"


@pytest.mark.parametrize(
    ("token", "token_in", "reason"),
    [
        ("", "none", "no token"),
        ("", "query", "no token"),
        ("", "header", "no token"),
        ("not-the-token-at-all", "query", "wrong token"),
        ("not-the-token-at-all", "header", "wrong token"),
        ("not-the-token-at-all", "path", "wrong token"),
    ],
)
def test_a_missing_or_wrong_token_is_403_logged_and_changes_nothing(api, db, daraja, token, token_in, reason):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    r = post_callback(api, "mpesa", success(daraja.last_reference), token=token, token_in=token_in)

    assert (r.status_code, r.json_body["error"]["code"]) == (403, "forbidden")
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, logged.reason, logged.provider_transaction_id) == ("rejected", reason, None)
    assert daraja.query.call_count == 0
    assert payment(db, bought.payment_id).status == "pending"


def test_another_providers_token_is_refused(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    r = post_callback(api, "mpesa", success(daraja.last_reference), token=token_for("sandbox"))

    assert (r.status_code, r.json_body["error"]["code"]) == (403, "forbidden")
    assert payment(db, bought.payment_id).status == "pending"


def test_a_token_given_twice_in_the_query_is_refused(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)
    token = token_for("mpesa")

    r = api.post(f"/webhooks/payments/mpesa?token={token}&token={token}", success(daraja.last_reference))

    assert (r.status_code, r.json_body["error"]["code"]) == (403, "forbidden")
    [logged] = messages(db, provider="mpesa")
    assert (logged.outcome, logged.reason) == ("rejected", "no token")
    assert payment(db, bought.payment_id).status == "pending"


def test_the_query_token_wins_over_the_header(api, db, daraja):
    bought = mobile_checkout(api, db, provider="mpesa")
    daraja.answer(daraja.last_reference, 0)

    r = api.post(
        f"/webhooks/payments/mpesa?token={token_for('mpesa')}",
        success(daraja.last_reference),
        headers={"x-webhook-token": "not-the-token-at-all"},
    )

    assert r.status_code == 200
    assert payment(db, bought.payment_id).status == "succeeded"
