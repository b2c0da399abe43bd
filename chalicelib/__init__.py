"""The library every Lambda imports: one package per domain, depending one way.

    core <- accounts <- payments <- billing <- catalog <- inventory <- orders <- notifications <- system

A package imports only packages to its left (`PACKAGE_ORDER`); `core` imports no domain.
Why this order: accounts (businesses, users) is what everything belongs to; payments moves
money for whoever asks and knows nothing of what it pays for; billing charges
subscriptions through payments and decides good standing and plan limits; the catalog
shows what verified wholesalers in good standing sell and owns the product records;
inventory is what a wholesaler does with its products (editing, the stock movements ledger
and its models, CSV, image uploads) on top of those records; orders
buy from the catalog, reserve inventory, pay through payments and are gated by billing;
notifications tell people about every package's events; system describes the whole API.

Where a lower package needs a higher one to act, it declares a port (`core.ports.Port`,
or the payment purposes of `payments.handlers`) or records an outbox event; the top-level
composition modules connect them: `wiring` (the ports), `blueprints` (which Lambda serves
which routes) and `all_models` (every table, for Alembic). `tests/unit/test_package_graph.py`
keeps it so.
"""

PACKAGE_ORDER = (
    "core",
    "accounts",
    "payments",
    "billing",
    "catalog",
    "inventory",
    "orders",
    "notifications",
    "system",
)
COMPOSITION_MODULES = ("all_models", "blueprints", "wiring")
