"""Accounts: registration, e-mail verification, profiles, staff and wholesaler verification.

Services take the session first, never commit, and raise domain errors.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.errors import (
    AlreadyVerified,
    BusinessNotFound,
    EmailTaken,
    NotAWholesaler,
    RegistrationNumberTaken,
    VerificationUnchanged,
)
from chalicelib.accounts.models import Business, Consent, User
from chalicelib.accounts.passwords import validated_password
from chalicelib.accounts.presenters import business_out, user_out
from chalicelib.accounts.schemas import (
    BusinessOut,
    RegisterRequest,
    RegisterResponse,
    UpdateBusinessRequest,
    UpdateMeRequest,
    UserOut,
    VerificationDecision,
)
from chalicelib.accounts.sign_in import Client, start_session
from chalicelib.accounts.tokens import announce_token, issue_token, redeem_token
from chalicelib.accounts.verification_history import record_verification_change
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.outbox import record_event
from chalicelib.core.principal import Principal
from chalicelib.core.security import hash_password
from chalicelib.core.settings import get_settings

LEGAL_IDENTITY = {"name": "legal name", "tax_id": "tax id"}
"""What a wholesaler is verified as, in words (the registration number cannot be changed)."""


def flush_or_conflict(session: Session, *, email_field: str = "email") -> None:
    """Unique constraints are the final word when two registrations race."""
    try:
        session.flush()
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", "") or ""
        if constraint == "uq_users_email":
            raise EmailTaken(email_field) from exc
        if constraint == "uq_businesses_kind_registration_number":
            raise RegistrationNumberTaken() from exc
        raise


def register(session: Session, *, request: RegisterRequest, client: Client) -> RegisterResponse:
    data, owner_data = request.business, request.owner
    if repository.email_exists(session, owner_data.email):
        raise EmailTaken("owner.email")
    if repository.registration_number_exists(session, data.kind, data.registration_number):
        raise RegistrationNumberTaken()
    business = Business(
        id=uuid.uuid4(),
        kind=data.kind,
        name=data.name,
        registration_number=data.registration_number,
        tax_id=data.tax_id,
        phone=data.phone,
        email=data.email,
        address_line=data.address.line,
        city=data.address.city,
        region=data.address.region,
        country=data.address.country,
        verification_status="pending" if data.kind == "wholesaler" else "not_required",
    )
    session.add(business)
    flush_or_conflict(session)
    owner = User(
        id=uuid.uuid4(),
        business_id=business.id,
        role="owner",
        status="active",
        email=owner_data.email,
        full_name=owner_data.full_name,
        phone=owner_data.phone,
        password_hash=hash_password(owner_data.password),
        password_changed_at=utcnow(),
    )
    session.add(owner)
    flush_or_conflict(session, email_field="owner.email")
    if business.kind == "wholesaler":
        record_verification_change(session, business, previous_status=None, actor_user_id=owner.id, reason=None)
    for document, version in (("terms", request.accepted_terms_version), ("privacy", request.accepted_privacy_version)):
        session.add(
            Consent(id=uuid.uuid4(), user_id=owner.id, document=document, version=version, source_ip=client.source_ip)
        )
    _send_verification(session, owner)
    record_event(
        session,
        "BusinessRegistered",
        aggregate_type="business",
        aggregate_id=business.id,
        payload={
            "business_id": str(business.id),
            "kind": business.kind,
            "name": business.name,
            "owner_user_id": str(owner.id),
        },
    )
    record_audit(
        session,
        "auth.registered",
        actor_user_id=owner.id,
        source_ip=client.source_ip,
        target_type="business",
        target_id=business.id,
        details={"kind": business.kind},
    )
    signed_in = start_session(session, owner, client)
    next_step = "Open the link we e-mailed to " + owner.email + " to verify your address."
    if business.kind == "wholesaler":
        next_step += " Our team will verify your business before retailers can see your products."
    return RegisterResponse(**signed_in.model_dump(), next_step=next_step)


def _send_verification(session: Session, user: User) -> None:
    ttl = timedelta(hours=get_settings().email_token_ttl_hours)
    token = issue_token(session, user, purpose="verify_email", ttl=ttl)
    announce_token(session, "EmailVerificationRequested", user, token)


def verify_email(session: Session, *, token: str, source_ip: str | None) -> UserOut:
    user = redeem_token(session, token, purpose="verify_email")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    record_audit(
        session,
        "auth.email_verified",
        actor_user_id=user.id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
    return user_out(user)


def resend_verification(session: Session, *, principal: Principal) -> None:
    user = current_user(session, principal, for_update=True)
    if user.email_verified_at is not None:
        raise AlreadyVerified()
    _send_verification(session, user)


def current_user(session: Session, principal: Principal, *, for_update: bool = False) -> User:
    user = repository.get_user(session, principal.user_id, for_update=for_update)
    if user is None:
        raise InvariantBroken("the principal loader only admits existing users")
    return user


def get_me(session: Session, *, principal: Principal) -> UserOut:
    return user_out(current_user(session, principal))


def update_me(session: Session, *, principal: Principal, request: UpdateMeRequest) -> UserOut:
    user = current_user(session, principal, for_update=True)
    changes = request.model_dump(exclude_unset=True, exclude_none=True)
    for field, value in changes.items():
        setattr(user, field, value)
    return user_out(user)


def my_business(session: Session, principal: Principal, *, for_update: bool = False) -> Business:
    business = repository.get_business(session, principal.require_business_id(), for_update=for_update)
    if business is None:
        raise BusinessNotFound()
    return business


def get_business(session: Session, *, principal: Principal) -> BusinessOut:
    return business_out(my_business(session, principal))


def update_business(
    session: Session, *, principal: Principal, request: UpdateBusinessRequest, source_ip: str | None
) -> BusinessOut:
    business = my_business(session, principal, for_update=True)
    changes: dict[str, Any] = request.model_dump(exclude_unset=True, exclude_none=True, exclude={"address"})
    if request.address is not None:
        changes.update(
            address_line=request.address.line,
            city=request.address.city,
            region=request.address.region,
            country=request.address.country,
        )
    if not changes:
        return business_out(business)
    identity_changed = [
        field for field in LEGAL_IDENTITY if field in changes and changes[field] != getattr(business, field)
    ]
    previous_name = business.name
    for field, value in changes.items():
        setattr(business, field, value)
    business.updated_at = utcnow()
    record_audit(
        session,
        "business.updated",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=business.id,
        details={"fields": sorted(changes)},
    )
    if identity_changed and business.kind == "wholesaler" and business.verification_status == "verified":
        _verify_again(
            session,
            business,
            changed=identity_changed,
            previous_name=previous_name,
            principal=principal,
            source_ip=source_ip,
        )
    return business_out(business)


def _verify_again(
    session: Session,
    business: Business,
    *,
    changed: list[str],
    previous_name: str,
    principal: Principal,
    source_ip: str | None,
) -> None:
    """A verified wholesaler whose legal identity changed is pending review again: its products
    leave search at once (the catalog listings follow `verification_status` in the database),
    its team is told why and the platform admins are asked to verify it again."""
    what = " and ".join(LEGAL_IDENTITY[field] for field in changed)
    reason = f"The {what} changed; our team will verify the business again."
    business.verification_status = "pending"
    business.verification_reason = reason
    business.verified_at = None
    business.verified_by = None
    record_verification_change(
        session, business, previous_status="verified", actor_user_id=principal.user_id, reason=reason
    )
    record_audit(
        session,
        "business.reverification_requested",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=business.id,
        details={"fields": changed},
    )
    record_event(
        session,
        "WholesalerVerificationChanged",
        aggregate_type="business",
        aggregate_id=business.id,
        payload={"business_id": str(business.id), "status": "pending", "reason": reason},
    )
    record_event(
        session,
        "WholesalerReverificationRequested",
        aggregate_type="business",
        aggregate_id=business.id,
        payload={
            "business_id": str(business.id),
            "business_name": business.name,
            "previous_name": previous_name,
            "changed_fields": changed,
        },
    )


def decide_verification(
    session: Session,
    *,
    principal: Principal,
    business_id: uuid.UUID,
    decision: VerificationDecision,
    source_ip: str | None,
    user_agent: str | None = None,
) -> BusinessOut:
    """Verifies or rejects a wholesaler (a rejection says why), and keeps the decision in the
    business's verification history."""
    business = repository.get_business(session, business_id, for_update=True)
    if business is None:
        raise BusinessNotFound()
    if business.kind != "wholesaler":
        raise NotAWholesaler()
    if business.verification_status == decision.status:
        raise VerificationUnchanged()
    now = utcnow()
    previous_status = business.verification_status
    business.verification_status = decision.status
    business.verification_reason = decision.reason
    business.verified_at = now if decision.status == "verified" else None
    business.verified_by = principal.user_id
    business.updated_at = now
    record_verification_change(
        session, business, previous_status=previous_status, actor_user_id=principal.user_id, reason=decision.reason
    )
    record_audit(
        session,
        f"admin.business_{decision.status}",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        user_agent=user_agent,
        target_type="business",
        target_id=business.id,
        details={"reason": decision.reason},
    )
    record_event(
        session,
        "WholesalerVerificationChanged",
        aggregate_type="business",
        aggregate_id=business.id,
        payload={"business_id": str(business.id), "status": decision.status, "reason": decision.reason},
    )
    return business_out(business)


def create_platform_user(session: Session, *, email: str, full_name: str, password: str, role: str = "admin") -> User:
    """Admins and support staff, created by the operator CLI (never through the API)."""
    if role not in ("admin", "support"):
        raise ValueError("role must be admin or support")
    if repository.email_exists(session, email):
        raise EmailTaken()
    user = User(
        id=uuid.uuid4(),
        business_id=None,
        role=role,
        status="active",
        email=email,
        full_name=full_name,
        password_hash=hash_password(validated_password(password, email)),
        email_verified_at=utcnow(),
        password_changed_at=utcnow(),
    )
    session.add(user)
    flush_or_conflict(session)
    return user
