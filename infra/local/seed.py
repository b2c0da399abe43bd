"""Demo data for the local stack, seeded once (detected by the demo admin's e-mail).

`seed_demo` runs inside the caller's transaction and never commits. Later domains add
their own steps (categories, products, plans) after `seed_accounts`, using the
`DemoAccounts` it returns.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.models import Business, Consent, User
from chalicelib.core.clock import utcnow
from chalicelib.core.security import hash_password
from chalicelib.core.settings import get_settings
from infra.local.demo_catalog import seed_demo_trade, seed_reference_data

DEMO_PASSWORD = "Demo-Market-2026!"
DEMO_ADMIN_EMAIL = "admin@demo.soko.test"
DEMO_RETAILER_EMAIL = "retailer@demo.soko.test"
DEMO_WHOLESALER_EMAIL = "wholesaler@demo.soko.test"


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    description: str


DEMO_SIGN_INS = (
    DemoSignIn(DEMO_ADMIN_EMAIL, "platform admin (Amina Achieng)"),
    DemoSignIn(DEMO_RETAILER_EMAIL, "retailer owner, Mama Njeri Mini Mart, Nairobi"),
    DemoSignIn(DEMO_WHOLESALER_EMAIL, "wholesaler owner, Pwani Wholesale Distributors Ltd (verified), Mombasa"),
)


@dataclass(frozen=True)
class DemoAccounts:
    admin: User
    retailer: Business
    retailer_owner: User
    wholesaler: Business
    wholesaler_owner: User


def seed_demo(session: Session) -> bool:
    """Categories and plans (upserted every time), then the demo accounts and their trade
    unless they are there already; True when the demo accounts were added."""
    seed_reference_data(session)
    if repository.email_exists(session, DEMO_ADMIN_EMAIL):
        return False
    accounts = seed_accounts(session)
    session.flush()
    seed_demo_trade(session, retailer_id=accounts.retailer.id, wholesaler_id=accounts.wholesaler.id)
    session.flush()
    return True


def seed_accounts(session: Session) -> DemoAccounts:
    """A platform admin, a retailer and a verified wholesaler, each owner e-mail-verified."""
    now = utcnow()
    password_hash = hash_password(DEMO_PASSWORD)

    def user(*, email: str, full_name: str, phone: str, role: str, business_id: uuid.UUID | None) -> User:
        return User(
            id=uuid.uuid4(),
            business_id=business_id,
            role=role,
            status="active",
            email=email,
            full_name=full_name,
            phone=phone,
            password_hash=password_hash,
            email_verified_at=now,
            password_changed_at=now,
        )

    admin = user(
        email=DEMO_ADMIN_EMAIL, full_name="Amina Achieng", phone="+254700123456", role="admin", business_id=None
    )
    retailer = Business(
        id=uuid.uuid4(),
        kind="retailer",
        name="Mama Njeri Mini Mart",
        registration_number="BN-6XJ3K8RT",
        tax_id=None,
        phone="+254722456789",
        email="shop@demo.soko.test",
        address_line="Shop 4, Kawangware Market, Naivasha Road",
        city="Nairobi",
        region="Nairobi County",
        country="KE",
        verification_status="not_required",
    )
    wholesaler = Business(
        id=uuid.uuid4(),
        kind="wholesaler",
        name="Pwani Wholesale Distributors Ltd",
        registration_number="PVT-Y7UZ9KQ2",
        tax_id="P051234567X",
        phone="+254733987654",
        email="orders@demo.soko.test",
        address_line="Plot 112, Makupa Road, Kongowea",
        city="Mombasa",
        region="Mombasa County",
        country="KE",
        verification_status="verified",
        verified_at=now,
        verified_by=admin.id,
    )
    session.add_all([admin, retailer, wholesaler])
    session.flush()

    retailer_owner = user(
        email=DEMO_RETAILER_EMAIL,
        full_name="Njeri Wambui",
        phone="+254711234567",
        role="owner",
        business_id=retailer.id,
    )
    wholesaler_owner = user(
        email=DEMO_WHOLESALER_EMAIL,
        full_name="Hassan Omar",
        phone="+254720654321",
        role="owner",
        business_id=wholesaler.id,
    )
    session.add_all([retailer_owner, wholesaler_owner])
    session.flush()

    settings = get_settings()
    for owner in (retailer_owner, wholesaler_owner):
        session.add_all(
            [
                Consent(id=uuid.uuid4(), user_id=owner.id, document="terms", version=settings.terms_version),
                Consent(id=uuid.uuid4(), user_id=owner.id, document="privacy", version=settings.privacy_version),
            ]
        )
    return DemoAccounts(
        admin=admin,
        retailer=retailer,
        retailer_owner=retailer_owner,
        wholesaler=wholesaler,
        wholesaler_owner=wholesaler_owner,
    )
