"""SQL of categories and of the retailer-side catalog (the search statement is in `search_statement.py`).

Visibility lives in one place: a product is visible when it has a catalog listing (it is
`active`; the database keeps listings, see `models.CatalogListing`) whose wholesaler is
verified and, with subscriptions enforced, in good standing (`listed()`). Search reads the
listings directly; every other retailer-facing query applies `visible_products()`.
`selling_wholesalers()` is the same rule for a wholesaler (storefronts).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    Uuid,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session, aliased

from chalicelib.accounts.models import Business
from chalicelib.billing.gating import enforced as subscriptions_enforced
from chalicelib.billing.gating import wholesaler_in_good_standing
from chalicelib.catalog.models import CatalogListing, Category, PriceTier, Product
from chalicelib.core.compiled_reads import fetch_all, fetch_optional

AnyRow = Row[*tuple[Any, ...]]
CATEGORY_MOVES_LOCK = 0x63617465  # "cate": the advisory lock key of category moves


def selling_wholesalers() -> Select[uuid.UUID]:
    """Ids of the wholesalers whose active products retailers may see and order: verified, not
    suspended by platform staff, with a subscription in good standing."""
    return select(Business.id).where(
        Business.kind == "wholesaler",
        Business.verification_status == "verified",
        Business.suspended_at.is_(None),
        wholesaler_in_good_standing(),
    )


def listed() -> ColumnElement[bool]:
    """The condition on `catalog_listings` that makes its product visible to retailers."""
    if subscriptions_enforced():
        return CatalogListing.wholesaler_verified.is_(True) & CatalogListing.wholesaler_in_good_standing.is_(True)
    return CatalogListing.wholesaler_verified.is_(True)


def visible_products() -> ColumnElement[bool]:
    """The visibility predicate on `products` for every retailer-facing query but search."""
    return exists().where(CatalogListing.product_id == Product.id, listed())


def visibility_variant() -> bool:
    """What changes the SQL of `listed()` at run time: the subscription condition can be
    switched off (SUBSCRIPTION_ENFORCEMENT=false). Statements built once are cached per variant."""
    return subscriptions_enforced()


# --- categories ---------------------------------------------------------------------------


def list_categories(session: Session) -> Sequence[Category]:
    return session.scalars(select(Category).order_by(Category.position, Category.name, Category.id)).all()


def get_category(session: Session, category_id: uuid.UUID, *, for_update: bool = False) -> Category | None:
    statement = select(Category).where(Category.id == category_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalar(statement)


def slug_taken(session: Session, slug: str, *, except_id: uuid.UUID | None = None) -> bool:
    condition = Category.slug == slug
    if except_id is not None:
        condition = condition & (Category.id != except_id)
    return bool(session.scalar(select(exists().where(condition))))


def next_position(session: Session, parent_id: uuid.UUID | None) -> int:
    parent = Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id
    return int(session.scalar(select(func.coalesce(func.max(Category.position) + 1, 0)).where(parent)) or 0)


def ancestor_ids(session: Session, category_id: uuid.UUID) -> set[uuid.UUID]:
    """The category and every category above it (bounded, so a corrupt loop cannot spin)."""
    base = select(Category.id, Category.parent_id, literal_column("1", Integer).label("depth")).where(
        Category.id == category_id
    )
    up = base.cte("ancestors", recursive=True)
    parent = aliased(Category)
    up = up.union_all(
        select(parent.id, parent.parent_id, up.c.depth + 1).where(parent.id == up.c.parent_id, up.c.depth < 64)
    )
    return set(session.scalars(select(up.c.id)).all())


def lock_category_moves(session: Session) -> None:
    """Serialise re-parenting, so two concurrent moves cannot close a loop between them."""
    session.execute(select(func.pg_advisory_xact_lock(CATEGORY_MOVES_LOCK)))


def children_in_order(session: Session, parent_id: uuid.UUID | None) -> Sequence[Category]:
    """The categories directly under `parent_id` (None: the roots) as the tree shows them, locked."""
    parent = Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id
    return session.scalars(
        select(Category).where(parent).order_by(Category.position, Category.name, Category.id).with_for_update()
    ).all()


def has_children(session: Session, category_id: uuid.UUID) -> bool:
    return bool(session.scalar(select(exists().where(Category.parent_id == category_id))))


def has_products(session: Session, category_id: uuid.UUID) -> bool:
    return bool(session.scalar(select(exists().where(Product.category_id == category_id))))


def category_with_descendants(session: Session, *, category_id: uuid.UUID | None, slug: str | None) -> list[uuid.UUID]:
    """The category (by id or slug) and all below it; empty when there is no such category."""
    start = Category.id == category_id if category_id is not None else Category.slug == slug
    tree = select(Category.id).where(start).cte("subtree", recursive=True)
    child = aliased(Category)
    tree = tree.union_all(select(child.id).where(child.parent_id == tree.c.id))
    return list(session.scalars(select(tree.c.id)).all())


# --- products -----------------------------------------------------------------------------


def _tier_arrays() -> Any:
    """Per product, its tiers as two arrays ordered by minimum quantity (LATERAL, one pass)."""
    return (
        select(
            func.array_agg(aggregate_order_by(PriceTier.min_quantity, PriceTier.min_quantity)).label("tier_quantities"),
            func.array_agg(aggregate_order_by(PriceTier.unit_price, PriceTier.min_quantity)).label("tier_prices"),
        )
        .where(PriceTier.product_id == Product.id)
        .lateral("tiers")
    )


PRODUCT_COLUMNS = (
    Product.id,
    Product.name,
    Product.brand,
    Product.sku,
    Product.gtin,
    Product.unit_of_sale,
    Product.pack_size,
    Product.min_order_qty,
    Product.order_increment,
    Product.price_at_moq,
    Product.stock_on_hand,
    Product.low_stock_threshold,
    Product.lead_time_days,
    Product.image_keys,
    Product.wholesaler_id,
    Business.name.label("wholesaler_name"),
)
"""What every catalog answer shows of a product and its wholesaler (`presenters._item_fields`)."""

OFFER_COLUMNS = (
    *PRODUCT_COLUMNS,
    Business.city,
    Business.region,
    Business.country,
    Business.verification_status,
)


def get_visible_product(session: Session, product_id: uuid.UUID) -> Any:
    """The product, its wholesaler, category and tiers in one statement, when retailers may see it."""
    return fetch_optional(session, _product_statement(visibility_variant()), {"product_id": product_id})


def visible_gtin_of(session: Session, product_id: uuid.UUID) -> tuple[bool, str | None]:
    """(found, gtin) of a visible product."""
    row = session.execute(select(Product.gtin).where(Product.id == product_id, visible_products())).one_or_none()
    return (False, None) if row is None else (True, row.gtin)


def visible_offers(session: Session, *, gtin: str | None, product_id: uuid.UUID | None) -> Sequence[Any]:
    """Every visible product with this GTIN (or only `product_id` when it has none), with wholesaler and tiers."""
    if gtin is not None:
        return fetch_all(session, _offers_statement(True, visibility_variant()), {"gtin": gtin})
    return fetch_all(session, _offers_statement(False, visibility_variant()), {"product_id": product_id})


# Built once per visibility variant, and run through core.compiled_reads: executing the
# statement object costs more than the database spends on these primary-key reads.


@lru_cache(maxsize=2)
def _product_statement(_visibility: bool) -> Select[*tuple[Any, ...]]:
    tiers = _tier_arrays()
    return (
        select(
            *OFFER_COLUMNS,
            Product.description,
            Product.attributes,
            Product.updated_at,
            Product.category_id,
            Category.name.label("category_name"),
            Category.slug.label("category_slug"),
            tiers.c.tier_quantities,
            tiers.c.tier_prices,
        )
        .join(Business, Business.id == Product.wholesaler_id)
        .join(Category, Category.id == Product.category_id)
        .join(tiers, true())
        .where(Product.id == bindparam("product_id", type_=Uuid()), visible_products())
    )


@lru_cache(maxsize=4)
def _offers_statement(by_gtin: bool, _visibility: bool) -> Select[*tuple[Any, ...]]:
    subject = (
        Product.gtin == bindparam("gtin", type_=String())
        if by_gtin
        else Product.id == bindparam("product_id", type_=Uuid())
    )
    tiers = _tier_arrays()
    return (
        select(*OFFER_COLUMNS, tiers.c.tier_quantities, tiers.c.tier_prices)
        .join(Business, Business.id == Product.wholesaler_id)
        .join(tiers, true())
        .where(subject, visible_products())
    )


def get_selling_wholesaler(session: Session, wholesaler_id: uuid.UUID) -> Business | None:
    return session.scalar(select(Business).where(Business.id == wholesaler_id, Business.id.in_(selling_wholesalers())))
