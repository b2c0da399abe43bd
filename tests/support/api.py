"""Helpers for driving the API through chalice.test.Client in tests."""

from __future__ import annotations

import itertools
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import decrypt

PASSWORD = "Mango-Lorry-Kisumu-42"
_counter = itertools.count(1)


class Api:
    """Thin JSON wrapper over chalice.test.Client: `api.post(path, body, token=...)`."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        all_headers = {"content-type": "application/json", **(headers or {})}
        if token:
            all_headers["authorization"] = f"Bearer {token}"
        raw = body if isinstance(body, str | bytes) or body is None else json.dumps(body)
        return getattr(self.client.http, method.lower())(path, body=raw, headers=all_headers)

    def get(self, path: str, **kw: Any) -> Any:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("POST", path, body if body is not None else {}, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PATCH", path, body if body is not None else {}, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PUT", path, body if body is not None else {}, **kw)

    def delete(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("DELETE", path, body, **kw)


def registration_body(kind: str = "retailer", **overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    body: dict[str, Any] = {
        "business": {
            "kind": kind,
            "name": f"Duka {n} Supplies",
            "registration_number": f"BN-{n:06d}",
            "tax_id": f"P05{n:07d}X" if kind == "wholesaler" else None,
            "phone": "+254712345678",
            "email": f"shop{n}@example.co.ke",
            "address": {"line": f"{n} Moi Avenue", "city": "Nairobi", "region": "Nairobi", "country": "KE"},
        },
        "owner": {
            "full_name": f"Owner Number {n}",
            "email": f"owner{n}@example.co.ke",
            "phone": "+254722000111",
            "password": PASSWORD,
        },
        "accepted_terms_version": "2026-01",
        "accepted_privacy_version": "2026-01",
    }
    for key, value in overrides.items():
        section, _, field = key.partition("__")
        if field:
            body[section][field] = value
        else:
            body[key] = value
    return body


def register(api: Api, kind: str = "retailer", **overrides: Any) -> dict[str, Any]:
    response = api.post("/auth/register", registration_body(kind, **overrides))
    assert response.status_code == 201, response.json_body
    return response.json_body  # type: ignore[no-any-return]


def login(api: Api, email: str, password: str = PASSWORD, **extra: Any) -> Any:
    return api.post("/auth/login", {"email": email, "password": password, **extra})


def latest_token(session: Session, event_type: str, email: str) -> str:
    """The raw one-time token sealed in the newest outbox event of that type for that e-mail."""
    event = session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.event_type == event_type, OutboxEvent.payload["email"].astext == email)
        .order_by(OutboxEvent.occurred_at.desc(), OutboxEvent.id.desc())
    ).first()
    assert event is not None, f"no {event_type} event for {email}"
    token = decrypt(event.payload["token_sealed"])
    assert token is not None
    return token


def count(session: Session, model: Any, *conditions: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0)


def throttled(code: str, seconds: int) -> dict[str, Any]:
    """The error envelope of a request refused by a throttle, retrying in `seconds`."""
    return {
        "error": {"code": code, "message": "Too many attempts. Try again later.", "details": [], "retry_after": seconds}
    }
