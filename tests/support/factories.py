"""Rows built directly with the ORM, for tests that need many of them quickly.

`signed_in(...)` opens a real session row and issues a real access token for it, skipping
only the password hash check of a sign-in (argon2 is deliberately slow).

Subscription gating is on in every test run (tests/conftest.py), so a business made here
starts in good standing: an `active` subscription on a plan of its audience without limits
(a wholesaler's plan includes payment on delivery and sales reports). Pass
`subscription=None` (or another status) to choose; `subscribe(...)` gives one to a business
registered through the API. Tests of the gating itself (the `enforced_billing` fixture)
switch the default off with `DEFAULT_SUBSCRIPTION`, and give each business what they test.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, User
from chalicelib.billing.models import LIVE_STATUSES, Plan, Subscription
from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.core.clock import utcnow
from chalicelib.core.security import issue_access_token

_seq = itertools.count(1)

DEFAULT_SUBSCRIPTION: str | None = "active"
"""The subscription status a new business gets unless the caller says; None is none at all."""
_DEFAULT = object()
PAYER_PHONE = "+254712345670"


@dataclass
class Actor:
    business: Business
    user: User
    token: str


def make_business(
    session: Session,
    kind: str,
    *,
    verified: bool = True,
    region: str = "Nairobi",
    subscription: str | object | None = _DEFAULT,
) -> Business:
    """A business; with a subscription of status `subscription` (default `DEFAULT_SUBSCRIPTION`)."""
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
    status = DEFAULT_SUBSCRIPTION if subscription is _DEFAULT else subscription
    if status is not None:
        assert isinstance(status, str)
        subscribe(session, business.id, status=status)
    return business


def make_plan(session: Session, code: str, audience: str = "wholesaler", **fields: Any) -> Plan:
    """A plan on offer: 1000.00 a month, no trial and no limits unless `fields` say."""
    now = utcnow()
    values: dict[str, Any] = {
        "name": code.title(),
        "price_monthly": Decimal("1000.00"),
        "price_yearly": Decimal("10000.00"),
        "trial_days": 0,
        **fields,
    }
    plan = Plan(
        id=uuid.uuid4(), code=code, audience=audience, status="active", created_at=now, updated_at=now, **values
    )
    session.add(plan)
    session.flush()
    return plan


def _unlimited_plan(session: Session, audience: str) -> Plan:
    """One plan per audience and session: no limits; a wholesaler's has every feature."""
    plans: dict[str, Plan] = session.info.setdefault("unlimited_test_plans", {})
    if audience not in plans:
        features = {"pay_on_delivery": True, "sales_reports": True} if audience == "wholesaler" else {}
        plans[audience] = make_plan(session, f"test-{audience}-{uuid.uuid4().hex[:8]}", audience, **features)
    return plans[audience]


def subscribe(
    session: Session, business_id: uuid.UUID, *, plan: Plan | None = None, status: str = "active", **limits: Any
) -> Subscription:
    """A monthly subscription of `status` written directly, replacing (as `expired`) the live
    one the business may already have. Without `plan`, an unlimited plan of the business's
    audience; with `limits` (e.g. `max_staff_users=0`, `pay_on_delivery=False`), a plan of
    its own with those."""
    business = session.get(Business, business_id)
    assert business is not None
    if plan is None:
        plan = (
            make_plan(session, f"test-{uuid.uuid4().hex[:8]}", business.kind, **limits)
            if limits
            else _unlimited_plan(session, business.kind)
        )
    now = utcnow()
    for live in session.scalars(
        select(Subscription).where(Subscription.business_id == business_id, Subscription.status.in_(LIVE_STATUSES))
    ):
        live.status, live.ended_at = "expired", now
    session.flush()
    subscription = Subscription(
        id=uuid.uuid4(), business_id=business_id, plan_id=plan.id, interval="month", status=status,
        current_period_start=now, current_period_end=now + timedelta(days=30), anchor_day=now.day,
        cancel_at_period_end=False, provider="sandbox", payer_phone=PAYER_PHONE, failed_attempts=0, created_at=now,
        updated_at=now,
    )  # fmt: skip
    session.add(subscription)
    session.flush()
    return subscription


def subscribed(session: Session, registration: dict[str, Any]) -> dict[str, Any]:
    """`register(...)`'s answer, its new business given a subscription in good standing (the
    API's registration starts none, and staff seats, selling and buying are gated)."""
    subscribe(session, uuid.UUID(registration["business"]["id"]))
    return registration


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
    subscription: str | object | None = _DEFAULT,
) -> Actor:
    business = make_business(session, kind, verified=verified_business, region=region, subscription=subscription)
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
