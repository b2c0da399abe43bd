"""Values the OpenAPI document types strictly are not coerced: `0` is not a boolean, `false`
not a position, `0` not a day (pydantic's lax mode would take each)."""

from __future__ import annotations

from tests.support.factories import make_actor, make_user, signed_in


def test_a_number_is_not_a_boolean_preference(api, db):
    retailer = make_actor(db, "retailer")
    body = {"preferences": [{"category": "orders", "channel": "sms", "enabled": 0}]}
    r = api.put("/me/notification-preferences", body, token=retailer.token)
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "bool_type")


def test_a_boolean_is_not_a_category_position(api, db):
    admin = make_user(db, None, role="admin")
    r = api.post("/admin/categories", {"name": "Flour", "position": False}, token=signed_in(db, admin))
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "int_type")


def test_a_day_is_written_yyyy_mm_dd(api, db):
    admin = signed_in(db, make_user(db, None, role="admin"))
    for path in ("/admin/payments?date_to=0", "/admin/refunds?date_from=20261201", "/admin/reconciliation?date=0"):
        r = api.get(path, token=admin)
        assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "date_format"), path
    assert api.get("/admin/reconciliation?date=2026-12-01", token=admin).status_code == 200


def test_a_boolean_is_not_a_plan_limit(api, db):
    admin = signed_in(db, make_user(db, None, role="admin"))
    body = {"code": "r-strict", "name": "Strict", "audience": "retailer", "price_monthly": "10.00",
            "price_yearly": "100.00", "limits": {"orders_per_month": False}}  # fmt: skip
    r = api.post("/admin/plans", body, token=admin)
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "int_type")
    r = api.post("/admin/plans", {**body, "limits": {}, "trial_days": False}, token=admin)
    assert (r.status_code, r.json_body["error"]["details"][0]["code"]) == (400, "int_type")
