"""What platform staff do with people and businesses: find them, look at them as support
would, and suspend, reactivate or reset their two-factor sign-in.

Reads are for admins and support; every write is an admin's, audited with the actor, the
source IP, the user agent and the reason given.

A suspended business is an admin flag on the business (`businesses.suspended_at`), not the
billing package's suspension of a subscription: billing lifts its own suspension when a
payment arrives, while an admin's suspension holds until an admin lifts it. The flag is
checked where every request starts (`principals.load_principal` admits no user of a suspended
business) and at sign-in (`business_suspended`), and suspending ends the sign-ins of all the
business's people at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chalicelib.accounts import admin_repository, repository
from chalicelib.accounts.admin_presenters import (
    admin_business_out,
    admin_user_row_out,
    audit_entry_out,
    document_out,
    verification_event_out,
)
from chalicelib.accounts.admin_schemas import (
    AdminBusinessDetail,
    AdminBusinessListQuery,
    AdminBusinessOut,
    AdminBusinessPage,
    AdminUserDetail,
    AdminUserOut,
    AdminUserPage,
    AuditPage,
    AuditQuery,
    BusinessCounts,
)
from chalicelib.accounts.errors import (
    BusinessAlreadySuspended,
    BusinessNotFound,
    BusinessNotSuspended,
    CannotSuspendSelf,
    TwoFactorNotEnabled,
    UserAlreadySuspended,
    UserNotActive,
    UserNotFound,
    UserNotSuspended,
)
from chalicelib.accounts.models import Business, User
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.outbox import record_event
from chalicelib.core.pagination import after_created, created_cursor
from chalicelib.core.principal import Principal

RECENT_AUDIT_ENTRIES = 20


@dataclass(frozen=True)
class StaffAction:
    """Who acts, from where, and why: what every admin write records."""

    principal: Principal
    reason: str
    source_ip: str | None
    user_agent: str | None

    def audit(self, session: Session, action: str, *, target_type: str, target_id: uuid.UUID) -> None:
        record_audit(
            session,
            action,
            actor_user_id=self.principal.user_id,
            source_ip=self.source_ip,
            user_agent=self.user_agent,
            target_type=target_type,
            target_id=target_id,
            details={"reason": self.reason},
        )


# --- users ---------------------------------------------------------------------------


def list_users(
    session: Session,
    *,
    q: str | None,
    role: str | None,
    status: str | None,
    business_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> AdminUserPage:
    rows = admin_repository.search_users(
        session,
        q=(q or "").strip() or None,
        role=role,
        status=status,
        business_id=business_id,
        after=after_created(cursor),
        limit=limit + 1,
    )
    page = rows[:limit]
    next_cursor = created_cursor(page[-1][0]) if len(rows) > limit else None
    return AdminUserPage(items=[admin_user_row_out(row) for row in page], next_cursor=next_cursor)


def get_user(session: Session, *, user_id: uuid.UUID) -> AdminUserDetail:
    row = admin_repository.user_with_business(session, user_id)
    if row is None:
        raise UserNotFound("No such user.")
    return AdminUserDetail(
        user=admin_user_row_out(row),
        active_sessions=admin_repository.count_live_sessions(session, user_id, utcnow()),
        recent_audit=[
            audit_entry_out(entry)
            for entry in admin_repository.audit_about_user(session, user_id, limit=RECENT_AUDIT_ENTRIES)
        ],
    )


def _locked_user(session: Session, user_id: uuid.UUID) -> User:
    user = repository.get_user(session, user_id, for_update=True)
    if user is None:
        raise UserNotFound("No such user.")
    return user


def _user_out(session: Session, user: User) -> AdminUserOut:
    session.flush()
    row = admin_repository.user_with_business(session, user.id)
    if row is None:
        raise UserNotFound("No such user.")
    return admin_user_row_out(row)


def suspend_user(session: Session, *, user_id: uuid.UUID, action: StaffAction) -> AdminUserOut:
    """The user can no longer sign in (`account_suspended`) and every sign-in they have ends now."""
    if user_id == action.principal.user_id:
        raise CannotSuspendSelf()
    user = _locked_user(session, user_id)
    if user.status == "suspended":
        raise UserAlreadySuspended()
    if user.status != "active":
        raise UserNotActive()
    user.status = "suspended"
    ended = repository.revoke_sessions(session, user.id, reason="suspended", now=utcnow())
    record_audit(
        session,
        "admin.user_suspended",
        actor_user_id=action.principal.user_id,
        source_ip=action.source_ip,
        user_agent=action.user_agent,
        target_type="user",
        target_id=user.id,
        details={"reason": action.reason, "sessions_ended": ended},
    )
    return _user_out(session, user)


def reactivate_user(session: Session, *, user_id: uuid.UUID, action: StaffAction) -> AdminUserOut:
    user = _locked_user(session, user_id)
    if user.status != "suspended":
        raise UserNotSuspended()
    user.status = "active"
    action.audit(session, "admin.user_reactivated", target_type="user", target_id=user.id)
    return _user_out(session, user)


def reset_two_factor(session: Session, *, user_id: uuid.UUID, action: StaffAction) -> AdminUserOut:
    """Turns the user's two-factor sign-in off (their app secret and recovery codes are
    forgotten), for a person who lost their phone; they are told by e-mail and can turn it
    on again."""
    user = _locked_user(session, user_id)
    if user.totp_enabled_at is None and user.totp_secret_encrypted is None:
        raise TwoFactorNotEnabled()
    user.totp_secret_encrypted = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    repository.delete_recovery_codes(session, user.id)
    action.audit(session, "admin.user_two_factor_reset", target_type="user", target_id=user.id)
    record_event(
        session, "TwoFactorReset", aggregate_type="user", aggregate_id=user.id, payload={"user_id": str(user.id)}
    )
    return _user_out(session, user)


# --- businesses ----------------------------------------------------------------------


def list_businesses(session: Session, *, query: AdminBusinessListQuery) -> AdminBusinessPage:
    rows = admin_repository.search_businesses(
        session,
        kind=query.kind,
        verification=query.verification or query.status,
        q=(query.q or "").strip() or None,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1]) if len(rows) > query.limit else None
    return AdminBusinessPage(items=[admin_business_out(b) for b in page], next_cursor=next_cursor)


def _business(session: Session, business_id: uuid.UUID, *, for_update: bool = False) -> Business:
    business = repository.get_business(session, business_id, for_update=for_update)
    if business is None:
        raise BusinessNotFound()
    return business


def get_business_detail(session: Session, *, business_id: uuid.UUID) -> AdminBusinessDetail:
    """The business as its people see it, its people, and its verification file. The
    subscription is billing's, a package above this one: the web app reads it separately."""
    business = _business(session, business_id)
    users = [admin_user_row_out(row) for row in admin_repository.users_of_business(session, business.id)]
    documents = [document_out(d) for d in admin_repository.documents_of(session, business.id)]
    return AdminBusinessDetail(
        business=admin_business_out(business),
        users=users,
        verification_status=business.verification_status,
        documents=documents,
        verification_history=[
            verification_event_out(row) for row in admin_repository.verification_history(session, business.id)
        ],
        counts=BusinessCounts(
            users=len(users),
            active_users=sum(1 for user in users if user.status == "active"),
            documents=len(documents),
        ),
    )


