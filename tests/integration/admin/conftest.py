"""The people an admin route is tried as: platform staff and each kind of business user."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from tests.support.factories import Actor, make_actor, make_user, signed_in, staff_of


@dataclass(frozen=True)
class Staff:
    user: User
    token: str


def platform_user(db: Session, role: str) -> Staff:
    user = make_user(db, None, role=role)
    return Staff(user=user, token=signed_in(db, user))


@pytest.fixture
def admin(db: Session) -> Staff:
    return platform_user(db, "admin")


@pytest.fixture
def support(db: Session) -> Staff:
    return platform_user(db, "support")


@pytest.fixture
def wholesaler(db: Session) -> Actor:
    return make_actor(db, "wholesaler")


@pytest.fixture
def retailer(db: Session) -> Actor:
    return make_actor(db, "retailer")


@pytest.fixture
def business_tokens(db: Session, wholesaler: Actor, retailer: Actor) -> dict[str, str]:
    """One token per business role and kind: none of them may use an admin route."""
    return {
        "retailer owner": retailer.token,
        "retailer staff": staff_of(db, retailer).token,
        "wholesaler owner": wholesaler.token,
        "wholesaler staff": staff_of(db, wholesaler).token,
    }
