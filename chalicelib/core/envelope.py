"""The HTTP middleware: correlation id, the error envelope, security headers and CORS.

Framework refusals keep their status: a method the path does not serve is a 405 with `Allow`
(`method_not_allowed`). A path this Lambda does not serve at all reaches Chalice only if the
gateway routes it here by mistake; Chalice then refuses it as a 405 that allows nothing, which
is answered as the 404 it is. A CORS preflight (OPTIONS with `Origin` and
`Access-Control-Request-Method`) is answered here, before any route: 204 with the CORS headers
for an allowed origin, 403 `origin_not_allowed` without them for any other.
"""

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
    403: (403, "forbidden"),
    404: (404, "not_found"),
    405: (405, "method_not_allowed"),
    415: (400, "unsupported_content_type"),
}
_FRAMEWORK_MESSAGES = {
    400: "The request is malformed.",
    404: "Not found.",
    405: "This method is not allowed here.",
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


def is_preflight(request: Request | None) -> bool:
    if request is None or request.method != "OPTIONS":
        return False
    return bool(request.headers.get("origin") and request.headers.get("access-control-request-method"))


def preflight_response(allowed: bool) -> Response:
    if not allowed:
        return Response(
            body=error_body("origin_not_allowed", "This origin may not call the API."),
            status_code=403,
            headers={"Content-Type": "application/json", "Vary": "Origin"},
        )
    return Response(
        body="",
        status_code=204,
        headers={
            "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS,
            "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
            "Access-Control-Max-Age": "600",
        },
    )


def http_middleware(event: Request, get_response: Callable[[Request], Response]) -> Response:
    request_id = (event.context or {}).get("requestId") if event is not None else None
    logger.set_correlation_id(request_id)
    cors = _cors_headers(event)
    if is_preflight(event):
        response = preflight_response(allowed=bool(cors))
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
    headers = {k: v for k, v in (response.headers or {}).items() if k.lower() != "content-type"}
    status, code = _FRAMEWORK_ERRORS.get(response.status_code, (response.status_code, "error"))
    if status == 405 and not headers.get("Allow"):
        status, code = 404, "not_found"
        headers.pop("Allow", None)
    if response.status_code >= 500:
        logger.error("framework error", extra={"status": response.status_code, "body": str(response.body)[:500]})
        message = "Something went wrong on our side. Please try again."
        code = "internal_error"
    else:
        message = _FRAMEWORK_MESSAGES.get(status, "The request was refused.")
    return Response(
        body=error_body(code, message), status_code=status, headers={"Content-Type": "application/json", **headers}
    )


def install(app: Any) -> None:
    app.register_middleware(http_middleware, "http")
