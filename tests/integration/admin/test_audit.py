"""GET /admin/audit: who did what to which entity, when and from where; filtered, newest first,
a page at a time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from tests.integration.admin.conftest import Staff
from tests.support.api import Api

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def entry(db: Session, minutes: int, action: str, *, actor: uuid.UUID | None = None, **fields: Any) -> None:
    with time_machine.travel(T0 + timedelta(minutes=minutes), tick=False):
        record_audit(db, action, actor_user_id=actor, **{"source_ip": "10.0.0.1", **fields})
        db.flush()


def actions(response: Any) -> list[str]:
    assert response.status_code == 200, response.json_body
    return [item["action"] for item in response.json_body["items"]]


def test_an_entry_says_who_did_what_to_which_entity_when_and_from_where(api: Api, db: Session, support: Staff) -> None:
    target = uuid.uuid4()
    entry(
        db,
        0,
        "admin.user_suspended",
        actor=support.user.id,
        source_ip="196.201.214.7",
        user_agent="Mozilla/5.0",
        target_type="user",
        target_id=target,
        details={"reason": "Fraud"},
    )

    response = api.get(f"/admin/audit?entity_id={target}", token=support.token)

    [item] = response.json_body["items"]
    assert {key: value for key, value in item.items() if key != "id"} == {
        "created_at": "2026-05-04T08:00:00Z",
        "actor_user_id": str(support.user.id),
        "actor_email": support.user.email,
        "action": "admin.user_suspended",
        "entity_type": "user",
        "entity_id": str(target),
        "ip": "196.201.214.7",
        "user_agent": "Mozilla/5.0",
        "details": {"reason": "Fraud"},
    }


def test_the_log_is_filtered_by_actor_action_entity_ip_and_dates(api: Api, db: Session, admin: Staff) -> None:
    someone, business = uuid.uuid4(), uuid.uuid4()
    entry(db, 1, "t.signed_in", actor=someone)
    entry(db, 2, "t.business_suspended", actor=admin.user.id, target_type="business", target_id=business)
    entry(db, 3, "t.category_created", actor=admin.user.id, target_type="category", target_id=uuid.uuid4())
    entry(db, 4, "t.signed_in", actor=someone, source_ip="2001:db8::1")

    def ask(query: str) -> list[str]:
        return actions(api.get(f"/admin/audit?{query}", token=admin.token))

    assert ask(f"actor={someone}") == ["t.signed_in", "t.signed_in"]
    assert ask("action=t.signed_in&ip=2001:db8::1") == ["t.signed_in"]
    assert ask(f"entity_type=business&entity_id={business}") == ["t.business_suspended"]
    assert ask("entity_type=category") == ["t.category_created"]
    assert ask("date_from=2026-05-04T08:02:00Z&date_to=2026-05-04T08:04:00Z") == [
        "t.category_created",
        "t.business_suspended",
    ]


def test_the_log_comes_newest_first_a_page_at_a_time(api: Api, db: Session, admin: Staff) -> None:
    for minute in range(5):
        entry(db, minute, f"t.step_{minute}", target_type="paging")

    first = api.get("/admin/audit?entity_type=paging&limit=2", token=admin.token)
    second = api.get(
        f"/admin/audit?entity_type=paging&limit=2&cursor={first.json_body['next_cursor']}", token=admin.token
    )
    third = api.get(
        f"/admin/audit?entity_type=paging&limit=2&cursor={second.json_body['next_cursor']}", token=admin.token
    )

    assert [actions(page) for page in (first, second, third)] == [
        ["t.step_4", "t.step_3"],
        ["t.step_2", "t.step_1"],
        ["t.step_0"],
    ]
    assert third.json_body["next_cursor"] is None


def test_an_ip_filter_that_is_no_address_is_refused(api: Api, admin: Staff) -> None:
    response = api.get("/admin/audit?ip=999.1.1.1", token=admin.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "ip", "code": "invalid_ip", "message": "Give an IPv4 or IPv6 address."}
    ]


def test_every_admin_write_of_this_suite_names_its_actor_and_reason(api: Api, db: Session, admin: Staff) -> None:
    person = api.post(
        "/auth/register",
        {
            "business": {
                "kind": "retailer",
                "name": "Audit Shop",
                "registration_number": "BN-AUDIT-1",
                "phone": "+254712345678",
                "email": "audit-shop@example.co.ke",
                "address": {"line": "1 Moi Avenue", "city": "Nairobi", "region": "Nairobi", "country": "KE"},
            },
            "owner": {
                "full_name": "Audit Owner",
                "email": "audit-owner@example.co.ke",
                "phone": "+254722000111",
                "password": "Mango-Lorry-Kisumu-42",
            },
            "accepted_terms_version": "2026-01",
            "accepted_privacy_version": "2026-01",
        },
    ).json_body
    user_path, business_path = f"/admin/users/{person['user']['id']}", f"/admin/businesses/{person['business']['id']}"
    for path in (
        f"{user_path}/suspend",
        f"{user_path}/reactivate",
        f"{business_path}/suspend",
        f"{business_path}/reactivate",
    ):
        assert api.post(path, {"reason": f"Because of {path}"}, token=admin.token).status_code == 200

    response = api.get(f"/admin/audit?actor={admin.user.id}", token=admin.token)

    assert [(i["action"], i["details"]["reason"], i["actor_email"]) for i in response.json_body["items"]] == [
        ("admin.business_reactivated", f"Because of {business_path}/reactivate", admin.user.email),
        ("admin.business_suspended", f"Because of {business_path}/suspend", admin.user.email),
        ("admin.user_reactivated", f"Because of {user_path}/reactivate", admin.user.email),
        ("admin.user_suspended", f"Because of {user_path}/suspend", admin.user.email),
    ]


def test_dates_are_instants_with_their_offset(api: Api, admin: Staff) -> None:
    for value in ("0.5", "2026-05-04T08:00:00", "2026-05-04"):
        response = api.get(f"/admin/audit?date_to={value}", token=admin.token)

        assert response.status_code == 400, value
        assert response.json_body["error"]["details"] == [
            {"field": "date_to", "code": "date_time_format", "message": "Use an instant like 2026-05-04T08:00:00Z."}
        ]
