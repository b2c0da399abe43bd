"""The transactional outbox: facts written in the same transaction as the change.

`record_event` only adds a row to the caller's session; nothing is published until the
unit of work commits. It also remembers the event's id in `session.info` so the edge can
publish the transaction's own events right after the commit (the fast path in
`chalicelib.core.relay`); the sweeper publishes whatever the fast path missed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, Session, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk

PENDING_EVENT_IDS = "outbox_pending_event_ids"


class OutboxEvent(Base):
    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_events_unpublished", "occurred_at", postgresql_where=text("published_at IS NULL")),
    )

    id: Mapped[UUIDPk]
    event_type: Mapped[str] = mapped_column(String(80))
    aggregate_type: Mapped[str] = mapped_column(String(40))
    aggregate_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    occurred_at: Mapped[CreatedAt]
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    publish_attempts: Mapped[int] = mapped_column(Integer, server_default="0", default=0)


def record_event(
    session: Session, event_type: str, *, aggregate_type: str, aggregate_id: uuid.UUID, payload: dict[str, Any]
) -> OutboxEvent:
    event = OutboxEvent(
        id=uuid.uuid4(),
        event_type=event_type,
        aggregate_type=aggregate_type,
        aggregate_id=aggregate_id,
        payload=payload,
    )
    session.add(event)
    session.info.setdefault(PENDING_EVENT_IDS, []).append(event.id)
    return event
