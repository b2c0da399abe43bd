"""Every call from billing into the payments domain, in this one module.

Billing owns subscription invoices; payments owns the ledger (`payments`), the providers,
the webhooks and reconciliation. A subscription charge is a `Payment` with purpose
`subscription` and `subscription_invoice_id` set.

- `request_collections(session, invoice_ids)`: one pending payment per open invoice, from
  the subscription's provider and payer phone, written by ONE `INSERT ... SELECT` in the
  caller's transaction ("enqueued"). With `send=True` the provider is asked once the
  edge's unit of work has committed (`core.db.run_after_commit`, as
  `payments.collection.request_collection` does); the billing run passes `send=False` and
  calls `send_collections` itself after each batch, so it can stop at its deadline. A
  payment never sent is sent by the payments sweeper's reconciliation while its hold
  lasts (`HOLD`, the payment's `hold_until`), then failed (and dunned by billing).
- `check_payer`: the provider and phone are ones the payments domain can charge (400), in
  the deployment's currency (422).
- `pending_payment_id` / `invoices_with_pending_payment`: whether a charge is in flight.
- `register_outcome_handlers()`: the payments domain's purpose dispatch calls
  `on_payment_succeeded` / `on_payment_failed` (which delegate to `outcomes`) when a
  subscription payment settles. The entry points register it through
  `chalicelib.wiring`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.billing import outcomes, repository
from chalicelib.billing.models import Subscription, SubscriptionInvoice
from chalicelib.billing.presenters import invoice_number
from chalicelib.core.clock import utcnow
from chalicelib.core.db import run_after_commit
from chalicelib.core.outbox import record_event
from chalicelib.payments import collection, refunds
from chalicelib.payments import repository as payments_repository
from chalicelib.payments.handlers import register_outcome_handler
from chalicelib.payments.models import Payment, Refund

PURPOSE = "subscription"
IN_FLIGHT = timedelta(minutes=5)
HOLD = timedelta(hours=6)
SEND_CONCURRENCY = 8
ALREADY_SETTLED = "The subscription invoice was already paid or void when this payment succeeded; refund the payer."


def check_payer(provider: str, payer_phone: str) -> None:
    collection.check_payer(provider, payer_phone)


def request_collections(
    session: Session, invoice_ids: Sequence[uuid.UUID], *, send: bool = True
) -> dict[uuid.UUID, uuid.UUID]:
    """A pending payment for each of these open invoices with something to pay, from the
    subscription's provider and payer phone, in one `INSERT ... SELECT`. Returns invoice id
    -> payment id."""
    if not invoice_ids:
        return {}
    session.flush()  # a provider or phone just changed on the subscription is what the SELECT reads
    source = (
        select(
            SubscriptionInvoice.business_id, SubscriptionInvoice.id, Subscription.provider, Subscription.payer_phone,
            SubscriptionInvoice.amount, SubscriptionInvoice.currency,
        )
        .join(Subscription, Subscription.id == SubscriptionInvoice.subscription_id)
        .where(
            SubscriptionInvoice.id.in_(invoice_ids),
            SubscriptionInvoice.status == "open",
            SubscriptionInvoice.amount > 0,
        )
    )  # fmt: skip
    payment_ids = collection.open_collections_for_invoices(session, source, purpose=PURPOSE, hold_until=utcnow() + HOLD)
    if send and payment_ids:
        ids = list(payment_ids.values())
        run_after_commit(session, lambda: send_collections(ids))
    return payment_ids


def request_collection(session: Session, invoice_id: uuid.UUID) -> uuid.UUID | None:
    """The pending payment for one invoice (None if it has nothing to pay)."""
    return request_collections(session, [invoice_id]).get(invoice_id)


def send_collections(payment_ids: Sequence[uuid.UUID], time_left_ms: Callable[[], int] | None = None) -> int:
    """Asks the providers for these (committed) collections, `SEND_CONCURRENCY` at a time,
    starting none once `time_left_ms()` is not positive. Returns how many were asked."""
    if not payment_ids:
        return 0

    def send(payment_id: uuid.UUID) -> bool:
        if time_left_ms is not None and time_left_ms() <= 0:
            return False
        collection.send_collection_request(payment_id)
        return True

    if len(payment_ids) == 1 or SEND_CONCURRENCY <= 1:
        return sum(send(payment_id) for payment_id in payment_ids)
    with ThreadPoolExecutor(max_workers=SEND_CONCURRENCY) as executor:
        return sum(executor.map(send, payment_ids))


def pending_payment_id(session: Session, invoice_id: uuid.UUID) -> uuid.UUID | None:
    """A payment for the invoice still waiting for the payer, asked for within `IN_FLIGHT`
    (an older pending one is the payments reconciliation's to settle)."""
    rows = payments_repository.pending_payments_of_invoices(session, [invoice_id], asked_since=utcnow() - IN_FLIGHT)
    return rows[0].id if rows else None


def invoices_with_pending_payment(session: Session, invoice_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not invoice_ids:
        return set()
    rows = payments_repository.pending_payments_of_invoices(session, invoice_ids, asked_since=utcnow() - IN_FLIGHT)
    return {row.subscription_invoice_id for row in rows}


# --- called by the payments domain ------------------------------------------------------


def on_payment_succeeded(session: Session, payment: Payment) -> None:
    """Pays the invoice; money for an invoice already paid or void opens a refund, which
    `SubscriptionPaymentRefundOpened` brings to the admins' attention (they pay it out)."""
    if payment.subscription_invoice_id is not None and outcomes.payment_succeeded(
        session, invoice_id=payment.subscription_invoice_id, payment_id=payment.id
    ):
        return
    refund = refunds.refund_already_settled(session, payment, reason=ALREADY_SETTLED)
    _announce_refund(session, payment, refund)


def _announce_refund(session: Session, payment: Payment, refund: Refund) -> None:
    """The outbox fact for the admins. `business_id` is the subscriber who paid; the
    subscription and invoice fields are None only for a payment whose invoice is unknown."""
    invoice = None
    if payment.subscription_invoice_id is not None:
        invoice = repository.get_invoice(session, payment.subscription_invoice_id)
    record_event(
        session,
        "SubscriptionPaymentRefundOpened",
        aggregate_type="payment",
        aggregate_id=payment.id,
        payload={
            "business_id": str(payment.payer_business_id),
            "subscription_id": str(invoice.subscription_id) if invoice is not None else None,
            "invoice_id": str(invoice.id) if invoice is not None else None,
            "invoice_number": invoice_number(invoice) if invoice is not None else None,
            "invoice_status": invoice.status if invoice is not None else None,
            "payment_id": str(payment.id),
            "provider": payment.provider,
            "receipt": payment.external_receipt,
            "amount": str(payment.charged_amount or payment.amount),
            "currency": payment.currency,
            "refund_id": str(refund.id),
            "refund_amount": str(refund.amount),
        },
    )


def on_payment_failed(session: Session, payment: Payment) -> None:
    if payment.subscription_invoice_id is not None:
        outcomes.payment_failed(
            session, invoice_id=payment.subscription_invoice_id, payment_id=payment.id, reason=payment.failure_reason
        )


def lock_subscription(session: Session, payment: Payment) -> None:
    """Billing's lock order (subscription, then invoice) before payments locks the payment."""
    if payment.subscription_invoice_id is None:
        return
    invoice = repository.get_invoice(session, payment.subscription_invoice_id)
    if invoice is not None:
        repository.get_subscription(session, invoice.subscription_id, for_update=True)


def describe(session: Session, payment: Payment) -> tuple[str, str]:
    """What the payer sees on the phone: the invoice number (12 characters at most)."""
    invoice = None
    if payment.subscription_invoice_id is not None:
        invoice = repository.get_invoice(session, payment.subscription_invoice_id)
    reference = invoice_number(invoice).replace("-", "") if invoice is not None else "SUBSCRIPTION"
    return reference[:12], "Subscription"


def register_outcome_handlers() -> None:
    register_outcome_handler(
        PURPOSE,
        on_payment_succeeded,
        on_payment_failed,
        lock_first=lock_subscription,
        describe=describe,
    )
