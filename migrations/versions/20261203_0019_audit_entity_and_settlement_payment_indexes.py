"""The audit log read by entity id alone (the admins' audit filter and a payment's actions),
and the settlements a payment funded (the admins' payment page)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 19:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_log_target_id_created", "audit_log", ["target_id", "created_at", "id"])
    op.create_index("ix_settlements_payment_id", "settlements", ["payment_id"])


def downgrade() -> None:
    op.drop_index("ix_settlements_payment_id", table_name="settlements")
    op.drop_index("ix_audit_log_target_id_created", table_name="audit_log")
