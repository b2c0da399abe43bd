"""Rows of the platform staff's views to response schemas."""

from __future__ import annotations

from typing import Any

from chalicelib.accounts.admin_schemas import (
    AdminBusinessOut,
    AdminUserOut,
    AuditEntryOut,
    SuspensionOut,
    VerificationDocumentOut,
    VerificationEventOut,
)
from chalicelib.accounts.models import Business, User, VerificationDocument
from chalicelib.accounts.presenters import business_out


def admin_user_out(user: User, business_name: str | None, business_kind: str | None) -> AdminUserOut:
    return AdminUserOut(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        phone=user.phone,
        role=user.role,
        status=user.status,
        business_id=user.business_id,
        business_name=business_name,
        business_kind=business_kind,
        two_factor_enabled=user.totp_enabled_at is not None,
        email_verified=user.email_verified_at is not None,
        created_at=user.created_at,
        last_sign_in_at=user.last_login_at,
    )


def admin_user_row_out(row: Any) -> AdminUserOut:
    """A `(User, business_name, business_kind)` row."""
    return admin_user_out(row[0], row.business_name, row.business_kind)


def admin_business_out(business: Business) -> AdminBusinessOut:
    suspension = (
        SuspensionOut(
            suspended_at=business.suspended_at, reason=business.suspension_reason, suspended_by=business.suspended_by
        )
        if business.suspended_at is not None
        else None
    )
    return AdminBusinessOut(**business_out(business).model_dump(), suspension=suspension)


def document_out(document: VerificationDocument) -> VerificationDocumentOut:
    return VerificationDocumentOut(
        id=document.id,
        kind=document.kind,
        filename=document.filename,
        content_type=document.content_type,
        size_bytes=document.size_bytes,
        uploaded_by=document.uploaded_by,
        created_at=document.created_at,
    )


def verification_event_out(row: Any) -> VerificationEventOut:
    """A `(BusinessVerificationEvent, actor_email)` row."""
    event = row[0]
    return VerificationEventOut(
        created_at=event.created_at,
        previous_status=event.previous_status,
        status=event.status,
        reason=event.reason,
        actor_user_id=event.actor_user_id,
        actor_email=row.actor_email,
    )


def audit_entry_out(row: Any) -> AuditEntryOut:
    """An `(AuditEntry, actor_email)` row."""
    entry = row[0]
    return AuditEntryOut(
        id=entry.id,
        created_at=entry.created_at,
        actor_user_id=entry.actor_user_id,
        actor_email=row.actor_email,
        action=entry.action,
        entity_type=entry.target_type,
        entity_id=entry.target_id,
        ip=str(entry.source_ip) if entry.source_ip is not None else None,
        user_agent=entry.user_agent,
        details=entry.details or {},
    )
