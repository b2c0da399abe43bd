"""The sandbox drives every outcome end to end over real HTTP: the local stack's API server on
a free 127.0.0.1 port, a checkout through it, the sandbox's callback POSTed back to the
webhook route by its background thread, the retailer polling GET /payments/{id}."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import time_machine

from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import Payment, ProviderMessage
from chalicelib.payments.providers import sandbox as sandbox_module
from tests.support.factories import make_actor, make_product, signed_in
from tests.support.local_api import running_api_server

pytestmark = pytest.mark.concurrency

REAL_DELIVERY = sandbox_module.deliver_callback


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[str]:
    """The local stack's API server (infra.local.api_server) on a free 127.0.0.1 port."""
    from app import app

    with running_api_server(app) as url:
        yield url


@pytest.fixture
def live(server: str, committed_db: Any, payment_settings: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(payment_settings, "payments_callback_base_url", server)
    monkeypatch.setattr(payment_settings, "sandbox_callback_delay_seconds", 0.3)
    monkeypatch.setattr(sandbox_module, "deliver_callback", REAL_DELIVERY)
    return server


def _shop() -> tuple[str, uuid.UUID]:
    with unit_of_work() as uow:
        retailer = make_actor(uow.session, "retailer")
        wholesaler = make_actor(uow.session, "wholesaler")
        product = make_product(uow.session, wholesaler.business, tiers=[(1, "99.50")], stock=10)
        token = signed_in(uow.session, retailer.user)
        uow.commit()
    return token, product.id


def _checkout(http: httpx.Client, token: str, product_id: uuid.UUID, phone: str) -> dict[str, Any]:
    auth = {"Authorization": f"Bearer {token}"}
    assert (
        http.post("/cart/items", json={"product_id": str(product_id), "quantity": 2}, headers=auth).status_code == 200
    )
    version = http.get("/cart", headers=auth).json()["version"]
    r = http.post(
        "/checkout",
        json={
            "cart_version": version,
            "payment": {"method": "mobile_money", "provider": "sandbox", "payer_phone": phone},
        },
        headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def _poll(http: httpx.Client, token: str, payment_id: str, seconds: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        view = http.get(f"/payments/{payment_id}", headers={"Authorization": f"Bearer {token}"}).json()
        if view["status"] != "pending" or time.monotonic() > deadline:
            return dict(view)
        time.sleep(0.1)


@pytest.mark.parametrize(
    ("digit", "status", "reason", "order_status"),
    [
        ("0", "succeeded", None, "placed"),
        ("1", "failed", "cancelled_by_user", "pending_payment"),
        ("2", "failed", "insufficient_funds", "pending_payment"),
        ("7", "succeeded", None, "placed"),
    ],
)
def test_the_sandbox_callback_settles_each_outcome(live, committed_db, digit, status, reason, order_status):
    token, product_id = _shop()
    with httpx.Client(base_url=live, timeout=10) as http:
        checkout = _checkout(http, token, product_id, f"+25471234567{digit}")
        assert checkout["next_action"] == "approve_on_phone"

        view = _poll(http, token, checkout["payment_id"])

    assert (view["status"], view["failure_reason"]) == (status, reason)
    assert view["charged_amount"] == "199.00"
    assert [o["status"] for o in view["orders"]] == [order_status]
    assert view["next_action"] == ("retry" if status == "failed" else "none")
    committed_db.expire_all()
    [message] = committed_db.query(ProviderMessage).filter(ProviderMessage.provider == "sandbox").all()
    assert (message.kind, message.outcome, message.method) == ("callback", "processed", "POST")
    assert '"stkCallback"' in (message.body or "")


def test_the_no_answer_number_gets_no_callback_and_the_sweeper_times_it_out(live, committed_db):
    token, product_id = _shop()
    with httpx.Client(base_url=live, timeout=10) as http:
        checkout = _checkout(http, token, product_id, "+254712345673")
        time.sleep(1)
        assert _poll(http, token, checkout["payment_id"], seconds=0)["status"] == "pending"

        with time_machine.travel(utcnow() + timedelta(minutes=4)):
            assert reconcile_pending_payments() == {"checked": 1, "fail": 1}
        view = _poll(http, token, checkout["payment_id"], seconds=0)

    assert (view["status"], view["failure_reason"], view["next_action"]) == ("failed", "timeout", "retry")
    committed_db.expire_all()
    assert committed_db.query(ProviderMessage).filter(ProviderMessage.kind == "callback").count() == 0
    assert committed_db.get(Payment, uuid.UUID(checkout["payment_id"])).attempts == 1
