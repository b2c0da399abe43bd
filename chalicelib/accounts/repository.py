"""All SQL of the accounts domain. Business data is always read through the caller's
business id; a row of another business is simply not found."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from chalicelib.accounts.models import (
    AuthSession,
    Business,
    LoginThrottle,
    OneTimeToken,
    RecoveryCode,
    RefreshToken,
    User,
)


def email_exists(session: Session, email: str) -> bool:
    return bool(session.scalar(select(exists().where(User.email == email))))


def registration_number_exists(session: Session, kind: str, registration_number: str) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Business.kind == kind, Business.registration_number == registration_number))
        )
    )


def get_user(session: Session, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
    statement = select(User).where(User.id == user_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalar(statement)


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def get_business(session: Session, business_id: uuid.UUID, *, for_update: bool = False) -> Business | None:
    statement = select(Business).where(Business.id == business_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalar(statement)


def get_business_user(session: Session, business_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
    return session.scalar(select(User).where(User.id == user_id, User.business_id == business_id).with_for_update())


def list_business_users(session: Session, business_id: uuid.UUID) -> Sequence[User]:
    return session.scalars(select(User).where(User.business_id == business_id).order_by(User.created_at, User.id)).all()


def find_live_token(session: Session, token_hash: str, purpose: str, now: datetime) -> OneTimeToken | None:
    return session.scalar(
        select(OneTimeToken)
        .where(
            OneTimeToken.token_hash == token_hash,
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
            OneTimeToken.expires_at > now,
        )
        .with_for_update()
    )


def retire_tokens(session: Session, user_id: uuid.UUID, purpose: str, now: datetime) -> None:
    session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.user_id == user_id, OneTimeToken.purpose == purpose, OneTimeToken.used_at.is_(None))
        .values(used_at=now)
    )


def find_refresh_token(session: Session, token_hash: str) -> tuple[RefreshToken, AuthSession] | None:
    row = session.execute(
        select(RefreshToken, AuthSession)
        .join(AuthSession, AuthSession.id == RefreshToken.session_id)
        .where(RefreshToken.token_hash == token_hash)
        .with_for_update(of=[RefreshToken, AuthSession])
    ).one_or_none()
    return (row[0], row[1]) if row else None


def live_sessions(session: Session, user_id: uuid.UUID, now: datetime) -> Sequence[AuthSession]:
    return session.scalars(
        select(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None), AuthSession.expires_at > now)
        .order_by(AuthSession.last_used_at.desc())
    ).all()


def get_user_session(session: Session, user_id: uuid.UUID, session_id: uuid.UUID) -> AuthSession | None:
    return session.scalar(
        select(AuthSession).where(AuthSession.id == session_id, AuthSession.user_id == user_id).with_for_update()
    )


def revoke_sessions(
    session: Session, user_id: uuid.UUID, *, reason: str, now: datetime, keep: uuid.UUID | None = None
) -> int:
    statement = (
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
    )
    if keep is not None:
        statement = statement.where(AuthSession.id != keep)
    return session.execute(statement).rowcount  # type: ignore[attr-defined, no-any-return]


def lock_throttle(session: Session, scope: str, key: str, now: datetime) -> LoginThrottle:
    """The throttle row of one account or IP, created if missing, locked for this transaction.

    One upsert (the no-op DO UPDATE locks an existing row and returns it): a row that a
    concurrent sign-in or password reset deletes (`clear_throttle`) is simply created again,
    where an INSERT ... DO NOTHING followed by a SELECT ... FOR UPDATE would find nothing.
    """
    upsert = insert(LoginThrottle).values(scope=scope, key=key, failure_times=[], lockouts=0)
    upsert = upsert.on_conflict_do_update(
        index_elements=[LoginThrottle.scope, LoginThrottle.key], set_={"scope": upsert.excluded.scope}
    )
    return session.scalars(upsert.returning(LoginThrottle), execution_options={"populate_existing": True}).one()


def clear_throttle(session: Session, scope: str, key: str) -> None:
    """Forgets an account's or IP's failures and lock-outs: no row is the same as a clean one."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key))


def current_locks(session: Session, keys: Sequence[tuple[str, str]], now: datetime) -> Sequence[LoginThrottle]:
    return session.scalars(
        select(LoginThrottle).where(
            or_(*(and_(LoginThrottle.scope == scope, LoginThrottle.key == key) for scope, key in keys)),
            LoginThrottle.locked_until > now,
        )
    ).all()


def unused_recovery_codes(session: Session, user_id: uuid.UUID) -> Sequence[RecoveryCode]:
    return session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)).with_for_update()
    ).all()


def delete_recovery_codes(session: Session, user_id: uuid.UUID) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