def suspend_business(session: Session, *, business_id: uuid.UUID, action: StaffAction) -> AdminBusinessOut:
    business = _business(session, business_id, for_update=True)
    if business.suspended_at is not None:
        raise BusinessAlreadySuspended()
    now = utcnow()
    business.suspended_at, business.suspension_reason, business.suspended_by = (
        now,
        action.reason,
        action.principal.user_id,
    )
    business.updated_at = now
    ended = sum(
        repository.revoke_sessions(session, user.id, reason="business_suspended", now=now)
        for user in admin_repository.users_of_business_for_update(session, business.id)
    )
    record_audit(
        session,
        "admin.business_suspended",
        actor_user_id=action.principal.user_id,
        source_ip=action.source_ip,
        user_agent=action.user_agent,
        target_type="business",
        target_id=business.id,
        details={"reason": action.reason, "sessions_ended": ended},
    )
    return admin_business_out(business)


def reactivate_business(session: Session, *, business_id: uuid.UUID, action: StaffAction) -> AdminBusinessOut:
    business = _business(session, business_id, for_update=True)
    if business.suspended_at is None:
        raise BusinessNotSuspended()
    business.suspended_at, business.suspension_reason, business.suspended_by = None, None, None
    business.updated_at = utcnow()
    action.audit(session, "admin.business_reactivated", target_type="business", target_id=business.id)
    return admin_business_out(business)


# --- audit ---------------------------------------------------------------------------


def search_audit(session: Session, *, query: AuditQuery) -> AuditPage:
    rows = admin_repository.search_audit(
        session,
        actor=query.actor,
        action=query.action,
        entity_type=query.entity_type,
        entity_id=query.entity_id,
        ip=query.ip,
        date_from=query.date_from,
        date_to=query.date_to,
        after=after_created(query.cursor),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    next_cursor = created_cursor(page[-1][0]) if len(rows) > query.limit else None
    return AuditPage(items=[audit_entry_out(row) for row in page], next_cursor=next_cursor)
