"""Password reset requests are throttled in `login_throttles` (scopes `reset_email`, `reset_ip`)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 16:30:00

The scope column widens to 20 characters (`reset_email` has 11; a metadata-only change in
PostgreSQL) and its CHECK admits the two new scopes. `failure_times` now also holds the
times of reset requests, so its comment says so.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_COMMENT = "Failed attempts inside the sliding window, oldest first."
NEW_COMMENT = "Attempts (failed sign-ins, or reset requests) inside the sliding window, oldest first."


def upgrade() -> None:
    op.drop_constraint(op.f("ck_login_throttles_scope"), "login_throttles", type_="check")
    op.alter_column("login_throttles", "scope", existing_type=sa.String(10), type_=sa.String(20), existing_nullable=False)
    op.create_check_constraint(
        op.f("ck_login_throttles_scope"), "login_throttles", "scope IN ('account', 'ip', 'reset_email', 'reset_ip')"
    )
    op.alter_column(
        "login_throttles",
        "failure_times",
        existing_type=postgresql.ARRAY(sa.DateTime(timezone=True)),
        existing_nullable=False,
        existing_server_default="{}",
        comment=NEW_COMMENT,
        existing_comment=OLD_COMMENT,
    )


def downgrade() -> None:
    op.execute("DELETE FROM login_throttles WHERE scope IN ('reset_email', 'reset_ip')")
    op.alter_column(
        "login_throttles",
        "failure_times",
        existing_type=postgresql.ARRAY(sa.DateTime(timezone=True)),
        existing_nullable=False,
        existing_server_default="{}",
        comment=OLD_COMMENT,
        existing_comment=NEW_COMMENT,
    )
    op.drop_constraint(op.f("ck_login_throttles_scope"), "login_throttles", type_="check")
    op.alter_column("login_throttles", "scope", existing_type=sa.String(20), type_=sa.String(10), existing_nullable=False)
    op.create_check_constraint(op.f("ck_login_throttles_scope"), "login_throttles", "scope IN ('account', 'ip')")
