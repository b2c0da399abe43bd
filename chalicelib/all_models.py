"""Imports every model module so that `Base.metadata` knows every table (Alembic, tests)."""

from chalicelib.accounts import models as accounts_models
from chalicelib.billing import models as billing_models
from chalicelib.catalog import models as catalog_models
from chalicelib.core import audit, outbox
from chalicelib.core.db import Base
from chalicelib.inventory import models as inventory_models
from chalicelib.notifications import models as notifications_models
from chalicelib.orders import models as orders_models
from chalicelib.payments import models as payments_models

__all__ = [
    "Base",
    "accounts_models",
    "audit",
    "billing_models",
    "catalog_models",
    "inventory_models",
    "notifications_models",
    "orders_models",
    "outbox",
    "payments_models",
]
