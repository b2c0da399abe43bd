"""The payment webhook token (a secret in the callback path) is in no log line we write."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest

from chalicelib.core.observability import SERVICE, logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import webhook_routes
from tests.support.api import Api


def webhook_token() -> str:
    return get_settings().mpesa_webhook_token


@pytest.fixture
def powertools_lines(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What the Powertools logger writes (its JSON lines), instead of stdout."""
    stream = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", stream)
    return stream


def record_text(record: logging.LogRecord) -> str:
    """What a handler prints of a record: message, fields and traceback text (not the
    exception object itself, which formatters render as `exc_text`)."""
    fields = {name: value for name, value in vars(record).items() if name != "exc_info"}
    return " ".join([record.getMessage(), repr(fields), record.exc_text or ""])


def post_unknown_payment_callback(api: Api) -> Any:
    """A Daraja STK Push callback, with the real token, about a payment we never asked for."""
    item = [
        {"Name": "Amount", "Value": 302},
        {"Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV"},
        {"Name": "TransactionDate", "Value": 20261203083000},
        {"Name": "PhoneNumber", "Value": 254712345678},
    ]
    callback = {
        "MerchantRequestID": "29115-34620561-1",
        "CheckoutRequestID": "ws_CO_no_such_reference",
        "ResultCode": 0,
        "ResultDesc": "The service request is processed successfully.",
        "CallbackMetadata": {"Item": item},
    }
    return api.post(f"/webhooks/payments/mpesa/{webhook_token()}", {"Body": {"stkCallback": callback}})


def test_a_callback_with_the_real_token_logs_no_token(
    api: Api, caplog: pytest.LogCaptureFixture, powertools_lines: io.StringIO
) -> None:
    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        response = post_unknown_payment_callback(api)

    assert (response.status_code, response.json_body) == (200, {"ResultCode": 0, "ResultDesc": "Accepted"})
    assert caplog.records, "the callback for an unknown payment is logged"
    assert all(webhook_token() not in record_text(record) for record in caplog.records)
    assert powertools_lines.getvalue()
    assert webhook_token() not in powertools_lines.getvalue()


def test_an_unexpected_failure_in_the_webhook_logs_no_token(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, powertools_lines: io.StringIO
) -> None:
    def failing(raw: webhook_routes.RawCallback) -> None:
        raise RuntimeError(f"could not handle /webhooks/payments/{raw.provider}/{raw.token}")

    monkeypatch.setattr(webhook_routes, "receive", failing)

    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        response = post_unknown_payment_callback(api)

    assert response.status_code == 500
    assert response.json_body["error"]["code"] == "internal_error"
    [failure] = [record for record in caplog.records if record.exc_info]
    assert "RuntimeError: could not handle /webhooks/payments/mpesa/<redacted>" in (failure.exc_text or "")
    assert all(webhook_token() not in record_text(record) for record in caplog.records)
    assert webhook_token() not in caplog.text
    assert "framework error" in powertools_lines.getvalue()
    assert webhook_token() not in powertools_lines.getvalue()
