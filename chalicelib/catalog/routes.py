"""Catalog HTTP routes: the category tree, the admins' category changes, and the retailer side.

`/categories` is public (the SPA builds its menus before sign-in). `/catalog/*` needs a
signed-in user of any role: wholesale prices are trade information, and wholesalers and
platform staff browse the marketplace as retailers see it.
"""

from __future__ import annotations

import uuid

from chalice.app import Blueprint

from chalicelib.catalog import categories, service
from chalicelib.catalog.schemas import (
    CategoryOut,
    CategoryTree,
    CompareQuery,
    Comparison,
    CreateCategoryRequest,
    ProductDetail,
    SearchPage,
    SearchQuery,
    Storefront,
    StorefrontQuery,
    UpdateCategoryRequest,
)
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ADMIN, ANY_ROLE

categories_bp = Blueprint(f"{__name__}.categories")
catalog_bp = Blueprint(f"{__name__}.catalog")
admin_categories_bp = Blueprint(f"{__name__}.admin_categories")


# --- /categories, /admin/categories -----------------------------------------------------


@endpoint(
    categories_bp,
    "/categories",
    "GET",
    summary="The category tree",
    response=CategoryTree,
    tags=("categories",),
    read_only=True,
)
def category_tree(ctx: RequestContext) -> CategoryTree:
    ctx.response_headers["Cache-Control"] = "public, max-age=300"
    return CategoryTree(items=categories.get_tree(ctx.session))


@endpoint(
    admin_categories_bp,
    "/admin/categories",
    "POST",
    summary="Add a category",
    roles=(ADMIN,),
    request=CreateCategoryRequest,
    response=CategoryOut,
    status=201,
    errors=(409,),
    tags=("admin",),
)
def create_category(ctx: RequestContext[CreateCategoryRequest, None]) -> CategoryOut:
    return categories.create_category(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    admin_categories_bp,
    "/admin/categories/{id}",
    "PATCH",
    summary="Rename, re-slug, move or reorder a category",
    roles=(ADMIN,),
    request=UpdateCategoryRequest,
    response=CategoryOut,
    errors=(409, 422),
    tags=("admin",),
)
def update_category(ctx: RequestContext[UpdateCategoryRequest, None], id: uuid.UUID) -> CategoryOut:
    return categories.update_category(
        ctx.session, principal=ctx.principal, category_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_categories_bp,
    "/admin/categories/{id}",
    "DELETE",
    summary="Delete a category without products or sub-categories",
    roles=(ADMIN,),
    errors=(409,),
    tags=("admin",),
)
def delete_category(ctx: RequestContext, id: uuid.UUID) -> None:
    categories.delete_category(ctx.session, principal=ctx.principal, category_id=id, source_ip=ctx.source_ip)


# --- /catalog ------------------------------------------------------------------------------


@endpoint(
    catalog_bp,
    "/catalog/search",
    "GET",
    summary="Search the products retailers can order, with facets",
    roles=ANY_ROLE,
    query=SearchQuery,
    response=SearchPage,
    tags=("catalog",),
    read_only=True,
)
def search(ctx: RequestContext[None, SearchQuery]) -> SearchPage:
    return service.search_catalog(ctx.session, query=ctx.query, wholesaler_id=ctx.query.wholesaler_id)


@endpoint(
    catalog_bp,
    "/catalog/products/{id}",
    "GET",
    summary="A product with its price tiers, availability and wholesaler",
    roles=ANY_ROLE,
    response=ProductDetail,
    tags=("catalog",),
    read_only=True,
)
def product_detail(ctx: RequestContext, id: uuid.UUID) -> ProductDetail:
    return service.get_product(ctx.session, product_id=id)


@endpoint(
    catalog_bp,
    "/catalog/wholesalers/{id}",
    "GET",
    summary="A wholesaler's storefront: its profile and its products",
    roles=ANY_ROLE,
    query=StorefrontQuery,
    response=Storefront,
    tags=("catalog",),
    read_only=True,
)
def wholesaler_storefront(ctx: RequestContext[None, StorefrontQuery], id: uuid.UUID) -> Storefront:
    return service.storefront(ctx.session, wholesaler_id=id, query=ctx.query)


@endpoint(
    catalog_bp,
    "/catalog/compare",
    "GET",
    summary="Every offer of the same product (GTIN) across wholesalers, cheapest first",
    roles=ANY_ROLE,
    query=CompareQuery,
    response=Comparison,
    errors=(404,),
    tags=("catalog",),
    read_only=True,
)
def compare(ctx: RequestContext[None, CompareQuery]) -> Comparison:
    return service.compare_offers(ctx.session, query=ctx.query)
