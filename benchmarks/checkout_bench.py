"""Checkout and order-list latency at scale, through the Lambda handler.

    python -m benchmarks.checkout_bench --scale large --runs 200

Each run fills a retailer's cart with 5 lines from each of 3 wholesalers (service calls,
not measured), then measures `POST /checkout` (pay on delivery) as an API Gateway event
through the Chalice app: authentication, the idempotency claim, cart and product locks,
pricing, the bulk stock reservation, orders, lines, timeline, events. Statements per
checkout are counted with a `before_cursor_execute` listener, and the time spent inside
the database calls is summed, so the table shows handler time against SQL time. A
1 x 1-line checkout is counted too: the statement count must not grow with lines.
`GET /orders` (the retailer's purchases and a wholesaler's sales) is measured after.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine

from benchmarks.database import libpq_url, migrate
from benchmarks.measure import percentile
from chalicelib.core.compiled_reads import listen_to_statements

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_{scale}"
CHECKOUT_TARGET_MS = 80.0
ORDER_LIST_TARGET_MS = 15.0


class SqlClock:
    """Counts statements and the time spent executing them."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.count, self.seconds, self._started = engine, 0, 0.0, 0.0

    def __enter__(self) -> SqlClock:
        self._listening = listen_to_statements(self.engine, before=self._before, after=self._after)
        self._listening.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listening.__exit__(*exc)

    def _before(self, *_args: Any) -> None:
        self._started = time.perf_counter()

    def _after(self, *_args: Any) -> None:
        self.count += 1
        self.seconds += time.perf_counter() - self._started


def api_event(
    method: str,
    resource: str,
    path: str,
    token: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    all_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/prod{path}",
            "stage": "prod",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "203.0.113.9"},
        },
        "body": json.dumps(body) if body is not None else None,
        "isBase64Encoded": False,
    }


def prepare(conn: psycopg.Connection) -> dict[str, Any]:
    """A retailer (verified e-mail) and 3 verified wholesalers offering pay on delivery, 5 products each."""
    from chalicelib.core.security import issue_access_token

    retailer = conn.execute(
        "SELECT u.id, u.business_id FROM users u JOIN businesses b ON b.id = u.business_id "
        "WHERE b.kind = 'retailer' AND u.role = 'owner' ORDER BY u.email OFFSET 7 LIMIT 1"
    ).fetchone()
    assert retailer is not None, "run python -m benchmarks.generate first"
    conn.execute("UPDATE users SET email_verified_at = now() WHERE id = %s", (retailer[0],))
    conn.execute(
        "UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'retailer-pro'), status = 'active' "
        "WHERE business_id = %s",
        (retailer[1],),
    )
    wholesalers = [
        r[0]
        for r in conn.execute(
            "SELECT b.id FROM businesses b WHERE b.kind = 'wholesaler' AND b.verification_status = 'verified' "
            "AND (SELECT count(*) FROM products p WHERE p.wholesaler_id = b.id AND p.status = 'active') >= 5 "
            "ORDER BY b.id LIMIT 3"
        )
    ]
    products: list[tuple[str, int]] = []
    for wholesaler in wholesalers:
        conn.execute(
            "INSERT INTO delivery_options (wholesaler_id, pickup_enabled, pickup_address, delivery_enabled, "
            "delivery_fee, regions, lead_time_days, pay_on_delivery_enabled, updated_at) "
            "VALUES (%s, true, 'Depot', false, 0, '{}', 1, true, now()) ON CONFLICT (wholesaler_id) DO UPDATE "
            "SET pay_on_delivery_enabled = true, pay_on_delivery_max = NULL",
            (wholesaler,),
        )
        rows = conn.execute(
            "SELECT id, min_order_qty FROM products WHERE wholesaler_id = %s AND status = 'active' ORDER BY id LIMIT 5",
            (wholesaler,),
        ).fetchall()
        conn.execute("UPDATE products SET stock_on_hand = 100000000 WHERE id = ANY(%s)", ([r[0] for r in rows],))
        products.extend((str(r[0]), int(r[1])) for r in rows)
    session_id = conn.execute(
        "INSERT INTO auth_sessions (id, user_id, expires_at, user_agent) "
        "VALUES (gen_random_uuid(), %s, now() + interval '1 day', 'benchmarks') RETURNING id",
        (retailer[0],),
    ).fetchone()[0]  # type: ignore[index]
    token, _ = issue_access_token(
        user_id=retailer[0], session_id=session_id, role="owner", business_id=retailer[1], business_kind="retailer"
    )
    return {
        "token": token,
        "session_id": session_id,
        "user_id": retailer[0],
        "retailer_id": retailer[1],
        "products": products,
        "wholesalers": wholesalers,
    }


def fill_cart(fixtures: dict[str, Any], lines: list[tuple[str, int]]) -> str:
    from chalicelib.core.db import unit_of_work
    from chalicelib.core.principal import Principal
    from chalicelib.orders import cart

    principal = Principal(
        user_id=fixtures["user_id"],
        session_id=fixtures["session_id"],
        role="owner",
        business_id=fixtures["retailer_id"],
        business_kind="retailer",
        email_verified=True,
    )
    with unit_of_work() as uow:
        for product_id, quantity in lines:
            cart.add_item(uow.session, principal=principal, product_id=uuid.UUID(product_id), quantity=quantity)
        version = cart.priced_cart(uow.session, principal=principal).version
        uow.commit()
    return version


