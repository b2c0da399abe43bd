"""A business's staff: the owner lists, invites and deactivates them; an invited person
accepts with the e-mailed token (and sets a password). A plan may limit the staff: billing
says so through the `seats` port."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.accounts import repository, seats
from chalicelib.accounts.errors import CannotDeactivateOwner, EmailTaken, UserNotFound
from chalicelib.accounts.models import User
from chalicelib.accounts.passwords import validated_password
from chalicelib.accounts.presenters import user_out
from chalicelib.accounts.schemas import AcceptInvitationRequest, InviteStaffRequest, SignedIn, UserOut
from chalicelib.accounts.service import current_user, flush_or_conflict, my_business
from chalicelib.accounts.sign_in import Client, start_session
from chalicelib.accounts.tokens import announce_token, issue_token, redeem_token
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal
from chalicelib.core.security import hash_password
from chalicelib.core.settings import get_settings


def list_staff(session: Session, *, principal: Principal) -> list[UserOut]:
    return [user_out(user) for user in repository.list_business_users(session, principal.require_business_id())]


def invite_staff(
    session: Session, *, principal: Principal, request: InviteStaffRequest, source_ip: str | None
) -> UserOut:
    business = my_business(session, principal)
    if repository.email_exists(session, request.email):
        raise EmailTaken()
    seats.check_staff_seat(session, business.id)
    inviter = current_user(session, principal)
    user = User(
        id=uuid.uuid4(),
        business_id=business.id,
        role="staff",
        status="invited",
        email=request.email,
        full_name=request.full_name,
    )
    session.add(user)
    flush_or_conflict(session)
    token = issue_token(session, user, purpose="invitation", ttl=timedelta(days=get_settings().invitation_ttl_days))
    announce_token(
        session,
        "StaffInvited",
        user,
        token,
        business_id=str(business.id),
        business_name=business.name,
        invited_by_name=inviter.full_name,
    )
    record_audit(
        session,
        "business.staff_invited",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
    return user_out(user)


def accept_invitation(session: Session, *, request: AcceptInvitationRequest, client: Client) -> SignedIn:
    user = redeem_token(session, request.token, purpose="invitation")
    user.password_hash = hash_password(validated_password(request.password, user.email))
    user.password_changed_at = utcnow()
    user.status = "active"
    user.email_verified_at = user.email_verified_at or utcnow()
    if request.full_name:
        user.full_name = request.full_name
    if request.phone:
        user.phone = request.phone
    record_audit(
        session,
        "business.invitation_accepted",
        actor_user_id=user.id,
        source_ip=client.source_ip,
        target_type="user",
        target_id=user.id,
    )
    return start_session(session, user, client)


def deactivate_staff(session: Session, *, principal: Principal, user_id: uuid.UUID, source_ip: str | None) -> None:
    user = repository.get_business_user(session, principal.require_business_id(), user_id)
    if user is None:
        raise UserNotFound()
    if user.role == "owner":
        raise CannotDeactivateOwner()
    if user.status == "deactivated":
        return
    now = utcnow()
    user.status = "deactivated"
    repository.retire_tokens(session, user.id, "invitation", now)
    repository.revoke_sessions(session, user.id, reason="user_deactivated", now=now)
    record_audit(
        session,
        "business.staff_deactivated",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
