"""Cart, checkout and order error codes."""

from __future__ import annotations

from chalicelib.core.errors import BusinessRuleViolation, Conflict, NotFound


class ProductNotFound(NotFound):
    code = "product_not_found"
    message = "This product is not available."


class CartItemNotFound(NotFound):
    code = "cart_item_not_found"
    message = "No such item in your cart."


class OrderNotFound(NotFound):
    code = "order_not_found"
    message = "No such order."


class WholesalerNotInCart(NotFound):
    code = "wholesaler_not_in_cart"
    message = "Your cart has nothing from this wholesaler."


class CartEmpty(BusinessRuleViolation):
    code = "cart_empty"
    message = "Your cart is empty."


class CartChanged(Conflict):
    code = "cart_changed"
    message = "Your cart changed since you last saw it. Check it and try again."


class CartHasUnavailableItems(BusinessRuleViolation):
    code = "cart_has_unavailable_items"
    message = "Some items in your cart are no longer available. Remove them and try again."


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    message = "This Idempotency-Key was already used for a different checkout."


class PayOnDeliveryUnavailable(BusinessRuleViolation):
    code = "pay_on_delivery_unavailable"
    message = "Payment on delivery is not available for every wholesaler in your cart at this value."


class DeliveryOptionUnavailable(BusinessRuleViolation):
    code = "delivery_option_unavailable"
    message = "This wholesaler does not offer that delivery option."


class RegionNotServed(BusinessRuleViolation):
    code = "region_not_served"
    message = "This wholesaler does not deliver to that region."


class EmailNotVerified(BusinessRuleViolation):
    code = "email_not_verified"
    message = "Verify your e-mail address before checking out."


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = "The order cannot move to that status from its current one."


class CollectionNotAllowed(BusinessRuleViolation):
    code = "collection_not_allowed"
    message = "A collection cannot be recorded for this order."
