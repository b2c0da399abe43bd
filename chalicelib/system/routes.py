"""System HTTP routes: the health check and the OpenAPI document, both public."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.core.http import RequestContext, endpoint
from chalicelib.system import service
from chalicelib.system.schemas import Health, OpenApiDocument

system_bp = Blueprint(__name__)


@endpoint(
    system_bp,
    "/health",
    "GET",
    summary="Whether the API and its database answer",
    response=Health,
    errors=(503,),
    no_store=True,
    tags=("system",),
)
def health(ctx: RequestContext) -> Health:
    return service.check_health(ctx.session)


@endpoint(
    system_bp,
    "/openapi.json",
    "GET",
    summary="This API's OpenAPI 3.1 document",
    response=OpenApiDocument,
    tags=("system",),
)
def openapi_document(ctx: RequestContext) -> dict[str, Any]:
    ctx.response_headers["Cache-Control"] = "public, max-age=300"
    return service.api_document()
