"""The payout batch as CSV, for the bank's bulk transfer or an M-Pesa B2C batch: one row per
wholesaler with due settlements, summing them.

Columns: `wholesaler_name`, `wholesaler_id`, `payout_method` (mpesa, mtn_momo, bank, or empty
while the wholesaler has set no payout account: pay those by hand or wait), `account_name`,
`account` (the mobile number as digits, 2547..., or the bank account number), `bank_code`,
`bank_name`, `amount` (2 decimal places), `currency`, `reference` (`SOKO-<day>-<first 8 hex
digits of the wholesaler id>`, to give the transfer and then `POST /admin/settlements/payouts`),
`settlement_count`, and `held_amount`: the part of `amount` that is held (a refund of one of
its orders under way, or its payment in review; see `settlements`), which the admin may
leave out of this payout.

A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
carriage return) is written with a leading apostrophe, so a business name cannot run code in
the admin's spreadsheet.
"""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal
from chalicelib.payments import settlement_repository
from chalicelib.payments.models import PayoutAccount

COLUMNS = (
    "wholesaler_name",
    "wholesaler_id",
    "payout_method",
    "account_name",
    "account",
    "bank_code",
    "bank_name",
    "amount",
    "currency",
    "reference",
    "settlement_count",
    "held_amount",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CENT = Decimal("0.01")


def escape_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def payout_reference(wholesaler_id: uuid.UUID, day: str) -> str:
    return f"SOKO-{day}-{wholesaler_id.hex[:8].upper()}"


def due_payouts_csv(
    session: Session, *, principal: Principal, wholesaler_id: uuid.UUID | None, source_ip: str | None
) -> str:
    """The export carries payout accounts (bank account and phone numbers): who took it, and of
    which wholesalers, is audited."""
    day = f"{utcnow():%Y%m%d}"
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = settlement_repository.due_by_wholesaler(session, wholesaler_id=wholesaler_id)
    record_audit(
        session,
        "settlements.payouts_exported",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business" if wholesaler_id else None,
        target_id=wholesaler_id,
        details={"wholesalers": len(rows), "amount": str(sum((Decimal(r.amount) for r in rows), Decimal("0.00")))},
    )
    for row in rows:
        cells: dict[str, Any] = {
            "wholesaler_name": row.wholesaler_name,
            "wholesaler_id": str(row.wholesaler_id),
            **_account_cells(row.PayoutAccount),
            "amount": str(Decimal(row.amount).quantize(CENT)),
            "currency": row.currency,
            "reference": payout_reference(row.wholesaler_id, day),
            "settlement_count": str(row.settlement_count),
            "held_amount": str(Decimal(row.held_amount).quantize(CENT)),
        }
        writer.writerow([escape_cell(cells[name] or "") for name in COLUMNS])
    return out.getvalue()


def _account_cells(account: PayoutAccount | None) -> dict[str, str | None]:
    if account is None:
        return {"payout_method": None, "account_name": None, "account": None, "bank_code": None, "bank_name": None}
    number = account.account_number if account.method == "bank" else (account.phone or "").lstrip("+")
    return {
        "payout_method": account.method,
        "account_name": account.account_name,
        "account": number,
        "bank_code": account.bank_code,
        "bank_name": account.bank_name,
    }
