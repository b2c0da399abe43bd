"""Catalog listings, the narrow table search reads, are kept by the database (migration 0009):
they follow products, wholesaler verification and subscriptions in the same transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from chalicelib.catalog.models import CatalogListing, Product
from chalicelib.catalog.repository import visible_products
from chalicelib.inventory.stock import Movement, apply_movements
from tests.integration.billing.helpers import grant_subscription
from tests.support.factories import make_business, make_category, make_product

LISTING_COLUMNS = (
    "product_id, wholesaler_id, category_id, name, brand, price_at_moq, in_stock, created_at, "
    "wholesaler_verified, wholesaler_in_good_standing, search_vector::text"
)


def listing(db: Session, product_id: uuid.UUID) -> CatalogListing | None:
    db.expire_all()
    return db.get(CatalogListing, product_id)


def visible(db: Session, product_id: uuid.UUID) -> bool:
    return db.scalar(select(Product.id).where(Product.id == product_id, visible_products())) is not None


def matches(db: Session, product_id: uuid.UUID, words: str) -> bool:
    return bool(
        db.scalar(
            text(
                "SELECT search_vector @@ websearch_to_tsquery('english', :words) "
                "FROM catalog_listings WHERE product_id = :id"
            ),
            {"words": words, "id": product_id},
        )
    )


def damage(db: Session, product_id: uuid.UUID, delta: int) -> None:
    apply_movements(db, [Movement(product_id, "damage", delta)], wholesaler_id=None, actor_user_id=None)


def all_listings(db: Session) -> list[Any]:
    return sorted(db.execute(text(f"SELECT {LISTING_COLUMNS} FROM catalog_listings")).all())


def test_only_active_products_are_listed_and_they_follow_their_status(db):
    wholesaler = make_business(db, "wholesaler", verified=True)
    draft = make_product(db, wholesaler, status="draft")
    active = make_product(db, wholesaler)

    assert listing(db, draft.id) is None
    assert listing(db, active.id) is not None

    draft.status = "active"
    active.status = "archived"
    db.flush()
    assert listing(db, draft.id) is not None
    assert listing(db, active.id) is None

    db.delete(db.get(Product, draft.id))
    db.flush()
    assert listing(db, draft.id) is None


def test_a_listing_follows_the_text_price_category_and_stock_of_its_product(db):
    wholesaler = make_business(db, "wholesaler", verified=True)
    product = make_product(db, wholesaler, name="Basmati rice 5 kg", stock=10)
    assert matches(db, product.id, "basmati") and not matches(db, product.id, "jasmine")

    other_category = make_category(db)
    product.name = "Jasmine rice 5 kg"
    product.description = "Fragrant long grain from Thailand"
    product.category_id = other_category.id
    product.price_at_moq = product.price_at_moq + 1
    db.flush()
    row = listing(db, product.id)
    assert row is not None
    assert (row.name, row.category_id) == ("Jasmine rice 5 kg", other_category.id)
    assert row.price_at_moq == product.price_at_moq
    assert matches(db, product.id, "jasmine") and matches(db, product.id, "thailand")
    assert not matches(db, product.id, "basmati")

    damage(db, product.id, -10)
    row = listing(db, product.id)
    assert row is not None and row.in_stock is False


def test_a_stock_change_that_keeps_stock_above_zero_leaves_the_listing_untouched(db):
    """The update trigger fires only when something search sees changed: checkouts decrementing
    stock do not rewrite listing rows (and their GIN entries) on every sale."""
    wholesaler = make_business(db, "wholesaler", verified=True)
    product = make_product(db, wholesaler, stock=10)

    def row_version() -> str:
        statement = text("SELECT ctid::text FROM catalog_listings WHERE product_id = :id")
        return str(db.scalar(statement, {"id": product.id}))

    before = row_version()
    damage(db, product.id, -4)
    assert row_version() == before
    damage(db, product.id, -6)
    assert row_version() != before


def test_wholesaler_verification_lists_and_unlists_all_its_products(db):
    wholesaler = make_business(db, "wholesaler", verified=False)
    products = [make_product(db, wholesaler) for _ in range(3)]
    assert not any(visible(db, p.id) for p in products)

    wholesaler.verification_status = "verified"
    db.flush()
    assert all(visible(db, p.id) for p in products)

    wholesaler.verification_status = "rejected"
    db.flush()
    assert not any(visible(db, p.id) for p in products)


@pytest.mark.usefixtures("enforced_billing")
def test_a_subscription_in_good_standing_decides_visibility_when_enforced(db):
    wholesaler = make_business(db, "wholesaler", verified=True)
    product = make_product(db, wholesaler)
    assert not visible(db, product.id)

    subscription = grant_subscription(db, wholesaler.id, status="trialing")
    assert visible(db, product.id)
    for status, shown in [("past_due", True), ("suspended", False), ("active", True), ("cancelled", False)]:
        subscription.status = status
        db.flush()
        assert visible(db, product.id) is shown, status

    db.delete(subscription)
    db.flush()
    row = listing(db, product.id)
    assert row is not None and row.wholesaler_in_good_standing is False


def test_the_triggers_agree_with_a_rebuild_from_scratch(db):
    """`catalog_listings_rebuild()` (bulk loads) and the row triggers compute the same rows."""
    verified, pending = make_business(db, "wholesaler", verified=True), make_business(db, "wholesaler", verified=False)
    grant_subscription(db, verified.id)
    for wholesaler in (verified, pending):
        for status in ("active", "draft", "active"):
            make_product(db, wholesaler, status=status, gtin="06001234567890")
    grant_subscription(db, pending.id, status="suspended")

    kept = all_listings(db)
    assert len(kept) >= 4
    db.execute(text("SELECT catalog_listings_rebuild()"))
    assert all_listings(db) == kept


def test_a_wholesaler_suspended_by_platform_staff_leaves_the_catalog_until_reactivated(db):
    wholesaler = make_business(db, "wholesaler", verified=True)
    listed_before = make_product(db, wholesaler)
    assert visible(db, listed_before.id)

    wholesaler.suspended_at = datetime.now(UTC)
    db.flush()
    added_while_suspended = make_product(db, wholesaler)
    assert not visible(db, listed_before.id)
    assert not visible(db, added_while_suspended.id)
    kept = all_listings(db)
    db.execute(text("SELECT catalog_listings_rebuild()"))
    assert all_listings(db) == kept

    wholesaler.suspended_at = None
    db.flush()
    assert visible(db, listed_before.id) and visible(db, added_while_suspended.id)
