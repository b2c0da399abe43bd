"""Latency of the retailer-side catalog at scale: handler vs bare SQL, statements, plans.

    python -m benchmarks.run --scale large --runs 200
    (database: --database-url, default postgresql://postgres@127.0.0.1:5432/bench_<scale>,
     filled by `python -m benchmarks.generate`)

For each operation, `--runs` measured requests (after `--warmup` unmeasured ones) go
through the Chalice app as API Gateway events, signed in as a retailer, and the exact
statements of each request are replayed as bare SQL (see `measure`). Prints a markdown
table (p50/p95/p99, ratio, statements per request, target) and writes it, with the plan
checks (no sequential scan on products) and EXPLAIN ANALYZE of the search statements, to
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.database import libpq_url
from benchmarks.measure import Request, Samples, explain_analyze, measure, plan_nodes
from benchmarks.report import Row, write_results

SPECIFIC_WORDS = ["basmati", "sensodyne", "weetabix", "tusker"]
WORD_AND_CATEGORY = [("lemon", "beverages"), ("chocolate", "snacks-and-confectionery"), ("lavender", "household")]
MISSPELT_WORDS = ["basmatti", "sensodine", "weetabx", "mayonaise"]  # each corrects to a word under 2%
MISSPELT_COMMON = ["chocolte"]  # "chocolate": 4.6% of products
BROAD_WORDS = ["fresh", "retail"]
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_{scale}"


@dataclass
class Operation:
    name: str
    target_p95_ms: float | None
    requests: Callable[[int], Request]
    words: list[str]


def search(q: str, **extra: str) -> Request:
    return Request("/catalog/search", "/catalog/search", {"q": q, **extra})


def operations(fixtures: dict[str, Any]) -> list[Operation]:
    products, gtins = fixtures["product_ids"], fixtures["gtins"]

    def detail(i: int) -> Request:
        pid = products[i % len(products)]
        return Request("/catalog/products/{id}", f"/catalog/products/{pid}", None, {"id": pid})

    def compare(i: int) -> Request:
        query = {"gtin": gtins[i % len(gtins)]}
        if i % 2:
            query["quantity"] = "50"
        return Request("/catalog/compare", "/catalog/compare", query)

    return [
        Operation("search: specific word", 40, lambda i: search(SPECIFIC_WORDS[i % 4]), SPECIFIC_WORDS),
        Operation(
            "search: word + category",
            40,
            lambda i: search(WORD_AND_CATEGORY[i % 3][0], category=WORD_AND_CATEGORY[i % 3][1]),
            [w for w, _ in WORD_AND_CATEGORY],
        ),
        Operation("search: misspelt word", 40, lambda i: search(MISSPELT_WORDS[i % 4]), MISSPELT_WORDS),
        Operation("search: misspelt common word", 150, lambda i: search(MISSPELT_COMMON[0]), MISSPELT_COMMON),
        *(
            Operation(f"search: broad word ({word})", 150, lambda _i, word=word: search(word), [word])
            for word in BROAD_WORDS
        ),
        Operation("product detail", 10, detail, []),
        Operation("compare (GTIN)", 15, compare, []),
        Operation("reference: GET /me (auth floor)", None, lambda _i: Request("/me", "/me"), []),
    ]


def prepare_fixtures(conn: psycopg.Connection) -> dict[str, Any]:
    """A signed-in retailer, 200 visible products, 200 GTINs offered by 3+ wholesalers, word shares."""
    from chalicelib.core.security import issue_access_token

    user = conn.execute(
        "SELECT u.id, u.business_id FROM users u JOIN businesses b ON b.id = u.business_id "
        "WHERE b.kind = 'retailer' AND u.status = 'active' ORDER BY u.email LIMIT 1"
    ).fetchone()
    if user is None:
        sys.exit("No retailer in this database: run python -m benchmarks.generate first.")
    session_id = conn.execute(
        "INSERT INTO auth_sessions (id, user_id, expires_at, user_agent) "
        "VALUES (gen_random_uuid(), %s, now() + interval '1 day', 'benchmarks') RETURNING id",
        (user[0],),
    ).fetchone()[0]  # type: ignore[index]
    token, _ = issue_access_token(
        user_id=user[0], session_id=session_id, role="owner", business_id=user[1], business_kind="retailer"
    )
    product_ids, gtins = visible_samples()
    total = conn.execute("SELECT count(*) FROM products").fetchone()[0]  # type: ignore[index]
    shares = {}
    for word in {*SPECIFIC_WORDS, *MISSPELT_WORDS, *MISSPELT_COMMON, *BROAD_WORDS, *(w for w, _ in WORD_AND_CATEGORY)}:
        (matches,) = conn.execute(
            "SELECT count(*) FROM catalog_listings WHERE search_vector @@ websearch_to_tsquery('english', %s)",
            (word,),
        ).fetchone()  # type: ignore[misc]
        shares[word] = matches / total
    return {"token": token, "session_id": session_id, "product_ids": product_ids, "gtins": gtins, "shares": shares}


def visible_samples() -> tuple[list[str], list[str]]:
    """200 visible products and 200 GTINs offered by 3+ wholesalers, by the app's own visibility rule."""
    from sqlalchemy import Text, cast, func, select

    from chalicelib.catalog.models import Product
    from chalicelib.catalog.repository import visible_products
    from chalicelib.core.db import get_session_factory

    with get_session_factory()() as session:
        ids = session.scalars(
            select(Product.id).where(visible_products()).order_by(func.md5(cast(Product.id, Text))).limit(200)
        ).all()
        gtins = session.scalars(
            select(Product.gtin)
            .where(Product.gtin.is_not(None), visible_products())
            .group_by(Product.gtin)
            .having(func.count() >= 3)
            .order_by(func.md5(Product.gtin))
            .limit(200)
        ).all()
    return [str(i) for i in ids], [g for g in gtins if g is not None]


