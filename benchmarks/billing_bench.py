"""The billing run's throughput on this machine: 50,000 subscriptions due within one hour.

    .venv/bin/python -m benchmarks.billing_bench [--subscriptions 50000] [--send-sample 1000]

Creates a scratch database on `DATABASE_URL`'s server (default postgres@127.0.0.1:5432),
migrated to heads and dropped at the end; COPYs N wholesalers and N active monthly
subscriptions (sandbox provider) whose periods end within the next hour, then measures:

- the run's own work (`run_billing(send=False)`): select the due subscriptions (FOR UPDATE
  SKIP LOCKED, bounded batches), raise the renewal invoices (one bulk INSERT per batch,
  unique per subscription and period) and enqueue the collections (one bulk INSERT of
  pending payments per batch), at several batch sizes (the data is reset in between);
- the same hour again: nobody billed twice;
- two runs at once (threads, each its own transactions): the work split, billed once;
- the hand-over to the sandbox provider (`payments_port.send_collections`, 8 in flight)
  for a sample of the enqueued payments (no callback URL: reconciliation would settle);
- reminders: N renewal reminders (a reminder row and an outbox event each).

Prints a markdown table. Target: the run's own work >= 2,000 subscriptions per second.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from benchmarks.database import ROOT, libpq_url

TARGET_PER_SECOND = 2_000.0


@dataclass
class Figure:
    name: str
    items: int
    seconds: float
    note: str

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


def create_database(server_url: str) -> str:
    name = f"bench_billing_{uuid.uuid4().hex[:8]}"
    admin = make_url(libpq_url(server_url)).set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(libpq_url(server_url)).set(database=name).render_as_string(hide_password=False)
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url.replace("postgresql://", "postgresql+psycopg://", 1)
    command.upgrade(config, "heads")
    return url


def drop_database(url: str) -> None:
    admin = make_url(url).set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def configure(url: str) -> None:
    os.environ.update({"DATABASE_URL": url, "DB_POOL_SIZE": "10", "OUTBOX_FAST_PATH": "false"})
    os.environ.pop("PAYMENTS_CALLBACK_BASE_URL", None)
    from chalicelib.core import db
    from chalicelib.core.settings import get_settings
    from chalicelib.wiring import wire_packages

    get_settings.cache_clear()
    db.reset_engine()
    wire_packages()  # what functions/billing.py does: billing's handlers for subscription payments


def seed(url: str, count: int, now: datetime) -> None:
    """N wholesalers, one plan, N active monthly subscriptions ending within the hour (COPY)."""
    rng = random.Random(7)
    plan_id = uuid.uuid4()
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO plans (id, code, name, audience, status, price_monthly, price_yearly, trial_days, "
            "max_active_products, max_staff_users, pay_on_delivery, sales_reports) "
            "VALUES (%s, 'wholesaler-bench', 'Bench', 'wholesaler', 'active', 2500, 25000, 0, 100, 3, false, false)",
            (plan_id,),
        )
        business_ids = [uuid.uuid4() for _ in range(count)]
        columns = "id, kind, name, registration_number, tax_id, phone, email, address_line, city, region, country, "
        columns += "verification_status"
        with conn.cursor().copy(f"COPY businesses ({columns}) FROM STDIN") as copy:
            for n, business_id in enumerate(business_ids):
                copy.write_row(
                    (business_id, "wholesaler", f"Bench {n}", f"BB-{n:07d}", f"P{n:09d}B", "+254712345678",
                     f"b{n}@bench.example", f"{n} Bench Road", "Nairobi", "Nairobi", "KE", "verified")
                )  # fmt: skip
        columns = "id, business_id, plan_id, interval, status, current_period_start, current_period_end, anchor_day, "
        columns += "cancel_at_period_end, provider, payer_phone, failed_attempts, created_at, updated_at"
        with conn.cursor().copy(f"COPY subscriptions ({columns}) FROM STDIN") as copy:
            for business_id in business_ids:
                end = now + timedelta(seconds=rng.randrange(1, 3600))
                start = end - timedelta(days=30)
                copy.write_row(
                    (uuid.uuid4(), business_id, plan_id, "month", "active", start, end, end.day, False, "sandbox",
                     "+254712345670", 0, start, start)
                )  # fmt: skip
        # Their 1-day reminders went out yesterday (as in production): this run only renews.
        conn.execute(
            "INSERT INTO billing_reminders (subscription_id, kind, due_at) "
            "SELECT id, 'renewal_1d', current_period_end FROM subscriptions"
        )
        conn.execute("ANALYZE")


def reset_run(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE payment_attempts, payments, subscription_invoices, billing_reminders CASCADE")
        conn.execute("ANALYZE subscriptions")


def counts(url: str) -> tuple[int, int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM subscription_invoices), "
            "(SELECT count(DISTINCT subscription_id) FROM subscription_invoices), "
            "(SELECT count(*) FROM payments WHERE purpose = 'subscription' AND status = 'pending')"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def run_once(now: datetime, batch_size: int) -> tuple[float, dict[str, int], int]:
    from chalicelib.billing.schedule import run_billing
    from chalicelib.core.settings import get_settings

    get_settings().billing_batch_size = batch_size
    started = time.perf_counter()
    summary = run_billing(now=now, send=False)
    return time.perf_counter() - started, summary.counts, summary.batches


def bench(count: int, send_sample: int, server_url: str) -> list[Figure]:
    now = datetime.now(UTC).replace(microsecond=0)
    url = create_database(server_url)
    figures: list[Figure] = []
    try:
        configure(url)
        started = time.perf_counter()
        seed(url, count, now)
        print(f"seeded {count:,} subscriptions in {time.perf_counter() - started:.1f} s", flush=True)
        for batch_size in (250, 500, 1000, 2000):
            reset_run(url)
            seconds, summary, batches = run_once(now, batch_size)
            assert summary.get("invoiced") == count, summary
            assert counts(url) == (count, count, count), counts(url)
            figures.append(
                Figure(f"Run's own work, batches of {batch_size}", count, seconds,
                       f"{batches} transactions; select + invoice + enqueue collection")
            )  # fmt: skip
            print(figures[-1].name, f"{figures[-1].per_second:,.0f}/s", flush=True)

        seconds, summary, batches = run_once(now + timedelta(minutes=5), 500)
        assert summary == {}, summary
        assert counts(url) == (count, count, count), counts(url)
        figures.append(
            Figure("The same hour again (nobody billed twice)", count, seconds, f"0 billed; {batches} transactions")
        )

        reset_run(url)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda _: run_once(now, 500), range(2)))
        seconds = time.perf_counter() - started
        invoiced = [r[1].get("invoiced", 0) for r in results]
        assert sum(invoiced) == count, invoiced
        assert counts(url) == (count, count, count), counts(url)
        figures.append(
            Figure("Two runs at once, batches of 500", count, seconds, f"split {invoiced[0]:,} / {invoiced[1]:,}")
        )

        figures.append(send_sandbox_sample(url, send_sample))

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("TRUNCATE billing_reminders")
        seconds, summary, batches = run_once(now, 500)
        assert summary == {"renewal_1d": count}, summary
        figures.append(
            Figure("Reminders (1 day before), batches of 500", count, seconds,
                   f"{batches} transactions; reminder row + outbox event in one statement")
        )  # fmt: skip
    finally:
        from chalicelib.core import db

        db.reset_engine()
        drop_database(url)
    return figures


def send_sandbox_sample(url: str, sample: int) -> Figure:
    from chalicelib.billing import payments_port

    with psycopg.connect(url) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM payments ORDER BY created_at LIMIT %s", (sample,))]
    started = time.perf_counter()
    sent = payments_port.send_collections(ids)
    seconds = time.perf_counter() - started
    with psycopg.connect(url) as conn:
        attempts = conn.execute("SELECT count(*) FROM payment_attempts").fetchone()
    assert sent == sample, sent
    assert attempts is not None
    assert attempts[0] == sample, attempts
    return Figure(
        "Hand-over to the sandbox provider (sample)", sample, seconds,
        f"{payments_port.SEND_CONCURRENCY} in flight; claim attempt + initiate + record",
    )  # fmt: skip


def table(figures: list[Figure], count: int) -> str:
    lines = [
        f"Billing run, {count:,} subscriptions due within one hour; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        "",
        "| Measurement | Subscriptions | Seconds | Per second | Notes |",
        "|---|---:|---:|---:|---|",
    ]
    for f in figures:
        lines.append(f"| {f.name} | {f.items:,} | {f.seconds:.2f} | {f.per_second:,.0f} | {f.note} |")
    best = max(f.per_second for f in figures if f.name.startswith("Run's own work"))
    lines += [
        "",
        f"Target: run's own work >= {TARGET_PER_SECOND:,.0f}/s -> {'met' if best >= TARGET_PER_SECOND else 'NOT met'}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--subscriptions", type=int, default=50_000)
    parser.add_argument("--send-sample", type=int, default=1_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    args = parser.parse_args()
    figures = bench(args.subscriptions, args.send_sample, args.database_url)
    print()
    print(table(figures, args.subscriptions))


if __name__ == "__main__":
    main()
