"""What an admin typed in the payments ledger's search box, read every way it can mean."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchTerms:
    text: str
    """Upper-cased: references, receipts and order numbers are matched case aside."""
    phone: str | None
    """In E.164 when the text reads as a phone number of the deployment's region (or with +)."""
    uuid: uuid.UUID | None


def search_terms(q: str) -> SearchTerms:
    text = q.strip()
    return SearchTerms(text=text.upper(), phone=_as_phone(text), uuid=_as_uuid(text))


def _as_phone(text: str) -> str | None:
    if not any(ch.isdigit() for ch in text) or any(ch.isalpha() for ch in text):
        return None
    from pydantic_core import PydanticCustomError

    from chalicelib.accounts.validation import normalize_phone

    try:
        return normalize_phone(text)
    except PydanticCustomError:
        return None


def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
