"""A subscription invoice as a PDF (fpdf2), in the order invoices' layout (`core.pdf`).

From the platform to the business; one line (plan, interval, period), the total, and the
payment status. The caller's business only: another business's invoice is a 404.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.accounts.presenters import address_lines
from chalicelib.billing import repository
from chalicelib.billing.errors import InvoiceNotFound
from chalicelib.billing.models import SubscriptionInvoice
from chalicelib.billing.presenters import invoice_number
from chalicelib.core import pdf
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings


def _status_line(invoice: SubscriptionInvoice) -> str:
    if invoice.status == "paid" and invoice.paid_at is not None:
        return f"Paid by mobile money on {invoice.paid_at:%d %b %Y}"
    if invoice.status == "void" and invoice.voided_at is not None:
        return f"Void since {invoice.voided_at:%d %b %Y}: nothing is owed"
    return "Open: pay it from Subscription > Invoices in the app"


def render_subscription_invoice(session: Session, *, principal: Principal, invoice_id: uuid.UUID) -> bytes:
    invoice = repository.get_invoice(session, invoice_id, business_id=principal.require_business_id())
    if invoice is None:
        raise InvoiceNotFound()
    business = session.get(Business, invoice.business_id)
    plan = repository.get_plan(session, invoice.plan_id)
    if business is None:
        raise InvariantBroken("business is missing")
    if plan is None:
        raise InvariantBroken("plan is missing")
    settings = get_settings()
    number = invoice_number(invoice)
    document = pdf.new_document(
        title=f"Invoice {number}",
        author=settings.platform_name,
        heading=f"Invoice {number}",
        subheading=f"Issued {invoice.created_at:%d %b %Y}",
    )
    platform = [settings.platform_name, "Subscriptions", settings.spa_url, settings.email_sender]
    pdf.address_blocks(document, [("From", platform), ("Bill to", address_lines(business))])
    period = f"{invoice.period_start:%d %b %Y} - {invoice.period_end:%d %b %Y}"
    pdf.table(
        document,
        [(100, "Description", "L"), (60, "Period", "L"), (30, "Amount", "R")],
        [[invoice.description[:60], period, f"{invoice.amount:,.2f}"]],
    )
    pdf.totals(document, [("Total", pdf.amount(invoice.currency, invoice.amount))])
    pdf.paragraph(document, f"Plan: {plan.name} ({plan.code}), billed {invoice.interval}ly\n{_status_line(invoice)}")
    return bytes(document.output())
