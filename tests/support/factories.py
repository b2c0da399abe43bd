"""Rows built directly with the ORM, for tests that need many of them quickly.

`signed_in(...)` opens a real session row and issues a real access token for it, skipping
only the password hash check of a sign-in (argon2 is deliberately slow).
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, User
from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.core.clock import utcnow
from chalicelib.core.security import issue_access_token

_seq = itertools.count(1)


@dataclass
class Actor:
    business: Business
    user: User
    token: str


def make_business(session: Session, kind: str, *, verified: bool = True, region: str = "Nairobi") -> Business:
    n = next(_seq)
    business = Business(
        id=uuid.uuid4(),
        kind=kind,
        name=f"{kind.title()} {n}",
        registration_number=f"F-{n:06d}-{uuid.uuid4().hex[:6]}",
        tax_id=f"P{n:09d}Z" if kind == "wholesaler" else None,
        phone="+254712345678",
        email=f"{kind}{n}@example.co.ke",
        address_line=f"{n} Kenyatta Avenue",
        city="Nairobi",
        region=region,
        country="KE",
        verification_status=("verified" if verified else "pending") if kind == "wholesaler" else "not_required",
    )
    session.add(business)
    session.flush()
    return business


def make_user(session: Session, business: Business | None, *, role: str = "owner", verified: bool = True) -> User:
    n = next(_seq)
    user = User(
        id=uuid.uuid4(),
        business_id=business.id if business else None,
        role=role,
        status="active",
        email=f"user{n}-{uuid.uuid4().hex[:6]}@example.co.ke",
        full_name=f"Person {n}",
        phone="+254722000111",
        password_hash=None,
        email_verified_at=utcnow() if verified else None,
    )
    session.add(user)
    session.flush()
    return user


def signed_in(session: Session, user: User) -> str:
    now = utcnow()
    auth_session = AuthSession(
        id=uuid.uuid4(), user_id=user.id, created_at=now, last_used_at=now, expires_at=now + timedelta(days=30)
    )
    session.add(auth_session)
    session.flush()
    kind = None
    if user.business_id:
        business = session.get(Business, user.business_id)
        kind = business.kind if business else None
    token, _ = issue_access_token(
        user_id=user.id, session_id=auth_session.id, role=user.role, business_id=user.business_id, business_kind=kind
    )
    return token


def make_actor(
    session: Session,
    kind: str,
    *,
    role: str = "owner",
    verified_email: bool = True,
    verified_business: bool = True,
    region: str = "Nairobi",
) -> Actor:
    business = make_business(session, kind, verified=verified_business, region=region)
    user = make_user(session, business, role=role, verified=verified_email)
    return Actor(business=business, user=user, token=signed_in(session, user))


def staff_of(session: Session, actor: Actor) -> Actor:
    user = make_user(session, actor.business, role="staff")
    return Actor(business=actor.business, user=user, token=signed_in(session, user))


def make_category(session: Session, name: str = "Soft drinks") -> Category:
    n = next(_seq)
    category = Category(
        id=uuid.uuid4(), parent_id=None, name=name, slug=f"{name.lower().replace(' ', '-')}-{n}", position=n
    )
    session.add(category)
    session.flush()
    return category


def make_product(
    session: Session,
    wholesaler: Business,
    *,
    category: Category | None = None,
    name: str | None = None,
    tiers: list[tuple[int, str]] | None = None,
    stock: int = 100,
    min_order_qty: int | None = None,
    order_increment: int = 1,
    status: str = "active",
    low_stock_threshold: int = 0,
    gtin: str | None = None,
) -> Product:
    n = next(_seq)
    tiers = tiers or [(1, "100.00")]
    product = Product(
        id=uuid.uuid4(),
        wholesaler_id=wholesaler.id,
        sku=f"SKU-{n:05d}",
        gtin=gtin,
        name=name or f"Product {n}",
        brand="Brand",
        category_id=(category or make_category(session)).id,
        description="",
        unit_of_sale="carton of 24",
        pack_size=24,
        min_order_qty=min_order_qty or tiers[0][0],
        order_increment=order_increment,
        price_at_moq=Decimal(tiers[0][1]),
        low_stock_threshold=low_stock_threshold,
        lead_time_days=2,
        status=status,
        attributes={},
        image_keys=[],
        stock_on_hand=stock,
    )
    session.add(product)
    session.flush()
    session.add_all(PriceTier(product_id=product.id, min_quantity=q, unit_price=Decimal(p)) for q, p in tiers)
    session.flush()
    return product
