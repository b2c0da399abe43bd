"""The wholesaler's order queue (`GET /orders`) at scale: the first page of each filter.

    python -m benchmarks.order_queue_bench [--database-url URL] [--runs 200] [--keep]

Fills a scratch database (`bench_order_queue` on `DATABASE_URL`'s server unless given,
migrated to heads) with one busy wholesaler among many: the measured wholesaler has
5,000 open orders (pending payment, placed, accepted, packed, dispatched) and 3,000
closed ones (delivered, completed, cancelled); 400 other wholesalers have 250 orders each
(100,000), for 2,000 retailers; 3 lines per order. Orders are spread over 60 days, half
pay on delivery, each with the expected delivery date a placed order gets. Everything is
written with set-based SQL (`generate_series`), then `VACUUM ANALYZE`.

Each operation runs `--warmup` + `--runs` times as the wholesaler's owner, through the
Chalice app with API Gateway events (`benchmarks.measure`): handler time, and the same
statements replayed as bare SQL. The table goes to ORDER_QUEUE.md and into RESULTS.md
(between the order-queue markers, which the catalog benchmark keeps when it rewrites
RESULTS.md). Target: the first page <= 50 ms p95 for no filter, a status, a payment
filter and a delivery-date range.
"""

from __future__ import annotations

import argparse
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.database import ensure_database, libpq_url, migrate
from benchmarks.measure import Request, Samples, measure, percentile, plan_nodes

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_order_queue"
TARGET_P95_MS = 50.0
RESULTS = Path(__file__).with_name("RESULTS.md")
START_MARKER = "<!-- order-queue:start -->"
END_MARKER = "<!-- order-queue:end -->"

OTHER_WHOLESALERS = 400
ORDERS_PER_OTHER = 250
RETAILERS = 2_000
OPEN_ORDERS = 5_000
CLOSED_ORDERS = 3_000
LINES_PER_ORDER = 3
PRODUCTS_PER_WHOLESALER = 40

