"""The `payment_webhooks` Lambda (functions/payment_webhooks.py) answers real API Gateway
events, imported in its own process as in Lambda (see tests/integration/test_function_modules.py)."""

from __future__ import annotations

import json

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.payments.models import ProviderMessage
from tests.integration.test_function_modules import rest_api_event, run_lambda

pytestmark = pytest.mark.concurrency

CALLBACK = "/webhooks/payments/{provider}"
PATH_TOKEN_CALLBACK = CALLBACK + "/{part1}"


def _event(provider: str, token: str, body: str, content_type: str = "application/json") -> dict:
    """A callback to the URL we give providers now: the token in the query string."""
    return rest_api_event(
        "POST",
        CALLBACK,
        path=f"/webhooks/payments/{provider}",
        path_parameters={"provider": provider},
        query={"token": token},
        headers={"Content-Type": content_type},
        body=body,
    )


def _path_token_event(provider: str, token: str, body: str) -> dict:
    """A callback to an earlier URL, the token in the path."""
    return rest_api_event(
        "POST",
        PATH_TOKEN_CALLBACK,
        path=f"/webhooks/payments/{provider}/{token}",
        path_parameters={"provider": provider, "part1": token},
        headers={"Content-Type": "application/json"},
        body=body,
    )


def test_the_lambda_acknowledges_stores_and_refuses(committed_db, tmp_path):
    token = get_settings().mpesa_webhook_token
    unknown = json.dumps(
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "1",
                    "CheckoutRequestID": "ws_CO_nobody",
                    "ResultCode": 1032,
                    "ResultDesc": "Request cancelled by user",
                }
            }
        }
    )
    events = [
        _event("mpesa", token, unknown),
        _event("mpesa", "forged-token-forged-token", unknown),
        _event("mpesa", token, "{oops"),
        _event("mpesa", token, unknown, content_type="text/xml"),
        _path_token_event("mpesa", token, unknown.replace("ws_CO_nobody", "ws_CO_nobody_either")),
    ]

    result = run_lambda("payment_webhooks", events, tmp_path)

    assert result["routes"] == {
        (path, method)
        for path in (
            CALLBACK,
            CALLBACK + "/{part1}/{part2}",
            PATH_TOKEN_CALLBACK,
            PATH_TOKEN_CALLBACK + "/{part2}/{part3}",
        )
        for method in ("POST", "PUT")
    }
    ack, forged, garbage, wrong_type, path_token = result["answers"]
    assert (ack["statusCode"], json.loads(ack["body"])) == (200, {"ResultCode": 0, "ResultDesc": "Accepted"})
    assert forged["statusCode"] == 403
    assert (garbage["statusCode"], json.loads(garbage["body"])["error"]["code"]) == (400, "invalid_json")
    assert (wrong_type["statusCode"], json.loads(wrong_type["body"])["error"]["code"]) == (
        400,
        "unsupported_content_type",
    )
    assert (path_token["statusCode"], json.loads(path_token["body"])) == (
        200,
        {"ResultCode": 0, "ResultDesc": "Accepted"},
    )
    rows = committed_db.query(ProviderMessage).order_by(ProviderMessage.received_at).all()
    assert [(r.outcome, r.reason, r.path) for r in rows] == [
        ("unknown_reference", None, "/webhooks/payments/mpesa"),
        ("rejected", "wrong token", "/webhooks/payments/mpesa"),
        ("rejected", "not JSON", "/webhooks/payments/mpesa"),
        ("rejected", "content type text/xml", "/webhooks/payments/mpesa"),
        ("unknown_reference", None, "/webhooks/payments/mpesa/<token>"),
    ]
    assert {str(r.source_ip) for r in rows} == {"203.0.113.7"}
