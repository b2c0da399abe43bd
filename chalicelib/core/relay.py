"""The outbox relay: publishes committed outbox events to the notifications SQS queue.

Two paths, one mechanism, at-least-once:

* **Sweeper** (`publish_pending`, `drain_outbox`): claims the oldest unpublished rows with
  `SELECT ... FOR UPDATE SKIP LOCKED`, so concurrent relays never pick the same row, sends
  them in `send_message_batch` calls of 10 and, in the same transaction, sets
  `published_at` only for the entries SQS accepted (`Successful`) and counts an attempt
  for the others. One transaction per chunk of `relay_batch_size` rows. A chunk's batches
  go out `relay_send_concurrency` at a time on the container's one send pool (`_send_pool`).
* **Fast path** (`publish_recorded_events`): `record_event` remembers the ids of the events
  a transaction wrote in `session.info`; after the edge's unit of work commits, this hook
  publishes exactly those rows at once, so an e-mail does not wait for the next sweep.

Why the fast path re-reads its rows instead of publishing the objects it holds in memory:
it runs on the *same session and connection* right after the commit, claiming the rows by
primary key with `FOR UPDATE SKIP LOCKED` and `published_at IS NULL`. That (1) never
publishes an event whose transaction or savepoint was rolled back, because such a row
does not exist; (2) never races a sweeper into a double publish, because one of the two
skips the locked row; (3) keeps the tests honest: the `db` fixture holds everything in one
outer transaction, which a new connection could not see but this one does. The price is
one primary-key SELECT and one UPDATE per request that recorded events.

The fast path never fails the request: any error is logged and the rows stay unpublished
for the sweeper. It is off when `OUTBOX_FAST_PATH=false` and does nothing without a
`NOTIFICATIONS_QUEUE_URL`.

A message is marked published only after SQS accepted it; a crash between the send and
the commit publishes it again later, which consumers absorb (they are idempotent on the
event id).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from chalicelib.core import aws
from chalicelib.core.clock import utcnow
from chalicelib.core.observability import logger
from chalicelib.core.outbox import PENDING_EVENT_IDS, OutboxEvent
from chalicelib.core.settings import get_settings

SQS_BATCH_LIMIT = 10

SessionSource = Session | sessionmaker[Session]

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _send_pool() -> ThreadPoolExecutor:
    """The container's pool for parallel SQS batch sends, built on first use.

    One per process, like the boto3 clients (`core.aws`), rather than one per publish call:
    the sweeper's `drain_outbox` publishes chunk after chunk, and a warm Lambda container
    runs one invocation after another, so a pool per call would start and join
    `relay_send_concurrency` threads again each time for nothing. Sharing it is safe because
    a Lambda container serves one invocation at a time and every caller waits for its own
    sends (`executor.map`) before it commits, so no work is ever in flight while the
    container is frozen; idle workers cost nothing, and the interpreter joins them at exit.
    Its size is `relay_send_concurrency` as read at first use (the setting is fixed for a
    container's life). A process that never has two batches to send in one chunk never
    builds it, and its threads start only as batches are submitted.
    """
    global _pool
    if _pool is None:
        with _pool_lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(
                    max_workers=get_settings().relay_send_concurrency, thread_name_prefix="outbox-send"
                )
    return _pool


@dataclass(frozen=True)
class SendOutcome:
    accepted: list[uuid.UUID]
    refused: list[uuid.UUID]


def message_body(event: Any) -> str:
    """The queue message: the event, self-describing, as the consumer parses it."""
    return json.dumps(
        {
            "event_id": str(event.id),
            "event_type": event.event_type,
            "aggregate_type": event.aggregate_type,
            "aggregate_id": str(event.aggregate_id),
            "occurred_at": event.occurred_at.isoformat(),
            "payload": event.payload,
        },
        separators=(",", ":"),
        default=str,
    )


def _send_batch(queue_url: str, events: Sequence[Any]) -> SendOutcome:
    entries = [
        {
            "Id": str(event.id),
            "MessageBody": message_body(event),
            "MessageAttributes": {"event_type": {"DataType": "String", "StringValue": event.event_type}},
        }
        for event in events
    ]
    try:
        response = aws.sqs().send_message_batch(QueueUrl=queue_url, Entries=entries)
    except aws.errors() as exc:
        logger.warning("outbox batch refused by SQS", extra={"error": str(exc), "events": len(events)})
        return SendOutcome(accepted=[], refused=[event.id for event in events])
    accepted = [uuid.UUID(entry["Id"]) for entry in response.get("Successful", [])]
    failed = response.get("Failed", [])
    if failed:
        logger.warning(
            "outbox entries refused by SQS",
            extra={"failed": [{"id": f["Id"], "code": f.get("Code"), "sender": f.get("SenderFault")} for f in failed]},
        )
    return SendOutcome(accepted=accepted, refused=[uuid.UUID(entry["Id"]) for entry in failed])


def send_to_queue(queue_url: str, events: Sequence[Any], executor: ThreadPoolExecutor | None = None) -> SendOutcome:
    """Send `events` in batches of 10, in parallel when an executor is given."""
    batches = [events[i : i + SQS_BATCH_LIMIT] for i in range(0, len(events), SQS_BATCH_LIMIT)]
    if executor is None or len(batches) < 2:
        outcomes = [_send_batch(queue_url, batch) for batch in batches]
    else:
        outcomes = list(executor.map(lambda batch: _send_batch(queue_url, batch), batches))
    return SendOutcome(
        accepted=[event_id for outcome in outcomes for event_id in outcome.accepted],
        refused=[event_id for outcome in outcomes for event_id in outcome.refused],
    )


def _claim(session: Session, limit: int, ids: Sequence[uuid.UUID] | None = None) -> list[Any]:
    """Lock up to `limit` unpublished rows, oldest first, skipping rows another relay holds.

    Plain rows rather than ORM objects: the relay only reads them, and loading entities
    costs more than the rest of the chunk's database work."""
    statement = select(
        OutboxEvent.id,
        OutboxEvent.event_type,
        OutboxEvent.aggregate_type,
        OutboxEvent.aggregate_id,
        OutboxEvent.occurred_at,
        OutboxEvent.payload,
    ).where(OutboxEvent.published_at.is_(None))
    if ids is not None:
        statement = statement.where(OutboxEvent.id.in_(ids))
    statement = (
        statement.order_by(OutboxEvent.occurred_at, OutboxEvent.id).limit(limit).with_for_update(skip_locked=True)
    )
    return list(session.execute(statement))


def _record_outcome(session: Session, outcome: SendOutcome) -> None:
    if outcome.accepted:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(outcome.accepted), OutboxEvent.published_at.is_(None))
            .values(published_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    if outcome.refused:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id.in_(outcome.refused))
            .values(publish_attempts=OutboxEvent.publish_attempts + 1)
            .execution_options(synchronize_session=False)
        )