GENERATE = """
INSERT INTO businesses (id, kind, name, registration_number, tax_id, phone, email, address_line, city, region,
                        country, verification_status)
SELECT gen_random_uuid(), 'wholesaler', 'Wholesaler ' || n, 'W-' || n, 'P' || lpad(n::text, 9, '0') || 'Z',
       '+254712345678', 'w' || n || '@bench.example', n || ' Moi Avenue', 'Mombasa', 'Mombasa', 'KE', 'verified'
FROM generate_series(0, %(wholesalers)s) AS n;

INSERT INTO businesses (id, kind, name, registration_number, phone, email, address_line, city, region, country,
                        verification_status)
SELECT gen_random_uuid(), 'retailer',
       (ARRAY['Mama', 'Baraka', 'Upendo', 'Neema', 'Jirani', 'Tumaini'])[1 + n %% 6] || ' Shop ' || n,
       'R-' || n, '+254712345678', 'r' || n || '@bench.example', n || ' Kenyatta Avenue', 'Nairobi', 'Nairobi',
       'KE', 'not_required'
FROM generate_series(1, %(retailers)s) AS n;

INSERT INTO users (id, business_id, role, status, email, full_name, email_verified_at)
SELECT gen_random_uuid(), b.id, 'owner', 'active', 'owner.' || b.email, 'Owner of ' || b.name, now()
FROM businesses b;

CREATE TEMP TABLE bench_wholesalers AS
SELECT id, row_number() OVER (ORDER BY registration_number) - 1 AS n FROM businesses WHERE kind = 'wholesaler';
CREATE TEMP TABLE bench_retailers AS
SELECT b.id, u.id AS user_id, row_number() OVER (ORDER BY b.registration_number) - 1 AS n
FROM businesses b JOIN users u ON u.business_id = b.id WHERE b.kind = 'retailer';

INSERT INTO products (id, wholesaler_id, sku, name, brand, category_id, description, unit_of_sale, pack_size,
                      min_order_qty, order_increment, price_at_moq, low_stock_threshold, lead_time_days, status,
                      attributes, image_keys, stock_on_hand)
SELECT gen_random_uuid(), w.id, 'SKU-' || lpad(p::text, 4, '0'), 'Product ' || p, 'Brand', c.id, '',
       'carton of 12', 12, 1, 1, 100 + p, 10, 2, 'active', '{}', '{}', 1000000
FROM bench_wholesalers w CROSS JOIN generate_series(1, %(products)s) AS p
CROSS JOIN (SELECT id FROM categories ORDER BY slug LIMIT 1) AS c;

CREATE TEMP TABLE bench_orders AS
SELECT gen_random_uuid() AS id, gen_random_uuid() AS checkout_id, w.id AS wholesaler_id, o AS k,
       CASE WHEN w.n = 0 THEN
         CASE WHEN o <= %(open)s THEN
           (ARRAY['pending_payment', 'placed', 'placed', 'placed', 'accepted', 'accepted', 'packed', 'packed',
                  'dispatched', 'dispatched'])[1 + o %% 10]
         ELSE (ARRAY['delivered', 'completed', 'completed', 'cancelled'])[1 + o %% 4] END
       ELSE (ARRAY['placed', 'accepted', 'packed', 'dispatched', 'delivered', 'completed', 'completed',
                   'completed', 'cancelled', 'pending_payment'])[1 + o %% 10] END AS status,
       CASE WHEN (o / 10) %% 2 = 0 THEN 'pay_on_delivery' ELSE 'mobile_money' END AS payment_method,
       now() - make_interval(secs => (random() * 60 * 86400)::int) AS created_at
FROM bench_wholesalers w
CROSS JOIN LATERAL generate_series(1, CASE WHEN w.n = 0 THEN %(open)s + %(closed)s ELSE %(per_other)s END) AS o;

UPDATE bench_orders SET payment_method = 'mobile_money' WHERE status = 'pending_payment';

INSERT INTO checkouts (id, retailer_id, idempotency_key, request_hash, created_by, created_at)
SELECT o.checkout_id, r.id, o.checkout_id::text, repeat('0', 64), r.user_id, o.created_at
FROM bench_orders o JOIN bench_retailers r ON r.n = (hashtext(o.id::text) & 2147483647) %% %(retailers)s;

INSERT INTO orders (id, number, checkout_id, retailer_id, wholesaler_id, status, payment_method, currency,
                    subtotal, delivery_fee, total, amount_collected, delivery_method, delivery_address,
                    delivery_lead_time_days, expected_delivery_date, placed_at, created_at, updated_at)
SELECT o.id, 'ORD-' || lpad(nextval('order_number_seq')::text, 6, '0'), o.checkout_id, c.retailer_id,
       o.wholesaler_id, o.status, o.payment_method, 'KES', 3600.00, 0.00, 3600.00,
       CASE WHEN o.payment_method = 'pay_on_delivery' AND o.status IN ('delivered', 'completed') THEN 3600.00
            ELSE 0.00 END,
       'delivery', '{"line": "Moi Avenue 1", "city": "Nairobi", "region": "Nairobi", "country": "KE"}', 2,
       CASE WHEN o.status = 'pending_payment' OR (o.status = 'cancelled' AND o.payment_method = 'mobile_money')
            THEN NULL ELSE (o.created_at AT TIME ZONE 'UTC')::date + 2 END,
       CASE WHEN o.status = 'pending_payment' OR (o.status = 'cancelled' AND o.payment_method = 'mobile_money')
            THEN NULL ELSE o.created_at END,
       o.created_at, o.created_at
FROM bench_orders o JOIN checkouts c ON c.id = o.checkout_id
ORDER BY o.created_at;

INSERT INTO order_lines (id, order_id, product_id, sku, name, unit_of_sale, unit_price, quantity, line_total)
SELECT gen_random_uuid(), o.id, p.id, p.sku, p.name, p.unit_of_sale, 1200.00, 1, 1200.00
FROM bench_orders o
CROSS JOIN generate_series(1, %(lines)s) AS l
JOIN products p ON p.wholesaler_id = o.wholesaler_id
 AND p.sku = 'SKU-' || lpad((1 + (o.k * 7 + l * 13) %% %(products)s)::text, 4, '0');
"""


