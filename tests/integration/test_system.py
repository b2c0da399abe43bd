"""The health check and what the HTTP middleware adds to every answer: security headers,
CORS, and the error envelope for whatever the gateway, the framework or a bug produces.
Requests go through chalice.test.Client with the production-like gateway (infra/local/gateway.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chalice.app import Blueprint
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from chalicelib.accounts.principals import load_principal
from chalicelib.core import db as core_db
from chalicelib.core import http
from chalicelib.core.app_factory import create_app
from chalicelib.core.envelope import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.settings import get_settings
from tests.integration.test_function_modules import lambda_context, rest_api_event
from tests.support.local_api import gateway_client

UNKNOWN_ORIGIN = "https://evil.example"


def allowed_origin() -> str:
    return get_settings().cors_allowed_origins[0]


@pytest.fixture
def unreachable_database(db: Session) -> Iterator[None]:
    """Units of work get sessions on a server that refuses connections (nothing listens on port 1)."""
    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/marketplace", connect_args={"connect_timeout": 2})
    previous = core_db.get_session_factory()
    core_db.use_session_factory(sessionmaker(bind=engine))
    try:
        yield
    finally:
        core_db.use_session_factory(previous)
        engine.dispose()


# --- /health -------------------------------------------------------------------------


def test_health_reports_the_database(client: Any) -> None:
    response = client.http.get("/health")

    assert response.status_code == 200
    assert response.json_body == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_is_503_when_the_database_is_unreachable(client: Any, unreachable_database: None) -> None:
    response = client.http.get("/health")

    assert response.status_code == 503
    assert response.json_body == {
        "error": {"code": "database_unavailable", "message": "The database is unreachable.", "details": []}
    }
    assert response.headers["Cache-Control"] == "no-store"
    assert b"psycopg" not in response.body
    assert b"127.0.0.1" not in response.body


def test_the_openapi_document_does_not_need_the_database(client: Any, unreachable_database: None) -> None:
    response = client.http.get("/openapi.json")

    assert response.status_code == 200
    assert response.json_body["openapi"] == "3.1.0"


# --- security headers and CORS -------------------------------------------------------


@pytest.mark.parametrize(("path", "status"), [("/health", 200), ("/me", 401)])
def test_security_headers_are_on_success_and_error_answers(client: Any, path: str, status: int) -> None:
    response = client.http.get(path)

    assert response.status_code == status
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_an_allowed_origin_gets_cors_headers(client: Any) -> None:
    response = client.http.get("/health", headers={"Origin": allowed_origin()})

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin()
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert response.headers["Vary"] == "Origin"


def test_an_unknown_origin_gets_no_cors_headers(client: Any) -> None:
    response = client.http.get("/health", headers={"Origin": UNKNOWN_ORIGIN})

    assert response.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in response.headers)


def preflight_headers(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization,content-type",
    }


def test_a_preflight_from_an_allowed_origin_is_answered_by_the_app(client: Any) -> None:
    response = client.http.options("/me", headers=preflight_headers(allowed_origin()))

    assert response.status_code == 204
    assert response.body == b""
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin()
    assert response.headers["Access-Control-Allow-Methods"] == CORS_ALLOWED_METHODS
    assert response.headers["Access-Control-Allow-Headers"] == CORS_ALLOWED_HEADERS
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_preflight_reaches_the_lambda_as_a_proxy_event(db: Session) -> None:
    """What a Lambda receives: the gateway sends OPTIONS on to it like any other method."""
    from app import app

    event = rest_api_event("OPTIONS", "/me", headers=preflight_headers(allowed_origin()))

    result = app(event, lambda_context("marketplace"))

    assert result["statusCode"] == 204
    assert result["headers"]["Access-Control-Allow-Origin"] == allowed_origin()
    assert result["headers"]["X-Request-Id"] == event["requestContext"]["requestId"]


def test_a_preflight_from_an_unknown_origin_is_refused_without_cors_headers(client: Any) -> None:
    response = client.http.options("/me", headers=preflight_headers(UNKNOWN_ORIGIN))

    assert response.status_code == 403
    assert response.json_body == {
        "error": {"code": "origin_not_allowed", "message": "This origin may not call the API.", "details": []}
    }
    assert not any(name.lower().startswith("access-control-") for name in response.headers)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- what the gateway and the framework refuse -------------------------------------------


def test_an_unknown_path_is_a_404_envelope_from_the_gateway(client: Any) -> None:
    """The gateway answers a path no function serves before any Lambda runs
    (infra/local/gateway.py stands in for it): our envelope and the security headers."""
    response = client.http.get("/no/such/thing", headers={"Authorization": "Bearer whatever"})

    assert response.status_code == 404
    request_id = response.headers["X-Request-Id"]
    assert response.json_body == {
        "error": {"code": "not_found", "message": "Not found.", "details": [], "request_id": request_id}
    }
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"


def test_a_wrong_method_is_a_405_envelope_naming_the_allowed_ones(client: Any) -> None:
    response = client.http.delete("/health")

    assert response.status_code == 405
    assert response.json_body == {
        "error": {"code": "method_not_allowed", "message": "This method is not allowed here.", "details": []}
    }
    assert response.headers["Allow"] == "GET"
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- a bug -----------------------------------------------------------------------------


@pytest.fixture
def buggy_client(db: Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An app with one route that fails unexpectedly; the route table is restored after."""
    monkeypatch.setattr(http, "ROUTES", list(http.ROUTES))
    bp = Blueprint("tests.integration.test_system.buggy")

    @endpoint(bp, "/buggy", "GET", summary="Fails")
    def buggy(ctx: RequestContext) -> None:
        raise RuntimeError("connection to secret-host:5432 failed, password=hunter2")

    app = create_app("buggy", [bp], principal_loader=load_principal)
    with gateway_client(app) as test_client:
        yield test_client


def test_an_unexpected_exception_is_a_500_envelope_without_a_stack_trace(buggy_client: Any) -> None:
    response = buggy_client.http.get("/buggy", headers={"Origin": allowed_origin()})

    assert response.status_code == 500
    assert response.json_body == {
        "error": {
            "code": "internal_error",
            "message": "Something went wrong on our side. Please try again.",
            "details": [],
        }
    }
    assert b"Traceback" not in response.body
    assert b"hunter2" not in response.body
    assert b"RuntimeError" not in response.body
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin()
