"""The in-app notifications API: newest first with cursor pages, the unread filter and
count, marking read, and one user never seeing or touching another's notifications."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.notifications import repository
from chalicelib.notifications.models import Notification
from tests.integration.notifications.conftest import People, Person
from tests.support.api import Api


def notify(db: Session, person: Person, count: int) -> list[uuid.UUID]:
    """`count` notifications, one minute apart, oldest first."""
    start = utcnow() - timedelta(hours=1)
    rows: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "user_id": person.user.id,
            "business_id": person.business.id if person.business else None,
            "event_id": uuid.uuid4(),
            "event_type": "BusinessRegistered",
            "category": "account",
            "title": f"Notice {n}",
            "body": f"Body {n}",
            "link": "/business",
            "data": {"n": n},
            "created_at": start + timedelta(minutes=n),
        }
        for n in range(count)
    ]
    repository.add_notifications(db, rows)
    db.flush()
    return [row["id"] for row in rows]


def titles(response: Any) -> list[str]:
    return [item["title"] for item in response.json_body["items"]]


def test_notifications_come_newest_first_in_cursor_pages(api: Api, db: Session, people: People) -> None:
    person = people.owner("retailer")
    notify(db, person, 5)

    first = api.get("/notifications?limit=2", token=person.token)
    second = api.get(f"/notifications?limit=2&cursor={first.json_body['next_cursor']}", token=person.token)
    third = api.get(f"/notifications?limit=2&cursor={second.json_body['next_cursor']}", token=person.token)

    assert [titles(r) for r in (first, second, third)] == [
        ["Notice 4", "Notice 3"],
        ["Notice 2", "Notice 1"],
        ["Notice 0"],
    ]
    assert third.json_body["next_cursor"] is None
    item = first.json_body["items"][0]
    assert set(item) == {"id", "event_type", "category", "title", "body", "link", "data", "created_at", "read_at"}
    assert (item["body"], item["link"], item["data"], item["read_at"]) == ("Body 4", "/business", {"n": 4}, None)
    assert titles(api.get("/notifications", token=person.token)) == [f"Notice {n}" for n in range(4, -1, -1)]


def test_the_unread_filter_the_count_and_marking_read(api: Api, db: Session, people: People) -> None:
    person = people.owner("retailer")
    ids = notify(db, person, 4)
    assert api.get("/notifications/unread-count", token=person.token).json_body == {"unread": 4}

    with time_machine.travel(utcnow(), tick=False):
        read = api.post(f"/notifications/{ids[1]}/read", token=person.token)
        assert read.status_code == 200
        assert read.json_body["title"] == "Notice 1"
        first_read_at = read.json_body["read_at"]
        assert first_read_at is not None
    again = api.post(f"/notifications/{ids[1]}/read", token=person.token)

    assert again.json_body["read_at"] == first_read_at  # the first read time is kept
    assert api.get("/notifications/unread-count", token=person.token).json_body == {"unread": 3}
    unread = api.get("/notifications?unread=true", token=person.token)
    assert titles(unread) == ["Notice 3", "Notice 2", "Notice 0"]
    page = api.get("/notifications?unread=true&limit=2", token=person.token)
    rest = api.get(f"/notifications?unread=true&limit=2&cursor={page.json_body['next_cursor']}", token=person.token)
    assert titles(page) + titles(rest) == ["Notice 3", "Notice 2", "Notice 0"]

    assert api.post("/notifications/read-all", token=person.token).json_body == {"marked": 3}
    assert api.get("/notifications/unread-count", token=person.token).json_body == {"unread": 0}
    assert titles(api.get("/notifications?unread=true", token=person.token)) == []
    assert api.post("/notifications/read-all", token=person.token).json_body == {"marked": 0}


def test_one_user_cannot_see_or_mark_another_s_notifications(api: Api, db: Session, people: People) -> None:
    mine = people.owner("retailer")
    colleague = people.user(mine.business, role="staff")
    theirs = notify(db, colleague, 2)
    notify(db, mine, 1)

    assert titles(api.get("/notifications", token=mine.token)) == ["Notice 0"]
    refused = api.post(f"/notifications/{theirs[0]}/read", token=mine.token)
    assert refused.status_code == 404
    assert refused.json_body["error"]["code"] == "notification_not_found"
    assert api.post("/notifications/read-all", token=mine.token).json_body == {"marked": 1}
    db.expire_all()
    assert [n.read_at for n in db.scalars(select(Notification).where(Notification.id.in_(theirs)))] == [None, None]
    assert api.get("/notifications/unread-count", token=colleague.token).json_body == {"unread": 2}


def test_bad_ids_cursors_and_limits_are_refused(api: Api, people: People) -> None:
    person = people.owner("retailer")

    assert api.post("/notifications/not-a-uuid/read", token=person.token).status_code == 404
    assert api.post(f"/notifications/{uuid.uuid4()}/read", token=person.token).status_code == 404
    tampered = api.get("/notifications?cursor=eyJpZCI6MX0", token=person.token)
    assert (tampered.status_code, tampered.json_body["error"]["details"][0]["code"]) == (400, "invalid_cursor")
    assert api.get("/notifications?limit=101", token=person.token).status_code == 400
    assert api.get("/notifications?limit=0", token=person.token).status_code == 400
    assert api.get("/notifications?colour=red", token=person.token).status_code == 400


def test_notifications_need_a_signed_in_user(api: Api) -> None:
    assert api.get("/notifications").status_code == 401
    assert api.get("/notifications/unread-count").status_code == 401
    assert api.post("/notifications/read-all").status_code == 401
    assert api.post(f"/notifications/{uuid.uuid4()}/read").status_code == 401
