"""A GIN index on the listing's title words (name and brand) for ranked search of broad words

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 18:00:00

`catalog_title_vector(name, brand)` is the weight-A part of `catalog_listings.search_vector`
(name in the english configuration, brand in simple), without weights. For a one-word
query, every listing with the word in its title outranks every listing without (see
`chalicelib.catalog.search`), so a page of a broad word's results can often be found among
the listings whose title has the word, through this index, without ranking the rest.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION catalog_title_vector(name text, brand text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('english'::regconfig, coalesce(name, ''))
                  || to_tsvector('simple'::regconfig, coalesce(brand, '')) $$
        """
    )
    op.execute(
        "CREATE INDEX ix_catalog_listings_title_vector ON catalog_listings "
        "USING gin (catalog_title_vector(name, brand))"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_catalog_listings_title_vector")
    op.execute("DROP FUNCTION catalog_title_vector(text, text)")
