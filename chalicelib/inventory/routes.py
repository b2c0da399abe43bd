"""Wholesaler inventory routes (`/inventory/...`): products, images, stock, low stock,
reorder suggestions, CSV import/export. Wholesaler owners and staff only: a retailer is
refused (403), another wholesaler's product is not found (404).

Each route: the body/query parsed by `endpoint`, one service call, a response model.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.core.clock import utcnow
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import BUSINESS_ROLES, WHOLESALER
from chalicelib.inventory import importer, movements, reorder, service
from chalicelib.inventory.schemas import (
    ImageList,
    ImageOrder,
    ImageUpload,
    ImageUploadRequest,
    ImportQuery,
    ImportResult,
    LowStockPage,
    MovementPage,
    Page,
    ProductCreate,
    ProductListQuery,
    ProductOut,
    ProductPage,
    ProductRemoved,
    ProductUpdate,
    ReorderList,
    ReorderQuery,
    StockChange,
    StockChanged,
)

inventory_bp = Blueprint(__name__)


def _route(path: str, method: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`endpoint` for wholesaler owners and staff."""
    return endpoint(
        inventory_bp, path, method, roles=BUSINESS_ROLES, business_kinds=(WHOLESALER,), tags=("inventory",), **options
    )


# --- products ------------------------------------------------------------------------


@_route(
    "/inventory/products",
    "GET",
    summary="Your products, newest first (filter by status, SKU/name prefix, low stock)",
    query=ProductListQuery,
    response=ProductPage,
)
def list_products(ctx: RequestContext[None, ProductListQuery]) -> ProductPage:
    q = ctx.query
    return service.list_products(
        ctx.session,
        principal=ctx.principal,
        status=q.status,
        q=q.q,
        low_stock=q.low_stock,
        cursor=q.cursor,
        limit=q.limit,
    )


@_route(
    "/inventory/products",
    "POST",
    summary="Add a product with its price tiers",
    request=ProductCreate,
    response=ProductOut,
    status=201,
    errors=(409, 422),
)
def create_product(ctx: RequestContext[ProductCreate, None]) -> ProductOut:
    return service.create_product(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@_route(
    "/inventory/products/{id}",
    "GET",
    summary="One of your products",
    response=ProductOut,
)
def get_product(ctx: RequestContext, id: uuid.UUID) -> ProductOut:
    return service.get_product(ctx.session, principal=ctx.principal, product_id=id)


@_route(
    "/inventory/products/{id}",
    "PATCH",
    summary="Change a product (only the fields sent)",
    request=ProductUpdate,
    response=ProductOut,
    errors=(409, 422),
)
def update_product(ctx: RequestContext[ProductUpdate, None], id: uuid.UUID) -> ProductOut:
    return service.update_product(
        ctx.session, principal=ctx.principal, product_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


@_route(
    "/inventory/products/{id}",
    "DELETE",
    summary="Delete a product, or archive it when it has sales",
    response=ProductRemoved,
)
def remove_product(ctx: RequestContext, id: uuid.UUID) -> ProductRemoved:
    return service.remove_product(ctx.session, principal=ctx.principal, product_id=id, source_ip=ctx.source_ip)


# --- images --------------------------------------------------------------------------


@_route(
    "/inventory/products/{id}/images",
    "POST",
    summary="Add an image: answers a presigned S3 upload form (type and size enforced by S3)",
    request=ImageUploadRequest,
    response=ImageUpload,
    status=201,
    errors=(422,),
    no_store=True,
)
def add_image(ctx: RequestContext[ImageUploadRequest, None], id: uuid.UUID) -> ImageUpload:
    return service.add_image(ctx.session, principal=ctx.principal, product_id=id, request=ctx.body)


@_route(
    "/inventory/products/{id}/images",
    "PUT",
    summary="Put a product's images in a new order",
    request=ImageOrder,
    response=ImageList,
)
def reorder_images(ctx: RequestContext[ImageOrder, None], id: uuid.UUID) -> ImageList:
    return service.reorder_images(ctx.session, principal=ctx.principal, product_id=id, keys=ctx.body.keys)


@_route(
    "/inventory/products/{id}/images/{position}",
    "DELETE",
    summary="Remove the image at a position (0 = first)",
    response=ImageList,
)
def remove_image(ctx: RequestContext, id: uuid.UUID, position: str) -> ImageList:
    return service.remove_image(ctx.session, principal=ctx.principal, product_id=id, position=position)


# --- stock ---------------------------------------------------------------------------


@_route(
    "/inventory/products/{id}/stock",
    "POST",
    summary="Record a restock, adjustment, return or damage (stock never goes below zero)",
    request=StockChange,
    response=StockChanged,
    status=201,
    errors=(409,),
)
def change_stock(ctx: RequestContext[StockChange, None], id: uuid.UUID) -> StockChanged:
    return movements.change_stock(ctx.session, principal=ctx.principal, product_id=id, request=ctx.body)


@_route(
    "/inventory/products/{id}/movements",
    "GET",
    summary="A product's stock movements, newest first",
    query=Page,
    response=MovementPage,
)
def list_movements(ctx: RequestContext[None, Page], id: uuid.UUID) -> MovementPage:
    return movements.list_movements(
        ctx.session, principal=ctx.principal, product_id=id, cursor=ctx.query.cursor, limit=ctx.query.limit
    )


@_route(
    "/inventory/low-stock",
    "GET",
    summary="Products at or below their low-stock threshold, emptiest first",
    query=Page,
    response=LowStockPage,
)
def list_low_stock(ctx: RequestContext[None, Page]) -> LowStockPage:
    return movements.list_low_stock(
        ctx.session, principal=ctx.principal, cursor=ctx.query.cursor, limit=ctx.query.limit
    )


@_route(
    "/inventory/reorder-suggestions",
    "GET",
    summary="What to restock and how much, most urgent first (30 days of sales)",
    query=ReorderQuery,
    response=ReorderList,
)
def reorder_suggestions(ctx: RequestContext[None, ReorderQuery]) -> ReorderList:
    return reorder.reorder_suggestions(ctx.session, principal=ctx.principal, limit=ctx.query.limit)


# --- CSV -----------------------------------------------------------------------------


@_route(
    "/inventory/import",
    "POST",
    summary="Create or update products from a CSV file (text/csv, UTF-8, at most 5 MB)",
    query=ImportQuery,
    response=ImportResult,
    consumes="text/csv",
)
def import_products(ctx: RequestContext[None, ImportQuery]) -> ImportResult:
    """The body is the CSV file itself (not JSON); its columns are described in
    `chalicelib.inventory.csv_io`."""
    return importer.import_products(
        ctx.session,
        principal=ctx.principal,
        raw=ctx.request.raw_body or b"",
        content_type=ctx.header("content-type"),
        mode=ctx.query.mode,
        source_ip=ctx.source_ip,
        dry_run=ctx.query.dry_run,
    )


@_route(
    "/inventory/export",
    "GET",
    summary="All your products as CSV, in the import's shape",
    produces="text/csv",
)
def export_products(ctx: RequestContext) -> Response:
    body = importer.export_products(ctx.session, principal=ctx.principal)
    filename = f"inventory-{utcnow():%Y%m%d}.csv"
    return Response(
        body=body,
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )
