"""Forgotten, reset and changed passwords. Any change of password ends the user's other
sessions (all of them when the change came through an e-mailed link).

Reset requests are throttled in a sliding window (`login_throttles`, the times of the
recent requests kept on the row), per normalised e-mail address and per source IP; see
`request_reset`.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta

from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.login_throttle import check_password_again
from chalicelib.accounts.models import LoginThrottle, User
from chalicelib.accounts.tokens import announce_token, issue_token, redeem_token
from chalicelib.accounts.validation import check_password
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import DomainError, TooManyRequests, ValidationFailed, field_error
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.outbox import record_event
from chalicelib.core.principal import Principal
from chalicelib.core.security import hash_password
from chalicelib.core.settings import get_settings


def validated_password(password: str, email: str, field: str = "password") -> str:
    try:
        return check_password(password, email)
    except PydanticCustomError as exc:
        raise ValidationFailed(details=[field_error(field, exc.type, exc.message())]) from exc


RESET_EMAIL = "reset_email"
RESET_IP = "reset_ip"


def request_reset(session: Session, *, email: str, source_ip: str | None) -> None:
    """Sends a reset link if the account exists; the caller answers the same either way.

    Throttling, in a sliding window of `password_reset_window_minutes`:
    * per source IP, at most `password_reset_max_per_ip` requests: the next one raises
      `TooManyRequests` (429, `Retry-After` = seconds until the oldest counted request
      leaves the window). It is neither counted nor recorded, so refused requests cannot
      keep an IP blocked. Every address gets this answer alike, so it reveals nothing.
    * per normalised e-mail address, registered or not, at most
      `password_reset_max_per_email` requests: further ones are answered exactly like any
      other (the caller's 202) but send nothing. A 429 here would tell a caller that
      someone has been asking for this address; the unchanged answer tells nothing at all,
      whether the account exists or not. Suppressed requests are not counted either, so
      the address gets a link again as soon as its oldest counted request is out of the
      window, however often an attacker keeps asking.
    The IP is counted first; a request it refuses does not count against the e-mail.
    """
    settings = get_settings()
    now = utcnow()
    window = timedelta(minutes=settings.password_reset_window_minutes)
    normalised = email.strip().lower()
    if source_ip:
        ip_throttle = repository.lock_throttle(session, RESET_IP, source_ip, now)
        retry_after = _count_request(ip_throttle, now, window, settings.password_reset_max_per_ip)
        if retry_after is not None:
            raise TooManyRequests(retry_after=retry_after)
    email_throttle = repository.lock_throttle(session, RESET_EMAIL, normalised, now)
    throttled = _count_request(email_throttle, now, window, settings.password_reset_max_per_email) is not None

    user = repository.get_user_by_email(session, normalised)
    record_audit(
        session,
        "auth.password_reset_requested",
        actor_user_id=user.id if user else None,
        source_ip=source_ip,
        target_type="email",
        target_id=normalised[:80],
        details={"throttled": True} if throttled else None,
    )
    if throttled or user is None or user.status != "active":
        return
    ttl = timedelta(minutes=get_settings().password_reset_ttl_minutes)
    token = issue_token(session, user, purpose="password_reset", ttl=ttl)
    announce_token(session, "PasswordResetRequested", user, token)


def _count_request(throttle: LoginThrottle, now: datetime, window: timedelta, limit: int) -> int | None:
    """Counts one request in the sliding window, or, when `limit` requests already fall
    inside it, counts nothing and answers in how many seconds the oldest of them leaves it."""
    recent = [at for at in throttle.failure_times or [] if at > now - window]
    throttle.updated_at = now
    if len(recent) >= limit:
        throttle.failure_times = recent
        return max(1, math.ceil((min(recent) + window - now).total_seconds()))
    throttle.failure_times = [*recent, now]
    return None


def reset(session: Session, *, token: str, password: str, source_ip: str | None) -> None:
    user = redeem_token(session, token, purpose="password_reset")
    _set_password(session, user, validated_password(password, user.email), source_ip=source_ip, keep=None)
    repository.clear_throttle(session, "account", user.email)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()


def change(
    session: Session, *, principal: Principal, current_password: str, new_password: str, source_ip: str | None
) -> DomainError | None:
    """None once the password is changed. A wrong current password counts in the sign-in
    throttle: that refusal (or the lock-out's 429) is returned for the route to raise after
    committing the counters."""
    user = repository.get_user(session, principal.user_id, for_update=True)
    if user is None:
        raise InvariantBroken("user is missing")
    wrong = ValidationFailed(
        "The current password is not correct.",
        details=[field_error("current_password", "invalid_password", "Check your current password.")],
    )
    refusal = check_password_again(session, user=user, password=current_password, source_ip=source_ip, wrong=wrong)
    if refusal is not None:
        return refusal
    password = validated_password(new_password, user.email, field="new_password")
    _set_password(session, user, password, source_ip=source_ip, keep=principal.session_id)
    return None


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
