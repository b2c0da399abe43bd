"""Signing in and out: passwords, throttling, sessions and rotating refresh tokens.

Failed sign-ins count in `login_throttle` (per account and per source IP, sliding window,
doubling lock-outs); a successful sign-in clears the account's counters. The counters
must survive the refusal, so `sign_in` returns the error instead of raising it and the
route commits before answering.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.accounts import repository, two_factor
from chalicelib.accounts.errors import (
    AccountSuspended,
    BusinessSuspended,
    InvalidCredentials,
    InvalidRefreshToken,
    OtpRequired,
    RefreshTokenReused,
    SessionNotFound,
)
from chalicelib.accounts.login_throttle import ACCOUNT, lock_refusal, record_failure, throttle_keys
from chalicelib.accounts.models import AuthSession, RefreshToken, User
from chalicelib.accounts.presenters import business_out, user_out
from chalicelib.accounts.schemas import LoginRequest, SessionOut, SignedIn
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import DomainError
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import Principal
from chalicelib.core.security import hash_token, issue_access_token, new_opaque_token, verify_password
from chalicelib.core.settings import get_settings


@dataclass(frozen=True)
class Client:
    source_ip: str | None
    user_agent: str | None


@dataclass(frozen=True)
class SignInResult:
    signed_in: SignedIn | None = None
    error: DomainError | None = None


def start_session(session: Session, user: User, client: Client) -> SignedIn:
    """A new session family with its first refresh token, and an access token for it."""
    settings = get_settings()
    now = utcnow()
    auth_session = AuthSession(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        last_used_at=now,
        expires_at=now + timedelta(days=settings.refresh_token_ttl_days),
        user_agent=(client.user_agent or "")[:300] or None,
        source_ip=client.source_ip,
    )
    session.add(auth_session)
    user.last_login_at = now
    return _issue_tokens(session, user, auth_session)


def _issue_tokens(session: Session, user: User, auth_session: AuthSession) -> SignedIn:
    refresh_token = new_opaque_token()
    session.add(RefreshToken(id=uuid.uuid4(), session_id=auth_session.id, token_hash=hash_token(refresh_token)))
    business = repository.get_business(session, user.business_id) if user.business_id else None
    access_token, _ = issue_access_token(
        user_id=user.id,
        session_id=auth_session.id,
        role=user.role,
        business_id=user.business_id,
        business_kind=business.kind if business else None,
    )
    session.flush()
    return SignedIn(
        access_token=access_token,
        expires_in=get_settings().access_token_ttl_seconds,
        refresh_token=refresh_token,
        refresh_expires_at=auth_session.expires_at,
        user=user_out(user),
        business=business_out(business) if business else None,
    )


def sign_in(session: Session, *, request: LoginRequest, client: Client) -> SignInResult:
    email = request.email.strip().lower()
    keys = throttle_keys(email, client.source_ip)
    refusal = lock_refusal(session, keys, source_ip=client.source_ip)
    if refusal is not None:
        return SignInResult(error=refusal)

    user = repository.get_user_by_email(session, email)
    password_ok = verify_password(user.password_hash if user else None, request.password)
    if user is None or not password_ok or user.status not in ("active", "suspended"):
        record_failure(session, keys, user, source_ip=client.source_ip, reason="bad_password")
        return SignInResult(error=InvalidCredentials())
    suspension = _suspension(session, user)
    if suspension is not None:
        return SignInResult(error=suspension)

    if user.totp_enabled_at is not None:
        # The row lock makes "a code is accepted once" hold against parallel sign-ins.
        locked = repository.get_user(session, user.id, for_update=True)
        if locked is None:
            raise InvariantBroken("locked is missing")
        user = locked
        if not request.otp and not request.recovery_code:
            return SignInResult(error=OtpRequired())
        if not two_factor.accept_second_factor(session, user, otp=request.otp, recovery_code=request.recovery_code):
            record_failure(session, keys, user, source_ip=client.source_ip, reason="bad_second_factor")
            return SignInResult(error=InvalidCredentials())

    repository.clear_throttle(session, ACCOUNT, email)
    signed_in = start_session(session, user, client)
    record_audit(
        session,
        "auth.signed_in",
        actor_user_id=user.id,
        source_ip=client.source_ip,
        target_type="user",
        target_id=user.id,
    )
    return SignInResult(signed_in=signed_in)


def _suspension(session: Session, user: User) -> DomainError | None:
    """Why a person who gave the right password still may not sign in: platform staff
    suspended them or their business. Said only after the password is right, so it tells a
    stranger nothing about the account."""
    if user.status == "suspended":
        return AccountSuspended()
    business = repository.get_business(session, user.business_id) if user.business_id else None
    if business is not None and business.suspended_at is not None:
        return BusinessSuspended()
    return None


def refresh(session: Session, *, refresh_token: str, client: Client) -> SignInResult:
    """Rotates a refresh token. A token presented a second time ends its whole family."""
    now = utcnow()
    found = repository.find_refresh_token(session, hash_token(refresh_token))
    if found is None:
        return SignInResult(error=InvalidRefreshToken())
    token, auth_session = found
    if auth_session.revoked_at is not None or auth_session.expires_at <= now:
        return SignInResult(error=InvalidRefreshToken())
    user = repository.get_user(session, auth_session.user_id)
    if user is None or user.status != "active":
        return SignInResult(error=InvalidRefreshToken())
    if token.rotated_at is not None:
        auth_session.revoked_at, auth_session.revoked_reason = now, "refresh_token_reuse"
        record_audit(
            session,
            "auth.refresh_token_reused",
            actor_user_id=user.id,
            source_ip=client.source_ip,
            target_type="session",
            target_id=auth_session.id,
        )
        return SignInResult(error=RefreshTokenReused())
    token.rotated_at = now
    auth_session.last_used_at = now
    if client.source_ip:
        auth_session.source_ip = client.source_ip
    return SignInResult(signed_in=_issue_tokens(session, user, auth_session))


def sign_out(session: Session, *, principal: Principal, client: Client) -> None:
    auth_session = repository.get_user_session(session, principal.user_id, principal.session_id)
    if auth_session is not None and auth_session.revoked_at is None:
        auth_session.revoked_at, auth_session.revoked_reason = utcnow(), "signed_out"
    record_audit(
        session,
        "auth.signed_out",
        actor_user_id=principal.user_id,
        source_ip=client.source_ip,
        target_type="session",
        target_id=principal.session_id,
    )


def list_sessions(session: Session, *, principal: Principal) -> list[SessionOut]:
    return [
        SessionOut(
            id=row.id,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            user_agent=row.user_agent,
            source_ip=str(row.source_ip) if row.source_ip else None,
            current=row.id == principal.session_id,
        )
        for row in repository.live_sessions(session, principal.user_id, utcnow())
    ]


def revoke_session(session: Session, *, principal: Principal, session_id: uuid.UUID, client: Client) -> None:
    auth_session = repository.get_user_session(session, principal.user_id, session_id)
    if auth_session is None or auth_session.revoked_at is not None:
        raise SessionNotFound()
    auth_session.revoked_at, auth_session.revoked_reason = utcnow(), "revoked_by_user"
    record_audit(
        session,
        "auth.session_revoked",
        actor_user_id=principal.user_id,
        source_ip=client.source_ip,
        target_type="session",
        target_id=session_id,
    )
