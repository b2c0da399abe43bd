"""Refusing C0 control characters (U+0000-U+001F and U+007F) in request text.

PostgreSQL cannot store a NUL in text, and no other control character belongs in a name,
an id, a search or a header, so they are refused with a 400 (`invalid_characters`) before
anything reaches the database. What each part of a request may still carry:

- JSON body strings (and a raw text body such as a CSV file): tab, line feed and carriage
  return, for free text (notes, descriptions) and line breaks;
- header values: tab (RFC 9110 allows it as whitespace);
- path and query parameters (names and values): none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from chalicelib.core.errors import ValidationFailed, field_error

TEXT_WHITESPACE = "\t\n\r"
HEADER_WHITESPACE = "\t"
MAX_DETAILS = 20
"""A body full of bad strings is answered with the first few, not with one detail each."""

_CONTROL = "\x00-\x1f\x7f"
_ANY_CONTROL = re.compile(f"[{_CONTROL}]")
_CONTROL_BUT_TEXT_WHITESPACE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL_BYTE_BUT_TEXT_WHITESPACE = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PATTERNS = {"": _ANY_CONTROL, TEXT_WHITESPACE: _CONTROL_BUT_TEXT_WHITESPACE, HEADER_WHITESPACE: _CONTROL_BUT_TAB}


def first_control_character(text: str, *, allowed: str = "") -> str | None:
    """The first control character of `text` other than those in `allowed` ("", `TEXT_WHITESPACE`
    or `HEADER_WHITESPACE`), or None."""
    found = _PATTERNS[allowed].search(text)
    return found.group() if found else None


def printable(name: str) -> str:
    """`name` with its control characters written as `\\u0000`, fit for an error detail."""
    return _ANY_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", name)


def invalid_characters(field: str, character: str) -> dict[str, str]:
    return field_error(
        field, "invalid_characters", f"Remove the control character U+{ord(character):04X}; it is not allowed here."
    )


def refusal(details: list[dict[str, str]]) -> ValidationFailed:
    return ValidationFailed(
        "The request contains control characters.", code="invalid_characters", details=details[:MAX_DETAILS]
    )


def _header_name(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


def check_request_text(
    *, path_params: Mapping[str, str], query_params: Iterable[tuple[str, str]], headers: Iterable[tuple[str, str]]
) -> None:
    """Raises `invalid_characters` naming every path parameter (`path.id`), query parameter
    (`query.q`) and header (`header.Idempotency-Key`) that carries a control character."""
    details: list[dict[str, str]] = []
    for name, value in path_params.items():
        if (character := first_control_character(value)) is not None:
            details.append(invalid_characters(f"path.{name}", character))
    for name, value in query_params:
        if (character := first_control_character(name) or first_control_character(value)) is not None:
            details.append(invalid_characters(f"query.{printable(name)}", character))
    for name, value in headers:
        if (character := first_control_character(value, allowed=HEADER_WHITESPACE)) is not None:
            details.append(invalid_characters(f"header.{_header_name(printable(name))}", character))
    if details:
        raise refusal(details)


def check_raw_text_body(raw: bytes) -> None:
    """A raw text body (e.g. text/csv) may hold tab, CR and LF, no other control character.
    Checked on the bytes: in UTF-8 a byte below 0x80 is always that character itself."""
    found = _CONTROL_BYTE_BUT_TEXT_WHITESPACE.search(raw)
    if found is not None:
        code_point = found.group()[0]
        message = f"Remove the control character U+{code_point:04X} (byte {found.start() + 1} of the body)."
        raise refusal([field_error("body", "invalid_characters", message)])
