"""The one error envelope (domain errors, framework refusals, bugs) and opaque cursors. No I/O."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from chalice.app import Request, Response

from chalicelib.core.envelope import SECURITY_HEADERS, domain_error_response, http_middleware
from chalicelib.core.errors import Conflict, NotFound, TooManyRequests, ValidationFailed, error_body, field_error
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.core.settings import get_settings

INTERNAL_ERROR = {
    "error": {"code": "internal_error", "message": "Something went wrong on our side. Please try again.", "details": []}
}


def make_request(method: str = "GET", *, headers: dict[str, str] | None = None) -> Request:
    return Request(
        {
            "headers": headers or {},
            "multiValueQueryStringParameters": None,
            "pathParameters": None,
            "stageVariables": None,
            "body": None,
            "isBase64Encoded": False,
            "requestContext": {"httpMethod": method, "resourcePath": "/things", "requestId": "req-1"},
        }
    )


def answering(response: Response) -> Callable[[Request], Response]:
    return lambda _request: response


def through_middleware(response: Response, request: Request | None = None) -> Response:
    return http_middleware(request or make_request(), answering(response))


def body_of(response: Response) -> Any:
    return json.loads(response.body) if isinstance(response.body, str | bytes) else response.body


# --- error_body and domain errors ------------------------------------------------------


def test_error_body_has_code_message_and_details() -> None:
    assert error_body("email_taken", "Taken.") == {"error": {"code": "email_taken", "message": "Taken.", "details": []}}
    details = [field_error("email", "invalid", "Not an e-mail address.")]
    assert error_body("validation_failed", "Invalid.", details) == {
        "error": {
            "code": "validation_failed",
            "message": "Invalid.",
            "details": [{"field": "email", "code": "invalid", "message": "Not an e-mail address."}],
        }
    }


def test_error_body_carries_extra_fields_inside_the_error() -> None:
    assert error_body("too_many_requests", "Slow down.", retry_after=30) == {
        "error": {"code": "too_many_requests", "message": "Slow down.", "details": [], "retry_after": 30}
    }


def test_a_domain_error_becomes_its_status_and_envelope() -> None:
    response = domain_error_response(Conflict("Already shipped.", code="order_shipped"), {"Cache-Control": "no-store"})

    assert response.status_code == 409
    assert response.body == {"error": {"code": "order_shipped", "message": "Already shipped.", "details": []}}
    assert response.headers == {"Content-Type": "application/json", "Cache-Control": "no-store"}


def test_a_throttled_answer_says_when_to_retry() -> None:
    response = domain_error_response(TooManyRequests(retry_after=120))

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "120"
    assert response.body == {
        "error": {
            "code": "too_many_requests",
            "message": "Too many attempts. Try again later.",
            "details": [],
            "retry_after": 120,
        }
    }


# --- the middleware ------------------------------------------------------------------------


def test_an_unsupported_media_type_refusal_becomes_a_400_envelope() -> None:
    chalice_refusal = Response(
        body={"Code": "UnsupportedMediaType", "Message": "Unsupported media type: text/xml"}, status_code=415
    )

    response = through_middleware(chalice_refusal)

    assert response.status_code == 400
    assert body_of(response) == {
        "error": {"code": "unsupported_content_type", "message": "The request is malformed.", "details": []}
    }
    assert response.headers["Content-Type"] == "application/json"


def test_a_method_not_allowed_refusal_is_a_405_envelope_keeping_allow() -> None:
    chalice_refusal = Response(
        body=json.dumps({"Code": "MethodNotAllowedError", "Message": "Unsupported method: PUT"}),
        status_code=405,
        headers={"Allow": "GET, POST", "Content-Type": "text/plain"},
    )

    response = through_middleware(chalice_refusal)

    assert response.status_code == 405
    assert body_of(response) == {
        "error": {"code": "method_not_allowed", "message": "This method is not allowed here.", "details": []}
    }
    assert response.headers["Allow"] == "GET, POST"
    assert response.headers["Content-Type"] == "application/json"


def test_a_refusal_that_allows_no_method_is_a_404_envelope() -> None:
    """Chalice's answer for a resource its app does not serve at all (a function asked for
    another function's path): a 405 whose `Allow` is empty."""
    chalice_refusal = Response(
        body={"Code": "MethodNotAllowedError", "Message": "Unsupported method: GET"},
        status_code=405,
        headers={"Allow": ""},
    )

    response = through_middleware(chalice_refusal)

    assert response.status_code == 404
    assert body_of(response) == {"error": {"code": "not_found", "message": "Not found.", "details": []}}
    assert "Allow" not in response.headers


