"""Refunds anyone can follow, payment holds and settlements that stand on their own

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 09:00:00

- refunds: statuses `open`, `sent`, `completed`, `failed` (were `refund_pending` and `rejected`),
  a `cause`, the currency, provider, payer and order number they are paid back to, when and by
  whom they were sent; a refund of an orphan collection (money no payment of ours asked for)
  names the provider message instead of a payment.
- payments.hold_until: until when the payer may still pay or retry, so reconciliation and the
  payments package need no other package's tables to know it.
- payment_provider_messages: a partial index on the successes for no request of ours that
  the provider could not confirm yet, which reconciliation asks about again.
- settlements.order_number, and due settlements of cancelled orders marked `cancelled`, so
  settlements are listed without reading the orders.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUND_CAUSES = (
    "'cancelled_order', 'late_payment', 'duplicate_collection', 'orphan_collection', 'needs_review', "
    "'invoice_already_settled', 'manual'"
)


def upgrade() -> None:
    op.add_column(
        "payments",
        sa.Column(
            "hold_until",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Until when the payer may still pay or retry (a checkout: its orders' expiry); NULL: nothing held.",
        ),
    )
    op.execute(
        """
        UPDATE payments p SET hold_until = held.until
        FROM (SELECT checkout_id, min(expires_at) AS until FROM orders GROUP BY checkout_id) held
        WHERE p.purpose = 'checkout' AND held.checkout_id = p.checkout_id
        """
    )
    op.execute("UPDATE payments SET hold_until = created_at + interval '6 hours' WHERE purpose = 'subscription'")

    op.drop_constraint(op.f("ck_refunds_status"), "refunds", type_="check")
    # An admin's refund waited as refund_pending for its payout: sent only if one was recorded.
    op.execute("UPDATE refunds SET status = 'sent' WHERE status = 'refund_pending' AND reference IS NOT NULL")
    op.execute("UPDATE refunds SET status = 'open' WHERE status = 'refund_pending'")
    op.execute("UPDATE refunds SET status = 'failed' WHERE status = 'rejected'")
    op.create_check_constraint(op.f("ck_refunds_status"), "refunds", "status IN ('open', 'sent', 'completed', 'failed')")
    op.alter_column("refunds", "payment_id", existing_type=sa.UUID(), nullable=True)
    op.add_column("refunds", sa.Column("order_number", sa.String(length=20), nullable=True))
    op.add_column("refunds", sa.Column("payer_business_id", sa.Uuid(), nullable=True))
    op.add_column(
        "refunds",
        sa.Column(
            "provider_message_id",
            sa.Uuid(),
            nullable=True,
            comment="The provider message of an orphan collection (no foreign key, as the log's own ids).",
        ),
    )
    op.add_column("refunds", sa.Column("cause", sa.String(length=30), server_default="manual", nullable=False))
    op.add_column("refunds", sa.Column("provider", sa.String(length=20), nullable=True))
    op.add_column("refunds", sa.Column("payer_phone", sa.String(length=20), nullable=True))
    op.add_column("refunds", sa.Column("currency", sa.String(length=3), nullable=True))
    op.add_column("refunds", sa.Column("failure_reason", sa.String(length=300), nullable=True))
    op.add_column(
        "refunds", sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)
    )
    op.add_column("refunds", sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("refunds", sa.Column("sent_by", sa.Uuid(), nullable=True))
    op.execute(
        """
        UPDATE refunds r SET
            currency = p.currency, provider = p.provider, payer_phone = p.payer_phone,
            payer_business_id = p.payer_business_id, updated_at = r.created_at,
            cause = CASE
                WHEN r.requested_by IS NOT NULL THEN 'manual'
                WHEN r.reason LIKE 'Paid twice%%' THEN 'duplicate_collection'
                WHEN p.purpose = 'subscription' THEN 'invoice_already_settled'
                WHEN r.reason LIKE 'The payment arrived after%%' THEN 'late_payment'
                WHEN r.order_id IS NOT NULL THEN 'cancelled_order'
                ELSE 'manual' END
        FROM payments p WHERE p.id = r.payment_id
        """
    )
    op.execute("UPDATE refunds r SET order_number = o.number FROM orders o WHERE o.id = r.order_id")
    op.execute("UPDATE refunds SET sent_at = coalesce(completed_at, created_at) WHERE status IN ('sent', 'completed')")
    op.alter_column("refunds", "currency", existing_type=sa.String(length=3), nullable=False)
    op.create_check_constraint(op.f("ck_refunds_cause"), "refunds", f"cause IN ({REFUND_CAUSES})")
    op.create_check_constraint(
        op.f("ck_refunds_has_source"), "refunds", "payment_id IS NOT NULL OR provider_message_id IS NOT NULL"
    )
    op.create_foreign_key(
        op.f("fk_refunds_payer_business_id_businesses"),
        "refunds",
        "businesses",
        ["payer_business_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_index("ix_refunds_order_id", "refunds", ["order_id"], unique=False)
    op.create_index("ix_refunds_created_id", "refunds", ["created_at", "id"], unique=False)
    op.create_index("ix_refunds_status_created", "refunds", ["status", "created_at"], unique=False)
    op.create_index("ix_refunds_payer_created", "refunds", ["payer_business_id", "created_at"], unique=False)
    op.create_index("ix_refunds_provider_message", "refunds", ["provider_message_id"], unique=True)

    op.create_index(
        "ix_payment_provider_messages_orphans_awaiting",
        "payment_provider_messages",
        ["processed_at"],
        unique=False,
        postgresql_where="outcome = 'orphan_awaiting_status'",
    )

    op.add_column("settlements", sa.Column("order_number", sa.String(length=20), nullable=True))
    op.execute("UPDATE settlements s SET order_number = o.number FROM orders o WHERE o.id = s.order_id")
    op.execute(
        """
        UPDATE settlements s SET status = 'cancelled' FROM orders o
        WHERE o.id = s.order_id AND s.status = 'due' AND o.status = 'cancelled'
        """
    )
    op.alter_column("settlements", "order_number", existing_type=sa.String(length=20), nullable=False)


def downgrade() -> None:
    op.drop_column("settlements", "order_number")
    op.drop_index("ix_payment_provider_messages_orphans_awaiting", table_name="payment_provider_messages")
    op.drop_index("ix_refunds_provider_message", table_name="refunds")
    op.drop_index("ix_refunds_payer_created", table_name="refunds")
    op.drop_index("ix_refunds_status_created", table_name="refunds")
    op.drop_index("ix_refunds_created_id", table_name="refunds")
    op.drop_index("ix_refunds_order_id", table_name="refunds")
    op.drop_constraint(op.f("fk_refunds_payer_business_id_businesses"), "refunds", type_="foreignkey")
    op.drop_constraint(op.f("ck_refunds_has_source"), "refunds", type_="check")
    op.drop_constraint(op.f("ck_refunds_cause"), "refunds", type_="check")
    op.execute("DELETE FROM refunds WHERE payment_id IS NULL")
    for column in (
        "sent_by", "sent_at", "updated_at", "failure_reason", "currency", "payer_phone", "provider", "cause",
        "provider_message_id", "payer_business_id", "order_number",
    ):  # fmt: skip
        op.drop_column("refunds", column)
    op.alter_column("refunds", "payment_id", existing_type=sa.UUID(), nullable=False)
    op.drop_constraint(op.f("ck_refunds_status"), "refunds", type_="check")
    op.execute("UPDATE refunds SET status = 'refund_pending' WHERE status = 'sent'")
    op.execute("UPDATE refunds SET status = 'rejected' WHERE status = 'failed'")
    op.create_check_constraint(op.f("ck_refunds_status"), "refunds", "status IN ('open', 'refund_pending', 'completed', 'rejected')")
    op.drop_column("payments", "hold_until")
