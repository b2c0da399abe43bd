"""The local stack's API server (infra/local/api_server.py) answers over real HTTP as the
production gateway will: unknown paths 404 and wrong methods 405 in the error envelope, CORS
preflights answered by the app, the security headers on every answer, also those made
before the app."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy.orm import Session

from chalicelib.core.envelope import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, SECURITY_HEADERS
from chalicelib.core.settings import get_settings
from tests.support.local_api import running_api_server

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "details": []}}
"""The gateway adds the request id to it, as API Gateway's response for an unknown path does."""


@pytest.fixture
def server(db: Session) -> Iterator[str]:
    from app import app

    with running_api_server(app) as url:
        yield url


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10) as client:
        yield client


def allowed_origin() -> str:
    return get_settings().cors_allowed_origins[0]


def assert_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_an_unknown_path_is_a_404_envelope(http: httpx.Client) -> None:
    response = http.get("/no/such/thing", headers={"Authorization": "Bearer x"})

    assert response.status_code == 404
    assert response.json() == {"error": {**NOT_FOUND["error"], "request_id": response.headers["X-Request-Id"]}}
    assert response.headers["Content-Type"] == "application/json"
    assert_security_headers(response)


def test_a_method_the_path_does_not_serve_is_a_405_envelope_with_allow(http: httpx.Client) -> None:
    response = http.put("/health", json={})

    assert response.status_code == 405
    assert response.json() == {
        "error": {"code": "method_not_allowed", "message": "This method is not allowed here.", "details": []}
    }
    assert response.headers["Allow"] == "GET"
    assert_security_headers(response)


def test_a_served_path_answers_with_the_security_headers_and_cors_for_an_allowed_origin(http: httpx.Client) -> None:
    response = http.get("/health", headers={"Origin": allowed_origin()})

    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin()
    assert response.headers["X-Request-Id"]
    assert_security_headers(response)


def test_a_preflight_from_an_allowed_origin_is_204_with_the_cors_headers(http: httpx.Client) -> None:
    response = http.options(
        "/cart/items",
        headers={
            "Origin": allowed_origin(),
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
        },
    )

    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin()
    assert response.headers["Access-Control-Allow-Methods"] == CORS_ALLOWED_METHODS
    assert response.headers["Access-Control-Allow-Headers"] == CORS_ALLOWED_HEADERS
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert_security_headers(response)


def test_a_preflight_from_another_origin_gets_no_cors_headers(http: httpx.Client) -> None:
    response = http.options(
        "/cart/items", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert not any(name.lower().startswith("access-control-") for name in response.headers)
    assert_security_headers(response)


def test_a_request_the_http_server_cannot_read_is_an_envelope_too(server: str) -> None:
    address = urlsplit(server)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        raw = b""
        while chunk := connection.recv(65536):
            raw += chunk

    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    assert status_line == "HTTP/1.1 414 Request-URI Too Long"
    assert headers["Content-Type"] == "application/json"
    assert httpx.Response(414, content=body).json() == {
        "error": {"code": "bad_request", "message": "Request-URI Too Long.", "details": []}
    }
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
