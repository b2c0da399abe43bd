"""The outbox relay: every committed event reaches the queue once, whether through the
fast path after the request's commit or through the sweeper, even when two relays run at
once or the process dies between the commit and the publish."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core import relay
from chalicelib.core.clock import utcnow
from chalicelib.core.db import get_session_factory, unit_of_work
from chalicelib.core.outbox import OutboxEvent, record_event
from chalicelib.core.relay import drain_outbox, publish_pending, publish_recorded_events
from chalicelib.core.settings import get_settings
from functions import sweeper
from tests.integration.notifications.edge import AwsEdge, LambdaContext
from tests.support.api import Api, registration_body

SCHEDULED_EVENT: dict[str, Any] = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2026-11-24T10:00:00Z",
    "region": "eu-west-1",
    "resources": ["arn:aws:events:eu-west-1:123456789012:rule/marketplace-sweeper"],
    "detail": {},
}
MESSAGE_KEYS = {"event_id", "event_type", "aggregate_type", "aggregate_id", "occurred_at", "payload"}


def add_events(session: Session, count: int, *, event_type: str = "BusinessRegistered") -> list[uuid.UUID]:
    """`count` events, oldest first, one second apart."""
    start = utcnow() - timedelta(hours=1)
    ids = []
    for n in range(count):
        event = record_event(
            session, event_type, aggregate_type="business", aggregate_id=uuid.uuid4(), payload={"n": n}
        )
        event.occurred_at = start + timedelta(seconds=n)
        ids.append(event.id)
    session.flush()
    return ids


def outbox_rows(session: Session, ids: list[uuid.UUID]) -> list[OutboxEvent]:
    session.expire_all()
    return list(session.scalars(select(OutboxEvent).where(OutboxEvent.id.in_(ids))))


def test_relay_publishes_each_unpublished_event_once_oldest_first_and_marks_it(
    db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "relay_batch_size", 7)  # several chunks, partial SQS batches
    ids = add_events(db, 23)
    already = record_event(db, "BusinessRegistered", aggregate_type="business", aggregate_id=uuid.uuid4(), payload={})
    already.published_at = utcnow()
    db.flush()

    assert publish_pending(get_session_factory(), limit=5) == 5
    assert [body["event_id"] for body in edge.queued_bodies()] == [str(i) for i in ids[:5]]

    assert publish_pending(get_session_factory()) == 18
    bodies = edge.queued_bodies()
    assert sorted(body["event_id"] for body in bodies) == sorted(str(i) for i in ids)
    first = next(body for body in bodies if body["event_id"] == str(ids[0]))
    assert set(first) == MESSAGE_KEYS
    assert first["event_type"] == "BusinessRegistered"
    assert first["aggregate_type"] == "business"
    assert first["payload"] == {"n": 0}
    rows = outbox_rows(db, ids)
    assert all(row.published_at is not None for row in rows)
    assert {row.publish_attempts for row in rows} == {0}

    assert publish_pending(get_session_factory()) == 0
    assert len(edge.queued_bodies()) == 23


def test_relay_counts_an_attempt_and_keeps_the_event_when_sqs_refuses(
    db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_events(db, 3)
    monkeypatch.setattr(get_settings(), "notifications_queue_url", edge.queue_url + "-missing")

    assert publish_pending(get_session_factory()) == 0

    rows = outbox_rows(db, ids)
    assert [(row.published_at, row.publish_attempts) for row in rows] == [(None, 1)] * 3
    monkeypatch.setattr(get_settings(), "notifications_queue_url", edge.queue_url)
    assert publish_pending(get_session_factory()) == 3
    assert len(edge.queued_bodies()) == 3


def test_the_sweeper_drains_chunks_of_parallel_batches_once_each_on_the_container_s_one_send_pool(
    db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "relay_batch_size", 25)  # chunks of 25: three SQS batches sent in parallel
    ids = add_events(db, 60)

    assert drain_outbox(get_session_factory()) == {"published": 60, "chunks": 3, "stopped": "done", "backlog": 0}

    assert sorted(body["event_id"] for body in edge.queued_bodies()) == sorted(str(i) for i in ids)
    assert all(row.published_at is not None for row in outbox_rows(db, ids))
    assert relay._send_pool() is relay._send_pool()
    senders = [t for t in threading.enumerate() if t.name.startswith("outbox-send")]
    assert 0 < len(senders) <= get_settings().relay_send_concurrency


@pytest.mark.concurrency
def test_two_relays_running_at_once_never_publish_the_same_row(
    committed_db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "relay_batch_size", 20)
    ids = add_events(committed_db, 400)
    committed_db.commit()
    barrier = threading.Barrier(2)
    published: list[int] = []

    def relay() -> None:
        barrier.wait()
        published.append(publish_pending(get_session_factory()))

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    queued = [body["event_id"] for body in edge.queued_bodies()]
    assert sorted(queued) == sorted(str(i) for i in ids)  # each exactly once
    assert sum(published) == 400
    assert min(published) > 0, "both relays should have claimed rows"
    assert all(row.published_at is not None for row in outbox_rows(committed_db, ids))


@pytest.mark.concurrency
def test_a_crash_between_commit_and_publish_loses_nothing_the_sweeper_publishes_it_once(
    committed_db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "outbox_fast_path", False)  # the process "dies" after the commit
    ids = []
    for _ in range(3):
        with unit_of_work() as uow:
            uow.after_commit(lambda uow=uow: publish_recorded_events(uow.session))  # as the HTTP edge does
            ids += add_events(uow.session, 4)
            uow.commit()
    assert edge.queued_bodies() == []

    summary = sweeper.handler(SCHEDULED_EVENT, LambdaContext())

    assert summary["relay_outbox"] == {"published": 12, "chunks": 1, "stopped": "done", "backlog": 0}
    assert sorted(body["event_id"] for body in edge.queued_bodies()) == sorted(str(i) for i in ids)
    assert sweeper.handler(SCHEDULED_EVENT, LambdaContext())["relay_outbox"]["published"] == 0
    assert len(edge.queued_bodies()) == 12


def test_the_sweeper_stops_at_the_lambda_deadline(db: Session, edge: AwsEdge) -> None:
    add_events(db, 2)

    summary = sweeper.handler(SCHEDULED_EVENT, LambdaContext(remaining_ms=get_settings().sweeper_time_margin_ms))

    assert summary == {name: {"skipped": "deadline"} for name in sweeper.TASKS}
    assert edge.queued_bodies() == []


def test_the_fast_path_never_publishes_an_event_whose_savepoint_rolled_back(db: Session, edge: AwsEdge) -> None:
    with unit_of_work() as uow:
        uow.after_commit(lambda: publish_recorded_events(uow.session))
        nested = uow.session.begin_nested()
        add_events(uow.session, 1, event_type="RolledBack")
        nested.rollback()
        kept = add_events(uow.session, 1)
        uow.commit()

    assert [body["event_id"] for body in edge.queued_bodies()] == [str(kept[0])]
    assert outbox_rows(db, kept)[0].published_at is not None


def test_a_request_s_events_are_on_the_queue_when_it_returns(api: Api, db: Session, edge: AwsEdge) -> None:
    response = api.post("/auth/register", registration_body())

    assert response.status_code == 201
    queued = {body["event_type"]: body for body in edge.queued_bodies()}
    assert set(queued) == {"BusinessRegistered", "EmailVerificationRequested"}
    ids = [uuid.UUID(body["event_id"]) for body in queued.values()]
    assert all(row.published_at is not None for row in outbox_rows(db, ids))
    assert publish_pending(get_session_factory()) == 0  # nothing left for the sweeper


def test_with_the_fast_path_off_a_request_s_events_wait_for_the_sweeper(
    api: Api, db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "outbox_fast_path", False)

    assert api.post("/auth/register", registration_body()).status_code == 201

    assert edge.queued_bodies() == []
    assert sweeper.handler(SCHEDULED_EVENT, LambdaContext())["relay_outbox"]["published"] == 2
    assert {body["event_type"] for body in edge.queued_bodies()} == {"BusinessRegistered", "EmailVerificationRequested"}


def test_an_sqs_outage_does_not_fail_the_request_and_the_sweeper_catches_up(
    api: Api, db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "notifications_queue_url", edge.queue_url + "-down")

    response = api.post("/auth/register", registration_body())

    assert response.status_code == 201
    pending = list(db.scalars(select(OutboxEvent).where(OutboxEvent.published_at.is_(None))))
    assert sorted(e.event_type for e in pending) == ["BusinessRegistered", "EmailVerificationRequested"]
    assert {e.publish_attempts for e in pending} == {1}
    monkeypatch.setattr(get_settings(), "notifications_queue_url", edge.queue_url)
    assert sweeper.handler(SCHEDULED_EVENT, LambdaContext())["relay_outbox"]["published"] == 2


def test_without_a_queue_url_the_fast_path_does_nothing(
    api: Api, db: Session, edge: AwsEdge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "notifications_queue_url", None)

    assert api.post("/auth/register", registration_body()).status_code == 201

    pending = list(db.scalars(select(OutboxEvent).where(OutboxEvent.published_at.is_(None))))
    assert [e.publish_attempts for e in pending] == [0, 0]
    assert edge.queued_bodies() == []
