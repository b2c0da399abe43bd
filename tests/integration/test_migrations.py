"""The migrations are the only way the schema changes: they must match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from chalicelib.all_models import Base


def test_autogenerate_finds_no_difference_between_models_and_migrations(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_every_model_table_exists_after_upgrade(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = (
                connection.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= set(rows)
    assert "alembic_version" in rows
