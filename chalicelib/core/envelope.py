"""The HTTP middleware: correlation id, the error envelope, security headers and CORS."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from chalicelib.core.errors import DomainError, error_body
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

CORS_ALLOWED_HEADERS = "Authorization,Content-Type,Idempotency-Key,X-Request-Id"
CORS_ALLOWED_METHODS = "GET,POST,PUT,PATCH,DELETE,OPTIONS"

# Framework refusals (Chalice's own {"Code", "Message"} bodies) mapped to our codes.
_FRAMEWORK_ERRORS = {
    400: (400, "bad_request"),
    403: (404, "not_found"),
    404: (404, "not_found"),
    405: (404, "not_found"),
    415: (400, "unsupported_content_type"),
}


def domain_error_response(error: DomainError, headers: dict[str, str] | None = None) -> Response:
    body = error_body(error.code, error.message, error.details, **error.extra)
    return Response(
        body=body,
        status_code=error.status,
        headers={"Content-Type": "application/json", **(headers or {}), **error.headers},
    )


def _is_framework_error(response: Response) -> bool:
    body = response.body
    if isinstance(body, str | bytes):
        try:
            body = json.loads(body)
        except ValueError:
            return False
    return isinstance(body, dict) and "Code" in body and "error" not in body


def _cors_headers(request: Request | None) -> dict[str, str]:
    origin = request.headers.get("origin") if request is not None else None
    if not origin or origin not in get_settings().cors_allowed_origins:
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "Retry-After,X-Request-Id",
        "Vary": "Origin",
    }


def http_middleware(event: Request, get_response: Callable[[Request], Response]) -> Response:
    request_id = (event.context or {}).get("requestId") if event is not None else None
    logger.set_correlation_id(request_id)
    cors = _cors_headers(event)
    if event is not None and event.method == "OPTIONS" and cors:
        response = Response(
            body="",
            status_code=204,
            headers={
                "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS,
                "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
                "Access-Control-Max-Age": "600",
            },
        )
    else:
        try:
            response = get_response(event)
        except Exception:
            logger.exception("unhandled error", extra={"path": getattr(event, "path", None)})
            response = Response(
                body=error_body("internal_error", "Something went wrong on our side. Please try again."),
                status_code=500,
                headers={"Content-Type": "application/json"},
            )
        if response.status_code >= 400 and _is_framework_error(response):
            response = _envelope_framework_error(response)
    response.headers = {**SECURITY_HEADERS, **cors, **(response.headers or {})}
    if request_id:
        response.headers.setdefault("X-Request-Id", request_id)
    return response


def _envelope_framework_error(response: Response) -> Response:
    status, code = _FRAMEWORK_ERRORS.get(response.status_code, (response.status_code, "error"))
    if response.status_code >= 500:
        logger.error("framework error", extra={"status": response.status_code, "body": str(response.body)[:500]})
        message = "Something went wrong on our side. Please try again."
        code = "internal_error"
    else:
        message = {404: "Not found.", 400: "The request is malformed."}.get(status, "The request was refused.")
    headers = {k: v for k, v in (response.headers or {}).items() if k.lower() != "content-type"}
    return Response(
        body=error_body(code, message), status_code=status, headers={"Content-Type": "application/json", **headers}
    )


def install(app: Any) -> None:
    app.register_middleware(http_middleware, "http")
