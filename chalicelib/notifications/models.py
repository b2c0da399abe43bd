"""In-app notifications, the ledger of external deliveries, and users' preferences."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of
from chalicelib.notifications.preferences import CHANNELS

EXTERNAL_CHANNELS = ("email", "sms")
DELIVERY_STATUSES = ("pending", "sent", "failed")


class Notification(Base):
    """One in-app alert for one user; unique per (event, user) so a redelivery adds nothing."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        # Newest-first pages scan these backwards; the partial one serves unread lists and counts.
        Index("ix_notifications_user_created", "user_id", "created_at", "id"),
        Index("ix_notifications_user_unread", "user_id", "created_at", "id", postgresql_where=text("read_at IS NULL")),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    business_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    event_type: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(2000))
    link: Mapped[str | None] = mapped_column(String(500))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"), default=dict)
    created_at: Mapped[CreatedAt]
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationDelivery(Base):
    """An e-mail or SMS owed to one user for one event: the consumer's idempotency key.

    The row is created `pending` before anything is sent, locked while sending, and marked
    `sent` (with the provider's message id) only once SES/SNS accepted the message, so a
    redelivered queue message finds it `sent` and sends nothing twice. `failed` is final
    (the provider refused the message itself, e.g. an invalid address).
    """

    __tablename__ = "notification_deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "channel"),
        CheckConstraint(one_of("channel", EXTERNAL_CHANNELS), name="channel"),
        CheckConstraint(one_of("status", DELIVERY_STATUSES), name="status"),
        Index("ix_notification_deliveries_user_id", "user_id"),
    )

    id: Mapped[UUIDPk]
    event_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    event_type: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    destination: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(10), server_default="pending", default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0", default=0)
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[CreatedAt]
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationPreference(Base):
    """A user's choice for one (category, channel); absent rows mean the default."""

    __tablename__ = "notification_preferences"
    __table_args__ = (CheckConstraint(one_of("channel", CHANNELS), name="channel"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[CreatedAt]
