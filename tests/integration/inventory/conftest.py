"""Fixtures of the inventory tests: wholesalers (verified or not), a retailer, categories."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from chalicelib.catalog.models import Category
from chalicelib.core.clock import utcnow
from tests.support.api import Api, register
from tests.support.factories import subscribe


@dataclass(frozen=True)
class Account:
    token: str
    business_id: uuid.UUID
    user_id: uuid.UUID


def signed_up(api: Api, db: Session, kind: str, *, verified: bool) -> Account:
    """Registered through the API, then given a subscription in good standing (gating is on)."""
    body = register(api, kind)
    user_id = uuid.UUID(body["user"]["id"])
    if verified:
        db.execute(update(User).where(User.id == user_id).values(email_verified_at=utcnow()))
        db.flush()
    business_id = uuid.UUID(body["business"]["id"])
    subscribe(db, business_id)
    return Account(token=body["access_token"], business_id=business_id, user_id=user_id)


@pytest.fixture
def wholesaler(api: Api, db: Session) -> Account:
    return signed_up(api, db, "wholesaler", verified=True)


@pytest.fixture
def other_wholesaler(api: Api, db: Session) -> Account:
    return signed_up(api, db, "wholesaler", verified=True)


@pytest.fixture
def unverified_wholesaler(api: Api, db: Session) -> Account:
    return signed_up(api, db, "wholesaler", verified=False)


@pytest.fixture
def retailer(api: Api, db: Session) -> Account:
    return signed_up(api, db, "retailer", verified=True)


def make_category(db: Session, slug: str, name: str | None = None, parent: Category | None = None) -> Category:
    existing = db.scalar(select(Category).where(Category.slug == slug))
    if existing is not None:
        return existing
    category = Category(
        id=uuid.uuid4(), slug=slug, name=name or slug.title(), parent_id=parent.id if parent else None, position=0
    )
    db.add(category)
    db.flush()
    return category


@pytest.fixture
def beverages(db: Session) -> Category:
    return make_category(db, "test-beverages", "Beverages")


@pytest.fixture
def snacks(db: Session) -> Category:
    return make_category(db, "test-snacks", "Snacks")


def product_body(category: Category, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sku": "SODA-500-24",
        "gtin": "5449000000996",
        "name": "Soda 500 ml",
        "brand": "Fizz",
        "category_id": str(category.id),
        "description": "Carbonated soft drink.",
        "unit_of_sale": "carton of 24 x 500 ml",
        "pack_size": 24,
        "min_order_qty": 2,
        "order_increment": 1,
        "tiers": [
            {"min_quantity": 2, "unit_price": "1200.00"},
            {"min_quantity": 10, "unit_price": "1150.00"},
            {"min_quantity": 50, "unit_price": "1100.00"},
        ],
        "low_stock_threshold": 10,
        "lead_time_days": 3,
        "status": "draft",
        "attributes": {"volume": "500 ml", "packaging": "PET"},
    }
    body.update(overrides)
    return body


def create_product(api: Api, account: Account, category: Category, **overrides: Any) -> dict[str, Any]:
    response = api.post("/inventory/products", product_body(category, **overrides), token=account.token)
    assert response.status_code == 201, response.json_body
    return response.json_body  # type: ignore[no-any-return]


def change_stock(api: Api, account: Account, product_id: str, delta: int, reason: str = "adjustment") -> Any:
    return api.post(f"/inventory/products/{product_id}/stock", {"delta": delta, "reason": reason}, token=account.token)
