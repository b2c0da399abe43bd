"""Catalog listings: the narrow, database-maintained search table of the retailer-side catalog

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 15:00:00

Searching a broad word reads every matching row (to rank it and count it in the facets).
On `products` those rows are ~1 KB wide and carry products retailers cannot see; a
listing row holds only what search filters, sorts, ranks and counts by (~450 bytes, most
of it the weighted `tsvector`), for active products only.

Triggers keep it exact in the same transaction as the change:
* `products`: a row appears when the product is active, goes when it is not (or is
  deleted: FK cascade), and follows name/brand/SKU/GTIN/description/category/price and
  whether stock is above zero (the trigger fires only when one of those changed);
* `businesses`: `wholesaler_verified` follows verification (and kind);
* `subscriptions`: `wholesaler_in_good_standing` follows whether the wholesaler has a
  subscription trialing, active or past_due (billing's GOOD_STANDING).
The search vector moves here from `products` (and so do its GIN and trigram indexes).
`catalog_listings_rebuild()` recomputes every row in one statement (this backfill, and bulk
loads that disable the triggers).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GOOD_STANDING = "('trialing', 'active', 'past_due')"

SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce({p}.name, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce({p}.brand, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce({p}.sku, '') || ' ' || coalesce({p}.gtin, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce({p}.description, '')), 'C')"
)

LISTING_OF = """
    SELECT {p}.id, {p}.wholesaler_id, {p}.category_id, {p}.name, {p}.brand, {p}.price_at_moq,
           {p}.stock_on_hand > 0, {p}.created_at,
           b.kind = 'wholesaler' AND b.verification_status = 'verified',
           EXISTS (SELECT 1 FROM subscriptions s WHERE s.business_id = b.id AND s.status IN {standing}),
           {vector}
    FROM businesses b WHERE b.id = {p}.wholesaler_id
