"""Reading a JSON request body: no floats, bounded nesting, no control characters.

- A number with a fraction or an exponent becomes a `JsonNumber` (a `Decimal`), so no
  float ever exists and the money fields can tell a JSON number from a string.
- `NaN`, `Infinity` and `-Infinity` are not JSON (RFC 8259): refused like any invalid JSON.
- Objects and arrays nest at most `MAX_JSON_DEPTH` levels (the outermost is level 1).
  Deeper bodies are refused (`too_deeply_nested`), also those so deep that the json
  module itself gives up with a RecursionError.
- Every string, object keys included, may hold tab, line feed and carriage return but no
  other control character (`invalid_characters`, naming the field, e.g. `business.name`).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from chalicelib.core import control_characters
from chalicelib.core.errors import ValidationFailed, field_error

MAX_JSON_DEPTH = 32


class JsonNumber(Decimal):
    """A JSON number written with a fraction or an exponent (`1.5`, `1e3`)."""


class _NotJson(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number")


def invalid_json() -> ValidationFailed:
    return ValidationFailed(
        "The request body is not valid JSON.", details=[field_error("body", "invalid_json", "Send a JSON object.")]
    )


def too_deeply_nested() -> ValidationFailed:
    return ValidationFailed(
        "The request body is nested too deeply.",
        code="too_deeply_nested",
        details=[
            field_error("body", "too_deeply_nested", f"Nest objects and arrays at most {MAX_JSON_DEPTH} levels deep.")
        ],
    )


def load_json_body(raw: bytes | str) -> Any:
    """The parsed body, or a `ValidationFailed` saying why it cannot be accepted."""
    try:
        data = json.loads(raw, parse_float=JsonNumber, parse_constant=_no_constants)
    except RecursionError as exc:
        raise too_deeply_nested() from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid_json() from exc
    problems: list[dict[str, str]] = []
    _screen(data, "", 0, problems)
    if problems:
        raise control_characters.refusal(problems)
    return data


def _screen(value: Any, path: str, depth: int, problems: list[dict[str, str]]) -> None:
    """Walks the parsed body (at most `MAX_JSON_DEPTH` levels down), collecting a detail
    for every string with a control character."""
    if isinstance(value, str):
        character = control_characters.first_control_character(value, allowed=control_characters.TEXT_WHITESPACE)
        if character is not None:
            problems.append(control_characters.invalid_characters(path or "body", character))
        return
    if not isinstance(value, dict | list):
        return
    if depth == MAX_JSON_DEPTH:
        raise too_deeply_nested()
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        field = f"{path}.{key}" if path else str(key)
        if isinstance(key, str):
            character = control_characters.first_control_character(key, allowed=control_characters.TEXT_WHITESPACE)
            if character is not None:
                field = control_characters.printable(field)
                problems.append(control_characters.invalid_characters(field, character))
                continue
        _screen(item, field, depth + 1, problems)
