"""Opaque, tamper-evident keyset cursors.

A cursor is the JSON of the last row's sort key, base64url-encoded and signed with an
HMAC so a client cannot forge positions; a tampered cursor is a 400.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import datetime
from typing import Any

from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.settings import get_settings


def _key() -> bytes:
    return hashlib.sha256(b"cursor:" + get_settings().jwt_secret.encode()).digest()


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True, default=str).encode()
    signature = hmac.new(_key(), raw, hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(signature + raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    invalid = ValidationFailed(
        "The cursor is invalid.", details=[field_error("cursor", "invalid_cursor", "Start again from the first page.")]
    )
    try:
        blob = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (ValueError, TypeError) as exc:
        raise invalid from exc
    signature, raw = blob[:12], blob[12:]
    if not hmac.compare_digest(signature, hmac.new(_key(), raw, hashlib.sha256).digest()[:12]):
        raise invalid
    try:
        position = json.loads(raw)
    except ValueError as exc:
        raise invalid from exc
    if not isinstance(position, dict):
        raise invalid
    return position


def after_created(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """(created_at, id) of the last row of the previous page of a newest-first list."""
    if not cursor:
        return None
    position = decode_cursor(cursor)
    try:
        return datetime.fromisoformat(position["created_at"]), uuid.UUID(position["id"])
    except (KeyError, ValueError, TypeError):
        raise ValidationFailed(
            "The cursor is invalid.",
            details=[field_error("cursor", "invalid_cursor", "Start again from the first page.")],
        ) from None


def created_cursor(row: Any) -> str:
    return encode_cursor({"created_at": row.created_at.isoformat(), "id": str(row.id)})
