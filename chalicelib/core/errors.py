"""Domain errors and the one error envelope.

`{"error": {"code": "...", "message": "...", "details": [...]}}` is produced here and
nowhere else: by `error_body` for domain errors and by the middleware for everything the
framework itself refuses.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"
    message = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.details = details or []
        self.headers = headers or {}
        self.extra = extra or {}
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status = 400
    code = "validation_failed"
    message = "Some fields are invalid."


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    message = "Authentication is required."


class PaymentRequired(DomainError):
    status = 402
    code = "payment_required"
    message = "A subscription in good standing is required."


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    message = "You are not allowed to do this."


class NotFound(DomainError):
    status = 404
    code = "not_found"
    message = "Not found."


class Conflict(DomainError):
    status = 409
    code = "conflict"
    message = "The request conflicts with the current state."


class BusinessRuleViolation(DomainError):
    status = 422
    code = "business_rule_violation"
    message = "The request breaks a business rule."


class TooManyRequests(DomainError):
    status = 429
    code = "too_many_requests"
    message = "Too many attempts. Try again later."

    def __init__(self, message: str | None = None, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(
            message, code=code, headers={"Retry-After": str(retry_after)}, extra={"retry_after": retry_after}
        )


def field_error(field: str, code: str, message: str) -> dict[str, str]:
    return {"field": field, "code": code, "message": message}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or [], **extra}}