def fill(url: str) -> None:
    from chalicelib.catalog.seed_data import seed_categories
    from chalicelib.core.db import unit_of_work

    with unit_of_work() as uow:
        seed_categories(uow.session)
        uow.commit()
    with psycopg.connect(url, autocommit=True, options="-c statement_timeout=0") as conn:
        if conn.execute("SELECT count(*) FROM orders").fetchone()[0]:  # type: ignore[index]
            return
        with conn.transaction():
            for statement in GENERATE.split(";\n\n"):
                conn.execute(
                    statement,  # type: ignore[arg-type]
                    {
                        "wholesalers": OTHER_WHOLESALERS,
                        "retailers": RETAILERS,
                        "products": PRODUCTS_PER_WHOLESALER,
                        "open": OPEN_ORDERS,
                        "closed": CLOSED_ORDERS,
                        "per_other": ORDERS_PER_OTHER,
                        "lines": LINES_PER_ORDER,
                    },
                )
        conn.execute("VACUUM ANALYZE")


def wholesaler_token(conn: psycopg.Connection) -> tuple[str, uuid.UUID]:
    from chalicelib.core.security import issue_access_token

    user_id, business_id = conn.execute(
        "SELECT u.id, b.id FROM businesses b JOIN users u ON u.business_id = b.id WHERE b.registration_number = 'W-0'"
    ).fetchone()  # type: ignore[misc]
    session_id = conn.execute(
        "INSERT INTO auth_sessions (id, user_id, expires_at, user_agent) "
        "VALUES (gen_random_uuid(), %s, now() + interval '1 day', 'benchmarks') RETURNING id",
        (user_id,),
    ).fetchone()[0]  # type: ignore[index]
    token, _ = issue_access_token(
        user_id=user_id, session_id=session_id, role="owner", business_id=business_id, business_kind="wholesaler"
    )
    return token, session_id


def operations() -> list[tuple[str, float | None, dict[str, str]]]:
    today = datetime.now(UTC).date()
    week_ago = today.fromordinal(today.toordinal() - 7)
    return [
        ("no filter (newest first)", TARGET_P95_MS, {}),
        ("status=placed", TARGET_P95_MS, {"status": "placed"}),
        ("payment_status=to_collect", TARGET_P95_MS, {"payment_status": "to_collect"}),
        ("payment_method=mobile_money", TARGET_P95_MS, {"payment_method": "mobile_money"}),
        (
            "delivery date in the last 7 days",
            TARGET_P95_MS,
            {"delivery_date_from": week_ago.isoformat(), "delivery_date_to": today.isoformat()},
        ),
        ("open statuses, sort=delivery_date", None, {"status": "placed,accepted,packed", "sort": "delivery_date"}),
        ("q=retailer name part", None, {"q": "upendo"}),
    ]


def indexes_used(conn: psycopg.Connection, samples: Samples) -> str:
    """The indexes the page's query (the one statement reading `orders`) uses."""
    statement, parameters = next(s for s in reversed(samples.last_statements) if "FROM orders" in s[0])
    nodes = plan_nodes(conn, statement, parameters)
    on_orders = sorted({index or f"Seq Scan {relation}" for kind, relation, index in nodes if relation == "orders"})
    return ", ".join(on_orders) or "-"


