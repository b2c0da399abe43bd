"""The demo wholesaler's catalog goes out as CSV and comes back unchanged, through the
preview and the real import; and what the import tells a person about a bad file (row AND
column, in the preview and in the refusal) and about a file that is too long."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.inventory.csv_io import COLUMNS
from chalicelib.inventory.importer import MAX_ROWS
from chalicelib.inventory.models import StockMovement
from infra.local.demo_catalog import DEMO_PRODUCTS, seed_demo_trade, seed_reference_data
from tests.integration.inventory.conftest import Account
from tests.support.api import Api, count
from tests.support.factories import make_business, make_user, signed_in

PRODUCT_COLUMNS = [column for column in Product.__table__.c if column.name != "updated_at"]


@pytest.fixture
def demo_wholesaler(db: Session) -> Account:
    seed_reference_data(db)
    wholesaler = make_business(db, "wholesaler", subscription=None)
    retailer = make_business(db, "retailer", subscription=None)
    seed_demo_trade(db, retailer_id=retailer.id, wholesaler_id=wholesaler.id)
    db.flush()
    user = make_user(db, wholesaler)
    return Account(token=signed_in(db, user), business_id=wholesaler.id, user_id=user.id)


def catalog_state(db: Session, account: Account) -> list[tuple[Any, ...]]:
    db.expire_all()
    products = db.execute(
        select(*PRODUCT_COLUMNS).where(Product.wholesaler_id == account.business_id).order_by(Product.sku)
    ).all()
    tiers = db.execute(
        select(Product.sku, PriceTier.min_quantity, PriceTier.unit_price)
        .join(Product, Product.id == PriceTier.product_id)
        .where(Product.wholesaler_id == account.business_id)
        .order_by(Product.sku, PriceTier.min_quantity)
    ).all()
    return [tuple(row) for row in products] + [tuple(row) for row in tiers]


def upload(api: Api, account: Account, body: str, **params: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return api.post(
        "/inventory/import" + (f"?{query}" if query else ""),
        body,
        token=account.token,
        headers={"content-type": "text/csv"},
    )


def test_the_demo_catalog_exports_and_imports_back_unchanged(api: Api, db: Session, demo_wholesaler: Account) -> None:
    before = catalog_state(db, demo_wholesaler)
    movements_before = count(db, StockMovement)
    exported = api.get("/inventory/export", token=demo_wholesaler.token)
    assert exported.status_code == 200
    text = exported.body.decode() if isinstance(exported.body, bytes) else exported.body
    rows = len(DEMO_PRODUCTS)

    preview = upload(api, demo_wholesaler, text, dry_run="true")
    imported = upload(api, demo_wholesaler, text)

    assert preview.status_code == 200, preview.json_body
    assert preview.json_body == {
        "mode": "all_or_nothing", "dry_run": True, "rows": rows, "max_rows": MAX_ROWS, "created": 0,
        "updated": rows, "unchanged": rows, "skipped": 0, "stock_movements": 0, "problems": [],
    }  # fmt: skip
    assert imported.status_code == 200, imported.json_body
    assert imported.json_body == {**preview.json_body, "dry_run": False}
    assert catalog_state(db, demo_wholesaler) == before
    assert count(db, StockMovement) == movements_before
    again = api.get("/inventory/export", token=demo_wholesaler.token)
    assert again.body == exported.body


def test_the_preview_points_at_each_bad_cell_and_writes_nothing(
    api: Api, db: Session, demo_wholesaler: Account
) -> None:
    text = api.get("/inventory/export", token=demo_wholesaler.token).body
    text = text.decode() if isinstance(text, bytes) else text
    records = list(csv.DictReader(io.StringIO(text)))
    records[2]["pack_size"] = "0"  # row 4 of the file
    records[4]["category_slug"] = "no-such-slug"  # row 6
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    broken = out.getvalue()
    before = catalog_state(db, demo_wholesaler)

    preview = upload(api, demo_wholesaler, broken, dry_run="true", mode="valid_only")
    refused = upload(api, demo_wholesaler, broken)

    expected_problems = [
        {"row": 4, "column": "pack_size", "code": "greater_than_equal",
         "message": "Input should be greater than or equal to 1"},
        {"row": 6, "column": "category_slug", "code": "unknown_category",
         "message": "No category has the slug 'no-such-slug'."},
    ]  # fmt: skip
    assert preview.status_code == 200
    body = preview.json_body
    assert (body["dry_run"], body["skipped"], body["problems"]) == (True, 2, expected_problems)
    assert (body["created"], body["updated"], body["unchanged"]) == (0, len(DEMO_PRODUCTS) - 2, len(DEMO_PRODUCTS) - 2)
    assert refused.status_code == 400
    assert refused.json_body["error"]["problems"] == expected_problems
    assert [d["field"] for d in refused.json_body["error"]["details"]] == ["row 4: pack_size", "row 6: category_slug"]
    assert catalog_state(db, demo_wholesaler) == before


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_read(
    api: Api, db: Session, demo_wholesaler: Account
) -> None:
    slug = db.scalars(select(Category.slug).limit(1)).one()
    row = dict.fromkeys(COLUMNS, "")
    row.update(sku="X", name="X", category_slug=slug, unit_of_sale="each", tiers="1:1.00")
    line = ",".join(row[c] for c in COLUMNS)
    body = "\r\n".join([",".join(COLUMNS), *([line] * (MAX_ROWS + 1))]) + "\r\n"

    response = upload(api, demo_wholesaler, body, dry_run="true")

    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "too_many_rows"
    assert (
        response.json_body["error"]["message"] == "The file has 10,001 product rows; import at most 10,000 at a time."
    )
