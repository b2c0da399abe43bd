"""The wholesaler's products: create, read, change, remove, and their images.

Every function takes the session first and the caller's principal; the product is always
looked up within the caller's business, so another wholesaler's id is not found (404).

Publishing: only a user whose e-mail is verified may make a product `active` (422
`email_not_verified`); anyone may keep building drafts. Whether an active product is
visible to retailers (verified wholesaler, subscription in good standing) is decided by
the catalog search, not here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chalicelib.billing.gating import check_limit
from chalicelib.catalog.images import public_url
from chalicelib.catalog.models import Product
from chalicelib.core.audit import record_audit
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.principal import Principal
from chalicelib.inventory import images, repository
from chalicelib.inventory.errors import (
    EmailNotVerified,
    ImageNotFound,
    ProductNotFound,
    TooManyImages,
    sku_taken,
    unknown_category,
)
from chalicelib.inventory.paging import after_created, created_cursor
from chalicelib.inventory.presenters import images_out, product_out
from chalicelib.inventory.rules import TierLike, tier_problems
from chalicelib.inventory.schemas import (
    ImageList,
    ImageUpload,
    ImageUploadRequest,
    ProductCreate,
    ProductOut,
    ProductPage,
    ProductRemoved,
    ProductUpdate,
)

MAX_IMAGES = 10
NULLABLE_FIELDS = frozenset({"gtin", "brand"})
SKU_CONSTRAINT = "uq_products_wholesaler_id_sku"


def load_product(session: Session, principal: Principal, product_id: uuid.UUID, *, for_update: bool = False) -> Product:
    product = repository.get_product(session, principal.require_business_id(), product_id, for_update=for_update)
    if product is None:
        raise ProductNotFound()
    return product


def _present(session: Session, product: Product) -> ProductOut:
    return product_out(product, repository.tiers_of(session, [product.id])[product.id])


def _check_tiers(tiers: Sequence[TierLike], min_order_qty: int) -> None:
    problems = tier_problems(tiers, min_order_qty=min_order_qty)
    if problems:
        raise ValidationFailed("The price tiers are invalid.", details=problems)


def _check_publishing(session: Session, principal: Principal, new_status: str, old_status: str | None) -> None:
    """Publishing needs a verified e-mail and room in the plan's active-product limit."""
    if new_status == "active" and old_status != "active":
        if not principal.email_verified:
            raise EmailNotVerified()
        check_limit(session, principal.require_business_id(), "active_products")


def get_product(session: Session, *, principal: Principal, product_id: uuid.UUID) -> ProductOut:
    return _present(session, load_product(session, principal, product_id))


def list_products(
    session: Session,
    *,
    principal: Principal,
    status: str | None,
    q: str | None,
    low_stock: bool | None,
    cursor: str | None,
    limit: int,
) -> ProductPage:
    rows = repository.list_products(
        session,
        principal.require_business_id(),
        status=status,
        prefix=q or None,
        low_stock=low_stock,
        after=after_created(cursor),
        limit=limit + 1,
    )
    page = rows[:limit]
    tiers = repository.tiers_of(session, [product.id for product in page])
    return ProductPage(
        items=[product_out(product, tiers[product.id]) for product in page],
        next_cursor=created_cursor(page[-1]) if len(rows) > limit else None,
    )


def create_product(
    session: Session, *, principal: Principal, request: ProductCreate, source_ip: str | None
) -> ProductOut:
    wholesaler_id = principal.require_business_id()
    _check_tiers(request.tiers, request.min_order_qty)
    if not repository.category_exists(session, request.category_id):
        raise unknown_category()
    _check_publishing(session, principal, request.status, None)
    values = request.model_dump(exclude={"tiers"})
    product_id = repository.insert_product(
        session, {**values, "wholesaler_id": wholesaler_id, "price_at_moq": request.tiers[0].unit_price}
    )
    if product_id is None:
        raise sku_taken(request.sku)
    repository.replace_tiers(session, product_id, [(t.min_quantity, t.unit_price) for t in request.tiers])
    record_audit(
        session,
        "product.created",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="product",
        target_id=product_id,
        details={"sku": request.sku, "status": request.status},
    )
    return _present(session, load_product(session, principal, product_id))


