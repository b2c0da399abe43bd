"""Column types shared by every domain's models."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import DateTime, Numeric, func, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import mapped_column

from chalicelib.core.clock import utcnow

UUIDPk = Annotated[
    uuid.UUID,
    mapped_column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"), default=uuid.uuid4),
]
CreatedAt = Annotated[
    datetime, mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow, nullable=False)
]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]
Money = Annotated[Decimal, mapped_column(Numeric(14, 2))]


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The SQL of a CHECK that `column` takes one of `values`."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"
