"""Bulk import and export of the wholesaler's catalog as CSV (the file shape: `csv_io`).

The import validates EVERY row before writing anything, with the JSON API's own rules
(the `ProductFields` schema, the tier rules, the publishing rule) plus the file's own
(known category slug, no SKU twice, stock a whole number). Then, depending on `mode`:

- `all_or_nothing` (default): any bad row -> 400 listing every problem as
  `{"field": "row 7: tiers", "code", "message"}`, and nothing is written;
- `valid_only`: the valid rows are written, the bad ones are answered in `problems`.

The 400 of `all_or_nothing` also carries `problems` (row, column, code, message) beside
the envelope's details, so a client can point at the cell. `dry_run=true` is the preview:
the same row checks and counts (`created`, `updated`, `unchanged`, `skipped`, `problems`)
with nothing written and a 200 whatever the rows hold; the plan's limit on active products
is checked by the real import only (a preview shows the file's problems, not the plan's).

A file has at most `MAX_ROWS` (10,000) data rows; the import is synchronous, and
`benchmarks/inventory_import_bench.py` holds 10,000 new rows under 10 s through the handler,
well inside API Gateway's 29 s.

Writing is set-based, so any number of rows takes the same few statements: one upsert
on (wholesaler, SKU), one DELETE and one INSERT for the tiers, and the stock levels through
`stock.set_stock_levels` (one locking SELECT, one UPDATE, one INSERT of movements).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from chalicelib.billing.gating import check_limit
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.principal import Principal
from chalicelib.inventory import bulk_repository, csv_io, repository
from chalicelib.inventory.import_diff import count_unchanged
from chalicelib.inventory.rules import tier_problems
from chalicelib.inventory.schemas import ImportResult, ProductFields, RowProblem
from chalicelib.inventory.stock import MAX_STOCK, set_stock_levels

# Empty cells of these columns take the schema's default; the text columns are passed as they are.
OPTIONAL_COLUMNS = (
    "gtin",
    "brand",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "low_stock_threshold",
    "lead_time_days",
    "status",
)
TEXT_COLUMNS = ("sku", "name", "description", "unit_of_sale")
MAX_ROWS = 10_000


@dataclass(frozen=True)
class ValidRow:
    number: int
    fields: ProductFields
    category_id: uuid.UUID
    stock: int | None


@dataclass
class Validation:
    valid: list[ValidRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _payload(values: Mapping[str, str]) -> dict[str, Any]:
    payload: dict[str, Any] = {name: values[name] for name in TEXT_COLUMNS}
    payload.update({name: values[name] for name in OPTIONAL_COLUMNS if values[name]})
    return payload


def _schema_problems(number: int, exc: ValidationError) -> list[RowProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        column = str(loc[0]) if loc else "row"
        message = error["msg"].removeprefix("Value error, ")
        if column == "tiers" and len(loc) > 1 and isinstance(loc[1], int):
            message = f"Tier {loc[1] + 1}: {message}"
        problems.append(RowProblem(row=number, column=column, code=error["type"], message=message))
    return problems


def _stock(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_STOCK:
        raise ValueError(f"Stock is a whole number from 0 to {MAX_STOCK:,}.")
    return int(text)


def validate_row(
    row: csv_io.CsvRow, *, categories: Mapping[str, uuid.UUID], statuses: Mapping[str, str], may_publish: bool
) -> ValidRow | list[RowProblem]:
    """The row as a product, or every problem it has (pure: lookups are passed in)."""
    if row.width != len(csv_io.COLUMNS):
        message = f"The row has {row.width} values; the header has {len(csv_io.COLUMNS)}."
        return [RowProblem(row=row.number, column="row", code="wrong_column_count", message=message)]
    values = row.values
    problems: list[RowProblem] = []

    def problem(column: str, code: str, message: str) -> None:
        problems.append(RowProblem(row=row.number, column=column, code=code, message=message))

    payload = _payload(values)
    try:
        payload["tiers"] = csv_io.parse_tiers(values["tiers"])
    except ValueError as exc:
        problem("tiers", "invalid_tiers", str(exc))
    fields: ProductFields | None = None
    try:
        fields = ProductFields.model_validate(payload)
    except ValidationError as exc:
        already = {p.column for p in problems}
        problems.extend(p for p in _schema_problems(row.number, exc) if p.column not in already)
    if fields is not None:
        for tier_problem in tier_problems(fields.tiers, min_order_qty=fields.min_order_qty):
            problem("tiers", tier_problem["code"], tier_problem["message"])
        if fields.status == "active" and not may_publish and statuses.get(fields.sku) != "active":
            problem("status", "email_not_verified", "Verify your e-mail address before you publish products.")
    slug = values["category_slug"]
    if slug not in categories:
        problem("category_slug", "unknown_category", f"No category has the slug {slug!r}." if slug else "Required.")
    stock: int | None = None
    try:
        stock = _stock(values["stock"])
    except ValueError as exc:
        problem("stock", "invalid_stock", str(exc))
    if problems or fields is None:
        return sorted(problems, key=lambda p: csv_io.COLUMNS.index(p.column) if p.column in csv_io.COLUMNS else -1)
    return ValidRow(number=row.number, fields=fields, category_id=categories[slug], stock=stock)


def validate_rows(
    rows: Sequence[csv_io.CsvRow],
    *,
    categories: Mapping[str, uuid.UUID],
    statuses: Mapping[str, str],
    may_publish: bool,
) -> Validation:
    result = Validation()
    first_row_of: dict[str, int] = {}
    for row in rows:
        outcome = validate_row(row, categories=categories, statuses=statuses, may_publish=may_publish)
        sku = row.values.get("sku", "")
        if sku and sku in first_row_of:
            duplicate = RowProblem(
                row=row.number,
                column="sku",
                code="duplicate_sku",
                message=f"SKU {sku!r} is also on row {first_row_of[sku]}.",
            )
            outcome = [duplicate, *(outcome if isinstance(outcome, list) else [])]
        elif sku:
            first_row_of[sku] = row.number
        if isinstance(outcome, list):
            result.problems.extend(outcome)
        else:
            result.valid.append(outcome)
    return result


def import_products(
    session: Session,
    *,
    principal: Principal,
    raw: bytes | str,
    content_type: str | None,
    mode: str,
    source_ip: str | None,
    dry_run: bool = False,
) -> ImportResult:
    wholesaler_id = principal.require_business_id()
    csv_io.check_content_type(content_type)
    rows = csv_io.read_rows(csv_io.decode(raw.encode() if isinstance(raw, str) else raw))
    if len(rows) > MAX_ROWS:
        raise ValidationFailed(
            f"The file has {len(rows):,} product rows; import at most {MAX_ROWS:,} at a time.",
            code="too_many_rows",
            details=[field_error("body", "too_many_rows", f"Split the file into files of at most {MAX_ROWS:,} rows.")],
        )
    skus = [row.values.get("sku", "") for row in rows]
    existing = bulk_repository.existing_by_sku(session, wholesaler_id, skus)
    validation = validate_rows(
        rows,
        categories=repository.categories_by_slug(session, (row.values.get("category_slug", "") for row in rows)),
        statuses={sku: status for sku, (_, status) in existing.items()},
        may_publish=principal.email_verified,
    )
    if dry_run:
        return _preview(session, wholesaler_id, rows, validation, existing, mode)
    if validation.problems and mode == "all_or_nothing":
        bad_rows = len({p.row for p in validation.problems})
        raise ValidationFailed(
            f"{bad_rows} of {len(rows)} rows have problems; nothing was imported.",
            details=[field_error(f"row {p.row}: {p.column}", p.code, p.message) for p in validation.problems],
            extra={"problems": [p.model_dump() for p in validation.problems]},
        )
    activating = sum(
        1
        for row in validation.valid
        if row.fields.status == "active" and existing.get(row.fields.sku, (None, None))[1] != "active"
    )
    check_limit(session, wholesaler_id, "active_products", adding=activating)
    unchanged = _unchanged(session, wholesaler_id, rows, validation)
    created, updated, movements = _write(session, principal, validation.valid)
    record_audit(
        session,
        "inventory.imported",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=wholesaler_id,
        details={"mode": mode, "rows": len(rows), "created": created, "updated": updated},
    )
    return ImportResult(
        mode=mode,
        dry_run=False,
        rows=len(rows),
        max_rows=MAX_ROWS,
        created=created,
        updated=updated,
        unchanged=unchanged,
        skipped=len(rows) - len(validation.valid),
        stock_movements=movements,
        problems=validation.problems,
    )


def _unchanged(
    session: Session, wholesaler_id: uuid.UUID, rows: Sequence[csv_io.CsvRow], validation: Validation
) -> int:
    if not validation.valid:
        return 0
    skus = {row.fields.sku for row in validation.valid}
    current = {row["sku"]: row for row in bulk_repository.export_rows(session, wholesaler_id) if row["sku"] in skus}
    slugs = {row.number: row.values.get("category_slug", "") for row in rows}
    return count_unchanged(validation.valid, current, slugs)


def _preview(
    session: Session,
    wholesaler_id: uuid.UUID,
    rows: Sequence[csv_io.CsvRow],
    validation: Validation,
    existing: Mapping[str, Any],
    mode: str,
) -> ImportResult:
    created = sum(1 for row in validation.valid if row.fields.sku not in existing)
    return ImportResult(
        mode=mode,
        dry_run=True,
        rows=len(rows),
        max_rows=MAX_ROWS,
        created=created,
        updated=len(validation.valid) - created,
        unchanged=_unchanged(session, wholesaler_id, rows, validation),
        skipped=len(rows) - len(validation.valid),
        stock_movements=0,
        problems=validation.problems,
    )


def _write(session: Session, principal: Principal, valid: Sequence[ValidRow]) -> tuple[int, int, int]:
    if not valid:
        return 0, 0, 0
    wholesaler_id = principal.require_business_id()
    upserted = bulk_repository.upsert_products(
        session,
        wholesaler_id,
        [
            {
                **row.fields.model_dump(exclude={"tiers"}),
                "category_id": row.category_id,
                "price_at_moq": row.fields.tiers[0].unit_price,
            }
            for row in valid
        ],
        now=utcnow(),
    )
    ids = {sku: product_id for product_id, sku, _ in upserted}
    bulk_repository.replace_tiers(
        session, {ids[row.fields.sku]: [(t.min_quantity, t.unit_price) for t in row.fields.tiers] for row in valid}
    )
    levels = {ids[row.fields.sku]: row.stock for row in valid if row.stock is not None}
    movements = set_stock_levels(
        session, levels, wholesaler_id=wholesaler_id, note="CSV import", actor_user_id=principal.user_id
    )
    created = sum(1 for _, _, was_created in upserted if was_created)
    return created, len(upserted) - created, movements


def export_products(session: Session, *, principal: Principal) -> str:
    rows = bulk_repository.export_rows(session, principal.require_business_id())
    return csv_io.write_csv(
        [{**row, "tiers": csv_io.format_tiers(row["tiers"]), "stock": row["stock_on_hand"]} for row in rows]
    )
