"""The wholesaler's order queue: the vehicle of a dispatch, collections in the timeline,
an expected delivery date from placement on, and the indexes of the queue's first pages
(a status, the delivery date, a retailer found by name)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 18:30:00

Orders placed before this revision get the date a new order gets at placement: its
placement day (UTC) plus the lead time it was placed with.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("vehicle", sa.String(length=20), nullable=True))
    op.add_column(
        "order_events",
        sa.Column("kind", sa.String(length=30), server_default="status_changed", nullable=False),
    )
    op.create_check_constraint(
        "ck_order_events_kind", "order_events", "kind IN ('status_changed', 'collection_recorded')"
    )
    op.execute(
        "UPDATE orders SET expected_delivery_date = (placed_at AT TIME ZONE 'UTC')::date + delivery_lead_time_days "
        "WHERE expected_delivery_date IS NULL AND placed_at IS NOT NULL"
    )
    op.create_index("ix_orders_wholesaler_status_created", "orders", ["wholesaler_id", "status", "created_at", "id"])
    op.create_index(
        "ix_orders_wholesaler_delivery_date", "orders", ["wholesaler_id", "expected_delivery_date", "number"]
    )
    op.create_index("ix_orders_wholesaler_retailer", "orders", ["wholesaler_id", "retailer_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_orders_wholesaler_retailer", table_name="orders")
    op.drop_index("ix_orders_wholesaler_delivery_date", table_name="orders")
    op.drop_index("ix_orders_wholesaler_status_created", table_name="orders")
    op.drop_constraint("ck_order_events_kind", "order_events", type_="check")
    op.drop_column("order_events", "kind")
    op.drop_column("orders", "vehicle")
