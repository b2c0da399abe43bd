"""Request/response bodies of the notifications routes, and the queue message."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StrictBool

from chalicelib.core.schema import Schema
from chalicelib.notifications.preferences import Category, Channel


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class QueuedEvent(Schema):
    """The SQS message body the outbox relay publishes (`chalicelib.core.relay.message_body`)."""

    event_id: uuid.UUID
    event_type: Annotated[str, Field(min_length=1, max_length=80)]
    aggregate_type: str
    aggregate_id: uuid.UUID
    occurred_at: datetime
    payload: dict[str, Any]


# --- in-app notifications -------------------------------------------------------------


class NotificationListQuery(Strict):
    unread: bool = Field(default=False, description="Only notifications not read yet.")
    cursor: Annotated[str | None, Field(default=None, max_length=500)]
    limit: Annotated[int, Field(default=20, ge=1, le=100)]


class NotificationOut(Schema):
    id: uuid.UUID
    event_type: str
    category: str
    title: str
    body: str
    link: str | None = Field(description="Where in the app this leads (a path of the SPA).")
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page; null on the last page.")


class UnreadCount(Schema):
    unread: int


class MarkedRead(Schema):
    marked: int = Field(description="How many notifications were unread and are now read.")


# --- preferences ----------------------------------------------------------------------


class ChannelSwitches(Schema):
    in_app: bool
    email: bool
    sms: bool


class CategoryPreferences(Schema):
    category: Category
    description: str
    locked: bool = Field(description="Security messages are always sent; their switches cannot be turned off.")
    channels: ChannelSwitches


class NotificationPreferences(Schema):
    categories: list[CategoryPreferences]


class PreferenceChange(Strict):
    category: Category
    channel: Channel
    enabled: StrictBool


class UpdatePreferencesRequest(Strict):
    """The switches to set; those not listed keep their current value."""

    preferences: Annotated[list[PreferenceChange], Field(min_length=1, max_length=18)]
