"""Money in requests: a JSON string such as "120.00", never a JSON number.

`MoneyInput` is the one pydantic type of every money field a client sends. It accepts

- a string of 1 to 12 digits, optionally signed with '-', with at most 2 decimals
  (`^-?[0-9]{1,12}(\\.[0-9]{1,2})?$`): no spaces, '+', exponent, '_' separators, NaN or
  Infinity, all of which `Decimal(...)` would otherwise take;
- a finite `Decimal` handed over by Python code (the CSV importer, services, tests),

and refuses a JSON number (`money_as_string`), because a float cannot carry an amount
exactly, and anything else (`invalid_money`). Bounds are added where the field is declared:

    Price = Annotated[MoneyInput, Field(ge=0, le=Decimal("9999999.99"), decimal_places=2)]

Responses keep plain `Decimal` (serialised as a string).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from chalicelib.core.json_input import JsonNumber

MONEY_PATTERN = r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$"
_MONEY = re.compile(MONEY_PATTERN.removeprefix("^").removesuffix("$"))


def parse_money(value: Any) -> Decimal:
    if isinstance(value, int | float | JsonNumber) and not isinstance(value, bool):
        raise PydanticCustomError("money_as_string", 'Send amounts as strings, e.g. "120.00".')
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, str) and _MONEY.fullmatch(value):
        return Decimal(value)
    raise PydanticCustomError(
        "invalid_money", 'An amount is up to 12 digits with at most 2 decimals, as a string, e.g. "120.00".'
    )


MoneyInput = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "examples": ["120.00"]}, mode="validation"),
]
