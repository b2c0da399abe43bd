"""A wholesaler that platform staff suspended leaves the catalog until it is reactivated

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 18:30:00

`catalog_listings.wholesaler_verified` (0009) now means "verified and not suspended": the
trigger on businesses also fires when `suspended_at` changes, and a product's listing row,
written whenever the product changes, reads the suspension too. Existing rows are recomputed.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GOOD_STANDING = "('trialing', 'active', 'past_due')"
SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce({p}.name, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce({p}.brand, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce({p}.sku, '') || ' ' || coalesce({p}.gtin, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce({p}.description, '')), 'C')"
)
COLUMNS = (
    "product_id, wholesaler_id, category_id, name, brand, price_at_moq, in_stock, created_at, "
    "wholesaler_verified, wholesaler_in_good_standing, search_vector"
)
SELLING = "b.kind = 'wholesaler' AND b.verification_status = 'verified' AND b.suspended_at IS NULL"
SELLING_BEFORE = "b.kind = 'wholesaler' AND b.verification_status = 'verified'"


def listing_of(p: str, selling: str) -> str:
    """The listing row of product `p` (0009's, with `selling` deciding `wholesaler_verified`)."""
    return f"""
    SELECT {p}.id, {p}.wholesaler_id, {p}.category_id, {p}.name, {p}.brand, {p}.price_at_moq,
           {p}.stock_on_hand > 0, {p}.created_at,
           {selling},
           EXISTS (SELECT 1 FROM subscriptions s WHERE s.business_id = b.id AND s.status IN {GOOD_STANDING}),
           {SEARCH_VECTOR.format(p=p)}
    FROM businesses b WHERE b.id = {p}.wholesaler_id
    """


def product_sync(selling: str) -> str:
    return f"""
        CREATE OR REPLACE FUNCTION catalog_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.status <> 'active' THEN
                DELETE FROM catalog_listings WHERE product_id = NEW.id;
                RETURN NULL;
            END IF;
            INSERT INTO catalog_listings ({COLUMNS}) {listing_of("NEW", selling)}
            ON CONFLICT (product_id) DO UPDATE SET
                wholesaler_id = EXCLUDED.wholesaler_id, category_id = EXCLUDED.category_id,
                name = EXCLUDED.name, brand = EXCLUDED.brand, price_at_moq = EXCLUDED.price_at_moq,
                in_stock = EXCLUDED.in_stock, created_at = EXCLUDED.created_at,
                wholesaler_verified = EXCLUDED.wholesaler_verified,
                wholesaler_in_good_standing = EXCLUDED.wholesaler_in_good_standing,
                search_vector = EXCLUDED.search_vector;
            RETURN NULL;
        END $$
        """


def rebuild(selling: str) -> str:
    return f"""
        CREATE OR REPLACE FUNCTION catalog_listings_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM catalog_listings;
            INSERT INTO catalog_listings ({COLUMNS})
            SELECT listing.* FROM products p CROSS JOIN LATERAL ({listing_of("p", selling)}) AS listing
            WHERE p.status = 'active';
            RETURN (SELECT count(*) FROM catalog_listings);
        END $$
        """


def wholesaler_sync(selling: str) -> str:
    return f"""
        CREATE OR REPLACE FUNCTION catalog_listing_wholesaler_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            selling boolean := {selling};
        BEGIN
            UPDATE catalog_listings SET wholesaler_verified = selling
            WHERE wholesaler_id = NEW.id AND wholesaler_verified IS DISTINCT FROM selling;
            RETURN NULL;
        END $$
        """


def business_trigger(when: str) -> str:
    return f"""
        CREATE TRIGGER businesses_listing_update AFTER UPDATE ON businesses FOR EACH ROW
        WHEN ({when})
        EXECUTE FUNCTION catalog_listing_wholesaler_sync()
        """


CHANGED = "OLD.verification_status IS DISTINCT FROM NEW.verification_status OR OLD.kind IS DISTINCT FROM NEW.kind"


def upgrade() -> None:
    op.execute(product_sync(SELLING))
    op.execute(rebuild(SELLING))
    op.execute(wholesaler_sync(SELLING.replace("b.", "NEW.")))
    op.execute("DROP TRIGGER businesses_listing_update ON businesses")
    op.execute(business_trigger(f"{CHANGED} OR OLD.suspended_at IS DISTINCT FROM NEW.suspended_at"))
    op.execute(
        """
        UPDATE catalog_listings l SET wholesaler_verified = false
        FROM businesses b WHERE b.id = l.wholesaler_id AND b.suspended_at IS NOT NULL AND l.wholesaler_verified
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER businesses_listing_update ON businesses")
    op.execute(business_trigger(CHANGED))
    op.execute(wholesaler_sync(SELLING_BEFORE.replace("b.", "NEW.")))
    op.execute(rebuild(SELLING_BEFORE))
    op.execute(product_sync(SELLING_BEFORE))
    op.execute("SELECT catalog_listings_rebuild()")
