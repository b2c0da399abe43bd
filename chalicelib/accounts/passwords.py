"""Forgotten, reset and changed passwords. Any change of password ends the user's other
sessions (all of them when the change came through an e-mailed link)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.models import User
from chalicelib.accounts.tokens import announce_token, issue_token, redeem_token
from chalicelib.accounts.validation import check_password
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.outbox import record_event
from chalicelib.core.principal import Principal
from chalicelib.core.security import hash_password, verify_password
from chalicelib.core.settings import get_settings


def validated_password(password: str, email: str, field: str = "password") -> str:
    try:
        return check_password(password, email)
    except PydanticCustomError as exc:
        raise ValidationFailed(details=[field_error(field, exc.type, exc.message())]) from exc


def request_reset(session: Session, *, email: str, source_ip: str | None) -> None:
    """Sends a reset link if the account exists; the caller answers the same either way."""
    user = repository.get_user_by_email(session, email.strip().lower())
    record_audit(
        session,
        "auth.password_reset_requested",
        actor_user_id=user.id if user else None,
        source_ip=source_ip,
        target_type="email",
        target_id=email.strip().lower()[:80],
    )
    if user is None or user.status != "active":
        return
    ttl = timedelta(minutes=get_settings().password_reset_ttl_minutes)
    token = issue_token(session, user, purpose="password_reset", ttl=ttl)
    announce_token(session, "PasswordResetRequested", user, token)


def reset(session: Session, *, token: str, password: str, source_ip: str | None) -> None:
    user = redeem_token(session, token, purpose="password_reset")
    _set_password(session, user, validated_password(password, user.email), source_ip=source_ip, keep=None)
    repository.clear_throttle(session, "account", user.email)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()


def change(
    session: Session, *, principal: Principal, current_password: str, new_password: str, source_ip: str | None
) -> None:
    user = repository.get_user(session, principal.user_id, for_update=True)
    assert user is not None
    if not verify_password(user.password_hash, current_password):
        raise ValidationFailed(
            "The current password is not correct.",
            details=[field_error("current_password", "invalid_password", "Check your current password.")],
        )
    password = validated_password(new_password, user.email, field="new_password")
    _set_password(session, user, password, source_ip=source_ip, keep=principal.session_id)


def _set_password(
    session: Session, user: User, password: str, *, source_ip: str | None, keep: uuid.UUID | None
) -> None:
    now = utcnow()
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    repository.revoke_sessions(session, user.id, reason="password_changed", now=now, keep=keep)
    record_audit(
        session,
        "auth.password_changed",
        actor_user_id=user.id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
    record_event(
        session, "PasswordChanged", aggregate_type="user", aggregate_id=user.id, payload={"user_id": str(user.id)}
    )
