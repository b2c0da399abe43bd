"""Billing: plans, subscriptions, their invoices, history and reminders

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 08:00:11.189059
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence('subscription_invoice_number_seq')))
    op.create_table('plans',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('price_monthly', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('price_yearly', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('trial_days', sa.Integer(), nullable=False),
    sa.Column('max_active_products', sa.Integer(), nullable=True, comment='Wholesalers; NULL is unlimited.'),
    sa.Column('max_staff_users', sa.Integer(), nullable=True, comment='NULL is unlimited.'),
    sa.Column('max_orders_per_month', sa.Integer(), nullable=True, comment='Retailers; NULL is unlimited.'),
    sa.Column('pay_on_delivery', sa.Boolean(), nullable=False),
    sa.Column('sales_reports', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("audience = 'retailer' OR max_orders_per_month IS NULL", name=op.f('ck_plans_wholesaler_limits')),
    sa.CheckConstraint("audience = 'wholesaler' OR (max_active_products IS NULL AND NOT pay_on_delivery AND NOT sales_reports)", name=op.f('ck_plans_retailer_limits')),
    sa.CheckConstraint("audience IN ('retailer', 'wholesaler')", name=op.f('ck_plans_audience')),
    sa.CheckConstraint("status IN ('active', 'retired')", name=op.f('ck_plans_status')),
    sa.CheckConstraint('price_monthly >= 0 AND price_yearly >= 0', name=op.f('ck_plans_prices_not_negative')),
    sa.CheckConstraint('trial_days >= 0', name=op.f('ck_plans_trial_days_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('code', name=op.f('uq_plans_code'))
    )
    op.create_index('ix_plans_audience_status', 'plans', ['audience', 'status', 'price_monthly'], unique=False)
    op.create_table('subscriptions',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('business_id', sa.UUID(), nullable=False),
    sa.Column('plan_id', sa.UUID(), nullable=False),
    sa.Column('interval', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('current_period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('current_period_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('anchor_day', sa.Integer(), nullable=False, comment='Day of month periods end on (clamped to short months).'),
    sa.Column('trial_end', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_at_period_end', sa.Boolean(), nullable=False),
    sa.Column('cancel_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('scheduled_plan_id', sa.UUID(), nullable=True),
    sa.Column('scheduled_interval', sa.String(length=10), nullable=True),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('payer_phone', sa.String(length=20), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False, comment='Failed charges since the last payment.'),
    sa.Column('past_due_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_retry_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('grace_ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("interval IN ('month', 'year')", name=op.f('ck_subscriptions_interval')),
    sa.CheckConstraint("scheduled_interval IS NULL OR scheduled_interval IN ('month', 'year')", name=op.f('ck_subscriptions_scheduled_interval')),
    sa.CheckConstraint("status IN ('incomplete', 'trialing', 'active', 'past_due', 'suspended', 'cancelled', 'expired')", name=op.f('ck_subscriptions_status')),
    sa.CheckConstraint('anchor_day BETWEEN 1 AND 31', name=op.f('ck_subscriptions_anchor_day')),
    sa.CheckConstraint('current_period_end > current_period_start', name=op.f('ck_subscriptions_period_positive')),
    sa.CheckConstraint('failed_attempts >= 0', name=op.f('ck_subscriptions_failed_attempts_not_negative')),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_subscriptions_business_id_businesses'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_subscriptions_plan_id_plans'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['scheduled_plan_id'], ['plans.id'], name=op.f('fk_subscriptions_scheduled_plan_id_plans'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions'))
    )
    op.create_index('ix_subscriptions_business_created', 'subscriptions', ['business_id', 'created_at'], unique=False)
    op.create_index('ix_subscriptions_grace_ends', 'subscriptions', ['grace_ends_at'], unique=False, postgresql_where="status IN ('incomplete', 'past_due')")
    op.create_index('ix_subscriptions_period_end', 'subscriptions', ['current_period_end', 'id'], unique=False, postgresql_where="status IN ('trialing', 'active')")
    op.create_index('ix_subscriptions_plan_id', 'subscriptions', ['plan_id'], unique=False)
    op.create_index('ix_subscriptions_retry_due', 'subscriptions', ['next_retry_at'], unique=False, postgresql_where="status = 'past_due'")
    op.create_index('uq_subscriptions_live_business', 'subscriptions', ['business_id'], unique=True, postgresql_where="status IN ('incomplete', 'trialing', 'active', 'past_due', 'suspended')")
    op.create_table('billing_reminders',
    sa.Column('subscription_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('renewal_7d', 'renewal_3d', 'renewal_1d', 'trial_ending')", name=op.f('ck_billing_reminders_kind')),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_billing_reminders_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('subscription_id', 'kind', 'due_at', name=op.f('pk_billing_reminders'))
    )
    op.create_table('subscription_history',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('subscription_id', sa.UUID(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=60), nullable=False),
    sa.Column('actor', sa.String(length=20), nullable=False, comment='owner | admin | system'),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_subscription_history_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription_history'))
    )
    op.create_index('ix_subscription_history_subscription_created', 'subscription_history', ['subscription_id', 'created_at'], unique=False)
    op.create_table('subscription_invoices',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('number', sa.BigInteger(), server_default=sa.text("nextval('subscription_invoice_number_seq')"), nullable=False),
    sa.Column('subscription_id', sa.UUID(), nullable=False),
    sa.Column('business_id', sa.UUID(), nullable=False),
    sa.Column('plan_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('interval', sa.String(length=10), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('period_end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by_payment_id', sa.Uuid(), nullable=True, comment='The payments ledger row that settled it.'),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("interval IN ('month', 'year')", name=op.f('ck_subscription_invoices_interval')),
    sa.CheckConstraint("kind IN ('first', 'renewal', 'proration')", name=op.f('ck_subscription_invoices_kind')),
    sa.CheckConstraint("status IN ('open', 'paid', 'void')", name=op.f('ck_subscription_invoices_status')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_subscription_invoices_amount_not_negative')),
    sa.CheckConstraint('period_end > period_start', name=op.f('ck_subscription_invoices_period_positive')),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_subscription_invoices_business_id_businesses'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_subscription_invoices_plan_id_plans'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_subscription_invoices_subscription_id_subscriptions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription_invoices')),
    sa.UniqueConstraint('number', name=op.f('uq_subscription_invoices_number')),
    sa.UniqueConstraint('subscription_id', 'kind', 'period_start', name='uq_subscription_invoices_period')
    )
    op.create_index('ix_subscription_invoices_business_created', 'subscription_invoices', ['business_id', 'created_at', 'id'], unique=False)
    op.create_index('uq_subscription_invoices_one_open', 'subscription_invoices', ['subscription_id'], unique=True, postgresql_where="status = 'open'")


def downgrade() -> None:
    op.drop_index('uq_subscription_invoices_one_open', table_name='subscription_invoices', postgresql_where="status = 'open'")
    op.drop_index('ix_subscription_invoices_business_created', table_name='subscription_invoices')
    op.drop_table('subscription_invoices')
    op.drop_index('ix_subscription_history_subscription_created', table_name='subscription_history')
    op.drop_table('subscription_history')
    op.drop_table('billing_reminders')
    op.drop_index('uq_subscriptions_live_business', table_name='subscriptions', postgresql_where="status IN ('incomplete', 'trialing', 'active', 'past_due', 'suspended')")
    op.drop_index('ix_subscriptions_retry_due', table_name='subscriptions', postgresql_where="status = 'past_due'")
    op.drop_index('ix_subscriptions_plan_id', table_name='subscriptions')
    op.drop_index('ix_subscriptions_period_end', table_name='subscriptions', postgresql_where="status IN ('trialing', 'active')")
    op.drop_index('ix_subscriptions_grace_ends', table_name='subscriptions', postgresql_where="status IN ('incomplete', 'past_due')")
    op.drop_index('ix_subscriptions_business_created', table_name='subscriptions')
    op.drop_table('subscriptions')
    op.drop_index('ix_plans_audience_status', table_name='plans')
    op.drop_table('plans')
    op.execute(sa.schema.DropSequence(sa.Sequence('subscription_invoice_number_seq')))
