"""The inventory CSV file: one product per row, the same shape for import and export.

    sku,gtin,name,brand,category_slug,description,unit_of_sale,pack_size,min_order_qty,
    order_increment,tiers,low_stock_threshold,lead_time_days,status,stock

(one header line; shown wrapped here). UTF-8 (a byte-order mark is allowed), comma
separated, RFC 4180 quoting, at most 5 MB (a U+FFFD replacement character counts as bad
encoding: it is what remains of non-UTF-8 bytes decoded as text on the way). Every column must be in the header, in any
order; no other column is allowed.

- `sku` (required) identifies the product: a known SKU updates it, a new one creates it.
- `gtin`, `brand`, `description`: optional (empty = none).
- `category_slug` (required): the slug of a category of `GET /categories`.
- `pack_size`, `min_order_qty`, `order_increment`, `low_stock_threshold`,
  `lead_time_days`: whole numbers; empty = 1, 1, 1, 0, 0.
- `tiers` (required): `min_qty:unit_price` pairs separated by `|`, e.g.
  `12:120.00|48:115.00|96:110.00`; the first quantity is the minimum order quantity.
- `status`: `draft` (empty), `active` or `archived`.
- `stock`: the stock on hand to set (an `adjustment` movement of the difference is
  written); empty leaves the stock as it is (0 for a new product).

Row numbers in error reports count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from chalicelib.core.errors import ValidationFailed, field_error

COLUMNS = (
    "sku",
    "gtin",
    "name",
    "brand",
    "category_slug",
    "description",
    "unit_of_sale",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "tiers",
    "low_stock_threshold",
    "lead_time_days",
    "status",
    "stock",
)
MAX_FILE_BYTES = 5 * 1024 * 1024
CSV_CONTENT_TYPES = frozenset({"text/csv", "application/csv"})
REPLACEMENT_CHARACTER = "\ufffd"


@dataclass(frozen=True)
class CsvRow:
    number: int
    values: dict[str, str]
    width: int = len(COLUMNS)


def check_content_type(content_type: str | None) -> None:
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in CSV_CONTENT_TYPES:
        raise ValidationFailed(
            "The request body must be a CSV file.",
            details=[field_error("body", "unsupported_content_type", "Send Content-Type: text/csv.")],
        )


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationFailed(
            "The file is too large.",
            code="file_too_large",
            details=[field_error("body", "file_too_large", f"Import at most {MAX_FILE_BYTES // (1024 * 1024)} MB.")],
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(f"Byte {exc.start + 1} is not UTF-8; save the file as CSV UTF-8.") from exc
    if REPLACEMENT_CHARACTER in text:
        # What a gateway that decoded non-UTF-8 bytes as text leaves behind.
        position = text.index(REPLACEMENT_CHARACTER) + 1
        raise _not_utf8(f"Character {position} is not valid text; save the file as CSV UTF-8.")
    return text


def _not_utf8(message: str) -> ValidationFailed:
    return ValidationFailed(
        "The file is not UTF-8 text.",
        code="invalid_encoding",
        details=[field_error("body", "invalid_encoding", message)],
    )


def _wrong_header(message: str) -> ValidationFailed:
    return ValidationFailed(
        message,
        code="invalid_header",
        details=[field_error("header", "invalid_header", "Expected columns: " + ",".join(COLUMNS))],
    )


def read_rows(text: str) -> list[CsvRow]:
    """The data rows as column -> stripped value; refuses a wrong header or a malformed file."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise _wrong_header("The file is empty.")
        names = [name.strip().lower() for name in header]
        missing = [name for name in COLUMNS if name not in names]
        unknown = [name for name in names if name not in COLUMNS]
        if missing or unknown or len(set(names)) != len(names):
            problems = [
                f"missing: {', '.join(missing)}" if missing else "",
                f"unknown: {', '.join(unknown)}" if unknown else "",
            ]
            raise _wrong_header("The header is wrong (" + "; ".join(p for p in problems if p) + ").")
        rows: list[CsvRow] = []
        for number, record in enumerate(reader, start=2):
            if not any(field.strip() for field in record):
                continue
            values = {name: value.strip() for name, value in zip(names, record, strict=False)}
            rows.append(CsvRow(number=number, values=values, width=len(record)))
    except csv.Error as exc:
        raise ValidationFailed(
            "The file is not valid CSV.",
            code="malformed_csv",
            details=[field_error(f"row {reader.line_num}", "malformed_csv", str(exc))],
        ) from exc
    if not rows:
        raise ValidationFailed(
            "The file has no product rows.", code="empty_file", details=[field_error("body", "empty_file", "Add rows.")]
        )
    return rows


def parse_tiers(text: str) -> list[dict[str, object]]:
    """`12:120.00|48:115.00` -> [{"min_quantity": 12, "unit_price": "120.00"}, ...]; ValueError if malformed."""
    if not text:
        raise ValueError("Give at least one tier as min_qty:unit_price, e.g. 12:120.00|48:115.00.")
    tiers: list[dict[str, object]] = []
    for index, part in enumerate(text.split("|"), start=1):
        quantity, sep, price = part.strip().partition(":")
        if not sep or not quantity.strip().isdigit():
            raise ValueError(f"Tier {index} ({part.strip()!r}) is not min_qty:unit_price, e.g. 12:120.00.")
        try:
            Decimal(price.strip())
        except InvalidOperation:
            raise ValueError(f"Tier {index}: {price.strip()!r} is not a price.") from None
        tiers.append({"min_quantity": int(quantity), "unit_price": price.strip()})
    return tiers


def format_tiers(tiers: Iterable[tuple[int, Decimal]]) -> str:
    return "|".join(f"{quantity}:{price}" for quantity, price in tiers)


def write_csv(rows: Sequence[Mapping[str, object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: "" if row.get(name) is None else row[name] for name in COLUMNS})
    return out.getvalue()
