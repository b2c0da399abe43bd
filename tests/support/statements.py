"""Counting the SQL statements the application sends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from chalicelib.core import db as core_db
from chalicelib.core.compiled_reads import listen_to_statements


@contextmanager
def counting_statements() -> Iterator[list[str]]:
    """Every SQL statement sent to the database while the block runs."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with listen_to_statements(core_db.get_engine(), before=record):
        yield statements
