"""Catalog: categories, products with price tiers, the stock movements ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 07:31:57.291651
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # pg_trgm backs the typo-tolerant search (ix_products_name_trgm, gin_trgm_ops).
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('categories',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('parent_id', sa.UUID(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=140), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['categories.id'], name=op.f('fk_categories_parent_id_categories'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('slug', name=op.f('uq_categories_slug'))
    )
    op.create_index('ix_categories_parent_position', 'categories', ['parent_id', 'position'], unique=False)
    op.create_table('products',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('brand', sa.String(length=120), nullable=True),
    sa.Column('category_id', sa.UUID(), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('unit_of_sale', sa.String(length=120), nullable=False),
    sa.Column('pack_size', sa.Integer(), server_default='1', nullable=False),
    sa.Column('min_order_qty', sa.Integer(), server_default='1', nullable=False),
    sa.Column('order_increment', sa.Integer(), server_default='1', nullable=False),
    sa.Column('price_at_moq', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('low_stock_threshold', sa.Integer(), server_default='0', nullable=False),
    sa.Column('lead_time_days', sa.Integer(), server_default='0', nullable=False),
    sa.Column('status', sa.String(length=10), server_default='draft', nullable=False),
    sa.Column('attributes', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('image_keys', postgresql.ARRAY(sa.String(length=300)), server_default=sa.text("'{}'::varchar[]"), nullable=False),
    sa.Column('stock_on_hand', sa.Integer(), server_default='0', nullable=False),
    sa.Column('low_stock_alerted', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment='Set when a movement crossed down to the threshold (LowStock sent); cleared above it.'),
    sa.Column('search_vector', postgresql.TSVECTOR(), sa.Computed("setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(brand, '')), 'A') || setweight(to_tsvector('simple', coalesce(sku, '') || ' ' || coalesce(gtin, '')), 'B') || setweight(to_tsvector('english', coalesce(description, '')), 'C')", persisted=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'active', 'archived')", name=op.f('ck_products_status')),
    sa.CheckConstraint('lead_time_days >= 0', name=op.f('ck_products_lead_time_not_negative')),
    sa.CheckConstraint('low_stock_threshold >= 0', name=op.f('ck_products_threshold_not_negative')),
    sa.CheckConstraint('min_order_qty >= 1', name=op.f('ck_products_moq_positive')),
    sa.CheckConstraint('order_increment >= 1', name=op.f('ck_products_increment_positive')),
    sa.CheckConstraint('pack_size >= 1', name=op.f('ck_products_pack_size_positive')),
    sa.CheckConstraint('price_at_moq > 0', name=op.f('ck_products_price_positive')),
    sa.CheckConstraint('stock_on_hand >= 0', name=op.f('ck_products_stock_not_negative')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_products_category_id_categories'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_products_wholesaler_id_businesses'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('wholesaler_id', 'sku', name=op.f('uq_products_wholesaler_id_sku'))
    )
    op.create_index('ix_products_category_id', 'products', ['category_id'], unique=False)
    op.create_index('ix_products_gtin', 'products', ['gtin'], unique=False, postgresql_where='gtin IS NOT NULL')
    op.create_index('ix_products_low_stock', 'products', ['wholesaler_id', 'stock_on_hand'], unique=False, postgresql_where=sa.text("stock_on_hand <= low_stock_threshold AND status <> 'archived'"))
    op.create_index('ix_products_name_trgm', 'products', ['name'], unique=False, postgresql_using='gin', postgresql_ops={'name': 'gin_trgm_ops'})
    op.create_index('ix_products_search_vector', 'products', ['search_vector'], unique=False, postgresql_using='gin')
    op.create_index('ix_products_wholesaler_created', 'products', ['wholesaler_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_products_wholesaler_status_created', 'products', ['wholesaler_id', 'status', 'created_at'], unique=False)
    op.create_table('price_tiers',
    sa.Column('product_id', sa.UUID(), nullable=False),
    sa.Column('min_quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.CheckConstraint('min_quantity >= 1', name=op.f('ck_price_tiers_min_quantity_positive')),
    sa.CheckConstraint('unit_price > 0', name=op.f('ck_price_tiers_unit_price_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_price_tiers_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'min_quantity', name=op.f('pk_price_tiers'))
    )
    op.create_table('stock_movements',
    sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('product_id', sa.UUID(), nullable=False),
    sa.Column('wholesaler_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('stock_after', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('reference_type', sa.String(length=20), nullable=True),
    sa.Column('reference_id', sa.Uuid(), nullable=True),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(kind NOT IN ('restock', 'return', 'cancel') OR delta > 0) AND (kind NOT IN ('damage', 'sale') OR delta < 0)", name=op.f('ck_stock_movements_delta_sign')),
    sa.CheckConstraint("kind IN ('restock', 'adjustment', 'return', 'damage', 'sale', 'cancel')", name=op.f('ck_stock_movements_kind')),
    sa.CheckConstraint('delta <> 0', name=op.f('ck_stock_movements_delta_not_zero')),
    sa.CheckConstraint('stock_after >= 0', name=op.f('ck_stock_movements_stock_after_not_negative')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_movements_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wholesaler_id'], ['businesses.id'], name=op.f('fk_stock_movements_wholesaler_id_businesses'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movements'))
    )
    op.create_index('ix_stock_movements_product_created', 'stock_movements', ['product_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_stock_movements_sales', 'stock_movements', ['product_id', 'created_at'], unique=False, postgresql_where="kind = 'sale'")


def downgrade() -> None:
    op.drop_index('ix_stock_movements_sales', table_name='stock_movements', postgresql_where="kind = 'sale'")
    op.drop_index('ix_stock_movements_product_created', table_name='stock_movements')
    op.drop_table('stock_movements')
    op.drop_table('price_tiers')
    op.drop_index('ix_products_wholesaler_status_created', table_name='products')
    op.drop_index('ix_products_wholesaler_created', table_name='products')
    op.drop_index('ix_products_search_vector', table_name='products', postgresql_using='gin')
    op.drop_index('ix_products_name_trgm', table_name='products', postgresql_using='gin', postgresql_ops={'name': 'gin_trgm_ops'})
    op.drop_index('ix_products_low_stock', table_name='products', postgresql_where=sa.text("stock_on_hand <= low_stock_threshold AND status <> 'archived'"))
    op.drop_index('ix_products_gtin', table_name='products', postgresql_where='gtin IS NOT NULL')
    op.drop_index('ix_products_category_id', table_name='products')
    op.drop_table('products')
    op.drop_index('ix_categories_parent_position', table_name='categories')
    op.drop_table('categories')
    # pg_trgm stays: other schemas may use it, and dropping an extension is not ours to decide.
