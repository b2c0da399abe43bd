"""Request and response bodies of the wholesaler inventory routes.

Money is a string in JSON ("120.00", `core.money.MoneyInput`); a JSON number is refused,
because a float cannot carry a price exactly. Rules spanning several fields (price tiers
against the minimum order quantity, the publishing rule) are checked by the service, so a
PATCH is checked against the product it changes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from chalicelib.core.money import MoneyInput
from chalicelib.core.schema import Schema
from chalicelib.inventory.rules import MAX_TIERS, gtin_problem

ProductStatus = Literal["draft", "active", "archived"]
StockReason = Literal["restock", "adjustment", "return", "damage"]
MovementKind = Literal["restock", "adjustment", "return", "damage", "sale", "cancel"]
ImageContentType = Literal["image/jpeg", "image/png", "image/webp"]

MAX_STOCK_DELTA = 1_000_000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_ATTRIBUTES = 30
SKU_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/")


def _sku(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value or len(value) > 64 or not set(value) <= SKU_CHARACTERS:
            raise PydanticCustomError("invalid_sku", "A SKU has 1 to 64 letters, digits, '.', '_', '-' or '/'.")
    return value


def _gtin(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip() or None
        if value is not None and (problem := gtin_problem(value)) is not None:
            raise PydanticCustomError("invalid_gtin", problem)
    return value


Money = MoneyInput
Sku = Annotated[str, BeforeValidator(_sku), Field(json_schema_extra={"pattern": "^[A-Za-z0-9._/-]{1,64}$"})]
Gtin = Annotated[str | None, BeforeValidator(_gtin)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Brand = Annotated[str | None, Field(max_length=120)]
Description = Annotated[str, Field(max_length=5000)]
UnitOfSale = Annotated[str, Field(min_length=1, max_length=120, examples=["carton of 24 x 500 ml"])]
PackSize = Annotated[int, Field(ge=1, le=100_000)]
Quantity = Annotated[int, Field(ge=1, le=1_000_000)]
Threshold = Annotated[int, Field(ge=0, le=1_000_000)]
LeadTime = Annotated[int, Field(ge=0, le=365)]
AttributeKey = Annotated[str, Field(min_length=1, max_length=40)]
AttributeValue = Annotated[str, Field(max_length=200)]
Attributes = Annotated[dict[AttributeKey, AttributeValue], Field(max_length=MAX_ATTRIBUTES)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TierIn(Strict):
    min_quantity: Annotated[int, Field(le=1_000_000)]
    unit_price: Money


class TierOut(Schema):
    min_quantity: int
    unit_price: Decimal


class ProductFields(Strict):
    """The fields a product has in both the JSON API and the CSV import."""

    sku: Sku
    gtin: Gtin = None
    name: Name
    brand: Brand = None
    description: Description = ""
    unit_of_sale: UnitOfSale
    pack_size: PackSize = 1
    min_order_qty: Quantity = 1
    order_increment: Quantity = 1
    tiers: Annotated[list[TierIn], Field(min_length=1, max_length=MAX_TIERS)]
    low_stock_threshold: Threshold = 0
    lead_time_days: LeadTime = 0
    status: ProductStatus = "draft"

    @field_validator("brand")
    @classmethod
    def _blank_brand_is_none(cls, value: str | None) -> str | None:
        return value or None


class ProductCreate(ProductFields):
    category_id: uuid.UUID
    attributes: Attributes = Field(default_factory=dict)


class ProductUpdate(Strict):
    """Only the fields sent change; `gtin` and `brand` may be set to null."""

    sku: Sku | None = None
    gtin: Gtin = None
    name: Name | None = None
    brand: Brand = None
    category_id: uuid.UUID | None = None
    description: Description | None = None
    unit_of_sale: UnitOfSale | None = None
    pack_size: PackSize | None = None
    min_order_qty: Quantity | None = None
    order_increment: Quantity | None = None
    tiers: Annotated[list[TierIn], Field(min_length=1, max_length=MAX_TIERS)] | None = None
    low_stock_threshold: Threshold | None = None
    lead_time_days: LeadTime | None = None
    status: ProductStatus | None = None
    attributes: Attributes | None = None

    @field_validator("brand")
    @classmethod
    def _blank_brand_is_none(cls, value: str | None) -> str | None:
        return value or None


class ImageOut(Schema):
    key: str
    url: str


class ProductOut(Schema):
    id: uuid.UUID
    sku: str
    gtin: str | None
    name: str
    brand: str | None
    category_id: uuid.UUID
    description: str
    unit_of_sale: str
    pack_size: int
    min_order_qty: int
    order_increment: int
    tiers: list[TierOut]
    price_at_moq: Decimal = Field(description="The unit price at the minimum order quantity (tier 1).")
    low_stock_threshold: int
    lead_time_days: int
    status: ProductStatus
    attributes: dict[str, str]
    images: list[ImageOut]
    stock_on_hand: int
    low_stock: bool = Field(description="Stock on hand is at or below the low-stock threshold.")
    created_at: datetime
    updated_at: datetime


class Page(Strict):
    cursor: Annotated[str | None, Field(default=None, max_length=500)]
    limit: Annotated[int, Field(default=50, ge=1, le=100)]


class ProductListQuery(Page):
    status: ProductStatus | None = None
    q: Annotated[str | None, Field(default=None, max_length=100, description="SKU or name prefix.")]
    low_stock: bool | None = None


class ProductPage(Schema):
    items: list[ProductOut]
    next_cursor: str | None


class ProductRemoved(Schema):
    id: uuid.UUID
    outcome: Literal["deleted", "archived"] = Field(
        description="`archived` when the product has sales, which must stay traceable; else `deleted`."
    )


class StockChange(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"reason": {"enum": ["restock", "return"]}}, "required": ["reason"]},
                    "then": {"properties": {"delta": {"minimum": 1}}},
                },
                {
                    "if": {"properties": {"reason": {"const": "damage"}}, "required": ["reason"]},
                    "then": {"properties": {"delta": {"maximum": -1}}},
                },
            ]
        }
    )

    reason: StockReason
    delta: int = Field(
        description="Units added (positive) or removed (negative); never 0.",
        json_schema_extra={"minimum": -MAX_STOCK_DELTA, "maximum": MAX_STOCK_DELTA, "not": {"const": 0}},
    )
    note: Annotated[str | None, Field(default=None, max_length=500)]

    @field_validator("delta")
    @classmethod
    def _delta_fits_reason(cls, value: int, info: ValidationInfo) -> int:
        if value == 0 or abs(value) > MAX_STOCK_DELTA:
            raise PydanticCustomError("invalid_delta", "The change is a non-zero number of units up to 1,000,000.")
        reason = info.data.get("reason")
        if reason in ("restock", "return") and value < 0:
            raise PydanticCustomError("wrong_sign", "A {reason} adds stock: send a positive delta.", {"reason": reason})
        if reason == "damage" and value > 0:
            raise PydanticCustomError("wrong_sign", "Damage removes stock: send a negative delta.")
        return value


class MovementOut(Schema):
    id: uuid.UUID
    product_id: uuid.UUID
    kind: MovementKind
    delta: int
    stock_after: int
    note: str | None
    reference_type: str | None
    reference_id: uuid.UUID | None
    actor_user_id: uuid.UUID | None
    created_at: datetime


class StockChanged(Schema):
    product_id: uuid.UUID
    stock_on_hand: int
    movement: MovementOut


class MovementPage(Schema):
    items: list[MovementOut]
    next_cursor: str | None


class LowStockItem(Schema):
    product_id: uuid.UUID
    sku: str
    name: str
    status: ProductStatus
    stock_on_hand: int
    low_stock_threshold: int
    alerted: bool = Field(description="A LowStock notification was sent for the current shortage.")


class LowStockPage(Schema):
    items: list[LowStockItem]
    next_cursor: str | None


class ReorderQuery(Strict):
    limit: Annotated[int, Field(default=100, ge=1, le=500)]


class ReorderSuggestion(Schema):
    product_id: uuid.UUID
    sku: str
    name: str
    stock_on_hand: int
    pack_size: int
    lead_time_days: int
    units_sold_30d: int = Field(description="Units sold in the last 30 days, net of cancelled sales.")
    average_daily_sales: Decimal = Field(description="units_sold_30d / 30, rounded half up to 2 decimals.")
    days_of_cover: Decimal | None = Field(
        description="stock_on_hand / average_daily_sales, rounded half up to 1 decimal; null without sales."
    )
    low_stock_threshold: int
    low_stock: bool = Field(description="Stock on hand is at or below the low-stock threshold (the alert's rule).")
    suggested_quantity: int = Field(
        description="Units to order, in whole packs: enough to cover lead time + 14 days of sales; for a product at "
        "or below its threshold at least enough to reach twice the threshold (at least one pack)."
    )
    why: str = Field(description="How the quantity was reached, in words.")


class ReorderList(Schema):
    as_of: datetime
    window_days: int
    extra_cover_days: int
    items: list[ReorderSuggestion]


class ImageUploadRequest(Strict):
    content_type: ImageContentType
    size_bytes: Annotated[int, Field(ge=1, le=MAX_IMAGE_BYTES, description="The file's exact size, at most 5 MB.")]


class ImageUpload(Schema):
    key: str
    position: int = Field(description="Index of the image in the product's images.")
    url: str = Field(description="POST the form to this URL: `fields` first, then the file as `file`.")
    fields: dict[str, str]
    expires_in: int = Field(description="Seconds the upload form stays valid.")
    public_url: str


class ImageOrder(Strict):
    keys: Annotated[list[str], Field(max_length=10, description="The product's image keys in their new order.")]


class ImageList(Schema):
    images: list[ImageOut]


class ImportQuery(Strict):
    mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing"
    dry_run: bool = Field(
        default=False,
        description="Preview: check every row and answer what would be created, updated or left unchanged, with "
        "every problem by row and column, writing nothing (200 even when rows have problems).",
    )


class RowProblem(Schema):
    row: int = Field(description="Row number as a spreadsheet shows it: the header is row 1.")
    column: str
    code: str
    message: str


class ImportResult(Schema):
    mode: Literal["all_or_nothing", "valid_only"]
    dry_run: bool = Field(description="True for a preview: nothing was written.")
    rows: int
    max_rows: int = Field(description="The most data rows one file may have.")
    created: int
    updated: int
    unchanged: int = Field(description="Rows naming an existing product exactly as it is (counted in `updated`).")
    skipped: int
    stock_movements: int
    problems: list[RowProblem] = Field(description="Rows left out (valid_only); empty when every row was imported.")
