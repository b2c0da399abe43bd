"""Whether the accounts routes these tests drive exist yet (the lead writes them)."""

from __future__ import annotations

import pytest

import app  # noqa: F401 - registers every blueprint's routes in ROUTES
from chalicelib.core.http import ROUTES


def has_route(path: str, method: str) -> bool:
    return (path, method) in {(route.path, route.method) for route in ROUTES}


needs_register = pytest.mark.skipif(
    not has_route("/auth/register", "POST"), reason="POST /auth/register is not there yet"
)
needs_password_reset = pytest.mark.skipif(
    not (has_route("/auth/password/forgot", "POST") and has_route("/auth/password/reset", "POST")),
    reason="the password reset routes are not there yet",
)
