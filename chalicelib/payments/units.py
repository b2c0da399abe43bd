"""Units of work opened by the payments domain itself: the webhook, the after-commit
collection request and reconciliation each commit several short transactions (never one
holding a row lock across a call to a provider)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from chalicelib.core.db import UnitOfWork, unit_of_work
from chalicelib.core.relay import publish_recorded_events


@contextmanager
def payments_unit() -> Iterator[UnitOfWork]:
    """A unit of work whose outbox events are published right after it commits."""
    with unit_of_work() as uow:
        uow.after_commit(lambda: publish_recorded_events(uow.session))
        yield uow
