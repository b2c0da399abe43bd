"""The terms a plan had before an admin changed them, kept for its subscribers' current periods

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 19:00:00

A change of a plan's price, limits or features applies to each subscriber from its next
period: `plan_terms` keeps the replaced terms with the moment they stopped applying to new
periods (`billing.plan_terms`). Nothing to backfill: changes made before this migration
already applied at once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_terms",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("price_monthly", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("price_yearly", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("max_active_products", sa.Integer(), nullable=True),
        sa.Column("max_staff_users", sa.Integer(), nullable=True),
        sa.Column("max_orders_per_month", sa.Integer(), nullable=True),
        sa.Column("pay_on_delivery", sa.Boolean(), nullable=False),
        sa.Column("sales_reports", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_terms_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_terms")),
    )
    op.create_index("ix_plan_terms_plan_valid_until", "plan_terms", ["plan_id", "valid_until"])


def downgrade() -> None:
    op.drop_index("ix_plan_terms_plan_valid_until", table_name="plan_terms")
    op.drop_table("plan_terms")