def row(name: str, target: float | None, samples: Samples, plan: str) -> str:
    h = [percentile(samples.handler_ms, q) for q in (0.5, 0.95, 0.99)]
    s = [percentile(samples.sql_ms, q) for q in (0.5, 0.95, 0.99)]
    statements = ", ".join(str(n) for n in sorted(set(samples.statements)))
    met = "-" if target is None else ("yes" if h[1] <= target else "NO")
    items = len(samples.last_body.get("items", []))
    return (
        f"| {name} | {items} | {h[0]:.1f} / **{h[1]:.1f}** / {h[2]:.1f} | {s[0]:.1f} / {s[1]:.1f} / {s[2]:.1f} | "
        f"{h[0] / s[0]:.2f}, {h[1] / s[1]:.2f} | {statements} | {plan} | "
        f"{'-' if target is None else f'<= {target:.0f} ms'} | {met} |"
    )


def write_section(table: str) -> None:
    """Puts the table between the markers of RESULTS.md (appended the first time)."""
    section = f"{START_MARKER}\n{table}\n{END_MARKER}"
    current = RESULTS.read_text() if RESULTS.exists() else ""
    pattern = re.compile(re.escape(START_MARKER) + ".*?" + re.escape(END_MARKER), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: section, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(updated)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("ORDER_QUEUE.md"))
    args = parser.parse_args(argv)
    url = libpq_url(args.database_url)
    ensure_database(url)
    os.environ.update({"DATABASE_URL": url, "DB_POOL_SIZE": "1", "STAGE": "bench", "OUTBOX_FAST_PATH": "false"})
    migrate(url)
    fill(url)

    from chalice.local import LambdaContext

    from app import app
    from chalicelib.core.db import get_engine, session_options

    context = LambdaContext(function_name="checkout", memory_size=1024)
    load_before = os.getloadavg()[0]
    lines: list[str] = []
    with psycopg.connect(url, autocommit=True, options=session_options()) as conn:
        token, session_id = wholesaler_token(conn)
        try:
            for name, target, query in operations():
                samples = measure(
                    app,
                    context,
                    get_engine(),
                    conn,
                    token,
                    lambda _i, query=query: Request("/orders", "/orders", {"limit": "20", **query}),
                    runs=args.runs,
                    warmup=args.warmup,
                )
                lines.append(row(name, target, samples, indexes_used(conn, samples)))
                print(lines[-1], flush=True)
        finally:
            conn.execute("DELETE FROM auth_sessions WHERE id = %s", (session_id,))
        counts: Any = conn.execute(
            "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines), "
            "(SELECT count(*) FROM orders o JOIN businesses b ON b.id = o.wholesaler_id "
            " WHERE b.registration_number = 'W-0' AND o.status IN "
            " ('pending_payment', 'placed', 'accepted', 'packed', 'dispatched')), "
            "pg_size_pretty(pg_total_relation_size('orders')), current_setting('server_version')"
        ).fetchone()
    table = "\n".join(
        [
            "## Order queue (wholesaler's GET /orders, first page of 20)",
            "",
            f"Generated by `python -m benchmarks.order_queue_bench --runs {args.runs}` on "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC: PostgreSQL {counts[4]}, {os.cpu_count()} CPUs, handler "
            f"in-process; load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after.",
            f"Data: {counts[0]:,} orders ({counts[1]:,} lines; orders table with indexes {counts[3]}); the measured "
            f"wholesaler has {counts[2]:,} open orders and {CLOSED_ORDERS:,} closed ones among "
            f"{OTHER_WHOLESALERS:,} other wholesalers' {OTHER_WHOLESALERS * ORDERS_PER_OTHER:,}.",
            "",
            "| Filter | Items | Handler p50 / p95 / p99 ms | SQL p50 / p95 / p99 ms | Handler/SQL p50, p95 "
            "| Statements/request | Indexes on orders (last request) | Target p95 | Met |",
            "|---|---|---|---|---|---|---|---|---|",
            *lines,
        ]
    )
    args.output.write_text("# Order queue benchmark\n\n" + table + "\n")
    write_section(table)
    print(f"\nWritten to {args.output} and {RESULTS}")


if __name__ == "__main__":
    main()
