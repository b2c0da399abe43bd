"""The category tree: public read, admin changes and their rules, and the seed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category
from chalicelib.catalog.seed_data import CATEGORY_TREE, seed_categories
from chalicelib.core.audit import AuditEntry
from tests.integration.catalog.builders import add_category, add_product
from tests.support.api import Api, count
from tests.support.factories import Actor, make_actor, make_user, signed_in


def error(code: str, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


def test_the_tree_is_public_and_nested_by_position(api: Api, db: Session) -> None:
    # Given two roots and children created out of order
    food = add_category(db, "Dry Foods", position=1)
    drinks = add_category(db, "Beverages", position=0)
    add_category(db, "Water", parent=drinks, position=1)
    soda = add_category(db, "Soft Drinks", parent=drinks, position=0)
    add_category(db, "Colas", parent=soda, position=0)
    add_category(db, "Rice", parent=food, position=0)

    # When anyone reads the tree without signing in
    response = api.get("/categories")

    # Then roots and children come by position, each with its sub-tree
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"

    def shape(nodes: list[dict[str, Any]]) -> list[Any]:
        return [(n["slug"], n["position"], shape(n["children"])) for n in nodes]

    assert shape(response.json_body["items"]) == [
        ("beverages", 0, [("soft-drinks", 0, [("colas", 0, [])]), ("water", 1, [])]),
        ("dry-foods", 1, [("rice", 0, [])]),
    ]
    assert set(response.json_body["items"][0]) == {"id", "name", "slug", "position", "children"}


def test_an_admin_adds_a_category_with_a_derived_slug_after_its_siblings(
    api: Api, db: Session, admin_token: str
) -> None:
    drinks = add_category(db, "Beverages")
    add_category(db, "Water", parent=drinks, position=4)

    response = api.post(
        "/admin/categories", {"name": "Juices & Nectars", "parent_id": str(drinks.id)}, token=admin_token
    )

    assert response.status_code == 201, response.json_body
    body = response.json_body
    assert (body["name"], body["slug"], body["parent_id"], body["position"]) == (
        "Juices & Nectars",
        "juices-and-nectars",
        str(drinks.id),
        5,
    )
    created = db.scalar(select(Category).where(Category.slug == "juices-and-nectars"))
    assert created is not None and created.parent_id == drinks.id
    audit = db.scalar(select(AuditEntry).where(AuditEntry.action == "category.created"))
    assert audit is not None and audit.target_id == body["id"]


def test_a_slug_clash_is_a_conflict_and_writes_nothing(api: Api, db: Session, admin_token: str) -> None:
    add_category(db, "Beverages")
    before = count(db, Category)

    response = api.post("/admin/categories", {"name": "Drinks", "slug": "beverages"}, token=admin_token)

    assert response.status_code == 409
    assert response.json_body == error("category_slug_taken", "Another category already uses this slug.")
    assert count(db, Category) == before
    assert count(db, AuditEntry, AuditEntry.action == "category.created") == 0


def test_an_unknown_parent_is_a_bad_request(api: Api, db: Session, admin_token: str) -> None:
    response = api.post(
        "/admin/categories",
        {"name": "Orphan", "parent_id": "00000000-0000-4000-8000-000000000000"},
        token=admin_token,
    )

    assert response.status_code == 400
    assert response.json_body == error(
        "validation_failed",
        "The category does not exist.",
        [{"field": "parent_id", "code": "unknown_category", "message": "Choose a category from GET /categories."}],
    )
    assert count(db, Category) == 0


@pytest.mark.parametrize("target", ["itself", "child", "grandchild"])
def test_moving_a_category_under_itself_or_a_descendant_is_refused(
    api: Api, db: Session, admin_token: str, target: str
) -> None:
    root = add_category(db, "Beverages")
    child = add_category(db, "Soft Drinks", parent=root)
    grandchild = add_category(db, "Colas", parent=child)
    new_parent = {"itself": root, "child": child, "grandchild": grandchild}[target]

    response = api.patch(f"/admin/categories/{root.id}", {"parent_id": str(new_parent.id)}, token=admin_token)

    assert response.status_code == 422
    assert response.json_body == error(
        "category_cycle", "A category cannot be moved under itself or one of its descendants."
    )
    db.expire_all()
    assert db.get(Category, root.id).parent_id is None  # type: ignore[union-attr]


def test_an_admin_renames_moves_and_reorders_and_can_move_to_the_root(api: Api, db: Session, admin_token: str) -> None:
    drinks = add_category(db, "Beverages")
    food = add_category(db, "Dry Foods", position=1)
    rice = add_category(db, "Rice", parent=food)

    moved = api.patch(
        f"/admin/categories/{rice.id}",
        {"parent_id": str(drinks.id), "name": "Rice Drinks", "position": 3},
        token=admin_token,
    )
    to_root = api.patch(f"/admin/categories/{rice.id}", {"parent_id": None}, token=admin_token)

    assert moved.status_code == 200, moved.json_body
    assert (moved.json_body["parent_id"], moved.json_body["name"], moved.json_body["position"]) == (
        str(drinks.id),
        "Rice Drinks",
        0,
    )
    assert moved.json_body["slug"] == "rice"
    assert to_root.status_code == 200
    assert to_root.json_body["parent_id"] is None


def test_renaming_to_a_taken_slug_is_a_conflict(api: Api, db: Session, admin_token: str) -> None:
    add_category(db, "Beverages")
    food = add_category(db, "Dry Foods")

    response = api.patch(f"/admin/categories/{food.id}", {"slug": "beverages"}, token=admin_token)

    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "category_slug_taken"
    db.expire_all()
    assert db.get(Category, food.id).slug == "dry-foods"  # type: ignore[union-attr]


def test_a_category_with_products_or_children_cannot_be_deleted(
    api: Api, db: Session, admin_token: str, wholesaler: Any
) -> None:
    drinks = add_category(db, "Beverages")
    soda = add_category(db, "Soft Drinks", parent=drinks)
    add_product(db, wholesaler, soda, "Coca-Cola 500 ml")

    with_children = api.delete(f"/admin/categories/{drinks.id}", token=admin_token)
    with_products = api.delete(f"/admin/categories/{soda.id}", token=admin_token)

    assert with_children.status_code == 409
    assert with_children.json_body == error(
        "category_has_children", "Move or delete the sub-categories of this category first."
    )
    assert with_products.status_code == 409
    assert with_products.json_body == error(
        "category_has_products", "Products are filed under this category; move them to another category first."
    )
    assert count(db, Category) == 2


def test_an_empty_leaf_is_deleted(api: Api, db: Session, admin_token: str) -> None:
    drinks = add_category(db, "Beverages")
    water = add_category(db, "Water", parent=drinks)

    response = api.delete(f"/admin/categories/{water.id}", token=admin_token)
    again = api.delete(f"/admin/categories/{water.id}", token=admin_token)

    assert response.status_code == 204
    assert count(db, Category, Category.id == water.id) == 0
    assert again.status_code == 404
    assert again.json_body == error("category_not_found", "No such category.")
    assert count(db, AuditEntry, AuditEntry.action == "category.deleted") == 1


@pytest.mark.parametrize(
    ("method", "path_suffix", "body"),
    [("POST", "", {"name": "Snacks"}), ("PATCH", "/{id}", {"name": "Snacks"}), ("DELETE", "/{id}", None)],
)
@pytest.mark.parametrize("who", ["retailer", "wholesaler", "support"])
def test_only_admins_change_categories(
    api: Api, db: Session, method: str, path_suffix: str, body: Any, who: str
) -> None:
    category = add_category(db, "Beverages")
    token = signed_in(db, make_user(db, None, role="support")) if who == "support" else make_actor(db, who).token

    response = api.request(method, "/admin/categories" + path_suffix.format(id=category.id), body, token=token)

    assert response.status_code == 403
    assert response.json_body == error("role_not_allowed", "Your role does not allow this.")
    db.expire_all()
    assert [c.name for c in db.scalars(select(Category))] == ["Beverages"]


def test_changing_categories_needs_a_sign_in(api: Api, retailer: Actor) -> None:
    response = api.post("/admin/categories", {"name": "Snacks"})

    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "not_authenticated"


def test_the_seed_builds_the_wholesale_tree_once(db: Session) -> None:
    expected = len(CATEGORY_TREE) + sum(len(children) for _, children in CATEGORY_TREE)

    created = seed_categories(db)
    again = seed_categories(db)

    assert (created, again) == (expected, 0)
    assert count(db, Category) == expected
    beverages = db.scalar(select(Category).where(Category.slug == "beverages"))
    assert beverages is not None and beverages.parent_id is None
    children = db.scalars(
        select(Category.slug).where(Category.parent_id == beverages.id).order_by(Category.position)
    ).all()
    assert children[:5] == ["soft-drinks", "bottled-water", "juices-and-nectars", "energy-drinks", "beer-and-cider"]


def test_a_reseed_puts_a_moved_seeded_category_back_and_keeps_admin_additions(db: Session) -> None:
    seed_categories(db)
    rice = db.scalar(select(Category).where(Category.slug == "rice"))
    beverages = db.scalar(select(Category).where(Category.slug == "beverages"))
    assert rice is not None and beverages is not None
    rice.parent_id, rice.name = beverages.id, "Rice (moved)"
    extra = add_category(db, "Pet Food")

    assert seed_categories(db) == 0

    db.expire_all()
    dry_foods = db.scalar(select(Category).where(Category.slug == "dry-foods"))
    assert dry_foods is not None
    assert (rice.parent_id, rice.name) == (dry_foods.id, "Rice")
    assert db.get(Category, extra.id) is not None
