"""The audit log: who did what to which target, from where, and when."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.dialects.postgresql import INET, JSONB, UUID
from sqlalchemy.orm import Mapped, Session, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_actor_created", "actor_user_id", "created_at"),
        Index("ix_audit_log_target", "target_type", "target_id"),
        Index("ix_audit_log_target_id_created", "target_id", "created_at", "id"),
        Index("ix_audit_log_created", "created_at", "id"),
        Index("ix_audit_log_action_created", "action", "created_at"),
        Index("ix_audit_log_source_ip_created", "source_ip", "created_at"),
    )

    id: Mapped[UUIDPk]
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(80))
    source_ip: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[CreatedAt]


def record_audit(
    session: Session,
    action: str,
    *,
    actor_user_id: uuid.UUID | None,
    source_ip: str | None,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    details: dict[str, Any] | None = None,
    user_agent: str | None = None,
) -> None:
    session.add(
        AuditEntry(
            id=uuid.uuid4(),
            actor_user_id=actor_user_id,
            action=action,
            target_type=target_type,
            target_id=str(target_id) if target_id is not None else None,
            source_ip=source_ip,
            user_agent=(user_agent or "")[:300] or None,
            details=details or {},
        )
    )
