"""The SQL of the platform staff's views: searching users and businesses, a business's
verification history and documents, and the audit log by filter.

Searches are case-insensitive "contains" matches (`ILIKE`), served by the trigram indexes of
the searched columns; lists are newest first, keyset-paginated on (created_at, id).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, cast, func, or_, select
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from chalicelib.accounts.models import AuthSession, Business, BusinessVerificationEvent, User, VerificationDocument
from chalicelib.core.audit import AuditEntry

After = tuple[datetime, uuid.UUID] | None
AnyRow = Row[*tuple[Any, ...]]


def contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own `%`, `_` and `\\` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _before(created_at: Any, row_id: Any, after: After) -> ColumnElement[bool] | None:
    if after is None:
        return None
    at, last_id = after
    return or_(created_at < at, and_(created_at == at, row_id < last_id))


def _user_columns() -> tuple[Any, ...]:
    return (User, Business.name.label("business_name"), Business.kind.label("business_kind"))


def search_users(
    session: Session,
    *,
    q: str | None,
    role: str | None,
    status: str | None,
    business_id: uuid.UUID | None,
    after: After,
    limit: int,
) -> Sequence[AnyRow]:
    statement = select(*_user_columns()).outerjoin(Business, Business.id == User.business_id)
    if q:
        pattern = contains(q)
        statement = statement.where(
            or_(User.email.ilike(pattern), User.full_name.ilike(pattern), User.phone.ilike(pattern))
        )
    if role:
        statement = statement.where(User.role == role)
    if status:
        statement = statement.where(User.status == status)
    if business_id is not None:
        statement = statement.where(User.business_id == business_id)
    before = _before(User.created_at, User.id, after)
    if before is not None:
        statement = statement.where(before)
    return session.execute(statement.order_by(User.created_at.desc(), User.id.desc()).limit(limit)).all()


def user_with_business(session: Session, user_id: uuid.UUID) -> AnyRow | None:
    statement = select(*_user_columns()).outerjoin(Business, Business.id == User.business_id).where(User.id == user_id)
    return session.execute(statement).one_or_none()


def users_of_business(session: Session, business_id: uuid.UUID) -> Sequence[AnyRow]:
    statement = (
        select(*_user_columns())
        .join(Business, Business.id == User.business_id)
        .where(User.business_id == business_id)
        .order_by(User.created_at, User.id)
    )
    return session.execute(statement).all()


def count_live_sessions(session: Session, user_id: uuid.UUID, now: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None), AuthSession.expires_at > now)
        )
        or 0
    )


def search_businesses(
    session: Session,
    *,
    kind: str | None,
    verification: str | None,
    q: str | None,
    after: After,
    limit: int,
) -> Sequence[Business]:
    statement = select(Business)
    if kind:
        statement = statement.where(Business.kind == kind)
    if verification:
        statement = statement.where(Business.verification_status == verification)
    if q:
        pattern = contains(q)
        statement = statement.where(
            or_(Business.name.ilike(pattern), Business.tax_id.ilike(pattern), Business.phone.ilike(pattern))
        )
    before = _before(Business.created_at, Business.id, after)
    if before is not None:
        statement = statement.where(before)
    return session.scalars(statement.order_by(Business.created_at.desc(), Business.id.desc()).limit(limit)).all()


def users_of_business_for_update(session: Session, business_id: uuid.UUID) -> Sequence[User]:
    return session.scalars(
        select(User).where(User.business_id == business_id).order_by(User.id).with_for_update()
    ).all()


# --- verification --------------------------------------------------------------------


def verification_history(session: Session, business_id: uuid.UUID) -> Sequence[AnyRow]:
    statement = (
        select(BusinessVerificationEvent, User.email.label("actor_email"))
        .outerjoin(User, User.id == BusinessVerificationEvent.actor_user_id)
        .where(BusinessVerificationEvent.business_id == business_id)
        .order_by(BusinessVerificationEvent.created_at.desc(), BusinessVerificationEvent.id.desc())
    )
    return session.execute(statement).all()


def documents_of(session: Session, business_id: uuid.UUID) -> Sequence[VerificationDocument]:
    return session.scalars(
        select(VerificationDocument)
        .where(VerificationDocument.business_id == business_id)
        .order_by(VerificationDocument.created_at, VerificationDocument.id)
    ).all()


def count_documents(session: Session, business_id: uuid.UUID) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(VerificationDocument)
            .where(VerificationDocument.business_id == business_id)
        )
        or 0
    )


def document_of(session: Session, business_id: uuid.UUID, document_id: uuid.UUID) -> VerificationDocument | None:
    return session.scalar(
        select(VerificationDocument)
        .where(VerificationDocument.id == document_id, VerificationDocument.business_id == business_id)
        .with_for_update()
    )


# --- audit ---------------------------------------------------------------------------


def search_audit(
    session: Session,
    *,
    actor: uuid.UUID | None,
    action: str | None,
    entity_type: str | None,
    entity_id: str | None,
    ip: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    after: After,
    limit: int,
) -> Sequence[AnyRow]:
    statement = select(AuditEntry, User.email.label("actor_email")).outerjoin(User, User.id == AuditEntry.actor_user_id)
    if actor is not None:
        statement = statement.where(AuditEntry.actor_user_id == actor)
    if action:
        statement = statement.where(AuditEntry.action == action)
    if entity_type:
        statement = statement.where(AuditEntry.target_type == entity_type)
    if entity_id:
        statement = statement.where(AuditEntry.target_id == entity_id)
    if ip:
        statement = statement.where(AuditEntry.source_ip == cast(ip, INET))
    if date_from is not None:
        statement = statement.where(AuditEntry.created_at >= date_from)
    if date_to is not None:
        statement = statement.where(AuditEntry.created_at < date_to)
    before = _before(AuditEntry.created_at, AuditEntry.id, after)
    if before is not None:
        statement = statement.where(before)
    return session.execute(statement.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)).all()


def audit_about_user(session: Session, user_id: uuid.UUID, *, limit: int) -> Sequence[AnyRow]:
    """The newest entries the user made or that were made about the user."""
    statement = (
        select(AuditEntry, User.email.label("actor_email"))
        .outerjoin(User, User.id == AuditEntry.actor_user_id)
        .where(
            or_(
                AuditEntry.actor_user_id == user_id,
                and_(AuditEntry.target_type == "user", AuditEntry.target_id == str(user_id)),
            )
        )
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return session.execute(statement).all()
