"""Payout accounts of wholesalers, and the indexes of the admins' settlement views

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 18:00:00

- payout_accounts: where a wholesaler's settlements are paid out (an M-Pesa or MTN MoMo
  number, or a bank code and account number), one per wholesaler.
- settlements: (status, created_at, id) for the admins' list and export across wholesalers,
  and (wholesaler_id, paid_at) of paid settlements for a wholesaler's payouts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payout_accounts",
        sa.Column("business_id", sa.UUID(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("account_name", sa.String(length=100), nullable=False, comment="Whose the number or account is."),
        sa.Column("phone", sa.String(length=20), nullable=True, comment="E.164, for mpesa and mtn_momo."),
        sa.Column("bank_code", sa.String(length=11), nullable=True),
        sa.Column("bank_name", sa.String(length=100), nullable=True),
        sa.Column("account_number", sa.String(length=34), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_by", sa.UUID(), nullable=True),
        sa.CheckConstraint("method IN ('mpesa', 'mtn_momo', 'bank')", name=op.f("ck_payout_accounts_method")),
        sa.CheckConstraint(
            "(method = 'bank' AND bank_code IS NOT NULL AND account_number IS NOT NULL AND phone IS NULL)"
            " OR (method <> 'bank' AND phone IS NOT NULL AND bank_code IS NULL AND account_number IS NULL)",
            name=op.f("ck_payout_accounts_details_of_method"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_payout_accounts_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_payout_accounts")),
    )
    op.create_index("ix_settlements_status_created", "settlements", ["status", "created_at", "id"])
    op.create_index(
        "ix_settlements_wholesaler_paid",
        "settlements",
        ["wholesaler_id", "paid_at"],
        postgresql_where=sa.text("status = 'paid'"),
    )


def downgrade() -> None:
    op.drop_index("ix_settlements_wholesaler_paid", table_name="settlements")
    op.drop_index("ix_settlements_status_created", table_name="settlements")
    op.drop_table("payout_accounts")
