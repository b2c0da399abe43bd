"""Webhook tokens never reach a log line: the redaction function, the Powertools logger and
the local API server's access log. No I/O beyond in-memory streams."""

from __future__ import annotations

import io
import json
import logging

import pytest
from chalice.app import Request, Response

from chalicelib.core.app_factory import create_app
from chalicelib.core.envelope import http_middleware
from chalicelib.core.log_redaction import RedactSecretsFilter, redact_secrets, redact_value
from chalicelib.core.observability import SERVICE, logger
from infra.local.api_server import RedactingRequestHandler

TOKEN = "s3cr3t-Webhook_Token.42"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/webhooks/payments/mpesa/{TOKEN}", "/webhooks/payments/mpesa/<redacted>"),
        (f"/webhooks/payments/mtn_momo/{TOKEN}/6d5f0c1e/2", "/webhooks/payments/mtn_momo/<redacted>"),
        (
            f'"POST /api/webhooks/payments/sandbox/{TOKEN} HTTP/1.1" 200 -',
            '"POST /api/webhooks/payments/sandbox/<redacted> HTTP/1.1" 200 -',
        ),
        (
            f"https://api.example/webhooks/payments/mpesa/{TOKEN}?x=1#f",
            "https://api.example/webhooks/payments/mpesa/<redacted>?x=1#f",
        ),
        (f"GET /orders?token={TOKEN}&page=2", "GET /orders?token=<redacted>&page=2"),
        (f"GET /x?a=1&access_token={TOKEN}", "GET /x?a=1&access_token=<redacted>"),
        ("/webhooks/payments/{provider}/{token}", "/webhooks/payments/{provider}/{token}"),
        ("/webhooks/payments/{provider}/{part1}/{part2}", "/webhooks/payments/{provider}/{part1}/{part2}"),
        ("/webhooks/payments/mpesa/<redacted>", "/webhooks/payments/mpesa/<redacted>"),
        ("GET /catalog/search?q=token", "GET /catalog/search?q=token"),
        (
            f"POST /webhooks/payments/mpesa?token={TOKEN} HTTP/1.1",
            "POST /webhooks/payments/mpesa?token=<redacted> HTTP/1.1",
        ),
        (
            f"https://api.example/webhooks/payments/mtn_momo/6d5f0c1e/1?token={TOKEN}",
            "https://api.example/webhooks/payments/mtn_momo/<redacted>?token=<redacted>",
        ),
        (f"token={TOKEN}&page=2", "token=<redacted>&page=2"),
        (f"GET /x?a=1&X-Webhook-Token={TOKEN}", "GET /x?a=1&X-Webhook-Token=<redacted>"),
        (f'{{"token": "{TOKEN}", "page": 2}}', '{"token": "<redacted>", "page": 2}'),
        (f"{{'token': ['{TOKEN}'], 'page': ['2']}}", "{'token': ['<redacted>'], 'page': ['2']}"),
        (f"{{'X-Webhook-Token': '{TOKEN}'}}", "{'X-Webhook-Token': '<redacted>'}"),
        (f'"message":"{{\\"token\\": \\"{TOKEN}\\"}}"', '"message":"{\\"token\\": \\"<redacted>\\"}"'),
        ('{"token_type": "bearer", "tokens": 3}', '{"token_type": "bearer", "tokens": 3}'),
    ],
)
def test_the_secret_part_of_a_url_is_redacted(text: str, expected: str) -> None:
    assert redact_secrets(text) == expected


def test_the_values_of_token_keys_are_redacted_whatever_they_hold() -> None:
    event = {
        "queryStringParameters": {"token": TOKEN, "page": "2"},
        "multiValueQueryStringParameters": {"token": [TOKEN]},
        "headers": {"X-Webhook-Token": TOKEN, "Content-Type": "application/json"},
        "access_token": {"nested": TOKEN},
    }

    assert redact_value(event) == {
        "queryStringParameters": {"token": "<redacted>", "page": "2"},
        "multiValueQueryStringParameters": {"token": "<redacted>"},
        "headers": {"X-Webhook-Token": "<redacted>", "Content-Type": "application/json"},
        "access_token": "<redacted>",
    }


def test_strings_inside_structures_are_redacted() -> None:
    value = {"url": f"/webhooks/payments/mpesa/{TOKEN}", "list": [f"?token={TOKEN}", 3], "n": None}
    assert redact_value(value) == {
        "url": "/webhooks/payments/mpesa/<redacted>",
        "list": ["?token=<redacted>", 3],
        "n": None,
    }


def test_the_powertools_logger_redacts_message_arguments_extras_and_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", stream)
    path = f"/webhooks/payments/sandbox/{TOKEN}"

    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        logger.info("callback on %s", path, extra={"path": path, "request": {"url": "https://h" + path}})
        try:
            raise RuntimeError(f"cannot reach {path}")
        except RuntimeError:
            logger.exception("unhandled error")

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["message"] == "callback on /webhooks/payments/sandbox/<redacted>"
    assert lines[0]["path"] == "/webhooks/payments/sandbox/<redacted>"
    assert lines[0]["request"] == {"url": "https://h/webhooks/payments/sandbox/<redacted>"}
    assert "cannot reach /webhooks/payments/sandbox/<redacted>" in lines[1]["exception"]
    assert TOKEN not in stream.getvalue()
    assert len(caplog.records) == 2
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr({name: value for name, value in vars(record).items() if name != "exc_info"})
    assert TOKEN not in caplog.text


def test_the_middleware_logs_an_unhandled_error_without_the_token(caplog: pytest.LogCaptureFixture) -> None:
    request = Request(
        {
            "headers": {},
            "multiValueQueryStringParameters": None,
            "pathParameters": {"provider": "sandbox", "token": TOKEN},
            "stageVariables": None,
            "body": None,
            "isBase64Encoded": False,
            "requestContext": {
                "httpMethod": "POST",
                "resourcePath": "/webhooks/payments/{provider}/{token}",
                "path": f"/api/webhooks/payments/sandbox/{TOKEN}",
                "requestId": "req-1",
            },
        }
    )

    def failing(_request: Request) -> Response:
        raise RuntimeError(f"cannot settle /api/webhooks/payments/sandbox/{TOKEN}")

    with caplog.at_level(logging.DEBUG, logger=SERVICE):
        response = http_middleware(request, failing)

    assert response.status_code == 500
    [record] = caplog.records
    assert (record.getMessage(), vars(record)["path"]) == ("unhandled error", "/webhooks/payments/{provider}/{token}")
    assert "RuntimeError: cannot settle /api/webhooks/payments/sandbox/<redacted>" in (record.exc_text or "")
    assert TOKEN not in caplog.text


def test_a_chalice_app_redacts_the_tracebacks_it_logs() -> None:
    from chalicelib.accounts.principals import load_principal

    app = create_app("redaction-test", [], principal_loader=load_principal)  # the loader is process-wide

    assert [type(f) for f in app.log.filters] == [RedactSecretsFilter]


def test_the_local_api_server_access_log_is_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    handler = RedactingRequestHandler.__new__(RedactingRequestHandler)
    handler.client_address = ("127.0.0.1", 50000)
    handler.requestline = f"POST /webhooks/payments/sandbox/{TOKEN} HTTP/1.1"

    handler.log_request(200)
    handler.log_error("bad request %r", f"/webhooks/payments/sandbox/{TOKEN}")

    err = capsys.readouterr().err
    assert '"POST /webhooks/payments/sandbox/<redacted> HTTP/1.1" 200 -' in err
    assert "bad request '/webhooks/payments/sandbox/<redacted>'" in err
    assert TOKEN not in err
