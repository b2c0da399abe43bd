"""The order invoice as a PDF (fpdf2, pure Python), built from the order's snapshots."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.accounts.models import Business
from chalicelib.accounts.presenters import address_lines
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.pdf import amount, text
from chalicelib.core.principal import Principal
from chalicelib.core.settings import get_settings
from chalicelib.orders import repository
from chalicelib.orders.errors import OrderNotFound
from chalicelib.orders.models import Order
from chalicelib.orders.service import invoice_label


def payment_status(order: Order) -> str:
    if order.status == "cancelled":
        return "Cancelled"
    if order.payment_method == "mobile_money":
        return "Paid by mobile money" if order.status != "pending_payment" else "Awaiting mobile money payment"
    if order.amount_collected >= order.total:
        return "Paid on delivery"
    return f"To be paid on delivery ({amount(order.currency, order.total - order.amount_collected)} outstanding)"


def render_invoice(session: Session, *, principal: Principal, order_id: uuid.UUID) -> bytes:
    order = repository.get_order(session, principal.require_business_id(), order_id)
    if order is None:
        raise OrderNotFound()
    wholesaler = session.get(Business, order.wholesaler_id)
    retailer = session.get(Business, order.retailer_id)
    if wholesaler is None:
        raise InvariantBroken("wholesaler is missing")
    if retailer is None:
        raise InvariantBroken("retailer is missing")
    lines = repository.order_lines(session, order.id)

    from fpdf import FPDF  # 0.25 s to import: only the invoice route pays for it

    pdf = FPDF(format="A4")
    pdf.set_title(f"Invoice {invoice_label(order) or order.number}")
    pdf.set_author(get_settings().platform_name)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, text(f"Invoice {invoice_label(order) or '(not issued)'}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, text(f"Order {order.number} - {order.created_at:%d %b %Y}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top = pdf.get_y()
    for x, title, business in ((10, "From", wholesaler), (110, "Bill to", retailer)):
        pdf.set_xy(x, top)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(90, 6, title, new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for block_line in address_lines(business):
            pdf.cell(90, 5, text(block_line), new_x="LEFT", new_y="NEXT")
    pdf.set_xy(10, top + 45)
    pdf.set_font("Helvetica", "B", 10)
    for width, header, align in (
        (85, "Item", "L"),
        (25, "SKU", "L"),
        (20, "Qty", "R"),
        (30, "Unit price", "R"),
        (30, "Total", "R"),
    ):
        pdf.cell(width, 7, header, border="B", align=align)
    pdf.ln()
    pdf.set_font("Helvetica", size=9)
    for line in lines:
        pdf.cell(85, 6, text(f"{line.name} ({line.unit_of_sale})")[:60])
        pdf.cell(25, 6, text(line.sku)[:16])
        pdf.cell(20, 6, str(line.quantity), align="R")
        pdf.cell(30, 6, f"{line.unit_price:,.2f}", align="R")
        pdf.cell(30, 6, f"{line.line_total:,.2f}", align="R")
        pdf.ln()
    pdf.ln(2)
    delivery = (
        "Pickup"
        if order.delivery_method == "pickup"
        else "Delivery to " + ", ".join(str(v) for v in (order.delivery_address or {}).values())
    )
    for label, value in (
        ("Subtotal", amount(order.currency, order.subtotal)),
        ("Delivery", amount(order.currency, order.delivery_fee)),
        ("Total", amount(order.currency, order.total)),
    ):
        pdf.set_font("Helvetica", "B" if label == "Total" else "", 10)
        pdf.cell(160, 6, label, align="R")
        pdf.cell(30, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text(f"{delivery}\nPayment: {payment_status(order)}"))
    return bytes(pdf.output())
