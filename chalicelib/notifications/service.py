"""The signed-in user's notifications and notification preferences.

Every function is scoped to `principal.user_id`: a notification of another user is
"not found", never shown or marked.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.errors import field_error
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal
from chalicelib.notifications import repository
from chalicelib.notifications.errors import CannotDisableSecurity, NotificationNotFound
from chalicelib.notifications.models import Notification
from chalicelib.notifications.preferences import CATEGORIES, CATEGORY_DESCRIPTIONS, is_enabled, is_locked
from chalicelib.notifications.schemas import (
    CategoryPreferences,
    ChannelSwitches,
    MarkedRead,
    NotificationOut,
    NotificationPage,
    NotificationPreferences,
    PreferenceChange,
    UnreadCount,
)


def notification_out(notification: Notification) -> NotificationOut:
    return NotificationOut.model_validate(notification, from_attributes=True)


def list_notifications(
    session: Session, *, principal: Principal, unread_only: bool, cursor: str | None, limit: int
) -> NotificationPage:
    before = after_created(cursor)
    rows = repository.list_notifications(
        session, principal.user_id, unread_only=unread_only, before=before, limit=limit + 1
    )
    page = rows[:limit]
    next_cursor = created_cursor(page[-1]) if len(rows) > limit else None
    return NotificationPage(items=[notification_out(n) for n in page], next_cursor=next_cursor)


def unread_count(session: Session, *, principal: Principal) -> UnreadCount:
    return UnreadCount(unread=repository.count_unread(session, principal.user_id))


def mark_read(session: Session, *, principal: Principal, notification_id: uuid.UUID) -> NotificationOut:
    notification = repository.mark_read(session, principal.user_id, notification_id, utcnow())
    if notification is None:
        raise NotificationNotFound()
    return notification_out(notification)


def mark_all_read(session: Session, *, principal: Principal) -> MarkedRead:
    return MarkedRead(marked=repository.mark_all_read(session, principal.user_id, utcnow()))


def get_preferences(session: Session, *, principal: Principal) -> NotificationPreferences:
    stored = repository.stored_preferences(session, [principal.user_id])[principal.user_id]
    return NotificationPreferences(
        categories=[
            CategoryPreferences(
                category=category,
                description=CATEGORY_DESCRIPTIONS[category],
                locked=is_locked(category),
                channels=ChannelSwitches(
                    in_app=is_enabled(category, "in_app", stored),
                    email=is_enabled(category, "email", stored),
                    sms=is_enabled(category, "sms", stored),
                ),
            )
            for category in CATEGORIES
        ]
    )


def update_preferences(
    session: Session, *, principal: Principal, changes: Sequence[PreferenceChange]
) -> NotificationPreferences:
    """Set the listed switches. Turning off a locked (security) switch is refused as a
    whole (422 `cannot_disable_security`), with one detail per offending entry."""
    refused = [
        field_error(f"preferences.{index}.enabled", "cannot_disable_security", "Security messages are always sent.")
        for index, change in enumerate(changes)
        if is_locked(change.category) and not change.enabled
    ]
    if refused:
        raise CannotDisableSecurity(details=refused)
    choices = {(c.category, c.channel): c.enabled for c in changes if not is_locked(c.category)}
    repository.save_preferences(
        session, principal.user_id, [(cat, ch, on) for (cat, ch), on in choices.items()], utcnow()
    )
    return get_preferences(session, principal=principal)
