"""Access tokens: verified once per container, expiry checked on every use."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import time_machine

from chalicelib.core import security
from chalicelib.core.clock import utcnow
from chalicelib.core.security import decode_access_token, issue_access_token
from chalicelib.core.settings import get_settings


def token() -> str:
    value, _ = issue_access_token(
        user_id=uuid.uuid4(), session_id=uuid.uuid4(), role="owner", business_id=uuid.uuid4(), business_kind="retailer"
    )
    return value


def test_a_remembered_token_still_expires():
    value = token()
    assert decode_access_token(value) is not None
    assert decode_access_token(value) is not None  # from the cache
    ttl = get_settings().access_token_ttl_seconds
    with time_machine.travel(utcnow() + timedelta(seconds=ttl + 1), tick=False):
        assert decode_access_token(value) is None


def test_a_tampered_token_is_refused_even_after_the_genuine_one_was_remembered():
    value = token()
    assert decode_access_token(value) is not None
    header, payload, signature = value.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert decode_access_token(forged) is None


def test_a_token_is_verified_again_when_the_secret_changes(monkeypatch: pytest.MonkeyPatch):
    value = token()
    assert decode_access_token(value) is not None
    monkeypatch.setattr(get_settings(), "jwt_secret", "another-secret-of-at-least-32-characters!!")
    assert decode_access_token(value) is None


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(security, "VERIFIED_TOKENS_KEPT", 3)
    security._verified.clear()
    values = [token() for _ in range(5)]
    for value in values:
        assert decode_access_token(value) is not None
    assert len(security._verified) == 3
    assert all(decode_access_token(value) is not None for value in values)
