"""The payment webhook token (a secret in the callback URL's query, a header or, for the earlier
URLs, the path) is in no log line we write: the application's, nor the local server's access log."""

from __future__ import annotations

import io
import logging
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from chalicelib.core.observability import SERVICE, logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import webhook_routes
from tests.integration.payments.support import TokenPlace, post_callback
from tests.support.api import Api
from tests.support.local_api import running_api_server


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


def post_unknown_payment_callback(api: Api, token_in: TokenPlace = "path") -> Any:
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
    return post_callback(api, "mpesa", {"Body": {"stkCallback": callback}}, token_in=token_in)


@pytest.mark.parametrize("token_in", ["query", "header", "path"])
def test_a_callback_with_the_real_token_logs_no_token(
    api: Api, caplog: pytest.LogCaptureFixture, powertools_lines: io.StringIO, token_in: TokenPlace
) -> None:
    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        response = post_unknown_payment_callback(api, token_in)

    assert (response.status_code, response.json_body) == (200, {"ResultCode": 0, "ResultDesc": "Accepted"})
    assert caplog.records, "the callback for an unknown payment is logged"
    assert all(webhook_token() not in record_text(record) for record in caplog.records)
    assert powertools_lines.getvalue()
    assert webhook_token() not in powertools_lines.getvalue()


@pytest.mark.parametrize("token_in", ["query", "path"])
def test_an_unexpected_failure_in_the_webhook_logs_no_token(
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    powertools_lines: io.StringIO,
    token_in: TokenPlace,
) -> None:
    def failing(raw: webhook_routes.RawCallback) -> None:
        raise RuntimeError(f"could not handle /webhooks/payments/{raw.provider}/{raw.token}")

    monkeypatch.setattr(webhook_routes, "receive", failing)

    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        response = post_unknown_payment_callback(api, token_in)

    assert response.status_code == 500
    assert response.json_body["error"]["code"] == "internal_error"
    [failure] = [record for record in caplog.records if record.exc_info]
    assert "RuntimeError: could not handle /webhooks/payments/mpesa/<redacted>" in (failure.exc_text or "")
    assert all(webhook_token() not in record_text(record) for record in caplog.records)
    assert webhook_token() not in caplog.text
    assert "framework error" in powertools_lines.getvalue()
    assert webhook_token() not in powertools_lines.getvalue()


def test_the_local_servers_access_log_carries_no_token(
    db: Session, capsys: pytest.CaptureFixture[str], powertools_lines: io.StringIO
) -> None:
    """Over real HTTP: the request lines the local server writes to stderr are redacted."""
    from app import app

    body = b'{"Body": {"stkCallback": {}}}'
    with running_api_server(app) as url:
        for path in (
            f"/webhooks/payments/mpesa?token={webhook_token()}",
            f"/webhooks/payments/mpesa/{webhook_token()}",
        ):
            status = httpx.post(url + path, content=body, headers={"Content-Type": "application/json"}).status_code
            assert status == 400  # not a callback Daraja would send: refused, and logged
    written = capsys.readouterr()

    assert "POST /webhooks/payments/mpesa?token=<redacted> HTTP/1.1" in written.err
    assert "POST /webhooks/payments/mpesa/<redacted> HTTP/1.1" in written.err
    assert webhook_token() not in written.err + written.out + powertools_lines.getvalue()
