"""Steps of the money views' tests: orders of a given wholesaler paid by M-Pesa, so that one
wholesaler can have several settlements."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.payments.models import Settlement
from chalicelib.payments.providers.daraja_shapes import callback_body
from tests.integration.orders.helpers import add
from tests.integration.payments.stubs import DarajaStub
from tests.integration.payments.support import KENYAN_PHONE, payment, post_callback
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_product, make_user, signed_in


@dataclass
class PaidOrder:
    retailer: Actor
    payment_id: uuid.UUID
    settlement: Settlement


def admin_token(db: Session, role: str = "admin") -> str:
    return signed_in(db, make_user(db, None, role=role))


def paid_order(
    api: Api, db: Session, daraja: DarajaStub, wholesaler: Actor, price: str, *, retailer: Actor | None = None
) -> PaidOrder:
    """One unit of a new product of `wholesaler` at `price`, bought and paid by M-Pesa."""
    retailer = retailer or make_actor(db, "retailer")
    product = make_product(db, wholesaler.business, tiers=[(1, price)], stock=10)
    add(api, retailer.token, product, 1)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    request: dict[str, Any] = {
        "cart_version": version,
        "payment": {"method": "mobile_money", "provider": "mpesa", "payer_phone": KENYAN_PHONE},
    }
    placed = api.post("/checkout", request, token=retailer.token, headers={"idempotency-key": str(uuid.uuid4())})
    assert placed.status_code == 201, placed.json_body
    payment_id = uuid.UUID(placed.json_body["payment_id"])
    daraja.answer(daraja.last_reference, 0)
    body = callback_body(
        merchant_request_id="1",
        checkout_request_id=daraja.last_reference,
        result_code=0,
        result_desc="ok",
        amount=payment(db, payment_id).charged_amount,
        receipt=f"NLJ{uuid.uuid4().hex[:7].upper()}",
        phone="254712345678",
    )
    assert post_callback(api, "mpesa", body).status_code == 200
    assert payment(db, payment_id).status == "succeeded"
    settlement = db.scalar(select(Settlement).where(Settlement.payment_id == payment_id))
    assert settlement is not None
    return PaidOrder(retailer, payment_id, settlement)


def pay_out(api: Api, token: str, settlement: Settlement, reference: str) -> Any:
    return api.post(f"/admin/settlements/{settlement.id}/payout", {"reference": reference}, token=token)


def bulk_pay_out(api: Api, token: str, settlement_ids: list[str], reference: str) -> Any:
    return api.post(
        "/admin/settlements/payouts", {"settlement_ids": settlement_ids, "reference": reference}, token=token
    )
