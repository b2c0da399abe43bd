"""Request, query and response bodies of the category and retailer-side catalog routes."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictInt, field_validator, model_validator
from pydantic_core import PydanticCustomError

from chalicelib.core.money import MoneyInput
from chalicelib.core.schema import Schema

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 24

Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
CategoryName = Annotated[str, Field(min_length=1, max_length=120)]
Position = Annotated[StrictInt, Field(ge=0, le=100_000)]
Price = Annotated[MoneyInput, Field(ge=0, max_digits=14, decimal_places=2)]
SortOrder = Literal["relevance", "price_asc", "price_desc", "newest"]
MatchKind = Literal["full_text", "fuzzy", "all"]
Availability = Literal["in_stock", "low_stock", "out_of_stock"]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- categories ---------------------------------------------------------------------------


class CategoryNode(Schema):
    id: uuid.UUID
    name: str
    slug: str
    position: int
    children: list[CategoryNode]


class CategoryTree(Schema):
    items: list[CategoryNode] = Field(description="Root categories by position, each with its sub-tree.")


class CategoryOut(Schema):
    id: uuid.UUID
    parent_id: uuid.UUID | None
    name: str
    slug: str
    position: int
    created_at: datetime


class CreateCategoryRequest(Strict):
    name: CategoryName
    slug: Slug | None = Field(default=None, description="Derived from the name when left out.")
    parent_id: uuid.UUID | None = None
    position: Position | None = Field(default=None, description="Appended after its siblings when left out.")


class UpdateCategoryRequest(Strict):
    """Only the fields sent change; `"parent_id": null` moves the category to the root."""

    name: CategoryName | None = None
    slug: Slug | None = None
    parent_id: uuid.UUID | None = None
    position: Position | None = None

    @model_validator(mode="after")
    def _no_explicit_nulls(self) -> UpdateCategoryRequest:
        for name in ("name", "slug", "position"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise PydanticCustomError("null_not_allowed", "{field} cannot be null.", {"field": name})
        return self


# --- search -------------------------------------------------------------------------------


class CatalogFilters(Strict):
    q: str | None = Field(default=None, max_length=200, description="Words to look for (web search syntax).")
    category: str | None = Field(
        default=None, max_length=140, description="A category id or slug; its sub-categories are included."
    )
    brand: str | None = Field(default=None, max_length=120, description="Exact brand, case-insensitive.")
    min_price: Price | None = Field(default=None, description="Lowest unit price at the minimum order quantity.")
    max_price: Price | None = Field(default=None, description="Highest unit price at the minimum order quantity.")
    in_stock: bool | None = Field(default=None, description="Only products with stock on hand.")
    sort: SortOrder | None = Field(default=None, description="Default: relevance with q, newest without.")
    cursor: str | None = Field(default=None, max_length=1000, description="next_cursor of the previous page.")
    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @field_validator("q", "category", "brand", "cursor")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _price_range_in_order(self) -> CatalogFilters:
        if self.min_price is not None and self.max_price is not None and self.min_price > self.max_price:
            raise PydanticCustomError("price_range_reversed", "min_price must not be above max_price.")
        return self


class SearchQuery(CatalogFilters):
    wholesaler_id: uuid.UUID | None = None


class StorefrontQuery(CatalogFilters):
    pass


class WholesalerRef(Schema):
    id: uuid.UUID
    name: str


class CategoryRef(Schema):
    id: uuid.UUID
    name: str
    slug: str


class CatalogItem(Schema):
    id: uuid.UUID
    name: str
    brand: str | None
    sku: str
    gtin: str | None
    unit_of_sale: str
    pack_size: int
    min_order_qty: int
    order_increment: int
    price_at_moq: Decimal = Field(description="Unit price at the minimum order quantity.")
    currency: str
    in_stock: bool
    availability: Availability
    lead_time_days: int
    image_urls: list[str]
    wholesaler: WholesalerRef
    category: CategoryRef


class CategoryFacet(Schema):
    id: uuid.UUID
    name: str
    slug: str
    count: int


class BrandFacet(Schema):
    brand: str
    count: int


class Facets(Schema):
    categories: list[CategoryFacet] = Field(description="Every category of the whole result, most products first.")
    brands: list[BrandFacet] = Field(description="The 50 brands with most products in the whole result.")


class SearchPage(Schema):
    items: list[CatalogItem]
    next_cursor: str | None
    total: int = Field(description="Products in the whole result, all pages.")
    match: MatchKind = Field(description="full_text, fuzzy (no exact word matched: similar names) or all (no q).")
    facets: Facets


# --- product detail, storefront, compare --------------------------------------------------


class TierOut(Schema):
    min_quantity: int
    unit_price: Decimal


class WholesalerSummary(Schema):
    id: uuid.UUID
    name: str
    city: str
    region: str
    country: str
    verified: bool


class ProductDetail(CatalogItem):
    description: str
    attributes: dict[str, Any]
    available_quantity: int
    price_tiers: list[TierOut]
    wholesaler_summary: WholesalerSummary
    updated_at: datetime


class WholesalerProfile(WholesalerSummary):
    member_since: datetime


class Storefront(Schema):
    wholesaler: WholesalerProfile
    products: SearchPage


class CompareQuery(Strict):
    gtin: str | None = Field(default=None, pattern=r"^\d{8,14}$")
    product_id: uuid.UUID | None = None
    quantity: int | None = Field(
        default=None, ge=1, le=1_000_000, description="Units to price; default: each offer's minimum order quantity."
    )

    @model_validator(mode="after")
    def _one_subject(self) -> CompareQuery:
        if (self.gtin is None) == (self.product_id is None):
            raise PydanticCustomError("gtin_or_product_id", "Give either gtin or product_id.")
        return self


class Offer(Schema):
    product_id: uuid.UUID
    name: str
    brand: str | None
    sku: str
    unit_of_sale: str
    wholesaler: WholesalerSummary
    min_order_qty: int
    order_increment: int
    quantity: int = Field(description="The quantity priced: the one asked for, or this offer's minimum.")
    meets_min_order: bool = Field(description="False when this offer's minimum is above the quantity asked for.")
    unit_price: Decimal
    line_total: Decimal
    currency: str
    available_quantity: int
    can_fulfil: bool = Field(description="Stock on hand covers the quantity priced.")
    lead_time_days: int
    image_urls: list[str]


class Comparison(Schema):
    gtin: str | None
    quantity: int | None
    offers: list[Offer] = Field(
        description="Offers meeting their minimum first, then cheapest unit price, shortest lead time."
    )
