"""Signed-in actors for the catalog tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from tests.support.factories import Actor, make_actor, make_business, make_user, signed_in


@pytest.fixture
def retailer(db: Session) -> Actor:
    return make_actor(db, "retailer")


@pytest.fixture
def wholesaler(db: Session) -> Business:
    return make_business(db, "wholesaler", verified=True)


@pytest.fixture
def admin_token(db: Session) -> str:
    return signed_in(db, make_user(db, None, role="admin"))
