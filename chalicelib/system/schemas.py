"""Response models of the system endpoints."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict

from chalicelib.core.schema import Schema


class Health(Schema):
    status: Literal["ok"]
    database: Literal["ok"]


class OpenApiDocument(Schema):
    """An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)."""

    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]