def seq_scans(conn: psycopg.Connection, samples: Samples) -> list[str]:
    scans = []
    for statement, parameters in samples.last_statements:
        for node, relation, _index in plan_nodes(conn, statement, parameters):
            if node == "Seq Scan":
                scans.append(relation or "?")
    return scans


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="large")
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument("--only", help="comma-separated parts of operation names to run (default: all)")
    args = parser.parse_args(argv)
    url = libpq_url(args.database_url or DEFAULT_URL.format(scale=args.scale))
    os.environ.update({"DATABASE_URL": url, "DB_POOL_SIZE": "1", "STAGE": "bench"})

    from chalice.local import LambdaContext

    from app import app
    from chalicelib.core.db import get_engine, session_options

    context = LambdaContext(function_name="catalog", memory_size=1024)
    load_before = os.getloadavg()[0]
    # The bare SQL runs with the session settings of the app's connections.
    with psycopg.connect(url, autocommit=True, options=session_options()) as conn:
        fixtures = prepare_fixtures(conn)
        rows: list[Row] = []
        plans: dict[str, str] = {}
        try:
            wanted = [part.strip() for part in (args.only or "").split(",") if part.strip()]
            for op in operations(fixtures):
                if wanted and not any(part in op.name for part in wanted):
                    continue
                samples = measure(
                    app, context, get_engine(), conn, fixtures["token"], op.requests, runs=args.runs, warmup=args.warmup
                )
                rows.append(Row.of(op.name, op.target_p95_ms, samples, [fixtures["shares"][w] for w in op.words]))
                rows[-1].seq_scans = seq_scans(conn, samples)
                if op.name.startswith("search"):
                    statement, parameters = samples.last_statements[-1]
                    plans[op.name] = explain_analyze(conn, statement, parameters)
                print(rows[-1].markdown(), flush=True)
            page_sizes = {
                limit: measure(
                    app, context, get_engine(), conn, fixtures["token"],
                    lambda _i, limit=limit: search("lemon", limit=str(limit)), runs=1, warmup=0,
                ).statements[0]
                for limit in (5, 100)
            }  # fmt: skip
        finally:
            conn.execute("DELETE FROM auth_sessions WHERE id = %s", (fixtures["session_id"],))
        write_results(
            args.output, conn, scale=args.scale, runs=args.runs, rows=rows, plans=plans, page_sizes=page_sizes,
            load_before=load_before,
        )  # fmt: skip
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
