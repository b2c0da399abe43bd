"""Catalog search: planner statistics for the retailer-side visibility join

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00.000000

Every retailer-facing catalog query keeps products whose wholesaler is selling
(`kind = 'wholesaler' AND verification_status = 'verified'`). The two columns are
strongly correlated (only wholesalers are ever verified), so without extended statistics
PostgreSQL multiplies their selectivities and expects ~1% of the real number of selling
wholesalers; it then drives the search from the businesses side (one GIN probe per
wholesaler: 140 ms instead of 10 ms for a rare word at 300,000 products).
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE STATISTICS IF NOT EXISTS st_businesses_kind_verification (dependencies, mcv) "
        "ON kind, verification_status FROM businesses"
    )
    op.execute("ANALYZE businesses")


def downgrade() -> None:
    op.execute("DROP STATISTICS IF EXISTS st_businesses_kind_verification")
