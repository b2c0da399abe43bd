"""Plans: the public price list, admin management, and the idempotent seed."""

from __future__ import annotations

from sqlalchemy import select

from chalicelib.billing.models import Plan
from chalicelib.billing.seed_data import PLANS, seed_plans
from chalicelib.core.audit import AuditEntry
from tests.integration.billing.helpers import seeded, start
from tests.support.api import count
from tests.support.factories import make_actor, make_user, signed_in

NEW_PLAN = {
    "code": "wholesaler-plus",
    "name": "Plus",
    "audience": "wholesaler",
    "price_monthly": "4000.00",
    "price_yearly": "40000.00",
    "trial_days": 7,
    "limits": {"active_products": 500, "staff_users": 8},
    "features": {"pay_on_delivery": True, "sales_reports": False},
}


def _admin(db) -> str:
    return signed_in(db, make_user(db, None, role="admin"))


def test_the_seed_adds_basic_and_pro_per_audience_once(db):
    assert seed_plans(db) == 4
    assert seed_plans(db) == 0
    rows = db.scalars(select(Plan).order_by(Plan.code)).all()
    assert [(p.code, p.name, p.audience) for p in rows] == [
        ("retailer-basic", "Basic", "retailer"),
        ("retailer-pro", "Pro", "retailer"),
        ("wholesaler-basic", "Basic", "wholesaler"),
        ("wholesaler-pro", "Pro", "wholesaler"),
    ]
    assert len(PLANS) == 4


def test_the_public_list_offers_active_plans_of_one_audience_cheapest_first(api, db):
    plans = seeded(db)
    plans["retailer-pro"].status = "retired"
    db.flush()
    r = api.get("/plans?audience=retailer")
    assert r.status_code == 200
    assert [p["code"] for p in r.json_body["items"]] == ["retailer-basic"]
    basic = r.json_body["items"][0]
    assert basic == {
        "id": str(plans["retailer-basic"].id),
        "code": "retailer-basic",
        "name": "Basic",
        "audience": "retailer",
        "status": "active",
        "currency": "KES",
        "price_monthly": "500.00",
        "price_yearly": "5000.00",
        "trial_days": 14,
        "limits": {"active_products": None, "staff_users": 2, "orders_per_month": 30},
        "features": {"pay_on_delivery": False, "sales_reports": False},
    }
    assert [p["code"] for p in api.get("/plans").json_body["items"]] == [
        "retailer-basic",
        "wholesaler-basic",
        "wholesaler-pro",
    ]
    assert api.get("/plans?audience=farmer").status_code == 400


def test_an_admin_creates_changes_and_lists_plans(api, db):
    token = _admin(db)
    r = api.post("/admin/plans", NEW_PLAN, token=token)
    assert r.status_code == 201, r.json_body
    plan_id = r.json_body["id"]
    assert r.json_body["limits"] == {"active_products": 500, "staff_users": 8, "orders_per_month": None}

    r = api.patch(
        f"/admin/plans/{plan_id}", {"price_monthly": "4200.00", "limits": {"active_products": 600}}, token=token
    )
    assert r.status_code == 200, r.json_body
    assert (r.json_body["price_monthly"], r.json_body["price_yearly"]) == ("4200.00", "40000.00")
    assert r.json_body["limits"] == {"active_products": 600, "staff_users": None, "orders_per_month": None}

    assert api.post("/admin/plans", NEW_PLAN, token=token).json_body["error"]["code"] == "plan_code_taken"
    listed = api.get("/admin/plans?audience=wholesaler", token=token).json_body["items"]
    assert [p["code"] for p in listed] == ["wholesaler-plus"]
    assert count(db, AuditEntry, AuditEntry.action.in_(("plan.created", "plan.updated"))) == 2


def test_plan_bodies_must_fit_the_audience(api, db):
    token = _admin(db)
    body = {**NEW_PLAN, "code": "retailer-odd", "audience": "retailer"}
    r = api.post("/admin/plans", body, token=token)
    assert r.status_code == 400
    assert r.json_body["error"]["details"][0]["code"] == "not_for_retailers"
    r = api.post("/admin/plans", {**NEW_PLAN, "limits": {"orders_per_month": 5}}, token=token)
    assert r.json_body["error"]["details"][0]["code"] == "not_for_wholesalers"
    assert api.post("/admin/plans", {**NEW_PLAN, "price_monthly": "-1.00"}, token=token).status_code == 400
    assert count(db, Plan) == 0


def test_only_admins_manage_plans(api, db):
    owner = make_actor(db, "wholesaler")
    assert api.post("/admin/plans", NEW_PLAN, token=owner.token).status_code == 403
    support = signed_in(db, make_user(db, None, role="support"))
    assert api.get("/admin/plans", token=support).status_code == 200
    assert api.post("/admin/plans", NEW_PLAN, token=support).status_code == 403
    assert api.get("/admin/plans").status_code == 401


def test_an_unused_plan_is_deleted_and_one_in_use_is_retired(api, db):
    token = _admin(db)
    unused = api.post("/admin/plans", NEW_PLAN, token=token).json_body["id"]
    r = api.delete(f"/admin/plans/{unused}", token=token)
    assert r.json_body == {"outcome": "deleted", "plan": None}
    assert db.get(Plan, unused) is None

    plans = seeded(db)
    start(make_actor(db, "wholesaler"), "wholesaler-basic")
    r = api.delete(f"/admin/plans/{plans['wholesaler-basic'].id}", token=token)
    assert (r.json_body["outcome"], r.json_body["plan"]["status"]) == ("retired", "retired")
    assert "wholesaler-basic" not in [p["code"] for p in api.get("/plans").json_body["items"]]
    assert api.delete(f"/admin/plans/{unused}", token=token).status_code == 404
