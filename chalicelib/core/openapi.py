"""The OpenAPI 3.1 document, generated from the route table (`http.ROUTES`) and its models.

All request, query and response models go through one `models_json_schema` call, so a
model used by several routes is one component, and pydantic resolves name collisions
itself: two models with the same class name get module-qualified names, and a model whose
input and output schemas differ becomes `Name-Input` / `Name-Output`. The component names
are never guessed here; the `$ref` pydantic answers for each (model, mode) is used as is.

Path and query parameters state what the API refuses before any model sees them: no C0
control character (`control_characters`), and a `cursor` is the base64url text of a
`next_cursor` (still refused with 400 `invalid_cursor` when its signature does not match).

A PATCH body needs at least one property (`minProperties: 1`): `http.endpoint` refuses an
empty one.

Responses mirror what `http.endpoint` really does:
- the declared status with the response model, in the route's `produces` content type;
  a view without a response model answers 204 (status 200) or its status with no body;
- 400 when the route parses a body or a query, 401 + 403 when it has roles, 404 when it
  has path parameters, 406 when it answers a binary type (`binary_answers`), plus each
  status the route declares in `errors`, all with the one `ErrorEnvelope` schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from chalicelib.core.binary_answers import BINARY_ANSWERS
from chalicelib.core.http import RouteSpec

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
SECURITY_SCHEME = "bearerAuth"
JSON = "application/json"
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u001f\\u007f]*$"
CURSOR = "^[A-Za-z0-9_-]*$"


class ErrorDetail(BaseModel):
    """One problem with one field of the request."""

    field: str
    code: str
    message: str


class ErrorBody(BaseModel):
    """`code` is stable and machine-readable; some errors add fields (e.g. `retry_after`)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    details: list[ErrorDetail]


class ErrorEnvelope(BaseModel):
    """Every error the API answers, whatever its status."""

    error: ErrorBody


# (model, mode): pydantic answers one `$ref` per pair.
_ModelKey = tuple[type[Any], JsonSchemaMode]


def build_openapi(
    routes: Iterable[RouteSpec], *, title: str, version: str, servers: list[dict[str, str]]
) -> dict[str, Any]:
    route_list = list(routes)
    refs, schemas = _component_schemas(route_list)
    error_ref = refs[(ErrorEnvelope, "serialization")]

    paths: dict[str, dict[str, Any]] = {}
    operation_ids: set[str] = set()
    tags: set[str] = set()
    for route in route_list:
        operation = _operation(route, refs, schemas, error_ref)
        operation["operationId"] = _unique(_operation_id(route), operation_ids)
        tags.update(operation["tags"])
        paths.setdefault(route.path, {})[route.method.lower()] = operation

    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version},
        "servers": servers,
        "tags": [{"name": name} for name in sorted(tags)],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                SECURITY_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "The access token answered by /auth/login or /auth/refresh.",
                }
            },
        },
    }


def _component_schemas(routes: list[RouteSpec]) -> tuple[dict[_ModelKey, dict[str, Any]], dict[str, Any]]:
    keys: list[_ModelKey] = [(ErrorEnvelope, "serialization")]
    for route in routes:
        wanted: list[_ModelKey | None] = [
            (route.request, "validation") if route.request is not None else None,
            (route.query, "validation") if route.query is not None else None,
            (route.response, "serialization") if route.response is not None else None,
        ]
        for key in wanted:
            if key is not None and key not in keys:
                keys.append(key)
    refs, document = models_json_schema(keys, ref_template=REF_TEMPLATE)
    return dict(refs), dict(sorted(document.get("$defs", {}).items()))


