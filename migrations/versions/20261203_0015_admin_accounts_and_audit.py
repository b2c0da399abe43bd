"""Platform administration: suspended users and businesses, wholesaler verification history
and documents, searchable users and businesses, and an audit log searchable by filter

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 18:20:00

Each wholesaler gets one history row for the verification status it has now (decided by
`verified_by` where known), so the history of an existing business does not start empty.
The trigram indexes (pg_trgm, created by 0003) serve the admins' case-insensitive
"contains" searches (`ILIKE '%...%'`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRGM = "gin_trgm_ops"


def upgrade() -> None:
    op.drop_constraint(op.f("ck_users_status"), "users", type_="check")
    op.create_check_constraint(
        op.f("ck_users_status"), "users", "status IN ('invited', 'active', 'deactivated', 'suspended')"
    )
    op.create_index("ix_users_created", "users", ["created_at", "id"])
    for column in ("email", "full_name", "phone"):
        op.create_index(
            f"ix_users_{column}_trgm", "users", [column], postgresql_using="gin", postgresql_ops={column: TRGM}
        )

    op.add_column(
        "businesses",
        sa.Column(
            "suspended_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Set by platform staff: no user of the business can sign in.",
        ),
    )
    op.add_column("businesses", sa.Column("suspension_reason", sa.String(length=500), nullable=True))
    op.add_column("businesses", sa.Column("suspended_by", postgresql.UUID(as_uuid=True), nullable=True))
    for column in ("name", "tax_id", "phone"):
        op.create_index(
            f"ix_businesses_{column}_trgm",
            "businesses",
            [column],
            postgresql_using="gin",
            postgresql_ops={column: TRGM},
        )

    op.create_table(
        "business_verification_events",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("business_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("previous_status", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("actor_user_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_required', 'pending', 'verified', 'rejected')",
            name=op.f("ck_business_verification_events_status"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_business_verification_events_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_verification_events")),
    )
    op.create_index(
        "ix_business_verification_events_business_created",
        "business_verification_events",
        ["business_id", "created_at"],
    )
    op.execute(
        """
        INSERT INTO business_verification_events (id, business_id, previous_status, status, reason, actor_user_id,
                                                  created_at)
        SELECT gen_random_uuid(), id, NULL, verification_status, verification_reason, verified_by,
               COALESCE(verified_at, updated_at, created_at)
        FROM businesses WHERE kind = 'wholesaler'
        """
    )

    op.create_table(
        "verification_documents",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("business_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("uploaded_by", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('business_registration', 'tax_certificate', 'id_document', 'other')",
            name=op.f("ck_verification_documents_kind"),
        ),
        sa.CheckConstraint(
            "content_type IN ('application/pdf', 'image/jpeg', 'image/png')",
            name=op.f("ck_verification_documents_content_type"),
        ),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_verification_documents_size_positive")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_verification_documents_business_id_businesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_documents")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_verification_documents_storage_key")),
    )
    op.create_index(
        "ix_verification_documents_business_created", "verification_documents", ["business_id", "created_at"]
    )

    op.add_column("audit_log", sa.Column("user_agent", sa.String(length=300), nullable=True))
    op.create_index("ix_audit_log_created", "audit_log", ["created_at", "id"])
    op.create_index("ix_audit_log_action_created", "audit_log", ["action", "created_at"])
    op.create_index("ix_audit_log_source_ip_created", "audit_log", ["source_ip", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_source_ip_created", table_name="audit_log")
    op.drop_index("ix_audit_log_action_created", table_name="audit_log")
    op.drop_index("ix_audit_log_created", table_name="audit_log")
    op.drop_column("audit_log", "user_agent")
    op.drop_index("ix_verification_documents_business_created", table_name="verification_documents")
    op.drop_table("verification_documents")
    op.drop_index("ix_business_verification_events_business_created", table_name="business_verification_events")
    op.drop_table("business_verification_events")
    for column in ("name", "tax_id", "phone"):
        op.drop_index(f"ix_businesses_{column}_trgm", table_name="businesses")
    op.drop_column("businesses", "suspended_by")
    op.drop_column("businesses", "suspension_reason")
    op.drop_column("businesses", "suspended_at")
    for column in ("email", "full_name", "phone"):
        op.drop_index(f"ix_users_{column}_trgm", table_name="users")
    op.drop_index("ix_users_created", table_name="users")
    op.execute("UPDATE users SET status = 'deactivated' WHERE status = 'suspended'")
    op.drop_constraint(op.f("ck_users_status"), "users", type_="check")
    op.create_check_constraint(op.f("ck_users_status"), "users", "status IN ('invited', 'active', 'deactivated')")
