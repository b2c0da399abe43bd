"""Inventory error codes: each a domain error with its status."""

from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BusinessRuleViolation, Conflict, NotFound, ValidationFailed, field_error


class ProductNotFound(NotFound):
    code = "product_not_found"
    message = "No such product in your catalog."


class ImageNotFound(NotFound):
    code = "image_not_found"
    message = "The product has no image at this position."


class SkuTaken(Conflict):
    code = "sku_taken"
    message = "Another of your products already uses this SKU."


class InsufficientStock(Conflict):
    code = "insufficient_stock"
    message = "Not enough stock: stock on hand can never go below zero."


class StockLimitExceeded(Conflict):
    code = "stock_limit_exceeded"
    message = "Stock on hand cannot exceed 1,000,000,000 units."


class EmailNotVerified(BusinessRuleViolation):
    code = "email_not_verified"
    message = "Verify your e-mail address before you publish products."


class TooManyImages(BusinessRuleViolation):
    code = "too_many_images"
    message = "A product has at most 10 images."


def unknown_category(field: str = "category_id") -> ValidationFailed:
    return ValidationFailed(
        "The category does not exist.",
        code="unknown_category",
        details=[field_error(field, "unknown_category", "Choose one of the categories of GET /categories.")],
    )


def sku_taken(sku: str) -> SkuTaken:
    return SkuTaken(details=[field_error("sku", "sku_taken", f"SKU {sku!r} is already in use in your catalog.")])


def insufficient_stock(*, stock_on_hand: int, delta: int, extra: dict[str, Any] | None = None) -> InsufficientStock:
    return InsufficientStock(
        f"Only {stock_on_hand} in stock: removing {-delta} would take stock below zero.",
        details=[field_error("delta", "insufficient_stock", f"At most {stock_on_hand} can be removed.")],
        extra={"stock_on_hand": stock_on_hand, **(extra or {})},
    )
