"""Models to response schemas."""

from __future__ import annotations

from collections.abc import Sequence

from chalicelib.catalog.images import public_url
from chalicelib.catalog.models import PriceTier, Product
from chalicelib.inventory.models import StockMovement
from chalicelib.inventory.schemas import ImageOut, LowStockItem, MovementOut, ProductOut, TierOut


def images_out(keys: Sequence[str]) -> list[ImageOut]:
    return [ImageOut(key=key, url=public_url(key)) for key in keys]


def product_out(product: Product, tiers: Sequence[PriceTier]) -> ProductOut:
    return ProductOut(
        id=product.id,
        sku=product.sku,
        gtin=product.gtin,
        name=product.name,
        brand=product.brand,
        category_id=product.category_id,
        description=product.description,
        unit_of_sale=product.unit_of_sale,
        pack_size=product.pack_size,
        min_order_qty=product.min_order_qty,
        order_increment=product.order_increment,
        tiers=[TierOut(min_quantity=tier.min_quantity, unit_price=tier.unit_price) for tier in tiers],
        price_at_moq=product.price_at_moq,
        low_stock_threshold=product.low_stock_threshold,
        lead_time_days=product.lead_time_days,
        status=product.status,
        attributes=product.attributes,
        images=images_out(product.image_keys),
        stock_on_hand=product.stock_on_hand,
        low_stock=product.stock_on_hand <= product.low_stock_threshold,
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


def movement_out(movement: StockMovement) -> MovementOut:
    return MovementOut(
        id=movement.id,
        product_id=movement.product_id,
        kind=movement.kind,
        delta=movement.delta,
        stock_after=movement.stock_after,
        note=movement.note,
        reference_type=movement.reference_type,
        reference_id=movement.reference_id,
        actor_user_id=movement.actor_user_id,
        created_at=movement.created_at,
    )


def low_stock_item(product: Product) -> LowStockItem:
    return LowStockItem(
        product_id=product.id,
        sku=product.sku,
        name=product.name,
        status=product.status,
        stock_on_hand=product.stock_on_hand,
        low_stock_threshold=product.low_stock_threshold,
        alerted=product.low_stock_alerted,
    )
