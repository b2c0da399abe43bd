"""Bulk CSV: POST /inventory/import (all_or_nothing, valid_only) and GET /inventory/export."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.inventory.csv_io import COLUMNS
from chalicelib.inventory.models import StockMovement
from tests.integration.inventory.conftest import Account, change_stock, create_product
from tests.support.api import Api, count

HEADER = ",".join(COLUMNS)
EXPECTED_COLUMNS = "Expected columns: " + HEADER


def csv_row(category: Category, **values: Any) -> str:
    row: dict[str, Any] = {
        "sku": "RICE-5KG",
        "gtin": "",
        "name": "Pishori rice 5 kg",
        "brand": "Mwea",
        "category_slug": category.slug,
        "description": "Aromatic rice",
        "unit_of_sale": "bale of 4 x 5 kg",
        "pack_size": "4",
        "min_order_qty": "1",
        "order_increment": "1",
        "tiers": "1:2400.00|10:2300.00",
        "low_stock_threshold": "5",
        "lead_time_days": "2",
        "status": "draft",
        "stock": "",
    }
    row.update(values)
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([row[name] for name in COLUMNS])
    return out.getvalue()


def csv_file(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def upload(
    api: Api, account: Account, body: str | bytes, *, mode: str | None = None, content_type: str = "text/csv"
) -> Any:
    path = "/inventory/import" + (f"?mode={mode}" if mode else "")
    return api.post(path, body, token=account.token, headers={"content-type": content_type})


def product_by_sku(db: Session, sku: str) -> Product:
    db.expire_all()
    return db.scalars(select(Product).where(Product.sku == sku)).one()


def tiers_of(db: Session, product: Product) -> list[tuple[int, Decimal]]:
    rows = db.execute(
        select(PriceTier.min_quantity, PriceTier.unit_price)
        .where(PriceTier.product_id == product.id)
        .order_by(PriceTier.min_quantity)
    )
    return [(q, p) for q, p in rows]


# --- importing -----------------------------------------------------------------------------


def test_an_import_creates_products_with_tiers_and_stock(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = csv_file(
        csv_row(beverages, stock="40"),
        csv_row(beverages, sku="SUGAR-2KG", name='Sugar, "white" 2 kg', tiers="12:250.00|48:245.50", min_order_qty="12",
                gtin="5449000000996", status="active", brand=""),
    )  # fmt: skip

    response = upload(api, wholesaler, body)

    assert response.status_code == 200, response.json_body
    assert response.json_body == {
        "mode": "all_or_nothing",
        "dry_run": False,
        "rows": 2,
        "max_rows": 10_000,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "stock_movements": 1,
        "problems": [],
    }
    rice = product_by_sku(db, "RICE-5KG")
    assert (rice.wholesaler_id, rice.stock_on_hand, rice.status, rice.gtin) == (
        wholesaler.business_id,
        40,
        "draft",
        None,
    )
    assert (rice.pack_size, rice.lead_time_days, rice.low_stock_threshold, rice.price_at_moq) == (
        4,
        2,
        5,
        Decimal("2400.00"),
    )
    assert tiers_of(db, rice) == [(1, Decimal("2400.00")), (10, Decimal("2300.00"))]
    sugar = product_by_sku(db, "SUGAR-2KG")
    assert (sugar.name, sugar.brand, sugar.status, sugar.stock_on_hand) == ('Sugar, "white" 2 kg', None, "active", 0)
    assert tiers_of(db, sugar) == [(12, Decimal("250.00")), (48, Decimal("245.50"))]
    movement = db.scalars(select(StockMovement)).one()
    assert (movement.product_id, movement.kind, movement.delta, movement.stock_after, movement.note) == (
        rice.id,
        "adjustment",
        40,
        40,
        "CSV import",
    )
    assert movement.actor_user_id == wholesaler.user_id


def test_an_import_updates_by_sku_and_sets_the_stock_level(
    api: Api, db: Session, wholesaler: Account, beverages: Category, snacks: Category
) -> None:
    existing = create_product(api, wholesaler, beverages, sku="RICE-5KG", attributes={"origin": "Mwea"})
    change_stock(api, wholesaler, existing["id"], 30, "restock")

    response = upload(
        api, wholesaler, csv_file(csv_row(snacks, name="Pishori rice 5 kg (new)", stock="18", tiers="1:2350.00"))
    )

    assert response.status_code == 200, response.json_body
    assert (response.json_body["created"], response.json_body["updated"], response.json_body["stock_movements"]) == (
        0,
        1,
        1,
    )
    rice = product_by_sku(db, "RICE-5KG")
    assert str(rice.id) == existing["id"]
    assert (rice.name, rice.category_id, rice.stock_on_hand, rice.price_at_moq) == (
        "Pishori rice 5 kg (new)",
        snacks.id,
        18,
        Decimal("2350.00"),
    )
    assert rice.attributes == {"origin": "Mwea"}  # not in the file: kept
    assert tiers_of(db, rice) == [(1, Decimal("2350.00"))]
    latest = db.scalars(select(StockMovement).where(StockMovement.kind == "adjustment")).one()
    assert (latest.delta, latest.stock_after) == (-12, 18)


def test_all_or_nothing_reports_every_bad_row_and_writes_nothing(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    existing = create_product(api, wholesaler, beverages, sku="KEEP-1", name="Unchanged")
    body = csv_file(
        csv_row(beverages, sku="KEEP-1", name="Changed", stock="5"),  # row 2: fine
        csv_row(beverages, sku="BAD-1", tiers="1:100.00|1:90.00", category_slug="no-such-slug"),  # row 3
        csv_row(beverages, sku="GOOD-1"),  # row 4
        csv_row(beverages, sku="BAD-2", pack_size="0", tiers="2:abc", stock="-3", gtin="123"),  # row 5
        csv_row(beverages, sku="GOOD-1", tiers="1:5.00|5:6.00"),  # row 6: duplicate SKU and a rising price
        "ONLY,three,values",  # row 7
    )

    response = upload(api, wholesaler, body)

    assert response.status_code == 400
    answer = response.json_body
    problems = answer["error"].pop("problems")
    assert [f"row {p['row']}: {p['column']}" for p in problems] == [d["field"] for d in answer["error"]["details"]]
    assert answer == {
        "error": {
            "code": "validation_failed",
            "message": "4 of 6 rows have problems; nothing was imported.",
            "details": [
                {"field": "row 3: category_slug", "code": "unknown_category",
                 "message": "No category has the slug 'no-such-slug'."},
                {"field": "row 3: tiers", "code": "quantities_not_increasing",
                 "message": "Tier 2 starts at 1: quantities must increase (tier 1 starts at 1)."},
                {"field": "row 5: gtin", "code": "invalid_gtin", "message": "A GTIN has 8, 12, 13 or 14 digits."},
                {"field": "row 5: pack_size", "code": "greater_than_equal",
                 "message": "Input should be greater than or equal to 1"},
                {"field": "row 5: tiers", "code": "invalid_tiers", "message": "Tier 1: 'abc' is not a price."},
                {"field": "row 5: stock", "code": "invalid_stock",
                 "message": "Stock is a whole number from 0 to 1,000,000,000."},
                {"field": "row 6: sku", "code": "duplicate_sku", "message": "SKU 'GOOD-1' is also on row 4."},
                {"field": "row 6: tiers", "code": "price_rises",
                 "message": "Tier 2 costs 6.00, more than tier 1's 5.00: unit prices never rise with quantity."},
                {"field": "row 7: row", "code": "wrong_column_count",
                 "message": "The row has 3 values; the header has 15."},
            ],
        }
    }  # fmt: skip
    assert count(db, Product) == 1
    assert product_by_sku(db, "KEEP-1").name == "Unchanged"
    assert product_by_sku(db, "KEEP-1").stock_on_hand == 0
    assert count(db, StockMovement) == 0
    assert existing["sku"] == "KEEP-1"


def test_valid_only_imports_the_good_rows_and_answers_the_bad_ones(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = csv_file(
        csv_row(beverages, sku="GOOD-1", stock="7"),
        csv_row(beverages, sku="BAD-1", tiers="", name=""),
        csv_row(beverages, sku="GOOD-2"),
    )

    response = upload(api, wholesaler, body, mode="valid_only")

    assert response.status_code == 200, response.json_body
    assert response.json_body == {
        "mode": "valid_only",
        "dry_run": False,
        "rows": 3,
        "max_rows": 10_000,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
        "stock_movements": 1,
        "problems": [
            {"row": 3, "column": "name", "code": "string_too_short",
             "message": "String should have at least 1 character"},
            {"row": 3, "column": "tiers", "code": "invalid_tiers",
             "message": "Give at least one tier as min_qty:unit_price, e.g. 12:120.00|48:115.00."},
        ],
    }  # fmt: skip
    assert sorted(db.scalars(select(Product.sku))) == ["GOOD-1", "GOOD-2"]
    assert product_by_sku(db, "GOOD-1").stock_on_hand == 7


def test_an_unverified_user_cannot_publish_through_the_import(
    api: Api, db: Session, unverified_wholesaler: Account, beverages: Category
) -> None:
    response = upload(api, unverified_wholesaler, csv_file(csv_row(beverages, status="active")))
    assert response.status_code == 400
    assert response.json_body["error"]["details"] == [
        {"field": "row 2: status", "code": "email_not_verified",
         "message": "Verify your e-mail address before you publish products."}
    ]  # fmt: skip
    assert count(db, Product) == 0
    assert upload(api, unverified_wholesaler, csv_file(csv_row(beverages))).status_code == 200


# --- refused files ---------------------------------------------------------------------------


def test_a_wrong_header_is_refused_with_the_expected_columns(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    header = HEADER.replace(",stock", "").replace("tiers", "prices")
    response = upload(api, wholesaler, csv_file("x", header=header))
    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "invalid_header",
            "message": "The header is wrong (missing: tiers, stock; unknown: prices).",
            "details": [{"field": "header", "code": "invalid_header", "message": EXPECTED_COLUMNS}],
        }
    }
    assert count(db, Product) == 0


def test_a_file_that_is_not_valid_csv_is_refused_naming_the_row_and_nothing_is_imported(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    good = csv_row(beverages)
    broken = csv_row(beverages, sku="SUGAR-2KG").replace("Pishori rice 5 kg", '"Pishori" rice 5 kg')

    response = upload(api, wholesaler, csv_file(good, broken))

    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "malformed_csv",
            "message": "The file is not valid CSV.",
            "details": [{"field": "row 3", "code": "malformed_csv", "message": "',' expected after '\"'"}],
        }
    }
    assert (count(db, Product), count(db, StockMovement)) == (0, 0)


def test_columns_may_come_in_any_order(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    values = dict(zip(COLUMNS, csv_row(beverages).split(","), strict=True))
    order = list(reversed(COLUMNS))
    body = ",".join(order) + "\n" + ",".join(values[name] for name in order) + "\n"
    assert upload(api, wholesaler, body).status_code == 200
    assert product_by_sku(db, "RICE-5KG").name == "Pishori rice 5 kg"


def test_a_file_that_is_not_utf8_is_refused(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    body = csv_file(csv_row(beverages, name="Caf\u00e9 beans")).encode("latin-1")
    response = upload(api, wholesaler, body)
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "invalid_encoding"
    offset = body.index(b"\xe9") + 1
    assert response.json_body["error"]["details"] == [
        {
            "field": "body",
            "code": "invalid_encoding",
            "message": f"Byte {offset} is not UTF-8; save the file as CSV UTF-8.",
        }
    ]
    assert count(db, Product) == 0


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = ("\ufeff" + csv_file(csv_row(beverages, name="Caf\u00e9 beans"))).encode("utf-8")
    assert upload(api, wholesaler, body).status_code == 200
    assert product_by_sku(db, "RICE-5KG").name == "Caf\u00e9 beans"


def test_an_oversized_file_is_refused(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    row = csv_row(beverages)
    body = csv_file(*[row] * (5 * 1024 * 1024 // len(row) + 1))
    assert len(body.encode()) > 5 * 1024 * 1024
    response = upload(api, wholesaler, body)
    assert response.status_code == 400
    assert response.json_body == {
        "error": {
            "code": "file_too_large",
            "message": "The file is too large.",
            "details": [{"field": "body", "code": "file_too_large", "message": "Import at most 5 MB."}],
        }
    }
    assert count(db, Product) == 0


def test_a_body_that_is_not_csv_or_has_no_rows_is_refused(api: Api, wholesaler: Account) -> None:
    json_body = upload(api, wholesaler, '{"sku": "x"}', content_type="application/json")
    assert json_body.status_code == 400
    assert json_body.json_body["error"]["details"] == [
        {"field": "body", "code": "unsupported_content_type", "message": "Send Content-Type: text/csv."}
    ]
    header_only = upload(api, wholesaler, HEADER + "\n")
    assert header_only.status_code == 400
    assert header_only.json_body["error"]["code"] == "empty_file"
    empty = upload(api, wholesaler, "")
    assert empty.status_code == 400
    assert empty.json_body["error"]["code"] == "invalid_header"
    bad_mode = upload(api, wholesaler, csv_file("x"), mode="sometimes")
    assert bad_mode.status_code == 400
    assert bad_mode.json_body["error"]["details"][0]["field"] == "mode"


# --- exporting ---------------------------------------------------------------------------


def test_the_export_has_the_import_shape_and_round_trips(
    api: Api, db: Session, wholesaler: Account, other_wholesaler: Account, beverages: Category
) -> None:
    soda = create_product(api, wholesaler, beverages, name="Soda, 500 ml", description='Says "fizz"\nTwo lines')
    change_stock(api, wholesaler, soda["id"], 33, "restock")
    create_product(api, wholesaler, beverages, sku="WATER-1", gtin=None, brand=None, description="", status="active",
                   tiers=[{"min_quantity": 2, "unit_price": "99.90"}])  # fmt: skip
    create_product(api, other_wholesaler, beverages, sku="THEIRS")

    exported = api.get("/inventory/export", token=wholesaler.token)

    assert exported.status_code == 200
    assert exported.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert exported.headers["Content-Disposition"].startswith('attachment; filename="inventory-')
    text = exported.body.decode()
    assert text == (
        HEADER + "\r\n"
        'SODA-500-24,5449000000996,"Soda, 500 ml",Fizz,test-beverages,"Says ""fizz""\nTwo lines",'
        "carton of 24 x 500 ml,24,2,1,2:1200.00|10:1150.00|50:1100.00,10,3,draft,33\r\n"
        "WATER-1,,Soda 500 ml,,test-beverages,,carton of 24 x 500 ml,24,2,1,2:99.90,10,3,active,0\r\n"
    )

    before = {p["sku"]: p for p in api.get("/inventory/products", token=wholesaler.token).json_body["items"]}
    reimported = upload(api, wholesaler, text)
    after = {p["sku"]: p for p in api.get("/inventory/products", token=wholesaler.token).json_body["items"]}

    assert reimported.status_code == 200, reimported.json_body
    assert (
        reimported.json_body["created"],
        reimported.json_body["updated"],
        reimported.json_body["stock_movements"],
    ) == (
        0,
        2,
        0,
    )
    drop = lambda p: {k: v for k, v in p.items() if k != "updated_at"}  # noqa: E731
    assert {sku: drop(p) for sku, p in after.items()} == {sku: drop(p) for sku, p in before.items()}
    assert count(db, Product, Product.wholesaler_id == wholesaler.business_id) == 2
    assert uuid.UUID(soda["id"]) == product_by_sku(db, "SODA-500-24").id


# --- input rules ---------------------------------------------------------------------------


def test_price_cells_follow_the_money_rules_of_the_json_api(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = csv_file(
        csv_row(beverages, sku="PLAIN", tiers="1:1200|10:1150.5"),
        csv_row(beverages, sku="UNDERSCORE", tiers="1:1_200.00"),
        csv_row(beverages, sku="EXPONENT", tiers="1:1e3"),
        csv_row(beverages, sku="CENTS", tiers="1:12.005"),
    )

    response = upload(api, wholesaler, body, mode="valid_only")

    assert response.status_code == 200, response.json_body
    message = 'Tier 1: An amount is up to 12 digits with at most 2 decimals, as a string, e.g. "120.00".'
    assert response.json_body["problems"] == [
        {"row": row, "column": "tiers", "code": "invalid_money", "message": message} for row in (3, 4, 5)
    ]
    assert tiers_of(db, product_by_sku(db, "PLAIN")) == [(1, Decimal("1200.00")), (10, Decimal("1150.50"))]
    assert count(db, Product) == 1


def test_a_file_with_a_control_character_is_refused_and_nothing_is_imported(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = csv_file(csv_row(beverages, sku="TAB-OK", description="Aromatic\trice"), csv_row(beverages, name="Rice\x00"))

    response = upload(api, wholesaler, body)

    assert response.status_code == 400
    position = body.encode().index(b"\x00") + 1
    assert response.json_body == {
        "error": {
            "code": "invalid_characters",
            "message": "The request contains control characters.",
            "details": [
                {
                    "field": "body",
                    "code": "invalid_characters",
                    "message": f"Remove the control character U+0000 (byte {position} of the body).",
                }
            ],
        }
    }
    assert count(db, Product) == 0
    assert count(db, StockMovement) == 0


def test_tabs_and_line_breaks_inside_cells_are_imported(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    body = csv_file(
        csv_row(beverages, description="DESCRIPTION").replace("DESCRIPTION", '"Aromatic\trice\r\nfrom Mwea"')
    )

    response = upload(api, wholesaler, body)

    assert response.status_code == 200, response.json_body
    assert product_by_sku(db, "RICE-5KG").description == "Aromatic\trice\r\nfrom Mwea"
