"""All SQL of the notifications domain.

Recipients are read from the accounts tables (users, businesses) read-only: who is told is
decided here, at delivery time, so a deactivated staff member stops receiving alerts at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business, User
from chalicelib.notifications.models import Notification, NotificationDelivery, NotificationPreference


@dataclass(frozen=True)
class Recipient:
    user_id: uuid.UUID
    business_id: uuid.UUID | None
    business_name: str | None
    email: str
    phone: str | None
    full_name: str


def _recipient_query() -> Any:
    return select(User.id, User.business_id, Business.name, User.email, User.phone, User.full_name).outerjoin(
        Business, Business.id == User.business_id
    )


def _recipient(row: Any) -> Recipient:
    return Recipient(
        user_id=row[0], business_id=row[1], business_name=row[2], email=row[3], phone=row[4], full_name=row[5]
    )


def get_recipient(session: Session, user_id: uuid.UUID) -> Recipient | None:
    """The user, unless deactivated (invited users still get their invitation)."""
    row = session.execute(_recipient_query().where(User.id == user_id, User.status != "deactivated")).first()
    return _recipient(row) if row is not None else None


def business_recipients(session: Session, business_id: uuid.UUID, roles: Sequence[str]) -> list[Recipient]:
    rows = session.execute(
        _recipient_query()
        .where(User.business_id == business_id, User.role.in_(roles), User.status == "active")
        .order_by(User.created_at, User.id)
    ).all()
    return [_recipient(row) for row in rows]


def platform_recipients(session: Session, roles: Sequence[str]) -> list[Recipient]:
    """Active platform staff with one of `roles` (users of no business)."""
    rows = session.execute(
        _recipient_query()
        .where(User.business_id.is_(None), User.role.in_(roles), User.status == "active")
        .order_by(User.created_at, User.id)
    ).all()
    return [_recipient(row) for row in rows]


# --- preferences ------------------------------------------------------------------------


def stored_preferences(
    session: Session, user_ids: Sequence[uuid.UUID], category: str | None = None
) -> dict[uuid.UUID, dict[tuple[str, str], bool]]:
    statement = select(
        NotificationPreference.user_id,
        NotificationPreference.category,
        NotificationPreference.channel,
        NotificationPreference.enabled,
    ).where(NotificationPreference.user_id.in_(user_ids))
    if category is not None:
        statement = statement.where(NotificationPreference.category == category)
    result: dict[uuid.UUID, dict[tuple[str, str], bool]] = {user_id: {} for user_id in user_ids}
    for user_id, row_category, channel, enabled in session.execute(statement):
        result[user_id][(row_category, channel)] = enabled
    return result


def save_preferences(
    session: Session, user_id: uuid.UUID, choices: Iterable[tuple[str, str, bool]], now: datetime
) -> None:
    rows = [
        {"user_id": user_id, "category": category, "channel": channel, "enabled": enabled, "updated_at": now}
        for category, channel, enabled in choices
    ]
    if not rows:
        return
    statement = insert(NotificationPreference).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "category", "channel"],
            set_={"enabled": statement.excluded.enabled, "updated_at": statement.excluded.updated_at},
        )
    )


# --- in-app notifications -------------------------------------------------------------


def add_notifications(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert in-app notifications, skipping those already there for (event, user)."""
    if not rows:
        return 0
    result = session.execute(
        insert(Notification).values(list(rows)).on_conflict_do_nothing(index_elements=["event_id", "user_id"])
    )
    return int(getattr(result, "rowcount", 0) or 0)


def list_notifications(
    session: Session,
    user_id: uuid.UUID,
    *,
    unread_only: bool,
    before: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Notification]:
    """Newest first, keyset-paginated on (created_at, id)."""
    statement = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        statement = statement.where(Notification.read_at.is_(None))
    if before is not None:
        statement = statement.where(tuple_(Notification.created_at, Notification.id) < tuple_(*before))
    statement = statement.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    return list(session.scalars(statement))


def count_unread(session: Session, user_id: uuid.UUID) -> int:
    statement = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return int(session.scalar(statement) or 0)


def mark_read(session: Session, user_id: uuid.UUID, notification_id: uuid.UUID, now: datetime) -> Notification | None:
    """Mark one of the user's notifications read (the first read time is kept)."""
    return session.scalars(
        update(Notification)
        .where(Notification.id == notification_id, Notification.user_id == user_id)
        .values(read_at=func.coalesce(Notification.read_at, now))
        .returning(Notification)
        .execution_options(populate_existing=True)
    ).one_or_none()


def mark_all_read(session: Session, user_id: uuid.UUID, now: datetime) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- external deliveries --------------------------------------------------------------


def add_deliveries(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Create the pending deliveries owed for an event; existing ones are left as they are."""
    if rows:
        session.execute(
            insert(NotificationDelivery)
            .values(list(rows))
            .on_conflict_do_nothing(index_elements=["event_id", "user_id", "channel"])
        )


def lock_pending_delivery(
    session: Session, event_id: uuid.UUID, user_id: uuid.UUID, channel: str
) -> NotificationDelivery | None:
    """The delivery, locked, if still pending. A concurrent consumer sending the same one
    blocks here until it commits, then finds it no longer pending."""
    return session.scalars(
        select(NotificationDelivery)
        .where(
            NotificationDelivery.event_id == event_id,
            NotificationDelivery.user_id == user_id,
            NotificationDelivery.channel == channel,
            NotificationDelivery.status == "pending",
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
