"""The wholesale category tree every deployment starts with, and its idempotent seed.

`seed_categories(session)` upserts the tree by slug (parents before children), so it can
run on every start of the local stack or after every deploy: a re-run creates nothing
new, and a seeded category that was renamed or moved is put back where the seed says.
Categories an admin added are left alone. It never commits (the caller's unit of work
does).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Boolean, literal_column
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category

# (name, [sub-category names]); slugs derive from names.
CATEGORY_TREE: list[tuple[str, list[str]]] = [
    (
        "Beverages",
        [
            "Soft Drinks",
            "Bottled Water",
            "Juices & Nectars",
            "Energy Drinks",
            "Beer & Cider",
            "Wines & Spirits",
            "Tea",
            "Coffee",
            "Cocoa & Malted Drinks",
        ],
    ),
    (
        "Dry Foods",
        [
            "Flour & Maize Meal",
            "Rice",
            "Sugar",
            "Cooking Oil & Fats",
            "Pasta & Noodles",
            "Beans & Pulses",
            "Breakfast Cereals",
            "Salt & Spices",
            "Baking Supplies",
        ],
    ),
    (
        "Canned & Packaged Foods",
        ["Canned Vegetables & Fruit", "Canned Fish & Meat", "Sauces & Condiments", "Spreads", "Soups & Stock Cubes"],
    ),
    (
        "Dairy & Eggs",
        ["Fresh Milk", "Long-Life Milk", "Powdered Milk", "Yoghurt", "Butter & Margarine", "Cheese", "Eggs"],
    ),
    (
        "Snacks & Confectionery",
        ["Crisps & Savoury Snacks", "Biscuits & Cookies", "Chocolate", "Sweets & Chewing Gum", "Nuts & Seeds"],
    ),
    (
        "Household",
        [
            "Laundry Detergents",
            "Dishwashing",
            "Surface Cleaners",
            "Bleach & Disinfectants",
            "Toilet Care",
            "Air Fresheners",
            "Insecticides",
            "Tissue & Paper Products",
            "Bags, Foil & Cling Film",
        ],
    ),
    (
        "Personal Care",
        [
            "Bath Soap",
            "Body Lotion & Petroleum Jelly",
            "Hair Care",
            "Oral Care",
            "Deodorants",
            "Feminine Care",
            "Shaving",
        ],
    ),
    ("Baby Care", ["Diapers", "Baby Wipes", "Baby Food & Formula", "Baby Toiletries"]),
    ("Health & First Aid", ["Pain Relief", "First Aid", "Vitamins & Supplements"]),
    ("Home Essentials", ["Batteries", "Light Bulbs", "Candles & Matches", "Charcoal & Cooking Fuel"]),
    ("Stationery", ["Exercise Books", "Pens & Pencils", "Paper & Envelopes", "School Supplies"]),
]


@dataclass(frozen=True)
class SeedCategory:
    name: str
    slug: str
    parent_slug: str | None
    position: int


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", "and")).strip("-")


def seed_categories_in_order() -> Iterator[SeedCategory]:
    """Every seeded category, each parent before its children."""
    for position, (name, children) in enumerate(CATEGORY_TREE):
        parent_slug = slugify(name)
        yield SeedCategory(name, parent_slug, None, position)
        for child_position, child in enumerate(children):
            yield SeedCategory(child, slugify(child), parent_slug, child_position)


def seed_categories(session: Session) -> int:
    """Upsert the seed tree by slug; answers how many categories were created (0 on a re-run)."""
    ids: dict[str, uuid.UUID] = {}
    created = 0
    for item in seed_categories_in_order():
        parent_id = ids[item.parent_slug] if item.parent_slug else None
        values = insert(Category).values(
            id=uuid.uuid4(), name=item.name, slug=item.slug, parent_id=parent_id, position=item.position
        )
        statement = values.on_conflict_do_update(
            index_elements=[Category.slug],
            set_={"name": item.name, "parent_id": parent_id, "position": item.position},
        ).returning(Category.id, literal_column("xmax = 0", Boolean).label("inserted"))
        row = session.execute(statement).one()
        ids[item.slug] = row.id
        created += int(bool(row.inserted))
    return created
