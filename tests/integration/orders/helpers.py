"""Shared steps of the order tests."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support.api import Api

POD_OPTIONS = {
    "pickup_enabled": True,
    "pickup_address": "Industrial Area, Road A",
    "pickup_hours": "Mon-Sat 8-17",
    "delivery_enabled": True,
    "delivery_fee": "300.00",
    "free_delivery_threshold": None,
    "regions": ["Nairobi"],
    "lead_time_days": 1,
    "pay_on_delivery_enabled": True,
    "pay_on_delivery_max": "50000.00",
}


def add(api: Api, token: str, product: Any, quantity: int) -> dict[str, Any]:
    r = api.post("/cart/items", {"product_id": str(product.id), "quantity": quantity}, token=token)
    assert r.status_code == 200, r.json_body
    return r.json_body  # type: ignore[no-any-return]


def checkout(
    api: Api,
    token: str,
    *,
    method: str = "pay_on_delivery",
    key: str | None = None,
    version: str | None = None,
    phone: str = "+254712345670",
) -> Any:
    if version is None:
        version = api.get("/cart", token=token).json_body["version"]
    payment: dict[str, Any] = {"method": method}
    if method == "mobile_money":
        payment.update(provider="sandbox", payer_phone=phone)
    return api.post(
        "/checkout",
        {"cart_version": version, "payment": payment},
        token=token,
        headers={"idempotency-key": key or str(uuid.uuid4())},
    )
