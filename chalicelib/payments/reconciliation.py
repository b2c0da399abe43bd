"""The daily reconciliation report: what the providers told us they collected (callbacks
and status answers that reported a success, from the transaction log) against what the
ledger credited, for one UTC day.

- matched: the same provider reference on both sides, same amount (when the provider gave one);
- amount_differences: the same reference, different amounts;
- missing_in_ledger: a success the provider reported that credited no payment (an unknown
  reference, a payment sent to review, a push we lost track of); an orphan collection
  carries the refund opened for it;
- missing_at_provider: a payment credited that day without a provider success logged that
  day (e.g. its callback came in just before midnight);
- credited_other_day: the other side of that: a success logged that day for a payment
  credited on another day, so that every receipt of the day is on exactly one list and the
  difference between the two totals is explained line by line.

Days are cut in UTC on both sides (the log's receive time, the payment's settle time).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from chalicelib.core.clock import start_of_day
from chalicelib.core.invariants import InvariantBroken
from chalicelib.payments import ledger_repository, repository
from chalicelib.payments.models import Payment, ProviderMessage
from chalicelib.payments.schemas import ReconciliationLine, ReconciliationReport

ZERO = Decimal("0.00")


def daily_report(session: Session, *, day: date) -> ReconciliationReport:
    start = start_of_day(day)
    end = start + timedelta(days=1)
    receipts: dict[tuple[str, str], ProviderMessage] = {}
    for message in repository.provider_receipts(session, start, end):
        if message.reference is None:
            raise InvariantBroken("message.reference is missing")
        key = (message.provider, message.reference)
        if key not in receipts or (receipts[key].amount is None and message.amount is not None):
            receipts[key] = message
    ledger: dict[tuple[str, str], Payment] = {}
    unreferenced: list[Payment] = []
    for payment, reference in repository.credited_payments(session, start, end):
        if reference and payment.provider:
            ledger[(payment.provider, reference)] = payment
        else:
            unreferenced.append(payment)
    credited_elsewhere = repository.credited_references(session, [k for k in receipts if k not in ledger])
    orphan_refunds = ledger_repository.refunds_of_messages(session, [m.id for m in receipts.values()])

    report = ReconciliationReport(
        date=day,
        matched=[],
        amount_differences=[],
        missing_in_ledger=[],
        missing_at_provider=[],
        credited_other_day=[],
        provider_total=sum((m.amount or ZERO for m in receipts.values()), ZERO),
        ledger_total=sum((_paid(p) for p in [*ledger.values(), *unreferenced]), ZERO),
    )
    for key, message in receipts.items():
        payment = ledger.get(key) or credited_elsewhere.get(key)
        line = _line(key, message, payment)
        if payment is None:
            line.refund_id = orphan_refunds.get(message.id)
            report.missing_in_ledger.append(line)
        elif message.amount is not None and message.amount != _paid(payment):
            report.amount_differences.append(line)
        elif key in ledger:
            report.matched.append(line)
        else:
            report.credited_other_day.append(line)
    for key, payment in ledger.items():
        if key not in receipts:
            report.missing_at_provider.append(_line(key, None, payment))
    for payment in unreferenced:
        report.missing_at_provider.append(
            _line((payment.provider or "", payment.provider_reference or ""), None, payment)
        )
    return report


def _paid(payment: Payment) -> Decimal:
    return payment.charged_amount if payment.charged_amount is not None else payment.amount


def _line(key: tuple[str, str], message: ProviderMessage | None, payment: Payment | None) -> ReconciliationLine:
    return ReconciliationLine(
        provider=key[0],
        reference=key[1],
        payment_id=payment.id if payment else None,
        provider_amount=message.amount if message else None,
        ledger_amount=_paid(payment) if payment else None,
        receipt=(message.receipt if message else None) or (payment.external_receipt if payment else None),
    )
