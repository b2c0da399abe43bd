"""Payments: attempts, the provider transaction log, settlements; payment and refund columns

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 08:02:09.879323
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('payment_provider_messages',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('provider_transaction_id', sa.String(length=200), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('source_ip', postgresql.INET(), nullable=True),
    sa.Column('method', sa.String(length=10), nullable=True),
    sa.Column('path', sa.String(length=300), nullable=True, comment='The token in it is redacted.'),
    sa.Column('headers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('body', sa.Text(), nullable=True, comment='Raw body, cut at the size limit.'),
    sa.Column('body_bytes', sa.Integer(), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=True),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('payment_id', sa.Uuid(), nullable=True, comment='No foreign key: the log never waits on a lock.'),
    sa.Column('reference', sa.String(length=150), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=True, comment='succeeded | failed | pending | unknown'),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('receipt', sa.String(length=100), nullable=True),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('callback', 'status_query')", name=op.f('ck_payment_provider_messages_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_provider_messages')),
    sa.UniqueConstraint('provider', 'provider_transaction_id', name=op.f('uq_payment_provider_messages_provider_provider_transaction_id'))
    )
    op.create_index('ix_payment_provider_messages_payment', 'payment_provider_messages', ['payment_id'], unique=False)
    op.create_index('ix_payment_provider_messages_received', 'payment_provider_messages', ['received_at'], unique=False)
    op.create_index('ix_payment_provider_messages_reference', 'payment_provider_messages', ['provider', 'reference'], unique=False)
    op.create_table('payment_attempts',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('payment_id', sa.UUID(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=150), nullable=True),
    sa.Column('payer_phone', sa.String(length=20), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("outcome IN ('succeeded', 'failed', 'rejected', 'review', 'expired')", name=op.f('ck_payment_attempts_outcome')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_payment_attempts_payment_id_payments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_attempts')),
    sa.UniqueConstraint('payment_id', 'number', name=op.f('uq_payment_attempts_payment_id_number')),
    sa.UniqueConstraint('provider', 'reference', name=op.f('uq_payment_attempts_provider_reference'))
    )
    op.create_index('ix_payment_attempts_open', 'payment_attempts', ['payment_id'], unique=True, postgresql_where='outcome IS NULL')
    op.create_table('settlements',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('order_id', sa.UUID(), nullable=False),
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('payment_id', sa.UUID(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('order_total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('commission_rate', sa.Numeric(precision=6, scale=4), nullable=False),
    sa.Column('commission', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount_due', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('payout_reference', sa.String(length=100), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('due', 'paid', 'cancelled')", name=op.f('ck_settlements_status')),
    sa.CheckConstraint('amount_due = order_total - commission', name=op.f('ck_settlements_amount_adds_up')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_settlements_order_id_orders'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_settlements_payment_id_payments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_settlements_wholesaler_id_businesses'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements')),
    sa.UniqueConstraint('order_id', name=op.f('uq_settlements_order_id'))
    )
    op.create_index('ix_settlements_wholesaler_created', 'settlements', ['wholesaler_id', 'created_at', 'id'], unique=False)
    op.add_column('payments', sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
    op.add_column('payments', sa.Column('charged_amount', sa.Numeric(precision=14, scale=2), nullable=True, comment='What the provider was asked for (whole units for M-Pesa); amount + rounding.'))
    op.add_column('payments', sa.Column('late', sa.Boolean(), server_default='false', nullable=False, comment='Money arrived after the orders had expired.'))
    op.add_column('payments', sa.Column('last_checked_at', sa.DateTime(timezone=True), nullable=True, comment='When reconciliation last asked the provider.'))
    op.create_index('ix_payments_created_id', 'payments', ['created_at', 'id'], unique=False)
    op.create_index('ix_payments_payer_created', 'payments', ['payer_business_id', 'created_at'], unique=False)
    op.add_column('refunds', sa.Column('requested_by', sa.Uuid(), nullable=True, comment='The admin who asked; NULL when the system opened it.'))
    op.add_column('refunds', sa.Column('completed_by', sa.Uuid(), nullable=True))


def downgrade() -> None:
    op.drop_column('refunds', 'completed_by')
    op.drop_column('refunds', 'requested_by')
    op.drop_index('ix_payments_payer_created', table_name='payments')
    op.drop_index('ix_payments_created_id', table_name='payments')
    op.drop_column('payments', 'last_checked_at')
    op.drop_column('payments', 'late')
    op.drop_column('payments', 'charged_amount')
    op.drop_column('payments', 'attempts')
    op.drop_index('ix_settlements_wholesaler_created', table_name='settlements')
    op.drop_table('settlements')
    op.drop_index('ix_payment_attempts_open', table_name='payment_attempts', postgresql_where='outcome IS NULL')
    op.drop_table('payment_attempts')
    op.drop_index('ix_payment_provider_messages_reference', table_name='payment_provider_messages')
    op.drop_index('ix_payment_provider_messages_received', table_name='payment_provider_messages')
    op.drop_index('ix_payment_provider_messages_payment', table_name='payment_provider_messages')
    op.drop_table('payment_provider_messages')
