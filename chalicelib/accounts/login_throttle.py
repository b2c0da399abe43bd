"""The throttle on password guesses: sign-in, and the password a signed-in user types again.

Failures are counted per account (the normalised e-mail, whether or not it exists, so
answers never reveal it) and per source IP inside a sliding window (the times of the
recent failures are kept on the throttle row). Reaching the limit locks that key for
`base * 2**(lockouts-1)` seconds (capped), so each new lock-out lasts twice as long as the
previous one. While a key is locked every attempt is refused (429 `too_many_attempts`
with `Retry-After`), even with the right password.

The password typed again behind an access token (changing it, turning two-factor off)
counts in the same throttle, so a stolen token is no way to guess the password at
leisure; a correct one there does not clear the counters (only a completed sign-in does).

The counters must survive the refusal: these functions return the error, and the route
commits before raising it.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.models import LoginThrottle, User
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import DomainError, TooManyRequests
from chalicelib.core.outbox import record_event
from chalicelib.core.security import verify_password
from chalicelib.core.settings import get_settings

ACCOUNT = "account"
IP = "ip"
SIGN_IN = "sign_in"
PASSWORD_CHECK = "password_check"
"""What was attempted, in the audit actions: `auth.sign_in_failed`, `auth.password_check_blocked`, ..."""


def throttle_keys(email: str, source_ip: str | None) -> list[tuple[str, str]]:
    return [(ACCOUNT, email.strip().lower())] + ([(IP, source_ip)] if source_ip else [])


def lock_refusal(
    session: Session, keys: list[tuple[str, str]], *, source_ip: str | None, attempt: str = SIGN_IN
) -> TooManyRequests | None:
    """The 429 to answer while the account or the IP is locked out (recorded), or None."""
    now = utcnow()
    locks = repository.current_locks(session, keys, now)
    if not locks:
        return None
    until = max(lock.locked_until for lock in locks if lock.locked_until)
    retry_after = max(1, math.ceil((until - now).total_seconds()))
    record_audit(
        session,
        f"auth.{attempt}_blocked",
        actor_user_id=None,
        source_ip=source_ip,
        target_type="email",
        target_id=keys[0][1][:80],
        details={"retry_after": retry_after},
    )
    return TooManyRequests(retry_after=retry_after, code="too_many_attempts")


def record_failure(
    session: Session,
    keys: list[tuple[str, str]],
    user: User | None,
    *,
    source_ip: str | None,
    reason: str,
    attempt: str = SIGN_IN,
) -> None:
    """Counts one failed attempt against every key, locking out the keys that reach their limit."""
    settings = get_settings()
    now = utcnow()
    record_audit(
        session,
        f"auth.{attempt}_failed",
        actor_user_id=user.id if user else None,
        source_ip=source_ip,
        target_type="email",
        target_id=keys[0][1][:80],
        details={"reason": reason},
    )
    for scope, key in keys:
        limit = settings.login_max_failures_per_account if scope == ACCOUNT else settings.login_max_failures_per_ip
        throttle = repository.lock_throttle(session, scope, key, now)
        seconds = _count_failure(throttle, limit)
        if seconds is None:
            continue
        record_audit(
            session,
            "auth.locked_out",
            actor_user_id=user.id if user else None,
            source_ip=source_ip,
            target_type=scope,
            target_id=key[:80],
            details={"seconds": seconds, "lockouts": throttle.lockouts},
        )
        if scope == ACCOUNT and user is not None:
            record_event(
                session,
                "SignInLockedOut",
                aggregate_type="user",
                aggregate_id=user.id,
                payload={
                    "user_id": str(user.id),
                    "locked_until": throttle.locked_until.isoformat() if throttle.locked_until else None,
                },
            )


def _count_failure(throttle: LoginThrottle, limit: int) -> int | None:
    """Counts one failure in the sliding window; answers the lock-out length in seconds
    when `limit` failures fall inside it."""
    settings = get_settings()
    now = utcnow()
    window_start = now - timedelta(minutes=settings.login_failure_window_minutes)
    if throttle.locked_until is not None and now - throttle.locked_until > timedelta(hours=24):
        throttle.lockouts = 0
    recent = [at for at in throttle.failure_times or [] if at > window_start] + [now]
    throttle.updated_at = now
    if len(recent) < limit:
        throttle.failure_times = recent
        return None
    throttle.lockouts += 1
    seconds = min(
        settings.login_lockout_base_seconds * 2 ** (throttle.lockouts - 1), settings.login_lockout_max_seconds
    )
    throttle.locked_until = now + timedelta(seconds=seconds)
    throttle.failure_times = []
    return int(seconds)


def check_password_again(
    session: Session, *, user: User, password: str, source_ip: str | None, wrong: DomainError
) -> DomainError | None:
    """The password of a signed-in user, checked under the sign-in throttle: None when it is
    right and nothing is locked; otherwise the 429 of a lock-out, or `wrong` (counted)."""
    keys = throttle_keys(user.email, source_ip)
    locked = lock_refusal(session, keys, source_ip=source_ip, attempt=PASSWORD_CHECK)
    if locked is not None:
        return locked
    if verify_password(user.password_hash, password):
        return None
    record_failure(session, keys, user, source_ip=source_ip, reason="wrong_password", attempt=PASSWORD_CHECK)
    return wrong
