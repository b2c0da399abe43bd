"""Keyset positions of the inventory lists, in and out of signed cursors."""

from __future__ import annotations

import uuid
from typing import Any

from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.pagination import after_created, created_cursor, decode_cursor, encode_cursor

__all__ = ["after_created", "after_low_stock", "created_cursor", "low_stock_cursor"]


def _invalid() -> ValidationFailed:
    return ValidationFailed(
        "The cursor is invalid.", details=[field_error("cursor", "invalid_cursor", "Start again from the first page.")]
    )


def after_low_stock(cursor: str | None) -> tuple[int, str, uuid.UUID] | None:
    if not cursor:
        return None
    position = decode_cursor(cursor)
    try:
        return int(position["stock"]), str(position["sku"]), uuid.UUID(position["id"])
    except (KeyError, ValueError, TypeError):
        raise _invalid() from None


def low_stock_cursor(row: Any) -> str:
    return encode_cursor({"stock": row.stock_on_hand, "sku": row.sku, "id": str(row.id)})
