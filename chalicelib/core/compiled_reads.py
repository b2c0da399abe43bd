"""Hot reads: a statement built with SQLAlchemy, compiled once, run on the session's DBAPI cursor.

Every request pays for the principal query, and product detail and compare are primary-key
reads the database answers in ~0.2 ms. SQLAlchemy's execution around such a statement
(compiled-cache lookup, parameter construction, result metadata built from
`cursor.description`, the result object) costs more than that again, per statement; even
`Connection.exec_driver_sql` doubles the Python work of a request (measured: product detail
handler/SQL 1.9 -> 2.4). Here the statement is compiled for the engine's dialect once, with
public APIs only (the bind parameters found by walking the statement, `compiled.params`,
`compiled.string`); each call merges the caller's values into the statement's own literal
binds and executes the SQL text on the session's DBAPI connection
(`Connection.connection.dbapi_connection`: the connection a read-only unit of work bound it
to, or the one of its transaction: the same pool, ping and transaction as everything else),
with psycopg's `namedtuple_row`: rows answer `row.column` like SQLAlchemy rows. A lost
connection is invalidated (`Connection.invalidate`) and raised as SQLAlchemy's error for it.

SQLAlchemy's `before_cursor_execute` / `after_cursor_execute` events do not see these
statements (firing them would need SQLAlchemy internals): `listen_to_statements` attaches a
listener to both, for statement counts and SQL timings in tests and benchmarks.

Only statements whose values need no SQLAlchemy type processing qualify: psycopg itself
decodes uuid, numeric (Decimal), timestamptz, json and arrays. `compile_read` refuses a
statement with a bind processor or a parameter rendered at execution (expanding `IN`,
literal execute), and tests compare each statement's rows here with SQLAlchemy's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import BindParameter, ClauseElement, Connection, Dialect, Engine, event, exc
from sqlalchemy.orm import Session

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
    binds = list(_bind_parameters(statement))
    for bind in binds:
        _refuse_processing(bind, dialect)
    compiled = statement.compile(dialect=dialect)
    literals: dict[str, Any] = compiled.params
    required = frozenset(bind.key for bind in binds if bind.required)
    if not required <= literals.keys():
        raise NotCompilable(f"bind parameters {sorted(required - literals.keys())} are renamed in the SQL")
    return CompiledRead(sql=compiled.string, literals=literals, required=required)


def _bind_parameters(statement: ClauseElement) -> Iterator[BindParameter[Any]]:
    """Every bind parameter of the statement, each once."""
    seen: set[int] = set()
    pending: list[Any] = [statement]
    while pending:
        element = pending.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if isinstance(element, BindParameter):
            yield element
        pending.extend(element.get_children())


def _refuse_processing(bind: BindParameter[Any], dialect: Dialect) -> None:
    """A value psycopg cannot be given as it is: SQLAlchemy renders it into the SQL at execution
    (expanding `IN`, literal execute) or converts it first (a bind processor)."""
    if bind.expanding or bind.literal_execute:
        raise NotCompilable(f"bind parameter {bind.key!r} is rendered at execution")
    if bind.type.dialect_impl(dialect).bind_processor(dialect) is not None:
        raise NotCompilable(f"bind parameter {bind.key!r} needs type processing")


CursorListener = Callable[[Connection, Any, str, Any, Any, bool], None]
"""A `before_cursor_execute` / `after_cursor_execute` listener's signature."""

_before: list[CursorListener] = []
_after: list[CursorListener] = []


@contextmanager
def listen_to_statements(
    engine: Engine, *, before: CursorListener | None = None, after: CursorListener | None = None
) -> Iterator[None]:
    """Every statement sent to the database while the block runs, SQLAlchemy's and these."""
    pairs = [(name, listener, hooks) for name, listener, hooks in (
        ("before_cursor_execute", before, _before), ("after_cursor_execute", after, _after),
    ) if listener is not None]  # fmt: skip
    for name, listener, hooks in pairs:
        event.listen(engine, name, listener)
        hooks.append(listener)
    try:
        yield
    finally:
        for name, listener, hooks in pairs:
            event.remove(engine, name, listener)
            hooks.remove(listener)


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
    for listener in tuple(_before):
        listener(connection, cursor, read.sql, parameters, None, False)
    try:
        cursor.execute(read.sql, parameters)
    except psycopg.Error as error:
        cursor.close()
        raise _wrapped(connection, dbapi_connection, cursor, read.sql, parameters, error) from error
    for listener in tuple(_after):
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
