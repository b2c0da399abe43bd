"""Small fpdf2 helpers shared by the order and subscription invoices: A4, Helvetica, a
title line, two address blocks side by side, a ruled table, totals. They take plain text:
what a business's address block says is the accounts package's (`presenters.address_lines`).

fpdf2 takes about 0.25 s to import, so it is imported when a document is made, not when a
Lambda that merely could make one starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF


def text(value: str) -> str:
    """The core PDF fonts speak Latin-1; anything else is replaced rather than failing."""
    return value.encode("latin-1", "replace").decode("latin-1")


def amount(currency: str, value: Decimal) -> str:
    return f"{currency} {value:,.2f}"


def new_document(*, title: str, author: str, heading: str, subheading: str) -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(text(title))
    pdf.set_author(text(author))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, text(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, text(subheading), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    return pdf


def address_blocks(pdf: FPDF, blocks: Sequence[tuple[str, Sequence[str]]], *, height: float = 45) -> None:
    top = pdf.get_y()
    for index, (title, lines) in enumerate(blocks):
        pdf.set_xy(10 + 100 * index, top)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(90, 6, text(title), new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in lines:
            pdf.cell(90, 5, text(line), new_x="LEFT", new_y="NEXT")
    pdf.set_xy(10, top + height)


def table(pdf: FPDF, columns: Sequence[tuple[float, str, str]], rows: Sequence[Sequence[str]]) -> None:
    """`columns`: (width, header, align "L"/"R")."""
    pdf.set_font("Helvetica", "B", 10)
    for width, header, align in columns:
        pdf.cell(width, 7, header, border="B", align=align)
    pdf.ln()
    pdf.set_font("Helvetica", size=9)
    for row in rows:
        for (width, _, align), value in zip(columns, row, strict=True):
            pdf.cell(width, 6, text(value), align=align)
        pdf.ln()
    pdf.ln(2)


def totals(pdf: FPDF, lines: Sequence[tuple[str, str]], *, bold: str = "Total") -> None:
    for label, value in lines:
        pdf.set_font("Helvetica", "B" if label == bold else "", 10)
        pdf.cell(160, 6, text(label), align="R")
        pdf.cell(30, 6, text(value), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def paragraph(pdf: FPDF, value: str) -> None:
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text(value))
