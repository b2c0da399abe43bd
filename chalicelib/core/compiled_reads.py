"""Hot reads: a statement built with SQLAlchemy, compiled once, run on the session's DBAPI cursor.

Every request pays for the principal query, and product detail and compare are primary-key
reads the database answers in ~0.2 ms. SQLAlchemy's Core execution path around such a
statement (compiled-cache lookup, parameter construction, result metadata built from
`cursor.description`, event dispatch, the result proxy) cost more than that again, per
statement. Here the statement is compiled for the engine's dialect once; each call merges
the caller's values into the statement's own literal binds and executes the SQL text on the
session's DBAPI connection (the connection a read-only unit of work bound it to, or the one
of its transaction: the same pool, ping and transaction as everything else), with
psycopg's `namedtuple_row`: rows answer `row.column` like SQLAlchemy rows.

Only statements whose values need no SQLAlchemy type processing qualify: psycopg itself
decodes uuid, numeric (Decimal), timestamptz, json and arrays. `compile_read` refuses a
statement with a bind processor or an expanding (`IN`) parameter, and tests compare each
statement's rows here with SQLAlchemy's own. `before_cursor_execute` and
`after_cursor_execute` listeners still see every statement, so statement counts and SQL
timings in tests and benchmarks include them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import ClauseElement, Connection, exc
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from chalicelib.core.db import get_engine


class NotCompilable(TypeError):
    """The statement needs SQLAlchemy's execution path (type processing, expanding binds)."""


@dataclass(frozen=True)
class CompiledRead:
    sql: str
    literals: Mapping[str, Any]
    required: frozenset[str]


@lru_cache(maxsize=128)
def compile_read(statement: ClauseElement) -> CompiledRead:
    """The statement's SQL text and literal binds, compiled once per statement object (build
    the statement once, as a module constant or in an `lru_cache`d function)."""
    dialect = get_engine().dialect
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    if compiled.post_compile_params or compiled.literal_execute_params:
        raise NotCompilable("expanding or literal-execute parameters need SQLAlchemy's execution path")
    required: set[str] = set()
    for bind, key in compiled.bind_names.items():
        if bind.type.dialect_impl(dialect).bind_processor(dialect) is not None:
            raise NotCompilable(f"bind parameter {key!r} needs type processing")
        if bind.required:
            required.add(key)
    return CompiledRead(
        sql=compiled.string, literals=compiled.construct_params(_check=False), required=frozenset(required)
    )


def _execute(session: Session, statement: ClauseElement, values: Mapping[str, Any]) -> Any:
    read = compile_read(statement)
    missing = read.required - values.keys()
    if missing:
        raise KeyError(f"values missing for {sorted(missing)}")
    parameters = {**read.literals, **values}
    bind = session.bind
    connection = bind if isinstance(bind, Connection) else session.connection()
    dbapi_connection = connection.connection.dbapi_connection
    cursor = dbapi_connection.cursor(row_factory=namedtuple_row)  # type: ignore[union-attr]
    for listener in connection.dispatch.before_cursor_execute:
        listener(connection, cursor, read.sql, parameters, None, False)
    try:
        cursor.execute(read.sql, parameters)
    except psycopg.Error as error:
        cursor.close()
        raise _wrapped(connection, dbapi_connection, cursor, read.sql, parameters, error) from error
    for listener in connection.dispatch.after_cursor_execute:
        listener(connection, cursor, read.sql, parameters, None, False)
    return cursor


def _wrapped(
    connection: Connection, dbapi_connection: Any, cursor: Any, sql: str, parameters: Any, error: Any
) -> exc.StatementError:
    """As SQLAlchemy's own path would: a lost connection is invalidated (the pool replaces it,
    not the next request), and the error is SQLAlchemy's `DBAPIError` subclass for it."""
    disconnected = connection.dialect.is_disconnect(error, dbapi_connection, cursor)
    if disconnected:
        connection.invalidate(error)
    wrapped: exc.StatementError = exc.DBAPIError.instance(
        sql, parameters, error, psycopg.Error, dialect=connection.dialect, connection_invalidated=disconnected
    )
    return wrapped


def fetch_all(session: Session, statement: ClauseElement, values: Mapping[str, Any]) -> list[Any]:
    with _execute(session, statement, values) as cursor:
        return cursor.fetchall()  # type: ignore[no-any-return]


def fetch_optional(session: Session, statement: ClauseElement, values: Mapping[str, Any]) -> Any:
    """The one row, or None; more than one row is a bug in the statement."""
    with _execute(session, statement, values) as cursor:
        rows = cursor.fetchmany(2)
    if len(rows) > 1:
        raise LookupError("the statement returned more than one row")
    return rows[0] if rows else None
