"""The health check and the API description.

The OpenAPI document describes the whole API (every blueprint of `chalicelib.blueprints`),
whichever Lambda serves it, and is built once per container. Its server URL is relative
(".") so it resolves against wherever the document itself is served: the stage path of an
API Gateway URL, a custom domain or `chalice local`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from chalicelib.core import http, openapi
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.system import repository
from chalicelib.system.errors import DatabaseUnavailable
from chalicelib.system.schemas import Health

API_VERSION = "0.1.0"


def check_health(session: Session) -> Health:
    try:
        repository.select_one(session)
    except SQLAlchemyError as exc:
        logger.warning("health check: database unreachable", extra={"error": type(exc).__name__})
        raise DatabaseUnavailable() from exc
    return Health(status="ok", database="ok")


@lru_cache(maxsize=1)
def api_document() -> dict[str, Any]:
    from chalicelib.blueprints import all_blueprints  # the wiring imports this package

    served = {bp._import_name for bp in all_blueprints()}
    return openapi.build_openapi(
        [route for route in http.ROUTES if route.blueprint in served],
        title=f"{get_settings().platform_name} API",
        version=API_VERSION,
        servers=[{"url": ".", "description": "This API, relative to where this document is served"}],
    )
