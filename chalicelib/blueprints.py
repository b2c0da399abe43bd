"""Every blueprint of the API, grouped by the production Lambda that serves it.

`functions/<name>.py` serves `blueprints_of(name)`; `app.py` serves `all_blueprints()`.
Blueprints are named as "module:attribute" and imported on demand, so a Lambda imports
only its own route modules (and their dependencies), not the whole API.
"""

from __future__ import annotations

from importlib import import_module

from chalice.app import Blueprint

FUNCTION_BLUEPRINTS: dict[str, tuple[str, ...]] = {
    "auth": (
        "chalicelib.accounts.routes:auth_bp",
        "chalicelib.accounts.routes:me_bp",
        "chalicelib.accounts.business_routes:business_bp",
        "chalicelib.accounts.verification_routes:verification_documents_bp",
    ),
    "admin": (
        "chalicelib.accounts.business_routes:admin_bp",
        "chalicelib.accounts.admin_routes:admin_accounts_bp",
        "chalicelib.catalog.routes:admin_categories_bp",
        "chalicelib.billing.routes:admin_plans_bp",
        "chalicelib.payments.routes:admin_payments_bp",
    ),
    "catalog": (
        "chalicelib.catalog.routes:catalog_bp",
        "chalicelib.catalog.routes:categories_bp",
        "chalicelib.inventory.routes:inventory_bp",
    ),
    "account": (
        "chalicelib.notifications.routes:notifications_bp",
        "chalicelib.billing.routes:plans_bp",
        "chalicelib.billing.routes:subscription_bp",
    ),
    "checkout": (
        "chalicelib.orders.routes:cart_bp",
        "chalicelib.orders.routes:orders_bp",
        "chalicelib.orders.routes:delivery_bp",
        "chalicelib.payments.routes:payments_bp",
        "chalicelib.payments.routes:settlements_bp",
    ),
    "payment_webhooks": ("chalicelib.payments.webhook_routes:webhooks_bp",),
    "system": ("chalicelib.system.routes:system_bp",),
}

SETTLES_PAYMENTS = frozenset({"admin", "account", "checkout", "payment_webhooks"})
"""The Lambdas whose routes settle, send or show payments: they wire the packages that act
on a payment's outcome (`chalicelib.wiring`)."""


def _load(reference: str) -> Blueprint:
    module, _, attribute = reference.partition(":")
    blueprint: Blueprint = getattr(import_module(module), attribute)
    return blueprint


def blueprints_of(function: str) -> list[Blueprint]:
    return [_load(reference) for reference in FUNCTION_BLUEPRINTS[function]]


def all_blueprints() -> list[Blueprint]:
    return [blueprint for function in FUNCTION_BLUEPRINTS for blueprint in blueprints_of(function)]
