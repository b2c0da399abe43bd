"""Request and response bodies of the platform staff's routes (`/admin/users`, `/admin/businesses`,
`/admin/audit`) and of a wholesaler's verification documents."""

from __future__ import annotations

import ipaddress
import re
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from chalicelib.accounts.schemas import BusinessKind, BusinessOut, Strict, VerificationStatus
from chalicelib.core.schema import Schema

UserRole = Literal["owner", "staff", "admin", "support"]
UserStatus = Literal["invited", "active", "deactivated", "suspended"]
DocumentKind = Literal["business_registration", "tax_certificate", "id_document", "other"]
DocumentContentType = Literal["application/pdf", "image/jpeg", "image/png"]
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _rfc3339(value: object) -> object:
    """Only an instant with its offset (as the document's `format: date-time` says), not a Unix
    time like `0.5` nor a time without a zone."""
    if isinstance(value, str) and not RFC3339.fullmatch(value):
        raise PydanticCustomError("date_time_format", "Use an instant like 2026-05-04T08:00:00Z.")
    return value


Instant = Annotated[datetime, BeforeValidator(_rfc3339)]
Cursor = Annotated[str | None, Field(default=None, max_length=500)]
Limit = Annotated[int, Field(default=50, ge=1, le=100)]
SearchText = Annotated[str | None, Field(max_length=200)]


class ReasonRequest(Strict):
    """Why platform staff take an action on a person or a business: kept in the audit log."""

    reason: Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S")]


# --- users ---------------------------------------------------------------------------


class AdminUserQuery(Strict):
    q: SearchText = Field(default=None, description="Part of the e-mail, name or phone, any case.")
    role: UserRole | None = None
    status: UserStatus | None = None
    business_id: uuid.UUID | None = None
    cursor: Cursor
    limit: Limit


class AdminUserOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str
    phone: str | None
    role: UserRole
    status: UserStatus
    business_id: uuid.UUID | None
    business_name: str | None
    business_kind: BusinessKind | None
    two_factor_enabled: bool
    email_verified: bool
    created_at: datetime
    last_sign_in_at: datetime | None


class AdminUserPage(Schema):
    items: list[AdminUserOut]
    next_cursor: str | None


class AuditEntryOut(Schema):
    id: uuid.UUID
    created_at: datetime
    actor_user_id: uuid.UUID | None
    actor_email: str | None
    action: str
    entity_type: str | None
    entity_id: str | None
    ip: str | None
    user_agent: str | None
    details: dict[str, Any]


class AdminUserDetail(Schema):
    user: AdminUserOut
    active_sessions: int = Field(description="Sign-ins not revoked and not expired.")
    recent_audit: list[AuditEntryOut] = Field(description="The newest entries by or about the user (at most 20).")


# --- businesses ----------------------------------------------------------------------


class AdminBusinessListQuery(Strict):
    kind: BusinessKind | None = None
    status: VerificationStatus | None = Field(default=None, description="Same as `verification` (older name).")
    verification: VerificationStatus | None = None
    q: SearchText = Field(default=None, description="Part of the name, tax id or phone, any case.")
    cursor: Cursor
    limit: Limit


class SuspensionOut(Schema):
    suspended_at: datetime
    reason: str | None
    suspended_by: uuid.UUID | None


class AdminBusinessOut(BusinessOut):
    suspension: SuspensionOut | None


class AdminBusinessPage(Schema):
    items: list[AdminBusinessOut]
    next_cursor: str | None


class VerificationDocumentOut(Schema):
    id: uuid.UUID
    kind: DocumentKind
    filename: str
    content_type: DocumentContentType
    size_bytes: int
    uploaded_by: uuid.UUID | None
    created_at: datetime


class ReviewedDocumentOut(VerificationDocumentOut):
    download_url: str = Field(description="A short-lived link to the file (a few minutes).")
    download_expires_in: int


class VerificationEventOut(Schema):
    created_at: datetime
    previous_status: VerificationStatus | None
    status: VerificationStatus
    reason: str | None
    actor_user_id: uuid.UUID | None
    actor_email: str | None


class BusinessVerificationOut(Schema):
    status: VerificationStatus
    reason: str | None
    verified_at: datetime | None
    verified_by: uuid.UUID | None
    documents: list[ReviewedDocumentOut]
    history: list[VerificationEventOut] = Field(description="Newest first.")


class BusinessCounts(Schema):
    users: int
    active_users: int
    documents: int


class AdminBusinessDetail(Schema):
    """What support sees of a business: read-only, as its people see it, plus its history."""

    business: AdminBusinessOut
    users: list[AdminUserOut]
    verification_status: VerificationStatus
    documents: list[VerificationDocumentOut]
    verification_history: list[VerificationEventOut] = Field(description="Newest first.")
    counts: BusinessCounts


# --- verification documents (the wholesaler's side) ----------------------------------


class DocumentUploadRequest(Strict):
    kind: DocumentKind
    filename: Annotated[
        str,
        Field(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f/\\]*[^\x00-\x20\x7f/\\][^\x00-\x1f\x7f/\\]*$",
            description="The file's name, without folders.",
        ),
    ]
    content_type: DocumentContentType
    size_bytes: Annotated[int, Field(ge=1, le=MAX_DOCUMENT_BYTES)]


class PresignedUploadOut(Schema):
    url: str
    fields: dict[str, str] = Field(description="Form fields to send with the file (multipart POST).")
    expires_in: int


class DocumentUploadOut(Schema):
    document: VerificationDocumentOut
    upload: PresignedUploadOut


class VerificationDocumentList(Schema):
    items: list[VerificationDocumentOut]


# --- audit ---------------------------------------------------------------------------


class AuditQuery(Strict):
    actor: uuid.UUID | None = Field(default=None, description="The acting user's id.")
    action: Annotated[str | None, Field(default=None, max_length=60, pattern=r"^[a-z0-9_.]+$")]
    entity_type: Annotated[str | None, Field(default=None, max_length=40, pattern=r"^[a-z0-9_]+$")]
    entity_id: Annotated[str | None, Field(default=None, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]
    ip: Annotated[str | None, Field(default=None, max_length=45, pattern=r"^[0-9A-Fa-f.:]+$")]

    @field_validator("ip")
    @classmethod
    def _an_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return str(ipaddress.ip_address(value))
        except ValueError as exc:
            raise PydanticCustomError("invalid_ip", "Give an IPv4 or IPv6 address.") from exc

    date_from: Instant | None = Field(default=None, description="Entries at or after this instant.")
    date_to: Instant | None = Field(default=None, description="Entries before this instant.")
    cursor: Cursor
    limit: Limit


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next_cursor: str | None
