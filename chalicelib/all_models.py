"""Imports every model module so that `Base.metadata` knows every table (Alembic, tests)."""

from chalicelib.accounts import models as accounts_models
from chalicelib.core import audit, outbox
from chalicelib.core.db import Base

__all__ = ["Base", "accounts_models", "audit", "outbox"]
