"""SQL of the wholesaler's catalog: products, tiers, movements, low stock.

Every statement on products is scoped by the wholesaler id; another wholesaler's product
is simply not found. Stock changes live in `stock.py`, the CSV bulk statements in
`bulk_repository.py`, the reorder query in `reorder.py`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Numeric, Row, and_, case, cast, delete, exists, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session, aliased

from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.inventory.models import StockMovement


def count_active_products(session: Session, wholesaler_id: uuid.UUID) -> int:
    """What the plan limit `active_products` counts (billing's port)."""
    return int(
        session.scalar(
            select(func.count(Product.id)).where(Product.wholesaler_id == wholesaler_id, Product.status == "active")
        )
        or 0
    )


def category_exists(session: Session, category_id: uuid.UUID) -> bool:
    return bool(session.scalar(select(exists().where(Category.id == category_id))))


def categories_by_slug(session: Session, slugs: Iterable[str]) -> dict[str, uuid.UUID]:
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    return {
        slug: id_ for id_, slug in session.execute(select(Category.id, Category.slug).where(Category.slug.in_(wanted)))
    }


def get_product(
    session: Session, wholesaler_id: uuid.UUID, product_id: uuid.UUID, *, for_update: bool = False
) -> Product | None:
    statement = select(Product).where(Product.id == product_id, Product.wholesaler_id == wholesaler_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalar(statement.execution_options(populate_existing=True))


def insert_product(session: Session, values: dict[str, object]) -> uuid.UUID | None:
    """The new product's id, or None when the wholesaler already has its SKU."""
    return session.scalar(
        pg_insert(Product)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[Product.wholesaler_id, Product.sku])
        .returning(Product.id)
    )


def sku_in_use(session: Session, wholesaler_id: uuid.UUID, sku: str, *, other_than: uuid.UUID) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Product.wholesaler_id == wholesaler_id, Product.sku == sku, Product.id != other_than))
        )
    )


def tiers_of(session: Session, product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[PriceTier]]:
    tiers: dict[uuid.UUID, list[PriceTier]] = defaultdict(list)
    if product_ids:
        rows = session.scalars(
            select(PriceTier)
            .where(PriceTier.product_id.in_(product_ids))
            .order_by(PriceTier.product_id, PriceTier.min_quantity)
        )
        for tier in rows:
            tiers[tier.product_id].append(tier)
    return tiers


def replace_tiers(session: Session, product_id: uuid.UUID, tiers: Sequence[tuple[int, object]]) -> None:
    session.execute(delete(PriceTier).where(PriceTier.product_id == product_id))
    session.execute(
        insert(PriceTier),
        [{"product_id": product_id, "min_quantity": quantity, "unit_price": price} for quantity, price in tiers],
    )


def list_products(
    session: Session,
    wholesaler_id: uuid.UUID,
    *,
    status: str | None,
    prefix: str | None,
    low_stock: bool | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Product]:
    """Newest first, keyset-paginated on (created_at, id)."""
    statement = select(Product).where(Product.wholesaler_id == wholesaler_id)
    if status:
        statement = statement.where(Product.status == status)
    if prefix:
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(
            or_(Product.sku.ilike(pattern, escape="\\"), Product.name.ilike(pattern, escape="\\"))
        )
    if low_stock is not None:
        low = Product.stock_on_hand <= Product.low_stock_threshold
        statement = statement.where(low if low_stock else ~low)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(Product.created_at < created_at, and_(Product.created_at == created_at, Product.id < last_id))
        )
    return session.scalars(statement.order_by(Product.created_at.desc(), Product.id.desc()).limit(limit)).all()


def has_sales(session: Session, product_id: uuid.UUID) -> bool:
    return bool(
        session.scalar(select(exists().where(StockMovement.product_id == product_id, StockMovement.kind == "sale")))
    )


def delete_product(session: Session, product_id: uuid.UUID) -> None:
    session.execute(delete(Product).where(Product.id == product_id))


