"""Fill a database with a realistic marketplace at a chosen scale, fast (COPY).

    python -m benchmarks.generate --scale large --database-url postgresql://postgres@127.0.0.1:5432/bench_large

Creates the database if it does not exist and migrates it to heads; seeds the category
tree (`seed_categories`); then COPYs verified wholesalers, retailers, one owner per
business, products (offers of shared-GTIN items, see `fake_data`), 1-4 price tiers each
and an opening-stock movement for every product with stock; the catalog listings are built
in one statement after the load (`catalog_listings_rebuild()`, the per-row trigger is off
during the COPY). The secondary indexes of the
catalog tables are dropped during the load and rebuilt after it (same definitions), then
VACUUM ANALYZE. Refuses to load twice unless `--reset` (which empties every business,
category and what hangs off them).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from benchmarks import fake_data
from benchmarks.database import ensure_database, libpq_url, migrate
from chalicelib.billing.seed_data import seed_plans
from chalicelib.catalog.seed_data import seed_categories
from chalicelib.core.db import sqlalchemy_url
from chalicelib.core.security import hash_password

BENCH_PASSWORD = "Bench-Password-2026"
CATALOG_TABLES = ("products", "price_tiers", "stock_movements", "catalog_listings")
PRODUCT_COLUMNS = (
    "id, wholesaler_id, sku, gtin, name, brand, category_id, description, unit_of_sale, pack_size, min_order_qty, "
    "order_increment, price_at_moq, low_stock_threshold, lead_time_days, status, attributes, image_keys, "
    "stock_on_hand, low_stock_alerted, created_at, updated_at"
)
BUSINESS_COLUMNS = (
    "id, kind, name, registration_number, tax_id, phone, email, address_line, city, region, country, "
    "verification_status, verified_at, created_at, updated_at"
)


@dataclass(frozen=True)
class Scale:
    wholesalers: int
    retailers: int
    products: int
    gtins: int


SCALES = {
    "small": Scale(wholesalers=20, retailers=200, products=5_000, gtins=800),
    "medium": Scale(wholesalers=200, retailers=2_000, products=60_000, gtins=6_000),
    "large": Scale(wholesalers=1_000, retailers=10_000, products=300_000, gtins=30_000),
}


class Clock:
    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def step(self, what: str) -> None:
        now = time.perf_counter()
        print(f"  {what:<44} {now - self.last:7.1f} s", flush=True)
        self.last = now


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reset", action="store_true", help="empty the marketplace tables first")
    args = parser.parse_args(argv)
    url, scale, clock = libpq_url(args.database_url), SCALES[args.scale], Clock()
    print(f"Generating --scale {args.scale} into {url}")
    ensure_database(url)
    migrate(url)
    clock.step("database created/migrated")
    with psycopg.connect(url) as conn:
        (existing,) = conn.execute("SELECT count(*) FROM products").fetchone() or (0,)
        if existing and not args.reset:
            sys.exit(f"The database already holds {existing} products; pass --reset to generate again.")
        if args.reset:
            conn.execute("TRUNCATE categories, businesses CASCADE")
    engine = create_engine(sqlalchemy_url(url))
    with Session(engine) as session:
        seed_categories(session)
        seed_plans(session)
        session.commit()
    engine.dispose()
    clock.step("category tree and plans seeded")
    load(url, scale, random.Random(args.seed), clock)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "VACUUM (ANALYZE) businesses, users, subscriptions, categories, products, price_tiers, stock_movements, "
            "catalog_listings"
        )
    clock.step("VACUUM ANALYZE")
    print(f"Done in {time.perf_counter() - clock.start:.0f} s.")


def load(url: str, scale: Scale, rng: random.Random, clock: Clock) -> None:
    now = datetime.now(UTC)
    with psycopg.connect(url) as conn:
        conn.execute("SET statement_timeout = 0")  # the role's 10 s (migration 0013) is for requests, not bulk loads
        leaves = dict(
            conn.execute(
                "SELECT slug, id FROM categories c "
                "WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) ORDER BY slug"
            ).fetchall()
        )
        wholesalers = list(fake_data.business_rows(rng, "wholesaler", scale.wholesalers, now))
        retailers = list(fake_data.business_rows(rng, "retailer", scale.retailers, now))
        copy_rows(conn, "businesses", BUSINESS_COLUMNS, wholesalers + retailers)
        password_hash = hash_password(BENCH_PASSWORD)
        users = [owner_row(rng, business, password_hash) for business in wholesalers + retailers]
        copy_rows(
            conn,
            "users",
            "id, business_id, role, status, email, full_name, phone, password_hash, email_verified_at, created_at",
            users,
        )
        plans = dict(conn.execute("SELECT code, id FROM plans").fetchall())
        subscriptions = [
            *(fake_data.subscription_row(rng, b, plans["wholesaler-pro"], now) for b in wholesalers),
            *(fake_data.subscription_row(rng, b, plans["retailer-basic"], now, status="active") for b in retailers),
        ]
        copy_rows(conn, "subscriptions", fake_data.SUBSCRIPTION_COLUMNS, subscriptions)
        clock.step(f"{len(wholesalers)} wholesalers, {len(retailers)} retailers, owners, subscriptions")
        items = fake_data.make_items(rng, list(leaves), scale.gtins)
        weights = {slug: fake_data.zipf_weights(len(pool)) for slug, pool in items.items()}
        indexes = drop_secondary_indexes(conn)
        conn.execute("ALTER TABLE products DISABLE TRIGGER products_listing_insert")
        tiers: list[tuple[object, ...]] = []
        movements: list[tuple[object, ...]] = []
        with conn.cursor().copy(f"COPY products ({PRODUCT_COLUMNS}) FROM STDIN") as copy:
            for code, (wholesaler_id, count) in enumerate(offer_counts(rng, wholesalers, scale.products), start=1):
                for offer in fake_data.offers_of_wholesaler(
                    rng, wholesaler_id, f"W{code:04d}", count, items, weights, now
                ):
                    copy.write_row(fake_data.product_row(rng, offer, leaves[offer.item.leaf_slug]))
                    tiers.extend((offer.id, q, p) for q, p in fake_data.tiers(rng, offer.moq, offer.price))
                    if offer.stock:
                        movements.append(
                            (uuid.UUID(int=rng.getrandbits(128), version=4), offer.id, wholesaler_id, "restock",
                             offer.stock, offer.stock, "Opening stock", offer.created_at)
                        )  # fmt: skip
        conn.execute("ALTER TABLE products ENABLE TRIGGER products_listing_insert")
        clock.step(f"{scale.products} products")
        copy_rows(conn, "price_tiers", "product_id, min_quantity, unit_price", tiers)
        clock.step(f"{len(tiers)} price tiers")
        copy_rows(
            conn,
            "stock_movements",
            "id, product_id, wholesaler_id, kind, delta, stock_after, note, created_at",
            movements,
        )
        clock.step(f"{len(movements)} opening stock movements")
        (listings,) = conn.execute("SELECT catalog_listings_rebuild()").fetchone()  # type: ignore[misc]
        clock.step(f"{listings} catalog listings (one statement; the row trigger was off for the load)")
        conn.execute("SET maintenance_work_mem = '1GB'")
        for statement in indexes:
            conn.execute(statement)
        clock.step(f"{len(indexes)} secondary indexes rebuilt")


def owner_row(rng: random.Random, business: tuple[object, ...], password_hash: str) -> tuple[object, ...]:
    """The owner of a business row (`fake_data.business_rows`): e-mail verified when the business was created."""
    _id, _kind, name, _reg, _tax, phone, email, *_rest, created, _updated = business
    owner_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    return (owner_id, business[0], "owner", "active", f"owner.{email}", f"Owner of {name}", phone, password_hash,
            created, created)  # fmt: skip


def offer_counts(rng: random.Random, wholesalers: list[tuple[object, ...]], total: int) -> list[tuple[uuid.UUID, int]]:
    """Products per wholesaler: a spread around the mean (small shops to big distributors), summing to total."""
    weights = [rng.lognormvariate(0, 0.6) for _ in wholesalers]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    counts[0] += total - sum(counts)
    return [(w[0], c) for w, c in zip(wholesalers, counts, strict=True)]  # type: ignore[misc]


def copy_rows(conn: psycopg.Connection, table: str, columns: str, rows: list[tuple[object, ...]]) -> None:
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def drop_secondary_indexes(conn: psycopg.Connection) -> list[str]:
    """Drop the catalog tables' indexes that back no constraint; answer their CREATE statements."""
    rows = conn.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        (list(CATALOG_TABLES),),
    ).fetchall()
    for name, _definition in rows:
        conn.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in rows]


if __name__ == "__main__":
    main()
