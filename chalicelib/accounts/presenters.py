"""Models to response schemas."""

from __future__ import annotations

from chalicelib.accounts.models import Business, User
from chalicelib.accounts.schemas import AddressOut, BusinessOut, UserOut


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        phone=user.phone,
        role=user.role,
        status=user.status,
        business_id=user.business_id,
        email_verified=user.email_verified_at is not None,
        two_factor_enabled=user.totp_enabled_at is not None,
        created_at=user.created_at,
    )


def business_out(business: Business) -> BusinessOut:
    return BusinessOut(
        id=business.id,
        kind=business.kind,
        name=business.name,
        registration_number=business.registration_number,
        tax_id=business.tax_id,
        phone=business.phone,
        email=business.email,
        address=AddressOut(
            line=business.address_line, city=business.city, region=business.region, country=business.country
        ),
        verification_status=business.verification_status,
        verification_reason=business.verification_reason,
        created_at=business.created_at,
    )


def address_lines(business: Business) -> list[str]:
    """The business as an invoice's address block names it."""
    lines = [
        business.name,
        business.address_line,
        f"{business.city}, {business.region}, {business.country}",
        f"Tel {business.phone} | {business.email}",
        f"Reg. no. {business.registration_number}",
    ]
    if business.tax_id:
        lines.append(f"Tax id {business.tax_id}")
    return lines
