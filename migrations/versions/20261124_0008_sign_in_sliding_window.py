"""Sign-in throttling counts failures in a sliding window (their times, not a fixed window)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "login_throttles",
        sa.Column(
            "failure_times",
            postgresql.ARRAY(sa.DateTime(timezone=True)),
            server_default="{}",
            nullable=False,
            comment="Failed attempts inside the sliding window, oldest first.",
        ),
    )
    op.drop_column("login_throttles", "failures")
    op.drop_column("login_throttles", "window_started_at")


def downgrade() -> None:
    op.add_column(
        "login_throttles",
        sa.Column("window_started_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    )
    op.add_column("login_throttles", sa.Column("failures", sa.Integer(), server_default="0", nullable=False))
    op.drop_column("login_throttles", "failure_times")
