"""`create-admin`: platform staff (admin or support) are created by an operator, never
through the API. Locally the operator gives the password; in AWS the `migrate` Lambda invites
them instead (`chalicelib.accounts.platform_staff`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from chalicelib.accounts.platform_staff import (
    StaffMember,
    StaffRejected,
    checked_staff_member,
    record_staff_created,
)
from chalicelib.accounts.service import create_platform_user
from chalicelib.accounts.validation import MIN_PASSWORD_LENGTH
from chalicelib.core.db import unit_of_work


@dataclass(frozen=True)
class NewPlatformUser:
    member: StaffMember
    password: str


def new_platform_user(*, email: str, full_name: str, password: str, role: str) -> NewPlatformUser:
    """The operator's input, checked before any database is touched."""
    member = checked_staff_member(email=email, full_name=full_name, role=role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffRejected(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    return NewPlatformUser(member=member, password=password)


def create_admin(new: NewPlatformUser) -> uuid.UUID:
    """One transaction: the user (active, e-mail verified) and its audit entry.

    Raises the accounts domain errors: EmailTaken, ValidationFailed (password rules)."""
    member = new.member
    with unit_of_work() as uow:
        user = create_platform_user(
            uow.session, email=member.email, full_name=member.full_name, password=new.password, role=member.role
        )
        record_staff_created(uow.session, user, via="cli")
        uow.commit()
        return user.id
