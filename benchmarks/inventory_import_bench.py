"""CSV inventory import through the handler: 10,000 rows must import in under 10 s.

    .venv/bin/python -m benchmarks.inventory_import_bench [--rows 10000]

Creates a scratch PostgreSQL database on `DATABASE_URL`'s server (default
postgres@127.0.0.1:5432), migrates it to heads, registers a verified wholesaler through
the API and times, through `chalice.test.Client` and the whole app (middleware, auth,
unit of work):

1. `POST /inventory/import` of N new products (1-3 price tiers each, a GTIN, a stock
   level: N products, ~2N tiers, N `adjustment` movements);
2. the same file again with every name and stock level changed (N updates, ~2N tiers
   replaced, N movements);
3. `GET /inventory/export` of the N products.

Prints a markdown table; the database is dropped at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from chalicelib.inventory.csv_io import COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def gtin13(n: int) -> str:
    body = f"600{n:09d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def generate_csv(rows: int, slugs: list[str], *, seed: int, stock_offset: int = 0, suffix: str = "") -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n in range(rows):
        moq = rng.choice((1, 6, 12, 24))
        price = rng.randint(5_000, 500_000)  # cents
        tiers = [(moq, price)]
        for _ in range(rng.randint(0, 2)):
            tiers.append((tiers[-1][0] * rng.choice((2, 4, 5)), tiers[-1][1] - rng.randint(1, max(1, price // 20))))
        writer.writerow(
            [
                f"SKU-{n:06d}",
                gtin13(n),
                f"Product {n} {rng.choice(('rice', 'soap', 'juice', 'flour', 'oil'))}{suffix}",
                rng.choice(("Mwea", "Pembe", "Kasuku", "Jogoo", "")),
                rng.choice(slugs),
                "A realistic product description. " * rng.randint(0, 3),
                f"carton of {moq} units",
                moq,
                moq,
                1,
                "|".join(f"{q}:{p // 100}.{p % 100:02d}" for q, p in tiers),
                rng.randint(0, 50),
                rng.randint(0, 14),
                rng.choice(("draft", "active", "active")),
                rng.randint(0, 5_000) + stock_offset,
            ]
        )
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    server = make_url(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    name = f"bench_inventory_{uuid.uuid4().hex[:8]}"
    admin = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    url = server.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        config = Config(str(ROOT / "alembic.ini"))
        config.attributes["database_url"] = url
        command.upgrade(config, "heads")
        os.environ.update(DATABASE_URL=url, STAGE="bench", OUTBOX_FAST_PATH="false")
        figures = run(args.rows, url)
    finally:
        from chalicelib.core import db

        db.reset_engine()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"\n| operation ({args.rows:,} rows) | seconds | rows/s | answer |")
    print("|---|---:|---:|---|")
    for label, seconds, answer in figures:
        print(f"| {label} | {seconds:.2f} | {args.rows / seconds:,.0f} | {answer} |")


def run(rows: int, url: str) -> list[tuple[str, float, str]]:
    from chalice.test import Client
    from sqlalchemy import text

    from app import app
    from chalicelib.core.db import get_engine
    from chalicelib.core.settings import get_settings

    get_settings.cache_clear()
    slugs = [f"bench-{i}" for i in range(20)]
    with get_engine().begin() as conn:
        for slug in slugs:
            conn.execute(
                text("INSERT INTO categories (id, name, slug, position) VALUES (gen_random_uuid(), :s, :s, 0)"),
                {"s": slug},
            )
    figures: list[tuple[str, float, str]] = []
    with Client(app) as client:
        token = register_verified_wholesaler(client)
        headers = {"authorization": f"Bearer {token}", "content-type": "text/csv"}
        for label, body in (
            ("import: create", generate_csv(rows, slugs, seed=1)),
            ("import: update same SKUs", generate_csv(rows, slugs, seed=1, stock_offset=7, suffix=" v2")),
        ):
            started = time.perf_counter()
            response = client.http.post("/inventory/import", body=body, headers=headers)
            seconds = time.perf_counter() - started
            assert response.status_code == 200, response.body[:2000]
            result: dict[str, Any] = response.json_body
            answer = f"created {result['created']}, updated {result['updated']}, movements {result['stock_movements']}"
            figures.append((f"{label} ({len(body) / 1_048_576:.1f} MB)", seconds, answer))
        started = time.perf_counter()
        exported = client.http.get("/inventory/export", headers={"authorization": headers["authorization"]})
        seconds = time.perf_counter() - started
        assert exported.status_code == 200
        lines = exported.body.count(b"\r\n") - 1
        figures.append(("export", seconds, f"{lines} rows"))
    return figures


def register_verified_wholesaler(client: Any) -> str:
    import json

    from sqlalchemy import text

    from chalicelib.core.db import get_engine

    body = {
        "business": {
            "kind": "wholesaler",
            "name": "Bench Wholesale Ltd",
            "registration_number": "BN-BENCH-1",
            "tax_id": "P051234567B",
            "phone": "+254712345678",
            "email": "bench@example.co.ke",
            "address": {"line": "1 Bench Road", "city": "Nairobi", "region": "Nairobi", "country": "KE"},
        },
        "owner": {
            "full_name": "Bench Owner",
            "email": "bench.owner@example.co.ke",
            "phone": "+254722000111",
            "password": "Mango-Lorry-Kisumu-42",
        },
        "accepted_terms_version": "2026-01",
        "accepted_privacy_version": "2026-01",
    }
    response = client.http.post("/auth/register", body=json.dumps(body), headers={"content-type": "application/json"})
    assert response.status_code == 201, response.body
    with get_engine().begin() as conn:
        conn.execute(text("UPDATE users SET email_verified_at = now() WHERE email = 'bench.owner@example.co.ke'"))
    subscribe_without_limits(response.json_body["user"]["business_id"])
    return str(response.json_body["access_token"])


def subscribe_without_limits(business_id: str) -> None:
    """An active subscription to a plan without product limits: publishing needs good standing,
    and the seeded plans cap active products below the benchmark's row count."""
    from datetime import timedelta
    from decimal import Decimal

    from sqlalchemy.orm import Session

    from chalicelib.billing.models import Plan, Subscription
    from chalicelib.core.clock import utcnow
    from chalicelib.core.db import get_engine

    now = utcnow()
    with Session(get_engine()) as session, session.begin():
        plan = Plan(
            id=uuid.uuid4(), code="bench-unlimited", audience="wholesaler", status="active", name="Bench",
            price_monthly=Decimal("1000.00"), price_yearly=Decimal("10000.00"), trial_days=0,
            created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(plan)
        session.flush()
        session.add(
            Subscription(
                id=uuid.uuid4(), business_id=uuid.UUID(business_id), plan_id=plan.id, interval="month",
                status="active", current_period_start=now, current_period_end=now + timedelta(days=30),
                anchor_day=now.day, cancel_at_period_end=False, provider="sandbox", payer_phone="+254712345678",
                failed_attempts=0, created_at=now, updated_at=now,
            )
        )  # fmt: skip


if __name__ == "__main__":
    main()
