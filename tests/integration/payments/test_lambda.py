"""The `payment_webhooks` Lambda (functions/payment_webhooks.py) answers real API Gateway
events, imported in its own process as in Lambda (see tests/integration/test_function_modules.py)."""

from __future__ import annotations

import json

import pytest

from chalicelib.core.settings import get_settings
from chalicelib.payments.models import ProviderMessage
from tests.integration.test_function_modules import rest_api_event, run_lambda

pytestmark = pytest.mark.concurrency

RESOURCE = "/webhooks/payments/{provider}/{token}"


def _event(provider: str, token: str, body: str, content_type: str = "application/json") -> dict:
    return rest_api_event(
        "POST",
        RESOURCE,
        path=f"/webhooks/payments/{provider}/{token}",
        path_parameters={"provider": provider, "token": token},
        headers={"Content-Type": content_type},
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
    ]

    result = run_lambda("payment_webhooks", events, tmp_path)

    assert result["routes"] == {
        (RESOURCE, "POST"),
        (RESOURCE, "PUT"),
        (RESOURCE + "/{payment_id}/{attempt}", "POST"),
        (RESOURCE + "/{payment_id}/{attempt}", "PUT"),
    }
    ack, forged, garbage, wrong_type = result["answers"]
    assert (ack["statusCode"], json.loads(ack["body"])) == (200, {"ResultCode": 0, "ResultDesc": "Accepted"})
    assert forged["statusCode"] == 403
    assert (garbage["statusCode"], json.loads(garbage["body"])["error"]["code"]) == (400, "invalid_json")
    assert (wrong_type["statusCode"], json.loads(wrong_type["body"])["error"]["code"]) == (
        400,
        "unsupported_content_type",
    )
    rows = committed_db.query(ProviderMessage).order_by(ProviderMessage.received_at).all()
    assert [(r.outcome, r.reason) for r in rows] == [
        ("unknown_reference", None),
        ("rejected", "wrong token"),
        ("rejected", "not JSON"),
        ("rejected", "content type text/xml"),
    ]
    assert {str(r.source_ip) for r in rows} == {"203.0.113.7"}