def update_product(
    session: Session, *, principal: Principal, product_id: uuid.UUID, request: ProductUpdate, source_ip: str | None
) -> ProductOut:
    product = load_product(session, principal, product_id, for_update=True)
    changes: dict[str, Any] = request.model_dump(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None and name not in NULLABLE_FIELDS]
    if nulls:
        raise ValidationFailed(
            details=[field_error(name, "null_not_allowed", "This field cannot be null.") for name in nulls]
        )
    if "tiers" in changes or "min_order_qty" in changes:
        tiers: Sequence[TierLike] = request.tiers or repository.tiers_of(session, [product.id])[product.id]
        _check_tiers(tiers, changes.get("min_order_qty", product.min_order_qty))
    if "category_id" in changes and not repository.category_exists(session, changes["category_id"]):
        raise unknown_category()
    if "status" in changes:
        _check_publishing(session, principal, changes["status"], product.status)
    if "sku" in changes and repository.sku_in_use(
        session, product.wholesaler_id, changes["sku"], other_than=product.id
    ):
        raise sku_taken(changes["sku"])

    new_tiers = changes.pop("tiers", None)
    for name, value in changes.items():
        setattr(product, name, value)
    if request.tiers:
        product.price_at_moq = request.tiers[0].unit_price
    product.low_stock_alerted = product.low_stock_alerted and product.stock_on_hand <= product.low_stock_threshold
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # a concurrent request took the SKU between the check and the flush
        if SKU_CONSTRAINT in str(exc.orig):
            raise sku_taken(str(changes.get("sku"))) from exc
        raise
    if new_tiers is not None:
        repository.replace_tiers(session, product.id, [(t["min_quantity"], t["unit_price"]) for t in new_tiers])
    record_audit(
        session,
        "product.updated",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="product",
        target_id=product.id,
        details={"fields": sorted([*changes, *(["tiers"] if new_tiers is not None else [])])},
    )
    return _present(session, load_product(session, principal, product.id))


def remove_product(
    session: Session, *, principal: Principal, product_id: uuid.UUID, source_ip: str | None
) -> ProductRemoved:
    """Deletes a product that never sold; archives one that did (orders keep pointing at it)."""
    product = load_product(session, principal, product_id, for_update=True)
    outcome = "archived"
    if not repository.has_sales(session, product.id):
        try:
            with session.begin_nested():
                repository.delete_product(session, product.id)
            outcome = "deleted"
        except IntegrityError:  # still referenced (e.g. by an order line): keep it, archived
            outcome = "archived"
    if outcome == "archived":
        product.status = "archived"
        session.flush()
    else:
        session.expunge(product)
    record_audit(
        session,
        f"product.{outcome}",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="product",
        target_id=product_id,
        details={"sku": product.sku},
    )
    return ProductRemoved(id=product_id, outcome=outcome)


def add_image(
    session: Session, *, principal: Principal, product_id: uuid.UUID, request: ImageUploadRequest
) -> ImageUpload:
    """Reserves the next image slot and answers the presigned upload for it."""
    product = load_product(session, principal, product_id, for_update=True)
    if len(product.image_keys) >= MAX_IMAGES:
        raise TooManyImages()
    key = images.new_key(wholesaler_id=product.wholesaler_id, product_id=product.id, content_type=request.content_type)
    upload = images.presign_upload(key=key, content_type=request.content_type, size_bytes=request.size_bytes)
    product.image_keys = [*product.image_keys, key]
    session.flush()
    return ImageUpload(
        key=key,
        position=len(product.image_keys) - 1,
        url=upload.url,
        fields=upload.fields,
        expires_in=upload.expires_in,
        public_url=public_url(key),
    )


def remove_image(session: Session, *, principal: Principal, product_id: uuid.UUID, position: str) -> ImageList:
    product = load_product(session, principal, product_id, for_update=True)
    keys = list(product.image_keys)
    if not position.isdigit() or int(position) >= len(keys):
        raise ImageNotFound()
    del keys[int(position)]
    product.image_keys = keys
    session.flush()
    return ImageList(images=images_out(keys))


def reorder_images(session: Session, *, principal: Principal, product_id: uuid.UUID, keys: list[str]) -> ImageList:
    product = load_product(session, principal, product_id, for_update=True)
    if sorted(keys) != sorted(product.image_keys) or len(set(keys)) != len(keys):
        raise ValidationFailed(
            details=[field_error("keys", "not_a_reordering", "Send exactly the product's image keys, each once.")]
        )
    product.image_keys = list(keys)
    session.flush()
    return ImageList(images=images_out(keys))
