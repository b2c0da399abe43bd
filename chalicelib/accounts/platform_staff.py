"""Platform staff (admins, support) are created by an operator, never through the API.

Locally the operator types a password into `make create-admin`. In AWS nobody should type a
password into a Lambda payload or a terminal: `invite_platform_user` creates the person with a
random password nobody knows and sends them the password-reset e-mail, so they choose their
own (the `migrate` Lambda's `create_admin` invocation, see README "Deploy to AWS").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from chalicelib.accounts.models import User
from chalicelib.accounts.service import create_platform_user
from chalicelib.accounts.tokens import announce_token, issue_token
from chalicelib.core.audit import record_audit
from chalicelib.core.principal import PLATFORM_ROLES
from chalicelib.core.settings import get_settings


class StaffRejected(Exception):
    """The operator's input cannot make an account; the message says why."""


@dataclass(frozen=True)
class StaffMember:
    email: str
    full_name: str
    role: str


def checked_staff_member(*, email: str, full_name: str, role: str) -> StaffMember:
    """The operator's input, checked before any database is touched."""
    from email_validator import EmailNotValidError, validate_email

    try:
        normalized = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise StaffRejected(f"Not a valid e-mail address: {exc}") from exc
    name = full_name.strip()
    if not name or len(name) > 200:
        raise StaffRejected("Give the person's full name (1 to 200 characters).")
    if role not in PLATFORM_ROLES:
        raise StaffRejected(f"The role must be one of: {', '.join(sorted(PLATFORM_ROLES))}.")
    return StaffMember(email=normalized, full_name=name, role=role)


def record_staff_created(session: Session, user: User, *, via: str) -> None:
    record_audit(
        session,
        "admin.created",
        actor_user_id=None,
        source_ip=None,
        target_type="user",
        target_id=user.id,
        details={"role": user.role, "via": via},
    )


def invite_platform_user(session: Session, member: StaffMember, *, via: str) -> User:
    """The user (active, e-mail verified, a random password) and a password-reset e-mail to them.

    Raises `EmailTaken` when the address already has an account."""
    user = create_platform_user(
        session,
        email=member.email,
        full_name=member.full_name,
        password=secrets.token_urlsafe(32),
        role=member.role,
    )
    token = issue_token(
        session, user, purpose="password_reset", ttl=timedelta(minutes=get_settings().password_reset_ttl_minutes)
    )
    announce_token(session, "PasswordResetRequested", user, token)
    record_staff_created(session, user, via=via)
    return user
