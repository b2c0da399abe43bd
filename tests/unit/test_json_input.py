"""Reading JSON request bodies: no floats, bounded nesting, no control characters. No I/O."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from chalicelib.core.control_characters import check_request_text
from chalicelib.core.errors import ValidationFailed
from chalicelib.core.json_input import MAX_JSON_DEPTH, JsonNumber, load_json_body


def nested(levels: int) -> str:
    """`levels` objects inside each other: {"a": {"a": ... {} ...}}."""
    return '{"a": ' * (levels - 1) + "{}" + "}" * (levels - 1)


def refusal(raw: str | bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        load_json_body(raw)
    return caught.value


def test_a_number_with_a_fraction_or_an_exponent_is_a_json_number_never_a_float() -> None:
    data = load_json_body(b'{"price": 120.50, "big": 1e3, "count": 3}')

    assert data == {"price": Decimal("120.50"), "big": Decimal("1E+3"), "count": 3}
    assert type(data["price"]) is JsonNumber
    assert type(data["big"]) is JsonNumber
    assert type(data["count"]) is int


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(literal: str) -> None:
    error = refusal('{"price": ' + literal + "}")

    assert (error.code, error.details) == (
        "validation_failed",
        [{"field": "body", "code": "invalid_json", "message": "Send a JSON object."}],
    )


def test_thirty_two_levels_are_read() -> None:
    data: Any = load_json_body(nested(MAX_JSON_DEPTH))
    depth = 0
    while data:
        data, depth = data["a"], depth + 1
    assert depth == MAX_JSON_DEPTH - 1


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 1_000, 100_000])
def test_deeper_bodies_are_refused_however_deep(levels: int) -> None:
    error = refusal(nested(levels))

    assert (error.status, error.code, error.message) == (
        400,
        "too_deeply_nested",
        "The request body is nested too deeply.",
    )
    assert error.details == [
        {"field": "body", "code": "too_deeply_nested", "message": "Nest objects and arrays at most 32 levels deep."}
    ]


def test_arrays_count_as_levels_too() -> None:
    assert refusal("[" * 33 + "]" * 33).code == "too_deeply_nested"
    assert load_json_body("[" * 32 + "]" * 32) == [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]


def test_every_string_with_a_control_character_is_named_by_its_path() -> None:
    raw = json.dumps(
        {"business": {"name": "Duka\u0000", "address": {"line": "1\u001bMoi Ave"}}, "tags": ["ok", "bad\u007f"]}
    )

    error = refusal(raw)

    assert (error.status, error.code, error.message) == (
        400,
        "invalid_characters",
        "The request contains control characters.",
    )
    assert [(d["field"], d["code"]) for d in error.details] == [
        ("business.name", "invalid_characters"),
        ("business.address.line", "invalid_characters"),
        ("tags.1", "invalid_characters"),
    ]
    assert error.details[0]["message"] == "Remove the control character U+0000; it is not allowed here."
    assert error.details[2]["message"] == "Remove the control character U+007F; it is not allowed here."


def test_object_keys_are_text_too() -> None:
    error = refusal(json.dumps({"owner": {"full\u0000name": "Amina"}}))

    assert [(d["field"], d["code"]) for d in error.details] == [("owner.full\\u0000name", "invalid_characters")]


def test_tab_newline_and_carriage_return_are_free_text() -> None:
    note = "Deliver after 5pm.\r\n\tGate B"
    assert load_json_body(json.dumps({"note": note, "key\twith tab": "x"})) == {"note": note, "key\twith tab": "x"}


def test_a_top_level_string_with_a_control_character_is_the_body() -> None:
    assert refusal('"\\u0001"').details[0]["field"] == "body"


def test_path_query_and_header_fields_are_named_where_they_came_from() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_request_text(
            path_params={"id": "abc\u0000", "provider": "sandbox"},
            query_params=[("q", "soda"), ("q", "col\ta"), ("bad\u0001name", "1")],
            headers=[("idempotency-key", "k\u0000"), ("user-agent", "Mozilla\t5.0"), ("X-Note", "a\nb")],
        )

    assert [d["field"] for d in caught.value.details] == [
        "path.id",
        "query.q",
        "query.bad\\u0001name",
        "header.Idempotency-Key",
        "header.X-Note",
    ]


def test_clean_request_text_passes() -> None:
    check_request_text(
        path_params={"id": "6d5f"}, query_params=[("q", "mango juice")], headers=[("user-agent", "Mozilla\t5.0")]
    )
