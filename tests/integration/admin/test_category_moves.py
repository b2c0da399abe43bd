"""The category tree editor: PATCH /admin/categories/{id} with `parent_id`/`position` puts a
category at its place among its siblings and renumbers every level it touches."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category
from chalicelib.core.audit import AuditEntry
from tests.integration.admin.conftest import Staff
from tests.integration.catalog.builders import add_category
from tests.support.api import Api, count


def level(db: Session, parent: Category | None) -> list[tuple[str, int]]:
    db.expire_all()
    where = Category.parent_id.is_(None) if parent is None else Category.parent_id == parent.id
    return [(c.name, c.position) for c in db.scalars(select(Category).where(where).order_by(Category.position))]


def test_reordering_renumbers_the_siblings(api: Api, db: Session, admin: Staff) -> None:
    drinks = add_category(db, "Drinks")
    for position, name in enumerate(("Soda", "Water", "Juice", "Beer")):
        add_category(db, name, parent=drinks, position=position)
    beer = db.scalar(select(Category).where(Category.name == "Beer"))
    assert beer is not None

    response = api.patch(f"/admin/categories/{beer.id}", {"position": 1}, token=admin.token)

    assert response.status_code == 200, response.json_body
    assert response.json_body["position"] == 1
    assert level(db, drinks) == [("Soda", 0), ("Beer", 1), ("Water", 2), ("Juice", 3)]


def test_moving_places_the_category_and_closes_the_gap_it_left(api: Api, db: Session, admin: Staff) -> None:
    drinks, food = add_category(db, "Drinks"), add_category(db, "Food", position=1)
    soda = add_category(db, "Soda", parent=drinks, position=0)
    add_category(db, "Water", parent=drinks, position=1)
    add_category(db, "Juice", parent=drinks, position=2)
    add_category(db, "Rice", parent=food, position=0)
    add_category(db, "Flour", parent=food, position=1)

    moved = api.patch(f"/admin/categories/{soda.id}", {"parent_id": str(food.id), "position": 1}, token=admin.token)
    to_end = api.patch(f"/admin/categories/{soda.id}", {"parent_id": str(drinks.id)}, token=admin.token)

    assert moved.status_code == 200, moved.json_body
    assert (moved.json_body["parent_id"], moved.json_body["position"]) == (str(food.id), 1)
    assert to_end.json_body["position"] == 2
    assert level(db, drinks) == [("Water", 0), ("Juice", 1), ("Soda", 2)]
    assert level(db, food) == [("Rice", 0), ("Flour", 1)]
    assert count(db, AuditEntry, AuditEntry.action == "category.updated") == 2


def test_a_position_past_the_end_puts_the_category_last(api: Api, db: Session, admin: Staff) -> None:
    drinks = add_category(db, "Drinks")
    water = add_category(db, "Water", parent=drinks, position=0)
    add_category(db, "Soda", parent=drinks, position=7)

    response = api.patch(f"/admin/categories/{water.id}", {"position": 500}, token=admin.token)

    assert response.json_body["position"] == 1
    assert level(db, drinks) == [("Soda", 0), ("Water", 1)]


def test_moving_under_its_own_descendant_is_refused_and_changes_nothing(api: Api, db: Session, admin: Staff) -> None:
    drinks = add_category(db, "Drinks")
    soda = add_category(db, "Soda", parent=drinks)
    cola = add_category(db, "Cola", parent=soda)

    response = api.patch(
        f"/admin/categories/{drinks.id}", {"parent_id": str(cola.id), "position": 0}, token=admin.token
    )

    assert response.status_code == 422
    assert response.json_body["error"]["code"] == "category_cycle"
    assert level(db, None) == [("Drinks", 0)]
    assert count(db, AuditEntry, AuditEntry.action == "category.updated") == 0


def test_moving_under_an_unknown_parent_is_refused(api: Api, db: Session, admin: Staff) -> None:
    drinks = add_category(db, "Drinks")

    response = api.patch(f"/admin/categories/{drinks.id}", {"parent_id": str(uuid.uuid4())}, token=admin.token)

    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["field"] == "parent_id"
    assert level(db, None) == [("Drinks", 0)]
