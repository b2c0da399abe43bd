"""System error codes."""

from __future__ import annotations

from chalicelib.core.errors import DomainError


class DatabaseUnavailable(DomainError):
    """Only the health check answers 503: it exists to say the database is unreachable."""

    status = 503
    code = "database_unavailable"
    message = "The database is unreachable."
