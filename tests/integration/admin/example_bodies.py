"""A request body each admin route accepts, so that a route's own checks (its role, then the
id in its path) are what a test meets, not a 400 for the body.

Built from the route's request model's JSON schema: the smallest valid value of each required
field. A body no schema can describe well enough (a pattern, a rule across fields) is written
out in `EXPLICIT`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

EXPLICIT: dict[tuple[str, str], Any] = {
    ("POST", "/admin/businesses/{id}/verification"): {"status": "rejected", "reason": "Documents unreadable"},
    ("PATCH", "/admin/categories/{id}"): {"name": "Renamed"},
    ("PATCH", "/admin/plans/{id}"): {"name": "Renamed"},
    ("POST", "/admin/payments/{id}/refund"): {"amount": "10.00", "reason": "Damaged goods"},
}


def example_body(method: str, path: str, model: type[BaseModel] | None) -> Any:
    if (method, path) in EXPLICIT:
        return EXPLICIT[(method, path)]
    if model is None:
        return None
    schema = model.model_json_schema()
    return _example(schema, schema.get("$defs", {}))


def _example(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _example(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [option for option in schema[key] if option.get("type") != "null"]
            return _example(options[0], defs)
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _example(properties[name], defs) for name in schema.get("required", [])}
    if kind == "array":
        return [_example(schema.get("items", {}), defs) for _ in range(schema.get("minItems", 0))]
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), int(schema.get("exclusiveMinimum", 0)) + 1)
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    return _string(schema)


def _string(schema: dict[str, Any]) -> str:
    formats = {
        "uuid": "00000000-0000-4000-8000-000000000000",
        "date-time": "2026-01-01T00:00:00Z",
        "date": "2026-01-01",
        "email": "someone@example.co.ke",
        "decimal": "1.00",
    }
    if schema.get("format") in formats:
        return formats[schema["format"]]
    return "Checked by the admin route tests"[: schema.get("maxLength", 40)].ljust(schema.get("minLength", 1), "x")
