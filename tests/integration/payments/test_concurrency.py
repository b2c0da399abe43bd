"""Deliveries racing each other (and the sweeper), each on its own connection and unit of
work, through the same function the route calls (chalice.test.Client is not thread-safe)."""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import func, select

from chalicelib.core.clock import utcnow
from chalicelib.core.db import unit_of_work
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.principal import Principal
from chalicelib.orders import cart, checkout
from chalicelib.orders.models import Order
from chalicelib.orders.schemas import CheckoutRequest
from chalicelib.payments.events import reconcile_pending_payments
from chalicelib.payments.models import Payment, ProviderMessage, Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from chalicelib.payments.webhook import RawCallback, receive
from tests.integration.payments.support import token_for
from tests.support.factories import make_actor, make_product

pytestmark = pytest.mark.concurrency


def _committed(build):
    with unit_of_work() as uow:
        result = build(uow.session)
        uow.commit()
    return result


def _principal(actor) -> Principal:
    return Principal(
        user_id=actor.user.id,
        session_id=uuid.uuid4(),
        role="owner",
        business_id=actor.business.id,
        business_kind="retailer",
        email_verified=True,
    )


def _mpesa_checkout() -> uuid.UUID:
    wholesaler = _committed(lambda s: make_actor(s, "wholesaler"))
    product = _committed(lambda s: make_product(s, wholesaler.business, tiers=[(1, "250.00")], stock=10))
    retailer = _committed(lambda s: make_actor(s, "retailer"))

    def fill(session):
        cart.add_item(session, principal=_principal(retailer), product_id=product.id, quantity=2)
        return cart.priced_cart(session, principal=_principal(retailer)).version

    version = _committed(fill)
    body = CheckoutRequest.model_validate(
        {
            "cart_version": version,
            "payment": {"method": "mobile_money", "provider": "mpesa", "payer_phone": "+254712345678"},
        }
    )
    with unit_of_work() as uow:
        result = checkout.place_checkout(uow.session, principal=_principal(retailer), idempotency_key="k", body=body)
        uow.commit()
    assert result.payment_id is not None
    return result.payment_id


def _delivery(reference: str) -> RawCallback:
    body = callback_body(
        merchant_request_id="29115-34620561-1",
        checkout_request_id=reference,
        result_code=0,
        result_desc="The service request is processed successfully.",
        amount=Decimal("500"),
        receipt="NLJ7RT61SV",
        phone="254712345678",
    )
    return RawCallback(
        provider="mpesa",
        token=token_for("mpesa"),
        method="POST",
        body=json.dumps(body).encode(),
        headers={"content-type": "application/json"},
        source_ip="196.201.214.200",
    )


def _count(session, model, *where) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_five_concurrent_deliveries_of_one_success_credit_once(committed_db, daraja):
    payment_id = _mpesa_checkout()
    daraja.answer(daraja.last_reference, 0)
    start = threading.Barrier(5)

    def deliver(_: int):
        start.wait()
        return receive(_delivery(daraja.last_reference))

    with ThreadPoolExecutor(max_workers=5) as pool:
        answers = list(pool.map(deliver, range(5)))

    assert {(a.status, a.body["ResultCode"]) for a in answers} == {(200, 0)}
    committed_db.expire_all()
    assert committed_db.get(Payment, payment_id).status == "succeeded"
    assert _count(committed_db, ProviderMessage) == 1
    assert _count(committed_db, OutboxEvent, OutboxEvent.event_type == "PaymentSucceeded") == 1
    assert _count(committed_db, OutboxEvent, OutboxEvent.event_type == "OrderPlaced") == 1
    assert _count(committed_db, Settlement) == 1
    assert committed_db.scalar(select(Order.invoice_number)) == 1
    assert daraja.query.call_count == 1


def test_a_delivery_racing_the_sweeper_credits_once(committed_db, daraja):
    payment_id = _mpesa_checkout()
    daraja.answer(daraja.last_reference, 0)
    later = utcnow() + timedelta(minutes=4)
    start = threading.Barrier(4)

    def webhook(_: int):
        start.wait()
        return receive(_delivery(daraja.last_reference)).status

    def sweep(_: int):
        start.wait()
        return reconcile_pending_payments()

    with time_machine.travel(later, tick=True), ThreadPoolExecutor(max_workers=4) as pool:
        results = [pool.submit(webhook, 0), pool.submit(webhook, 1), pool.submit(sweep, 2), pool.submit(sweep, 3)]
        outcomes = [r.result() for r in results]

    assert outcomes[:2] == [200, 200]
    committed_db.expire_all()
    assert committed_db.get(Payment, payment_id).status == "succeeded"
    assert _count(committed_db, OutboxEvent, OutboxEvent.event_type == "PaymentSucceeded") == 1
    assert _count(committed_db, OutboxEvent, OutboxEvent.event_type == "OrderPlaced") == 1
    assert _count(committed_db, Settlement) == 1
