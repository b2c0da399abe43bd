"""The system domain's only SQL: a round trip to the database."""

from __future__ import annotations

from sqlalchemy import literal, select
from sqlalchemy.orm import Session


def select_one(session: Session) -> int | None:
    return session.scalar(select(literal(1)))
