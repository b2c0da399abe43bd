"""Set-based SQL of the CSV import and export: a few statements for any number of rows.

Rows travel as one array parameter per column (`unnest(:skus, :names, ...)`,
`= ANY(:ids)`): one short statement whatever the number of rows, no 65,535 bind-parameter
limit, and no multi-megabyte SQL text for the driver to build and parse (multi-row VALUES
made 10,000 rows take over 10 s, mostly in query conversion).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, any_, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, PriceTier, Product

products = cast(Table, Product.__table__)
price_tiers = cast(Table, PriceTier.__table__)

# Columns a CSV row sets; on an existing SKU they replace the stored values. Stock,
# attributes, images and the creation time are not part of the file and stay as they are
# (new rows take their server defaults).
UPSERT_COLUMNS = (
    "gtin",
    "name",
    "brand",
    "category_id",
    "description",
    "unit_of_sale",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "price_at_moq",
    "low_stock_threshold",
    "lead_time_days",
    "status",
    "updated_at",
)

EXPORT_COLUMNS = (
    "id",
    "sku",
    "gtin",
    "name",
    "brand",
    "description",
    "unit_of_sale",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "low_stock_threshold",
    "lead_time_days",
    "status",
    "stock_on_hand",
)


def _uuid_array(name: str, values: Sequence[uuid.UUID]) -> Any:
    return bindparam(name, value=list(values), type_=ARRAY(UUID(as_uuid=True)))


def existing_by_sku(
    session: Session, wholesaler_id: uuid.UUID, skus: Sequence[str]
) -> dict[str, tuple[uuid.UUID, str]]:
    """SKU -> (id, status) of the wholesaler's products among `skus`."""
    rows = session.execute(
        select(products.c.sku, products.c.id, products.c.status).where(
            products.c.wholesaler_id == wholesaler_id,
            products.c.sku == any_(bindparam("skus", value=list(skus), type_=ARRAY(products.c.sku.type))),
        )
    )
    return {sku: (id_, status) for sku, id_, status in rows}


# (column, PostgreSQL type) of the products columns a CSV row sets, in unnest order.
_ROW_ARRAYS = (
    ("sku", "text"),
    ("gtin", "text"),
    ("name", "text"),
    ("brand", "text"),
    ("category_id", "uuid"),
    ("description", "text"),
    ("unit_of_sale", "text"),
    ("pack_size", "integer"),
    ("min_order_qty", "integer"),
    ("order_increment", "integer"),
    ("price_at_moq", "numeric"),
    ("low_stock_threshold", "integer"),
    ("lead_time_days", "integer"),
    ("status", "text"),
)
_NAMES = ", ".join(name for name, _ in _ROW_ARRAYS)
_UNNEST = ", ".join(f"CAST(:{name} AS {type_}[])" for name, type_ in _ROW_ARRAYS)
_UPSERT = text(
    f"""
    INSERT INTO products AS p (wholesaler_id, {_NAMES}, created_at, updated_at)
    SELECT :wholesaler_id, {_NAMES}, :now, :now FROM unnest({_UNNEST}) AS r({_NAMES})
    ON CONFLICT (wholesaler_id, sku) DO UPDATE
       SET {", ".join(f"{name} = excluded.{name}" for name in UPSERT_COLUMNS)},
           -- A lowered threshold may end an outstanding shortage.
           low_stock_alerted = p.low_stock_alerted AND p.stock_on_hand <= excluded.low_stock_threshold
    RETURNING p.id, p.sku, (p.xmax = 0) AS created
    """
)
_INSERT_TIERS = text(
    """
    INSERT INTO price_tiers (product_id, min_quantity, unit_price)
    SELECT * FROM unnest(CAST(:product_ids AS uuid[]), CAST(:quantities AS integer[]), CAST(:prices AS numeric[]))
    """
)


def upsert_products(
    session: Session, wholesaler_id: uuid.UUID, rows: Sequence[dict[str, Any]], *, now: datetime
) -> list[tuple[uuid.UUID, str, bool]]:
    """Inserts or updates by (wholesaler, SKU) in one statement; answers (id, sku, created) per row."""
    params: dict[str, Any] = {name: [row[name] for row in rows] for name, _ in _ROW_ARRAYS}
    result = session.execute(_UPSERT, {**params, "wholesaler_id": wholesaler_id, "now": now})
    return [(id_, sku, bool(created)) for id_, sku, created in result]


def replace_tiers(session: Session, tiers: dict[uuid.UUID, list[tuple[int, Decimal]]]) -> None:
    session.execute(delete(price_tiers).where(price_tiers.c.product_id == any_(_uuid_array("ids", list(tiers)))))
    flat = [(product_id, quantity, price) for product_id, rows in tiers.items() for quantity, price in rows]
    session.execute(
        _INSERT_TIERS,
        {
            "product_ids": [product_id for product_id, _, _ in flat],
            "quantities": [quantity for _, quantity, _ in flat],
            "prices": [price for _, _, price in flat],
        },
    )


def export_rows(session: Session, wholesaler_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every product of the wholesaler by SKU, with its category slug and its tiers."""
    rows = session.execute(
        select(*(products.c[name] for name in EXPORT_COLUMNS), Category.slug.label("category_slug"))
        .join(Category, Category.id == products.c.category_id)
        .where(products.c.wholesaler_id == wholesaler_id)
        .order_by(products.c.sku)
    ).mappings()
    result = [dict(row) for row in rows]
    tiers: dict[uuid.UUID, list[tuple[int, Decimal]]] = defaultdict(list)
    if result:
        tier_rows = session.execute(
            select(price_tiers.c.product_id, price_tiers.c.min_quantity, price_tiers.c.unit_price)
            .join(products, products.c.id == price_tiers.c.product_id)
            .where(products.c.wholesaler_id == wholesaler_id)
            .order_by(price_tiers.c.product_id, price_tiers.c.min_quantity)
        )
        for product_id, quantity, price in tier_rows:
            tiers[product_id].append((quantity, price))
    for row in result:
        row["tiers"] = tiers[row["id"]]
    return result