def _operation(
    route: RouteSpec,
    refs: dict[_ModelKey, dict[str, Any]],
    schemas: dict[str, Any],
    error_ref: dict[str, Any],
) -> dict[str, Any]:
    path_params = _path_params(route.path)
    operation: dict[str, Any] = {
        "summary": route.summary,
        "tags": list(route.tags) or [_derived_tag(route.path)],
    }
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": (
                {"type": "string", "format": "uuid"}
                if name in route.uuid_params
                else {"type": "string", "pattern": NO_CONTROL_CHARACTERS}
            ),
        }
        for name in path_params
    ]
    if route.query is not None:
        parameters.extend(_query_params(route.query, refs[(route.query, "validation")], schemas))
    parameters.extend(
        {"name": h.name, "in": "header", "required": h.required, "description": h.description, "schema": h.schema}
        for h in route.headers
    )
    if parameters:
        operation["parameters"] = parameters
    if route.request is not None:
        body_schema = refs[(route.request, "validation")]
        if route.method == "PATCH":
            body_schema = {"allOf": [body_schema], "minProperties": 1}
        operation["requestBody"] = {"required": True, "content": {JSON: {"schema": body_schema}}}
    elif route.consumes is not None:
        operation["requestBody"] = {"required": True, "content": {route.consumes: {"schema": {"type": "string"}}}}
    responses = _success_response(route, refs)
    for status in _error_statuses(route, has_path_params=bool(path_params)):
        responses[str(status)] = _error_response(status, error_ref)
    operation["responses"] = responses
    if route.roles:
        operation["security"] = [{SECURITY_SCHEME: []}]
        operation["x-roles"] = sorted(route.roles)
        if route.business_kinds is not None:
            operation["x-business-kinds"] = sorted(route.business_kinds)
    return operation


def _success_response(route: RouteSpec, refs: dict[_ModelKey, dict[str, Any]]) -> dict[str, Any]:
    if route.response is not None:
        schema: dict[str, Any] | None = refs[(route.response, "serialization")]
    elif route.produces != JSON:
        schema = {"type": "string"} if route.produces.startswith("text/") else {"type": "string", "format": "binary"}
    else:
        schema = None
    if schema is None:
        status = 204 if route.status == 200 else route.status
        return {str(status): {"description": _phrase(status)}}
    return {str(route.status): {"description": _phrase(route.status), "content": {route.produces: {"schema": schema}}}}


def _error_statuses(route: RouteSpec, *, has_path_params: bool) -> list[int]:
    statuses = set(route.errors)
    if route.request is not None or route.query is not None or route.consumes is not None:
        statuses.add(400)
    if route.roles:
        statuses.update((401, 403))
    if has_path_params:
        statuses.add(404)
    if route.produces in BINARY_ANSWERS:
        statuses.add(406)
    return sorted(statuses)


def _error_response(status: int, error_ref: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": _phrase(status), "content": {JSON: {"schema": error_ref}}}
    if status == 429:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
        }
    return response


def _query_params(model: type[BaseModel], ref: dict[str, Any], schemas: dict[str, Any]) -> list[dict[str, Any]]:
    model_schema = _resolve(ref, schemas)
    required = set(model_schema.get("required", []))
    params = []
    for name, prop in model_schema.get("properties", {}).items():
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
        schema = _without_null(prop)
        description = schema.pop("description", None) or _field_description(model, name)
        if description:
            param["description"] = description
        param["schema"] = _printable(name, schema)
        params.append(param)
    return params


def _printable(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A free-text query parameter with the pattern the API enforces (see the module docstring)."""
    if schema.get("type") != "string" or "pattern" in schema or "enum" in schema or "format" in schema:
        return schema
    return {**schema, "pattern": CURSOR if name == "cursor" else NO_CONTROL_CHARACTERS}


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    resolved: dict[str, Any] = schemas[ref.removeprefix("#/components/schemas/")]
    return resolved


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """A query parameter that may be left out is `T`, not `T | null`: null cannot be sent."""
    schema = dict(prop)
    branches = schema.get("anyOf")
    if isinstance(branches, list):
        kept = [branch for branch in branches if branch != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(branches):
            del schema["anyOf"]
            schema = {**kept[0], **schema}
    if schema.get("default", ...) is None:
        del schema["default"]
    return schema


def _field_description(model: type[BaseModel], name: str) -> str | None:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias, info.validation_alias):
            return info.description
    return None


def _path_params(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{") and part.endswith("}")]


def _derived_tag(path: str) -> str:
    first = next((part for part in path.split("/") if part and not part.startswith("{")), "")
    return first.split(".")[0] or "default"


def _operation_id(route: RouteSpec) -> str:
    slug = re.sub(r"[^a-zA-Z0-9]+", "_", route.path).strip("_") or "root"
    return f"{route.method.lower()}_{slug}"


def _unique(candidate: str, taken: set[str]) -> str:
    name, n = candidate, 2
    while name in taken:
        name, n = f"{candidate}_{n}", n + 1
    taken.add(name)
    return name


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"
