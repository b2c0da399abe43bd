"""The money input type: a JSON string of digits with at most 2 decimals. No I/O."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from chalicelib.core.json_input import JsonNumber, load_json_body
from chalicelib.core.money import MoneyInput

AS_STRING = 'Send amounts as strings, e.g. "120.00".'
INVALID = 'An amount is up to 12 digits with at most 2 decimals, as a string, e.g. "120.00".'


class Fee(BaseModel):
    amount: MoneyInput


class Bounded(BaseModel):
    amount: Annotated[MoneyInput, Field(gt=0, le=Decimal("1000.00"), decimal_places=2)]


def errors(model: type[BaseModel], value: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({"amount": value})
    return [(e["type"], e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.5", Decimal("10.5")),
        ("120.00", Decimal("120.00")),
        ("0", Decimal("0")),
        ("-3.25", Decimal("-3.25")),
        ("999999999999.99", Decimal("999999999999.99")),
    ],
)
def test_a_string_of_digits_is_an_amount(text: str, expected: Decimal) -> None:
    assert Fee.model_validate({"amount": text}).amount == expected


@pytest.mark.parametrize(
    "text",
    ["1_000", "1e3", "1E3", "NaN", "Infinity", "-Infinity", " 10", "10 ", "10\n", "+10", "10.", ".5", "1.234",
     "1,000.00", "", "-", "1000000000000", "١٢٣", "0x10"],
)  # fmt: skip
def test_anything_else_in_a_string_is_refused(text: str) -> None:
    assert errors(Fee, text) == [("invalid_money", INVALID)]


@pytest.mark.parametrize("number", [120, 0, JsonNumber("120.5"), 120.5])
def test_a_json_number_is_refused_with_a_hint(number: Any) -> None:
    assert errors(Fee, number) == [("money_as_string", AS_STRING)]


def test_json_numbers_from_a_parsed_body_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Fee.model_validate(load_json_body(b'{"amount": 120.50}'))
    assert caught.value.errors()[0]["type"] == "money_as_string"


@pytest.mark.parametrize("value", [True, None, ["1.00"], {"amount": "1.00"}, Decimal("NaN"), Decimal("Infinity")])
def test_other_values_are_not_amounts(value: Any) -> None:
    assert errors(Fee, value) == [("invalid_money", INVALID)]


def test_python_callers_hand_over_a_decimal() -> None:
    assert Fee(amount=Decimal("12.30")).amount == Decimal("12.30")


@pytest.mark.parametrize(
    ("value", "code"),
    [("0", "greater_than"), ("1000.01", "less_than_equal"), (Decimal("1.005"), "decimal_max_places")],
)
def test_bounds_are_added_where_the_field_is_declared(value: Any, code: str) -> None:
    assert [kind for kind, _ in errors(Bounded, value)] == [code]
    assert Bounded.model_validate({"amount": "1000.00"}).amount == Decimal("1000.00")


def test_the_request_schema_says_string() -> None:
    schema = Fee.model_json_schema(mode="validation")["properties"]["amount"]
    assert schema == {
        "type": "string",
        "pattern": r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$",
        "examples": ["120.00"],
        "title": "Amount",
    }
