"""`create-admin`: platform staff (admin or support) are created by an operator, never
through the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from chalicelib.accounts.service import create_platform_user
from chalicelib.accounts.validation import MIN_PASSWORD_LENGTH
from chalicelib.core.audit import record_audit
from chalicelib.core.db import unit_of_work

PLATFORM_ROLES = ("admin", "support")


class AdminRejected(Exception):
    """The operator's input cannot make an account; the message says why."""


@dataclass(frozen=True)
class NewPlatformUser:
    email: str
    full_name: str
    password: str
    role: str


def new_platform_user(*, email: str, full_name: str, password: str, role: str) -> NewPlatformUser:
    """The operator's input, checked before any database is touched."""
    try:
        normalized = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AdminRejected(f"Not a valid e-mail address: {exc}") from exc
    name = full_name.strip()
    if not name or len(name) > 200:
        raise AdminRejected("Give the person's full name (1 to 200 characters).")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminRejected(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if role not in PLATFORM_ROLES:
        raise AdminRejected(f"The role must be one of: {', '.join(PLATFORM_ROLES)}.")
    return NewPlatformUser(email=normalized, full_name=name, password=password, role=role)


def create_admin(new: NewPlatformUser) -> uuid.UUID:
    """One transaction: the user (active, e-mail verified) and its audit entry.

    Raises the accounts domain errors: EmailTaken, ValidationFailed (password rules)."""
    with unit_of_work() as uow:
        user = create_platform_user(
            uow.session, email=new.email, full_name=new.full_name, password=new.password, role=new.role
        )
        record_audit(
            uow.session,
            "admin.created",
            actor_user_id=None,
            source_ip=None,
            target_type="user",
            target_id=user.id,
            details={"role": new.role, "via": "cli"},
        )
        uow.commit()
        return user.id
