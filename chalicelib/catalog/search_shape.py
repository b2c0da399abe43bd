"""What decides the text of a search statement (its shape); the values go in as bind parameters.

A statement is built once per shape (`search_statement.search_statement`), so everything that
changes the SQL, and nothing else, is a field of `Shape`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a statement looks for: `text` is full text with the fuzzy fallback in the same statement.
StatementMode = Literal["text", "full_text", "fuzzy", "all"]
# The type of the cursor's sort key, which the statement casts its bind parameter to.
KeyKind = Literal["none", "numeric", "real", "timestamp"]
DESCENDING_SORTS = frozenset({"relevance", "price_desc", "newest"})


@dataclass(frozen=True)
class Shape:
    match: StatementMode
    sort: str
    category: bool
    wholesaler: bool
    brand: bool
    min_price: bool
    max_price: bool
    in_stock: bool
    after: KeyKind
    visibility: bool  # repository.visibility_variant()

    @property
    def descending(self) -> bool:
        return self.sort in DESCENDING_SORTS