def test_a_forbidden_refusal_stays_a_403_envelope() -> None:
    response = through_middleware(Response(body={"Code": "ForbiddenError", "Message": "no"}, status_code=403))

    assert response.status_code == 403
    assert body_of(response) == {"error": {"code": "forbidden", "message": "The request was refused.", "details": []}}


def test_a_framework_500_becomes_internal_error_without_its_message() -> None:
    chalice_refusal = Response(
        body={"Code": "InternalServerError", "Message": "An internal server error occurred."}, status_code=500
    )

    response = through_middleware(chalice_refusal)

    assert response.status_code == 500
    assert body_of(response) == INTERNAL_ERROR


def test_an_exception_becomes_internal_error_without_a_stack_trace() -> None:
    def failing(_request: Request) -> Response:
        raise KeyError("password=hunter2")

    response = http_middleware(make_request(), failing)

    assert response.status_code == 500
    assert body_of(response) == INTERNAL_ERROR
    assert "hunter2" not in json.dumps(response.body)


def test_our_own_envelope_and_successes_pass_through_with_security_headers() -> None:
    ours = domain_error_response(NotFound())
    success = Response(body={"status": "ok"}, status_code=200, headers={"Content-Type": "application/json"})

    for original in (ours, success):
        body, status = original.body, original.status_code
        response = through_middleware(original)
        assert (response.body, response.status_code) == (body, status)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        assert response.headers["X-Request-Id"] == "req-1"


def test_cors_headers_only_for_allowed_origins() -> None:
    allowed = get_settings().cors_allowed_origins[0]
    ok = Response(body={}, status_code=200)

    allowed_response = through_middleware(ok, make_request(headers={"origin": allowed}))
    unknown_response = through_middleware(
        Response(body={}, status_code=200), make_request(headers={"origin": "https://evil.example"})
    )

    assert allowed_response.headers["Access-Control-Allow-Origin"] == allowed
    assert "Access-Control-Allow-Origin" not in unknown_response.headers


def never_called(_request: Request) -> Response:
    raise AssertionError("the view must not run for a preflight")


def test_a_preflight_from_an_allowed_origin_never_reaches_the_view() -> None:
    origin = get_settings().cors_allowed_origins[0]
    request = make_request("OPTIONS", headers={"origin": origin, "access-control-request-method": "PATCH"})

    response = http_middleware(request, never_called)

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert response.headers["Access-Control-Allow-Methods"] == "GET,POST,PUT,PATCH,DELETE,OPTIONS"
    assert response.headers["Access-Control-Allow-Headers"] == "Authorization,Content-Type,Idempotency-Key,X-Request-Id"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_preflight_from_an_origin_not_allowed_is_refused_without_cors_headers() -> None:
    request = make_request(
        "OPTIONS", headers={"origin": "https://evil.example", "access-control-request-method": "GET"}
    )

    response = http_middleware(request, never_called)

    assert response.status_code == 403
    assert body_of(response) == {
        "error": {"code": "origin_not_allowed", "message": "This origin may not call the API.", "details": []}
    }
    assert not any(name.lower().startswith("access-control-") for name in response.headers)
    assert response.headers["Vary"] == "Origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_an_options_request_that_is_no_preflight_goes_to_the_routes() -> None:
    refusal = Response(
        body={"Code": "MethodNotAllowedError", "Message": "x"}, status_code=405, headers={"Allow": "GET"}
    )

    response = through_middleware(
        refusal, make_request("OPTIONS", headers={"origin": get_settings().cors_allowed_origins[0]})
    )

    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"


# --- cursors -------------------------------------------------------------------------------


def test_a_cursor_round_trips() -> None:
    position = {"created_at": "2026-03-01T10:00:00+00:00", "id": "5f0c4f4e-2f6b-4b53-9a1a-0d3c1f6f2b11"}

    cursor = encode_cursor(position)

    assert decode_cursor(cursor) == position
    assert "=" not in cursor
    assert "created_at" not in cursor


def tampered(cursor: str) -> str:
    blob = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    blob[-2] ^= 0x01  # one bit of the position, signature unchanged
    return base64.urlsafe_b64encode(bytes(blob)).decode().rstrip("=")


@pytest.mark.parametrize(
    "make_cursor",
    [
        pytest.param(lambda: tampered(encode_cursor({"id": "abc", "rank": 7})), id="tampered"),
        pytest.param(lambda: "not a cursor!", id="garbage"),
        pytest.param(lambda: "", id="empty"),
        pytest.param(lambda: encode_cursor([1, 2]), id="signed-but-not-an-object"),  # type: ignore[arg-type]
    ],
)
def test_an_invalid_cursor_is_a_validation_error(make_cursor: Callable[[], str]) -> None:
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(make_cursor())

    assert raised.value.status == 400
    assert raised.value.details == [
        {"field": "cursor", "code": "invalid_cursor", "message": "Start again from the first page."}
    ]
