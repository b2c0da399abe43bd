"""One-time tokens (e-mail verification, password reset, invitation).

The raw token leaves the database only sealed (encrypted) inside an outbox event, for the
notifications consumer to put in a link; the table keeps its SHA-256.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.errors import invalid_token
from chalicelib.accounts.models import OneTimeToken, User
from chalicelib.core.clock import utcnow
from chalicelib.core.outbox import record_event
from chalicelib.core.security import encrypt, hash_token, new_opaque_token


def issue_token(session: Session, user: User, *, purpose: str, ttl: timedelta) -> str:
    now = utcnow()
    repository.retire_tokens(session, user.id, purpose, now)
    token = new_opaque_token()
    session.add(
        OneTimeToken(
            id=uuid.uuid4(), user_id=user.id, purpose=purpose, token_hash=hash_token(token), expires_at=now + ttl
        )
    )
    return token


def redeem_token(session: Session, token: str, *, purpose: str) -> User:
    now = utcnow()
    record = repository.find_live_token(session, hash_token(token), purpose, now)
    if record is None:
        raise invalid_token()
    user = repository.get_user(session, record.user_id, for_update=True)
    if user is None or user.status == "deactivated":
        raise invalid_token()
    record.used_at = now
    return user


def announce_token(session: Session, event_type: str, user: User, token: str, **extra: object) -> None:
    record_event(
        session,
        event_type,
        aggregate_type="user",
        aggregate_id=user.id,
        payload={
            "user_id": str(user.id),
            "email": user.email,
            "full_name": user.full_name,
            "token_sealed": encrypt(token),
            **extra,
        },
    )
