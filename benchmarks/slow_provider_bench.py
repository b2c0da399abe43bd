"""How long a mobile money checkout takes to answer when the provider is slow.

    .venv/bin/python -m benchmarks.slow_provider_bench [--runs 3] [--fast-runs 20]

A scratch PostgreSQL database is created on `DATABASE_URL`'s server (default
postgres@127.0.0.1:5432), migrated to heads and dropped at the end. A fake M-Pesa and MTN
MoMo listen on 127.0.0.1 (a real HTTP server, so timeouts are real), answering in the
providers' documented shapes after a delay each scenario sets. Each run places a checkout
(two wholesalers) as a real API Gateway REST proxy event through
`functions.checkout.app(event, context)`, with the production defaults for the provider
calls: 10 s read timeout, 3 s connect timeout, 2 retries with back-off, and a collection
budget of `PAYMENTS_COLLECTION_BUDGET_SECONDS` (15 s). API Gateway gives up after 29 s;
the target is every answer within 20 s, whatever the provider does, with the payment left
`pending` (never failed) when its answer could not be read.

Prints a markdown table and writes it, with the machine, to benchmarks/SLOW_PROVIDERS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.payments_webhook_bench import Context, create_database, drop_database, percentile

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "benchmarks" / "SLOW_PROVIDERS.md"
TARGET_SECONDS = 20.0


@dataclass
class Delays:
    """Seconds before the fake provider answers each kind of request."""

    token: float = 0.0
    collection: float = 0.0


class FakeProviders(BaseHTTPRequestHandler):
    """Daraja (OAuth, STK Push, STK Push query) and MoMo (token, request to pay, status)."""

    delays = Delays()
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _answer(self, status: int, body: dict[str, Any] | None, delay: float) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        time.sleep(delay)
        payload = json.dumps(body).encode() if body is not None else b""
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is the point of the scenario

    def do_GET(self) -> None:
        if self.path.startswith("/oauth/v1/generate"):
            self._answer(200, {"access_token": "daraja", "expires_in": "3599"}, self.delays.token)
        else:  # MoMo status: it never received the request
            self._answer(404, {"code": "RESOURCE_NOT_FOUND", "message": "not found"}, 0)

    def do_POST(self) -> None:
        if self.path.startswith("/mpesa/stkpush/"):
            self._answer(
                200,
                {
                    "MerchantRequestID": "29115-34620561-1",
                    "CheckoutRequestID": f"ws_CO_{uuid.uuid4().hex[:20]}",
                    "ResponseCode": "0",
                    "ResponseDescription": "Success. Request accepted for processing",
                    "CustomerMessage": "Success. Request accepted for processing",
                },
                self.delays.collection,
            )
        elif self.path.startswith("/collection/token/"):
            self._answer(
                200, {"access_token": "momo", "token_type": "access_token", "expires_in": 3600}, self.delays.token
            )
        elif self.path.startswith("/collection/v1_0/requesttopay"):
            self._answer(202, None, self.delays.collection)
        else:
            self._answer(404, {"errorMessage": "not found"}, 0)


def configure(database_url: str, provider_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DB_POOL_SIZE": "1",
            "STAGE": "bench",
            "CURRENCY": "KES",
            "PAYMENTS_CALLBACK_BASE_URL": "https://api.bench.test",
            "MPESA_BASE_URL": provider_url,
            "MTN_MOMO_BASE_URL": provider_url,
            "MPESA_CONSUMER_KEY": "key",
            "MPESA_CONSUMER_SECRET": "secret",
            "MPESA_PASSKEY": "passkey",
            "MTN_MOMO_SUBSCRIPTION_KEY": "key",
            "MTN_MOMO_API_USER": "user",
            "MTN_MOMO_API_KEY": "key",
            "MTN_MOMO_CURRENCY": "KES",  # the fake MoMo collects in the bench's currency
            "MTN_MOMO_REGIONS": '["KE"]',
            "OUTBOX_FAST_PATH": "false",
            "SUBSCRIPTION_ENFORCEMENT": "false",
        }
    )
    os.environ.pop("NOTIFICATIONS_QUEUE_URL", None)


def shop() -> tuple[str, list[uuid.UUID], Any]:
    """A retailer with a signed-in session and two wholesalers' products."""
    from chalicelib.core.db import unit_of_work
    from chalicelib.core.principal import Principal
    from tests.support.factories import make_actor, make_product

    with unit_of_work() as uow:
        retailer = make_actor(uow.session, "retailer")
        products = [
            make_product(
                uow.session, make_actor(uow.session, "wholesaler").business, tiers=[(1, "99.50")], stock=1_000_000
            ).id
            for _ in range(2)
        ]
        uow.commit()
    principal = Principal(
        user_id=retailer.user.id,
        session_id=uuid.uuid4(),
        role="owner",
        business_id=retailer.business.id,
        business_kind="retailer",
        email_verified=True,
    )
    return retailer.token, products, principal