def checkout_once(
    app: Any, context: Any, engine: Engine, fixtures: dict[str, Any], lines: list[tuple[str, int]]
) -> tuple[float, float, int]:
    version = fill_cart(fixtures, lines)
    request = api_event(
        "POST",
        "/checkout",
        "/checkout",
        fixtures["token"],
        {"cart_version": version, "payment": {"method": "pay_on_delivery"}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    with SqlClock(engine) as clock:
        started = time.perf_counter()
        answer = app(request, context)
        elapsed = (time.perf_counter() - started) * 1000
    if answer["statusCode"] != 201:
        raise RuntimeError(f"checkout: {answer['statusCode']} {answer['body'][:500]}")
    return elapsed, clock.seconds * 1000, clock.count


def get_once(app: Any, context: Any, engine: Engine, token: str) -> tuple[float, float, int]:
    request = api_event("GET", "/orders", "/orders", token, query={"limit": "20"})
    with SqlClock(engine) as clock:
        started = time.perf_counter()
        answer = app(request, context)
        elapsed = (time.perf_counter() - started) * 1000
    if answer["statusCode"] != 200:
        raise RuntimeError(f"orders: {answer['statusCode']} {answer['body'][:500]}")
    return elapsed, clock.seconds * 1000, clock.count


def row(name: str, samples: list[tuple[float, float, int]], target: float | None) -> str:
    handler = [s[0] for s in samples]
    sql = [s[1] for s in samples]
    statements = sorted({s[2] for s in samples})
    h = [percentile(handler, q) for q in (0.5, 0.95, 0.99)]
    q = [percentile(sql, x) for x in (0.5, 0.95, 0.99)]
    met = "n/a" if target is None else ("yes" if h[1] <= target else "no")
    return (
        f"| {name} | {h[0]:.1f} / {h[1]:.1f} / {h[2]:.1f} | {q[0]:.1f} / {q[1]:.1f} / {q[2]:.1f} | "
        f"{h[0] / q[0]:.2f}, {h[1] / q[1]:.2f} | {', '.join(map(str, statements))} | "
        f"{'-' if target is None else f'{target:.0f}'} | {met} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="large")
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("CHECKOUT.md"))
    args = parser.parse_args(argv)
    url = libpq_url(args.database_url or DEFAULT_URL.format(scale=args.scale))
    os.environ.update({"DATABASE_URL": url, "DB_POOL_SIZE": "1", "STAGE": "bench", "OUTBOX_FAST_PATH": "false"})
    migrate(url)

    from chalice.local import LambdaContext

    from app import app
    from chalicelib.core.db import get_engine

    context = LambdaContext(function_name="checkout", memory_size=1024)
    with psycopg.connect(url, autocommit=True) as conn:
        fixtures = prepare(conn)
        wholesaler_token = _wholesaler_token(conn, fixtures["wholesalers"][0])
        engine = get_engine()
        one_line = checkout_once(app, context, engine, fixtures, fixtures["products"][:1])
        samples = [
            checkout_once(app, context, engine, fixtures, fixtures["products"]) for _ in range(args.warmup + args.runs)
        ][args.warmup :]
        purchases = [get_once(app, context, engine, fixtures["token"]) for _ in range(args.warmup + args.runs)]
        sales = [get_once(app, context, engine, wholesaler_token) for _ in range(args.warmup + args.runs)]
    (products,) = conn_count(url)
    table = "\n".join(
        [
            f"Checkout at scale `{args.scale}` ({products:,} products), {args.runs} measured runs after "
            f"{args.warmup} warm-up, 2-core machine, handler in-process (`app(event, context)`).",
            "",
            "| Operation | Handler p50 / p95 / p99 ms | SQL p50 / p95 / p99 ms | Handler/SQL p50, p95 "
            "| Statements/request | Target p95 ms | Met |",
            "|---|---|---|---|---|---|---|",
            row("POST /checkout, 3 wholesalers x 5 lines", samples, CHECKOUT_TARGET_MS),
            row("POST /checkout, 1 x 1 line (one cold run: statement count)", [one_line], None),
            row("GET /orders (retailer, 20 per page)", purchases[args.warmup :], ORDER_LIST_TARGET_MS),
            row("GET /orders (wholesaler, 20 per page)", sales[args.warmup :], ORDER_LIST_TARGET_MS),
        ]
    )
    print(table)
    args.output.write_text("# Checkout and order list benchmark\n\n" + table + "\n")
    print(f"\nWritten to {args.output}")


def conn_count(url: str) -> tuple[int]:
    with psycopg.connect(url) as conn:
        row_ = conn.execute("SELECT count(*) FROM products").fetchone()
    assert row_ is not None
    return (int(row_[0]),)


def _wholesaler_token(conn: psycopg.Connection, wholesaler_id: Any) -> str:
    from chalicelib.core.security import issue_access_token

    user_id = conn.execute(
        "SELECT id FROM users WHERE business_id = %s AND role = 'owner' LIMIT 1", (wholesaler_id,)
    ).fetchone()[0]  # type: ignore[index]
    session_id = conn.execute(
        "INSERT INTO auth_sessions (id, user_id, expires_at, user_agent) "
        "VALUES (gen_random_uuid(), %s, now() + interval '1 day', 'benchmarks') RETURNING id",
        (user_id,),
    ).fetchone()[0]  # type: ignore[index]
    token, _ = issue_access_token(
        user_id=user_id, session_id=session_id, role="owner", business_id=wholesaler_id, business_kind="wholesaler"
    )
    return token


if __name__ == "__main__":
    main()
