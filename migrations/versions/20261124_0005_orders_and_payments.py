"""Delivery options, carts, checkouts, orders and the payments ledger

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 07:46:10.866647
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence('order_number_seq')))
    op.create_table('carts',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('retailer_id', sa.UUID(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['retailer_id'], ['businesses.id'], name=op.f('fk_carts_retailer_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carts')),
    sa.UniqueConstraint('retailer_id', name=op.f('uq_carts_retailer_id'))
    )
    op.create_table('delivery_options',
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('pickup_enabled', sa.Boolean(), nullable=False),
    sa.Column('pickup_address', sa.String(length=300), nullable=True),
    sa.Column('pickup_hours', sa.String(length=200), nullable=True),
    sa.Column('delivery_enabled', sa.Boolean(), nullable=False),
    sa.Column('delivery_fee', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('free_delivery_threshold', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('regions', postgresql.ARRAY(sa.String(length=120)), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('pay_on_delivery_enabled', sa.Boolean(), nullable=False),
    sa.Column('pay_on_delivery_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('delivery_fee >= 0', name=op.f('ck_delivery_options_fee_not_negative')),
    sa.CheckConstraint('pickup_enabled OR delivery_enabled', name=op.f('ck_delivery_options_some_option')),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_delivery_options_wholesaler_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('wholesaler_id', name=op.f('pk_delivery_options'))
    )
    op.create_table('invoice_counters',
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_invoice_counters_wholesaler_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('wholesaler_id', name=op.f('pk_invoice_counters'))
    )
    op.create_table('cart_deliveries',
    sa.Column('cart_id', sa.UUID(), nullable=False),
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('address', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.CheckConstraint("method IN ('pickup', 'delivery')", name=op.f('ck_cart_deliveries_method')),
    sa.ForeignKeyConstraint(['cart_id'], ['carts.id'], name=op.f('fk_cart_deliveries_cart_id_carts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_cart_deliveries_wholesaler_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cart_id', 'wholesaler_id', name=op.f('pk_cart_deliveries'))
    )
    op.create_table('cart_items',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('cart_id', sa.UUID(), nullable=False),
    sa.Column('product_id', sa.UUID(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_when_added', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_cart_items_quantity_positive')),
    sa.ForeignKeyConstraint(['cart_id'], ['carts.id'], name=op.f('fk_cart_items_cart_id_carts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_cart_items_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_items')),
    sa.UniqueConstraint('cart_id', 'product_id', name=op.f('uq_cart_items_cart_id_product_id'))
    )
    op.create_table('checkouts',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('retailer_id', sa.UUID(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=100), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('created_by', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_checkouts_created_by_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['retailer_id'], ['businesses.id'], name=op.f('fk_checkouts_retailer_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkouts')),
    sa.UniqueConstraint('retailer_id', 'idempotency_key', name=op.f('uq_checkouts_retailer_id_idempotency_key'))
    )
    op.create_table('orders',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('checkout_id', sa.UUID(), nullable=False),
    sa.Column('retailer_id', sa.UUID(), nullable=False),
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('payment_method', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('subtotal', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('delivery_fee', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount_collected', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('delivery_method', sa.String(length=10), nullable=False),
    sa.Column('delivery_address', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('delivery_lead_time_days', sa.Integer(), nullable=False),
    sa.Column('driver_name', sa.String(length=120), nullable=True),
    sa.Column('driver_phone', sa.String(length=20), nullable=True),
    sa.Column('expected_delivery_date', sa.Date(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('invoice_number', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('placed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("delivery_method IN ('pickup', 'delivery')", name=op.f('ck_orders_delivery_method')),
    sa.CheckConstraint("payment_method IN ('mobile_money', 'pay_on_delivery')", name=op.f('ck_orders_payment_method')),
    sa.CheckConstraint("status IN ('pending_payment', 'placed', 'accepted', 'packed', 'dispatched', 'delivered', 'completed', 'cancelled')", name=op.f('ck_orders_status')),
    sa.CheckConstraint('total = subtotal + delivery_fee', name=op.f('ck_orders_total_adds_up')),
    sa.ForeignKeyConstraint(['checkout_id'], ['checkouts.id'], name=op.f('fk_orders_checkout_id_checkouts'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['retailer_id'], ['businesses.id'], name=op.f('fk_orders_retailer_id_businesses'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_orders_wholesaler_id_businesses'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_orders_number')),
    sa.UniqueConstraint('wholesaler_id', 'invoice_number', name=op.f('uq_orders_wholesaler_id_invoice_number'))
    )
    op.create_index('ix_orders_checkout_id', 'orders', ['checkout_id'], unique=False)
    op.create_index('ix_orders_pending_expiry', 'orders', ['expires_at'], unique=False, postgresql_where="status = 'pending_payment'")
    op.create_index('ix_orders_retailer_created', 'orders', ['retailer_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_orders_wholesaler_created', 'orders', ['wholesaler_id', 'created_at', 'id'], unique=False)
    op.create_table('order_events',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('order_id', sa.UUID(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('actor', sa.String(length=20), nullable=False, comment='retailer | wholesaler | system | admin'),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_events_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_events'))
    )
    op.create_index('ix_order_events_order_created', 'order_events', ['order_id', 'created_at'], unique=False)
    op.create_table('order_lines',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('order_id', sa.UUID(), nullable=False),
    sa.Column('product_id', sa.UUID(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit_of_sale', sa.String(length=120), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('line_total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.CheckConstraint('line_total = unit_price * quantity', name=op.f('ck_order_lines_line_total_adds_up')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_lines_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_order_lines_product_id_products'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_lines'))
    )
    op.create_index('ix_order_lines_order_id', 'order_lines', ['order_id'], unique=False)
    op.create_index('ix_order_lines_product_id', 'order_lines', ['product_id'], unique=False)
    op.create_table('payments',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('payer_business_id', sa.UUID(), nullable=False),
    sa.Column('checkout_id', sa.UUID(), nullable=True),
    sa.Column('order_id', sa.UUID(), nullable=True, comment='Set for a collection recorded on delivery.'),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('subscription_invoice_id', sa.Uuid(), nullable=True, comment='Set for a subscription charge (the billing domain owns the invoice).'),
    sa.Column('method', sa.String(length=30), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=True),
    sa.Column('provider_reference', sa.String(length=100), nullable=True),
    sa.Column('payer_phone', sa.String(length=20), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('failure_reason', sa.String(length=300), nullable=True),
    sa.Column('external_receipt', sa.String(length=100), nullable=True),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("method IN ('mobile_money', 'cash', 'mobile_money_on_delivery')", name=op.f('ck_payments_method')),
    sa.CheckConstraint("purpose IN ('checkout', 'order_collection', 'subscription')", name=op.f('ck_payments_purpose')),
    sa.CheckConstraint("status IN ('pending', 'succeeded', 'failed', 'needs_review', 'refunded', 'partially_refunded')", name=op.f('ck_payments_status')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_payments_amount_positive')),
    sa.ForeignKeyConstraint(['checkout_id'], ['checkouts.id'], name=op.f('fk_payments_checkout_id_checkouts'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_payments_order_id_orders'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['payer_business_id'], ['businesses.id'], name=op.f('fk_payments_payer_business_id_businesses'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments'))
    )
    op.create_index('ix_payments_checkout_id', 'payments', ['checkout_id'], unique=False)
    op.create_index('ix_payments_order_id', 'payments', ['order_id'], unique=False)
    op.create_index('ix_payments_pending_created', 'payments', ['created_at'], unique=False, postgresql_where="status = 'pending'")
    op.create_table('refunds',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('payment_id', sa.UUID(), nullable=False),
    sa.Column('order_id', sa.UUID(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'refund_pending', 'completed', 'rejected')", name=op.f('ck_refunds_status')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_refunds_amount_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_refunds_order_id_orders'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_refunds_payment_id_payments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds'))
    )
    op.create_index('ix_refunds_payment_id', 'refunds', ['payment_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_refunds_payment_id', table_name='refunds')
    op.drop_table('refunds')
    op.drop_index('ix_payments_pending_created', table_name='payments', postgresql_where="status = 'pending'")
    op.drop_index('ix_payments_order_id', table_name='payments')
    op.drop_index('ix_payments_checkout_id', table_name='payments')
    op.drop_table('payments')
    op.drop_index('ix_order_lines_product_id', table_name='order_lines')
    op.drop_index('ix_order_lines_order_id', table_name='order_lines')
    op.drop_table('order_lines')
    op.drop_index('ix_order_events_order_created', table_name='order_events')
    op.drop_table('order_events')
    op.drop_index('ix_orders_wholesaler_created', table_name='orders')
    op.drop_index('ix_orders_retailer_created', table_name='orders')
    op.drop_index('ix_orders_pending_expiry', table_name='orders', postgresql_where="status = 'pending_payment'")
    op.drop_index('ix_orders_checkout_id', table_name='orders')
    op.drop_table('orders')
    op.drop_table('checkouts')
    op.drop_table('cart_items')
    op.drop_table('cart_deliveries')
    op.drop_table('invoice_counters')
    op.drop_table('delivery_options')
    op.drop_table('carts')
    op.execute(sa.schema.DropSequence(sa.Sequence('order_number_seq')))