@contextmanager
def _transaction(source: SessionSource) -> Iterator[Session]:
    """A committed-on-success transaction, from a session factory or on a given session."""
    if isinstance(source, Session):
        try:
            yield source
            source.commit()
        except BaseException:
            source.rollback()
            raise
        return
    with source() as session, session.begin():
        yield session


def publish_pending(source: SessionSource, *, limit: int | None = None, queue_url: str | None = None) -> int:
    """Publish up to `limit` unpublished events (all of them if None), oldest first.

    Commits once per chunk of `relay_batch_size` rows (given a `Session`, it commits that
    session). Stops early when a chunk publishes nothing (SQS down: the next sweep retries).
    Returns the number of events SQS accepted.
    """
    settings = get_settings()
    queue_url = queue_url or settings.notifications_queue_url
    if not queue_url:
        return 0
    published = 0
    while limit is None or published < limit:
        chunk = settings.relay_batch_size if limit is None else min(settings.relay_batch_size, limit - published)
        with _transaction(source) as session:
            events = _claim(session, chunk)
            outcome = _send_chunk(queue_url, events)
            _record_outcome(session, outcome)
        published += len(outcome.accepted)
        if len(events) < chunk or not outcome.accepted:
            break
    return published


def _send_chunk(queue_url: str, events: Sequence[Any]) -> SendOutcome:
    """A sweeper chunk's batches, in parallel on the send pool when there are several."""
    if not events:
        return SendOutcome([], [])
    executor = _send_pool() if len(events) > SQS_BATCH_LIMIT else None
    return send_to_queue(queue_url, events, executor)


def publish_recorded_events(session: Session) -> None:
    """After-commit hook: publish the events this session's transaction just committed.

    Never raises. Register it on the edge's unit of work:
    `uow.after_commit(lambda: publish_recorded_events(uow.session))`.
    """
    event_ids: list[uuid.UUID] = session.info.pop(PENDING_EVENT_IDS, None) or []
    settings = get_settings()
    if not event_ids or not settings.outbox_fast_path or not settings.notifications_queue_url:
        return
    try:
        with _transaction(session):
            events = _claim(session, len(event_ids), ids=event_ids)
            outcome = send_to_queue(settings.notifications_queue_url, events)
            _record_outcome(session, outcome)
    except Exception:
        logger.exception("outbox fast path failed; the sweeper will publish", extra={"events": len(event_ids)})


def unpublished_count(source: SessionSource) -> int:
    with _transaction(source) as session:
        return int(session.scalar(select(func.count()).where(OutboxEvent.published_at.is_(None))) or 0)


def drain_outbox(source: SessionSource, *, time_left_ms: Callable[[], int] | None = None) -> dict[str, Any]:
    """Publish until nothing is left, SQS stops accepting, or the time budget runs out.

    `time_left_ms` is the Lambda's remaining time minus a safety margin; a chunk is only
    started while it is positive.
    """
    settings = get_settings()
    published, chunks, stopped = 0, 0, "done"
    while True:
        if time_left_ms is not None and time_left_ms() <= 0:
            stopped = "deadline"
            break
        count = publish_pending(source, limit=settings.relay_batch_size)
        published += count
        chunks += 1
        if count < settings.relay_batch_size:
            break
    return {"published": published, "chunks": chunks, "stopped": stopped, "backlog": unpublished_count(source)}
