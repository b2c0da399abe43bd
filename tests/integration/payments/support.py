"""Shared steps of the payments tests: a mobile money checkout, callbacks posted to the
webhook route, rows read back."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.settings import get_settings
from chalicelib.orders.models import Order
from chalicelib.payments.models import Payment, PaymentAttempt, ProviderMessage
from tests.integration.orders.helpers import add
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_product

KENYAN_PHONE = "+254712345678"
UGANDAN_PHONE = "+256772123456"


@dataclass
class Bought:
    retailer: Actor
    wholesalers: list[Actor]
    products: list[Any]
    payment_id: uuid.UUID
    checkout: dict[str, Any]
    request: dict[str, Any]
    key: str


def mobile_checkout(
    api: Api,
    db: Session,
    *,
    provider: str = "mpesa",
    phone: str = KENYAN_PHONE,
    prices: tuple[str, ...] = ("100.50",),
    quantity: int = 3,
    stock: int = 20,
) -> Bought:
    """One product per price, each from its own wholesaler, `quantity` of each, paid by mobile money."""
    retailer = make_actor(db, "retailer")
    wholesalers = [make_actor(db, "wholesaler") for _ in prices]
    products = [
        make_product(db, w.business, tiers=[(1, p)], stock=stock) for w, p in zip(wholesalers, prices, strict=True)
    ]
    for product in products:
        add(api, retailer.token, product, quantity)
    version = api.get("/cart", token=retailer.token).json_body["version"]
    request = {
        "cart_version": version,
        "payment": {"method": "mobile_money", "provider": provider, "payer_phone": phone},
    }
    key = str(uuid.uuid4())
    response = api.post("/checkout", request, token=retailer.token, headers={"idempotency-key": key})
    assert response.status_code == 201, response.json_body
    body = response.json_body
    return Bought(retailer, wholesalers, products, uuid.UUID(body["payment_id"]), body, request, key)


def token_for(provider: str) -> str:
    settings = get_settings()
    return {
        "mpesa": settings.mpesa_webhook_token,
        "mtn_momo": settings.mtn_momo_webhook_token,
        "sandbox": settings.sandbox_webhook_token,
    }[provider]


TokenPlace = Literal["query", "header", "path", "none"]


def callback_path(provider: str, token: str, path_ref: tuple[str, str] | None, token_in: TokenPlace) -> str:
    """The callback URL's path and query as a provider calls it: the token in the query (the
    URLs we give now), in the path (the earlier ones), or elsewhere (a header, nowhere)."""
    path = f"/webhooks/payments/{provider}"
    if token_in == "path":
        path += f"/{token}"
    if path_ref:
        path += f"/{path_ref[0]}/{path_ref[1]}"
    if token_in == "query":
        path += "?" + urlencode({"token": token})
    return path


def post_callback(
    api: Api,
    provider: str,
    body: Any,
    *,
    token: str | None = None,
    path_ref: tuple[str, str] | None = None,
    method: str = "POST",
    content_type: str = "application/json",
    token_in: TokenPlace = "query",
) -> Any:
    secret = token if token is not None else token_for(provider)
    headers = {"content-type": content_type}
    if token_in == "header":
        headers["x-webhook-token"] = secret
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.request(method, callback_path(provider, secret, path_ref, token_in), raw, headers=headers)


def payment(db: Session, payment_id: uuid.UUID) -> Payment:
    db.expire_all()
    found = db.get(Payment, payment_id)
    assert found is not None
    return found


def attempts(db: Session, payment_id: uuid.UUID) -> list[PaymentAttempt]:
    db.expire_all()
    return list(
        db.scalars(
            select(PaymentAttempt).where(PaymentAttempt.payment_id == payment_id).order_by(PaymentAttempt.number)
        )
    )


def orders(db: Session, checkout_id: str) -> list[Order]:
    db.expire_all()
    return list(db.scalars(select(Order).where(Order.checkout_id == uuid.UUID(checkout_id)).order_by(Order.number)))


def messages(db: Session, **filters: Any) -> list[ProviderMessage]:
    db.expire_all()
    statement = select(ProviderMessage).order_by(ProviderMessage.received_at, ProviderMessage.id)
    for name, value in filters.items():
        statement = statement.where(getattr(ProviderMessage, name) == value)
    return list(db.scalars(statement))


def events(db: Session, event_type: str) -> list[OutboxEvent]:
    return list(
        db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == event_type).order_by(OutboxEvent.occurred_at))
    )


def money(value: str) -> Decimal:
    return Decimal(value)
