"""Engine, session factory and the unit of work.

One engine per Lambda container, built on first use (pool of `DB_POOL_SIZE`, 1 in Lambda:
RDS Proxy does the pooling). A unit of work is one transaction: it rolls back unless
`commit()` was called, and runs its after-commit hooks (the outbox fast path) only once
the commit succeeded. A read-only unit of work (`unit_of_work(read_only=True)`, the
catalog's GET routes) runs its statements in autocommit: no BEGIN and COMMIT round trips
for requests that only read.

A connection is pinged before use only when it has been idle for `DB_PING_AFTER_IDLE_SECONDS`
(a frozen Lambda container, a proxy that dropped it), not before every request: a ping is
a round trip, as long as the primary-key reads it would guard.

The server settings of the application's sessions (`SESSION_SETTINGS`) are not sent when a
connection starts: RDS Proxy refuses libpq startup `options`, and a `SET` would pin the
proxied connection. A migration stores them on the application's role in its database
(migrations/versions/..._0013_session_settings_of_the_role.py), and the server applies them
to every new connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, exc
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from chalicelib.core.settings import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


CONNECT_TIMEOUT_SECONDS = 5
SESSION_SETTINGS: dict[str, str] = {
    "statement_timeout": "10s",
    "work_mem": "32MB",
    "max_parallel_workers_per_gather": "0",
}
"""What every application session runs with (as `SHOW` reports it), set by migration 0013.

- statement_timeout: no API statement may hold a connection (one per container) for longer.
- work_mem: a search ranked in full keeps its whole result (up to hundreds of thousands of
  narrow rows) in memory instead of spilling it to disk; one connection per container keeps
  the total bounded.
- max_parallel_workers_per_gather 0: an API statement is short, a worker costs milliseconds
  to start, and a statement's branch that a one-time filter skips (catalog search) would
  start its workers before the filter is read.
"""

_engine: Engine | None = None
_session_factory: sessionmaker[Session] | None = None
_read_only_session_factory: sessionmaker[Session] | None = None
_read_only_engine: Engine | None = None
RETURNED_AT = "returned_at"


def sqlalchemy_url(url: str) -> str:
    """Accept plain `postgresql://` URLs (pgserver, DATABASE_URL) and use psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        settings = get_settings()
        _engine = create_engine(
            sqlalchemy_url(settings.database_url_with_password()),
            pool_size=settings.db_pool_size,
            max_overflow=0 if settings.db_pool_size == 1 else settings.db_pool_size,
            pool_recycle=300,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        )
        _ping_when_idle(_engine, settings.db_ping_after_idle_seconds)
    return _engine


def session_options() -> str:
    """`SESSION_SETTINGS` as libpq `options`, for a direct connection that must run with them
    whatever its role (the benchmarks' bare SQL); the application's engine never sends them."""
    return " ".join(f"-c {name}={value}" for name, value in SESSION_SETTINGS.items())


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """SQLAlchemy's pessimistic disconnect handling, only for connections idle long enough:
    a failed ping raises DisconnectionError, and the pool then opens a fresh connection."""

    @event.listens_for(engine, "checkin")
    def remember_return(_dbapi_connection: Any, record: Any) -> None:
        record.info[RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get(RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError() from error


def get_session_factory() -> sessionmaker[Session]:
    global _session_factory
    if _session_factory is None:
        _session_factory = sessionmaker(bind=get_engine(), expire_on_commit=False)
    return _session_factory


def get_read_only_engine() -> Engine:
    """The engine's pool with connections in autocommit while checked out (reset on return)."""
    global _read_only_engine
    if _read_only_engine is None:
        _read_only_engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
    return _read_only_engine


def use_session_factory(factory: sessionmaker[Session] | None) -> None:
    """Swap the session factory, for read-only units of work too (tests bind it to a
    connection held in a transaction)."""
    global _session_factory, _read_only_session_factory
    _session_factory = factory
    _read_only_session_factory = factory


def reset_engine() -> None:
    global _engine, _read_only_engine, _session_factory, _read_only_session_factory
    if _engine is not None:
        _engine.dispose()
    _engine = _read_only_engine = None
    _session_factory = None
    _read_only_session_factory = None


AFTER_COMMIT_HOOKS = "after_commit_hooks"


def run_after_commit(session: Session, hook: Callable[[], Any]) -> None:
    """For services, which hold only a session: run `hook` once the edge's unit of work has
    committed this session's transaction (after the unit's own hooks); dropped on rollback.
    A hook must not raise; it opens its own unit of work if it writes."""
    session.info.setdefault(AFTER_COMMIT_HOOKS, []).append(hook)


class UnitOfWork:
    def __init__(self, session: Session, *, read_only: bool = False) -> None:
        self.session = session
        self.read_only = read_only
        self._committed = False
        self._after_commit: list[Callable[[], Any]] = []

    def after_commit(self, hook: Callable[[], Any]) -> None:
        self._after_commit.append(hook)

    def commit(self) -> None:
        if not self.read_only or self.session.in_transaction():
            self.session.commit()
        self._committed = True
        hooks, self._after_commit = self._after_commit, []
        hooks += self.session.info.pop(AFTER_COMMIT_HOOKS, None) or []
        for hook in hooks:
            hook()

    @property
    def committed(self) -> bool:
        return self._committed


@contextmanager
def unit_of_work(*, read_only: bool = False) -> Iterator[UnitOfWork]:
    factory = _read_only_session_factory if read_only else get_session_factory()
    if factory is None:
        with _read_only_unit_of_work() as uow:
            yield uow
        return
    session = factory()
    uow = UnitOfWork(session, read_only=read_only)
    try:
        yield uow
    finally:
        if session.in_transaction():
            session.rollback()
        session.close()


@contextmanager
def _read_only_unit_of_work() -> Iterator[UnitOfWork]:
    """A session bound to one autocommit connection: statements through `core.compiled_reads`
    go to that connection directly, and the session only begins (and commits) when the ORM is
    used. A session bound to the engine would cost more than a primary-key read to set up."""
    connection = get_read_only_engine().connect()
    session = Session(bind=connection, expire_on_commit=False)
    try:
        yield UnitOfWork(session, read_only=True)
    finally:
        session.close()
        connection.close()