def get_movement(session: Session, movement_id: uuid.UUID) -> StockMovement | None:
    return session.get(StockMovement, movement_id)


def list_movements(
    session: Session, product_id: uuid.UUID, *, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> Sequence[StockMovement]:
    """Newest first, keyset-paginated on (created_at, id)."""
    statement = select(StockMovement).where(StockMovement.product_id == product_id)
    if after is not None:
        created_at, last_id = after
        statement = statement.where(
            or_(
                StockMovement.created_at < created_at,
                and_(StockMovement.created_at == created_at, StockMovement.id < last_id),
            )
        )
    return session.scalars(
        statement.order_by(StockMovement.created_at.desc(), StockMovement.id.desc()).limit(limit)
    ).all()


def list_low_stock(
    session: Session, wholesaler_id: uuid.UUID, *, after: tuple[int, str, uuid.UUID] | None, limit: int
) -> Sequence[Product]:
    """Products not archived with stock at or below their threshold: emptiest first, then by SKU."""
    statement = select(Product).where(
        Product.wholesaler_id == wholesaler_id,
        Product.stock_on_hand <= Product.low_stock_threshold,
        Product.status != "archived",
    )
    if after is not None:
        stock, sku, last_id = after
        statement = statement.where(
            or_(
                Product.stock_on_hand > stock,
                and_(Product.stock_on_hand == stock, Product.sku > sku),
                and_(Product.stock_on_hand == stock, Product.sku == sku, Product.id > last_id),
            )
        )
    return session.scalars(statement.order_by(Product.stock_on_hand, Product.sku, Product.id).limit(limit)).all()


def reorder_candidates(
    session: Session, wholesaler_id: uuid.UUID, *, since: datetime, until: datetime, limit: int
) -> Sequence[Row[Any]]:
    """Active products, and every product the low-stock list shows (not archived, stock at or
    below its threshold), with their units sold in [since, until]: `sale` movements minus the
    `cancel` movements that returned those same sales (same reference). Most urgent first:
    low-stock products, then least days of cover (stock / net units sold), products without
    sales last, then SKU."""
    sale = aliased(StockMovement)
    cancel = aliased(StockMovement)
    sold = (
        select(func.coalesce(-func.sum(sale.delta), 0))
        .where(sale.product_id == Product.id, sale.kind == "sale", sale.created_at >= since, sale.created_at <= until)
        .scalar_subquery()
    )
    same_sale = aliased(StockMovement)
    returned = (
        select(func.coalesce(func.sum(cancel.delta), 0))
        .where(
            cancel.product_id == Product.id,
            cancel.kind == "cancel",
            cancel.created_at <= until,
            exists().where(
                same_sale.product_id == Product.id,
                same_sale.kind == "sale",
                same_sale.reference_type == cancel.reference_type,
                same_sale.reference_id == cancel.reference_id,
                same_sale.created_at >= since,
                same_sale.created_at <= until,
            ),
        )
        .scalar_subquery()
    )
    low = Product.stock_on_hand <= Product.low_stock_threshold
    candidates = (
        select(
            Product.id,
            Product.sku,
            Product.name,
            Product.stock_on_hand,
            Product.pack_size,
            Product.lead_time_days,
            Product.low_stock_threshold,
            low.label("low_stock"),
            func.greatest(sold - returned, 0).label("units_sold"),
        )
        .where(
            Product.wholesaler_id == wholesaler_id,
            or_(Product.status == "active", and_(low, Product.status != "archived")),
        )
        .subquery()
    )
    cover = case(
        (candidates.c.units_sold > 0, cast(candidates.c.stock_on_hand, Numeric) / candidates.c.units_sold), else_=None
    )
    return session.execute(
        select(candidates)
        .order_by(candidates.c.low_stock.desc(), cover.asc().nulls_last(), candidates.c.sku, candidates.c.id)
        .limit(limit)
    ).all()
