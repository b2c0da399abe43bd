"""Catalog error codes (categories and the retailer-side catalog): each a domain error with its status."""

from __future__ import annotations

from chalicelib.core.errors import BusinessRuleViolation, Conflict, NotFound, ValidationFailed, field_error


class CategoryNotFound(NotFound):
    code = "category_not_found"
    message = "No such category."


class CategorySlugTaken(Conflict):
    code = "category_slug_taken"
    message = "Another category already uses this slug."


class CategoryCycle(BusinessRuleViolation):
    code = "category_cycle"
    message = "A category cannot be moved under itself or one of its descendants."


class CategoryHasChildren(Conflict):
    code = "category_has_children"
    message = "Move or delete the sub-categories of this category first."


class CategoryHasProducts(Conflict):
    code = "category_has_products"
    message = "Products are filed under this category; move them to another category first."


class ProductNotFound(NotFound):
    code = "product_not_found"
    message = "No such product in the catalog."


class WholesalerNotFound(NotFound):
    code = "wholesaler_not_found"
    message = "No such wholesaler in the catalog."


def unknown_category(field: str) -> ValidationFailed:
    return ValidationFailed(
        "The category does not exist.",
        details=[field_error(field, "unknown_category", "Choose a category from GET /categories.")],
    )


def invalid_cursor(code: str = "invalid_cursor", message: str = "Start again from the first page.") -> ValidationFailed:
    return ValidationFailed("The cursor is invalid.", details=[field_error("cursor", code, message)])