"""

COLUMNS = (
    "product_id, wholesaler_id, category_id, name, brand, price_at_moq, in_stock, created_at, "
    "wholesaler_verified, wholesaler_in_good_standing, search_vector"
)


def listing_of(p: str) -> str:
    return LISTING_OF.format(p=p, standing=GOOD_STANDING, vector=SEARCH_VECTOR.format(p=p))


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE catalog_listings (
            product_id uuid NOT NULL
                CONSTRAINT pk_catalog_listings PRIMARY KEY
                CONSTRAINT fk_catalog_listings_product_id_products REFERENCES products (id) ON DELETE CASCADE,
            wholesaler_id uuid NOT NULL,
            category_id uuid NOT NULL,
            name varchar(200) NOT NULL,
            brand varchar(120),
            price_at_moq numeric(14, 2) NOT NULL,
            in_stock boolean NOT NULL,
            created_at timestamptz NOT NULL,
            wholesaler_verified boolean NOT NULL,
            wholesaler_in_good_standing boolean NOT NULL,
            search_vector tsvector NOT NULL
        )
        """
    )
    op.execute("COMMENT ON TABLE catalog_listings IS 'Active products as search sees them; kept by triggers (0009).'")
    op.execute("CREATE INDEX ix_catalog_listings_search_vector ON catalog_listings USING gin (search_vector)")
    op.execute("CREATE INDEX ix_catalog_listings_name_trgm ON catalog_listings USING gin (name gin_trgm_ops)")
    op.execute("CREATE INDEX ix_catalog_listings_category_id ON catalog_listings (category_id)")
    op.execute("CREATE INDEX ix_catalog_listings_wholesaler_created ON catalog_listings (wholesaler_id, created_at)")
    op.execute("CREATE INDEX ix_catalog_listings_created_at ON catalog_listings (created_at)")

    op.execute(
        f"""
        CREATE FUNCTION catalog_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.status <> 'active' THEN
                DELETE FROM catalog_listings WHERE product_id = NEW.id;
                RETURN NULL;
            END IF;
            INSERT INTO catalog_listings ({COLUMNS}) {listing_of("NEW")}
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
    )
    op.execute(
        "CREATE TRIGGER products_listing_insert AFTER INSERT ON products "
        "FOR EACH ROW EXECUTE FUNCTION catalog_listing_sync()"
    )
    op.execute(
        """
        CREATE TRIGGER products_listing_update AFTER UPDATE ON products FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status
              OR OLD.name IS DISTINCT FROM NEW.name OR OLD.brand IS DISTINCT FROM NEW.brand
              OR OLD.sku IS DISTINCT FROM NEW.sku OR OLD.gtin IS DISTINCT FROM NEW.gtin
              OR OLD.description IS DISTINCT FROM NEW.description
              OR OLD.category_id IS DISTINCT FROM NEW.category_id
              OR OLD.wholesaler_id IS DISTINCT FROM NEW.wholesaler_id
              OR OLD.price_at_moq IS DISTINCT FROM NEW.price_at_moq
              OR OLD.created_at IS DISTINCT FROM NEW.created_at
              OR (OLD.stock_on_hand > 0) IS DISTINCT FROM (NEW.stock_on_hand > 0))
        EXECUTE FUNCTION catalog_listing_sync()
        """
    )

    op.execute(
        """
        CREATE FUNCTION catalog_listing_wholesaler_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            selling boolean := NEW.kind = 'wholesaler' AND NEW.verification_status = 'verified';
        BEGIN
            UPDATE catalog_listings SET wholesaler_verified = selling
            WHERE wholesaler_id = NEW.id AND wholesaler_verified IS DISTINCT FROM selling;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER businesses_listing_update AFTER UPDATE ON businesses FOR EACH ROW
        WHEN (OLD.verification_status IS DISTINCT FROM NEW.verification_status OR OLD.kind IS DISTINCT FROM NEW.kind)
        EXECUTE FUNCTION catalog_listing_wholesaler_sync()
        """
    )

    op.execute(
        f"""
        CREATE FUNCTION catalog_listing_standing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            business uuid;
            standing boolean;
        BEGIN
            FOR business IN
                SELECT DISTINCT id FROM unnest(ARRAY[
                    CASE WHEN TG_OP <> 'INSERT' THEN OLD.business_id END,
                    CASE WHEN TG_OP <> 'DELETE' THEN NEW.business_id END]) AS ids (id)
                WHERE id IS NOT NULL
            LOOP
                standing := EXISTS (
                    SELECT 1 FROM subscriptions WHERE business_id = business AND status IN {GOOD_STANDING});
                UPDATE catalog_listings SET wholesaler_in_good_standing = standing
                WHERE wholesaler_id = business AND wholesaler_in_good_standing IS DISTINCT FROM standing;
            END LOOP;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER subscriptions_listing_sync AFTER INSERT OR DELETE OR UPDATE OF status, business_id "
        "ON subscriptions FOR EACH ROW EXECUTE FUNCTION catalog_listing_standing_sync()"
    )

    op.execute(
        f"""
        CREATE FUNCTION catalog_listings_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM catalog_listings;
            INSERT INTO catalog_listings ({COLUMNS})
            SELECT listing.* FROM products p CROSS JOIN LATERAL ({listing_of("p")}) AS listing
            WHERE p.status = 'active';
            RETURN (SELECT count(*) FROM catalog_listings);
        END $$
        """
    )
    op.execute("SELECT catalog_listings_rebuild()")
    op.execute("ANALYZE catalog_listings")

    op.drop_index("ix_products_search_vector", table_name="products")
    op.drop_index("ix_products_name_trgm", table_name="products")
    op.drop_column("products", "search_vector")


def downgrade() -> None:
    vector = SEARCH_VECTOR.format(p="products")
    op.execute(f"ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED")
    op.execute("CREATE INDEX ix_products_search_vector ON products USING gin (search_vector)")
    op.execute("CREATE INDEX ix_products_name_trgm ON products USING gin (name gin_trgm_ops)")
    op.execute("DROP TRIGGER subscriptions_listing_sync ON subscriptions")
    op.execute("DROP TRIGGER businesses_listing_update ON businesses")
    op.execute("DROP TRIGGER products_listing_update ON products")
    op.execute("DROP TRIGGER products_listing_insert ON products")
    op.execute("DROP FUNCTION catalog_listings_rebuild()")
    op.execute("DROP FUNCTION catalog_listing_standing_sync()")
    op.execute("DROP FUNCTION catalog_listing_wholesaler_sync()")
    op.execute("DROP FUNCTION catalog_listing_sync()")
    op.execute("DROP TABLE catalog_listings")