def checkout_event(token: str, body: dict[str, Any]) -> dict[str, Any]:
    headers = {
        "Host": "api.bench.test",
        "Content-Type": "application/json",
        "Authorization": f"Bearer {token}",
        "Idempotency-Key": str(uuid.uuid4()),
    }
    return {
        "resource": "/checkout",
        "path": "/checkout",
        "httpMethod": "POST",
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/checkout",
            "httpMethod": "POST",
            "path": "/prod/checkout",
            "stage": "prod",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "203.0.113.9"},
        },
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def checkout_once(app: Any, token: str, products: list[uuid.UUID], principal: Any, provider: str) -> tuple[float, str]:
    from chalicelib.core.db import unit_of_work
    from chalicelib.orders import cart

    with unit_of_work() as uow:
        for product_id in products:
            cart.add_item(uow.session, principal=principal, product_id=product_id, quantity=3)
        version = cart.priced_cart(uow.session, principal=principal).version
        uow.commit()
    body = {
        "cart_version": version,
        "payment": {"method": "mobile_money", "provider": provider, "payer_phone": "+254712345678"},
    }
    started = time.perf_counter()
    answer = app(checkout_event(token, body), Context())
    elapsed = time.perf_counter() - started
    if answer["statusCode"] != 201:
        raise RuntimeError(f"checkout: {answer['statusCode']} {answer['body'][:300]}")
    result = json.loads(answer["body"])
    return elapsed, f"{result['payment_status']} / {result['next_action']}"


SCENARIOS: list[tuple[str, str, Delays, bool]] = [
    ("M-Pesa answers at once (baseline)", "mpesa", Delays(), False),
    ("M-Pesa STK Push answers after 13 s", "mpesa", Delays(collection=13), True),
    ("MTN MoMo: token and request to pay hang 20 s (every attempt slow)", "mtn_momo", Delays(20, 20), True),
    ("MTN MoMo: request to pay hangs 20 s (every attempt slow)", "mtn_momo", Delays(collection=20), True),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each slow scenario")
    parser.add_argument("--fast-runs", type=int, default=20, help="runs of the baseline")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProviders)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    provider_url = f"http://127.0.0.1:{server.server_address[1]}"
    database_server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    database_url = create_database(database_server)
    rows: list[tuple[str, list[float], set[str]]] = []
    try:
        configure(database_url, provider_url)
        from chalicelib.core.settings import get_settings

        get_settings.cache_clear()
        from chalicelib.payments.providers import reset_providers
        from functions.checkout import app

        token, products, principal = shop()
        for name, provider, delays, slow in SCENARIOS:
            FakeProviders.delays = delays
            reset_providers()  # a fresh token cache: the token request is part of each scenario
            runs = args.runs if slow else args.fast_runs
            results = [checkout_once(app, token, products, principal, provider) for _ in range(runs)]
            rows.append((name, [seconds for seconds, _ in results], {state for _, state in results}))
            print(f"{name}: {max(seconds for seconds, _ in results):.2f} s worst")
    finally:
        server.shutdown()
        from chalicelib.core import db

        db.reset_engine()
        drop_database(database_url)

    budget = float(os.environ.get("PAYMENTS_COLLECTION_BUDGET_SECONDS", "15"))
    baseline = percentile(rows[0][1], 0.5)
    lines = [
        "# Checkout against slow payment providers",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'} "
        f"({platform.machine()}, Python {platform.python_version()}), {os.cpu_count()} CPUs. "
        "`functions.checkout.app(event, context)` per checkout (2 wholesalers), fake providers on 127.0.0.1 "
        f"answering after the delay shown; production defaults: 10 s read timeout, 2 retries, collection budget "
        f"{budget:.0f} s. API Gateway's limit is 29 s.",
        "",
        "| provider behaviour | n | p50 s | p95 s | max s | x baseline p50 | answer (payment / next action) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, samples, states in rows:
        lines.append(
            f"| {name} | {len(samples)} | {percentile(samples, 0.5):.2f} | {percentile(samples, 0.95):.2f} | "
            f"{max(samples):.2f} | {percentile(samples, 0.5) / baseline:.0f} | {', '.join(sorted(states))} |"
        )
    worst = max(max(samples) for _, samples, _ in rows)
    verdict = "meets" if worst <= TARGET_SECONDS else "MISSES"
    lines += ["", f"Worst answer {worst:.2f} s: {verdict} the target of every answer within {TARGET_SECONDS:.0f} s."]
    text = "\n".join(lines) + "\n"
    print(text)
    REPORT.write_text(text, encoding="utf-8")
    return 0 if worst <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
