"""Businesses, their users, and everything that proves who a user is."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY, INET, UUID
from sqlalchemy.orm import Mapped, mapped_column

from chalicelib.core.db import Base
from chalicelib.core.types import CreatedAt, UUIDPk, one_of

BUSINESS_KINDS = ("retailer", "wholesaler")
VERIFICATION_STATUSES = ("not_required", "pending", "verified", "rejected")
USER_ROLES = ("owner", "staff", "admin", "support")
USER_STATUSES = ("invited", "active", "deactivated", "suspended")
DOCUMENT_KINDS = ("business_registration", "tax_certificate", "id_document", "other")
DOCUMENT_CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
TOKEN_PURPOSES = ("verify_email", "password_reset", "invitation")
# Failed sign-ins per account / per IP; password reset requests per e-mail / per IP.
THROTTLE_SCOPES = ("account", "ip", "reset_email", "reset_ip")


class Business(Base):
    __tablename__ = "businesses"
    __table_args__ = (
        UniqueConstraint("kind", "registration_number"),
        CheckConstraint(one_of("kind", BUSINESS_KINDS), name="kind"),
        CheckConstraint(one_of("verification_status", VERIFICATION_STATUSES), name="verification_status"),
        CheckConstraint("kind <> 'wholesaler' OR tax_id IS NOT NULL", name="wholesaler_tax_id"),
        Index("ix_businesses_kind_status_created", "kind", "verification_status", "created_at"),
        Index("ix_businesses_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
        Index("ix_businesses_tax_id_trgm", "tax_id", postgresql_using="gin", postgresql_ops={"tax_id": "gin_trgm_ops"}),
        Index("ix_businesses_phone_trgm", "phone", postgresql_using="gin", postgresql_ops={"phone": "gin_trgm_ops"}),
    )

    id: Mapped[UUIDPk]
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    registration_number: Mapped[str] = mapped_column(String(60))
    tax_id: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(320))
    address_line: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    verification_status: Mapped[str] = mapped_column(String(20))
    verification_reason: Mapped[str | None] = mapped_column(String(500))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    suspended_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="Set by platform staff: no user of the business can sign in."
    )
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    suspended_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email"),
        CheckConstraint(one_of("role", USER_ROLES), name="role"),
        CheckConstraint(one_of("status", USER_STATUSES), name="status"),
        CheckConstraint(
            "(role IN ('owner', 'staff')) = (business_id IS NOT NULL)", name="business_users_have_business"
        ),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        Index("ix_users_business_id", "business_id"),
        Index("ix_users_created", "created_at", "id"),
        Index("ix_users_email_trgm", "email", postgresql_using="gin", postgresql_ops={"email": "gin_trgm_ops"}),
        Index(
            "ix_users_full_name_trgm", "full_name", postgresql_using="gin", postgresql_ops={"full_name": "gin_trgm_ops"}
        ),
        Index("ix_users_phone_trgm", "phone", postgresql_using="gin", postgresql_ops={"phone": "gin_trgm_ops"}),
    )

    id: Mapped[UUIDPk]
    business_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("businesses.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(320))
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    totp_secret_encrypted: Mapped[str | None] = mapped_column(String(300))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    totp_last_step: Mapped[int | None] = mapped_column(Integer, comment="Last accepted TOTP time step (no replay).")
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[CreatedAt]


class BusinessVerificationEvent(Base):
    """One change of a wholesaler's verification status: who, when, to what, and why.

    `actor_user_id` is the admin who decided, or the owner whose registration or change of
    legal identity made the business pending."""

    __tablename__ = "business_verification_events"
    __table_args__ = (
        CheckConstraint(one_of("status", VERIFICATION_STATUSES), name="status"),
        Index("ix_business_verification_events_business_created", "business_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    previous_status: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(500))
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[CreatedAt]


class VerificationDocument(Base):
    """A file a wholesaler uploads (straight to the private documents bucket) to prove who it is."""

    __tablename__ = "verification_documents"
    __table_args__ = (
        UniqueConstraint("storage_key"),
        CheckConstraint(one_of("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint(one_of("content_type", DOCUMENT_CONTENT_TYPES), name="content_type"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
        Index("ix_verification_documents_business_created", "business_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(300))
    uploaded_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[CreatedAt]


class Consent(Base):
    """Which version of the terms or privacy notice a user accepted, when and from where."""

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint("document IN ('terms', 'privacy')", name="document"),
        Index("ix_consents_user_id", "user_id"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document: Mapped[str] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(String(40))
    accepted_at: Mapped[CreatedAt]
    source_ip: Mapped[str | None] = mapped_column(INET)


class OneTimeToken(Base):
    """E-mail verification, password reset and invitation tokens; only their hash is kept."""

    __tablename__ = "one_time_tokens"
    __table_args__ = (
        UniqueConstraint("token_hash"),
        CheckConstraint(one_of("purpose", TOKEN_PURPOSES), name="purpose"),
        Index("ix_one_time_tokens_user_purpose", "user_id", "purpose"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[CreatedAt]


class AuthSession(Base):
    """A sign-in: one family of rotating refresh tokens."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_id", "user_id", "created_at"),)

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[CreatedAt]
    last_used_at: Mapped[CreatedAt]
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    source_ip: Mapped[str | None] = mapped_column(INET)


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    __table_args__ = (UniqueConstraint("token_hash"), Index("ix_refresh_tokens_session_id", "session_id"))

    id: Mapped[UUIDPk]
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("auth_sessions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[CreatedAt]
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"
    __table_args__ = (Index("ix_recovery_codes_user_id", "user_id"),)

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginThrottle(Base):
    """Failed sign-ins per account (normalised e-mail) or per source IP, and lock-outs;
    password reset requests per e-mail (`reset_email`) or per source IP (`reset_ip`)."""

    __tablename__ = "login_throttles"
    __table_args__ = (CheckConstraint(one_of("scope", THROTTLE_SCOPES), name="scope"),)

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(320), primary_key=True)
    failure_times: Mapped[list[datetime]] = mapped_column(
        ARRAY(DateTime(timezone=True)),
        default=list,
        server_default="{}",
        comment="Attempts (failed sign-ins, or reset requests) inside the sliding window, oldest first.",
    )
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
