"""The history of a wholesaler's verification: one row per change of status, written with it."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business, BusinessVerificationEvent
from chalicelib.core.clock import utcnow


def record_verification_change(
    session: Session,
    business: Business,
    *,
    previous_status: str | None,
    actor_user_id: uuid.UUID | None,
    reason: str | None,
) -> None:
    session.add(
        BusinessVerificationEvent(
            id=uuid.uuid4(),
            business_id=business.id,
            previous_status=previous_status,
            status=business.verification_status,
            reason=reason,
            actor_user_id=actor_user_id,
            created_at=utcnow(),
        )
    )
