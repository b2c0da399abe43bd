"""An invoice's `.pdf` address answers the PDF whatever the Accept header says (a browser
opening the link, a client sending none), and a clear 406 only when the client refuses PDF."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chalicelib.billing.seed_data import seed_plans
from chalicelib.core.binary_answers import refuses
from tests.integration.billing.helpers import open_invoice, start, subscription_of
from tests.integration.orders.helpers import POD_OPTIONS, add, checkout
from tests.support.factories import make_actor, make_plan, make_product

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture
def pdf_addresses(api, db):
    """An order's invoice (for its retailer) and a subscription invoice (for its owner)."""
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    api.put("/business/delivery-options", POD_OPTIONS, token=wholesaler.token)
    add(api, retailer.token, make_product(db, wholesaler.business, stock=10), 2)
    order_id = checkout(api, retailer.token).json_body["orders"][0]["id"]
    make_plan(db, "r-now", "retailer", price_monthly=Decimal("900.00"))
    owner = make_actor(db, "retailer", subscription=None)
    start(owner, "r-now")
    invoice = open_invoice(db, subscription_of(db, owner.business.id).id)
    return [
        (f"/orders/{order_id}/invoice.pdf", retailer.token),
        (f"/subscription/invoices/{invoice.id}/invoice.pdf", owner.token),
    ]


def _get(api, path, token, accept):
    headers = {"authorization": f"Bearer {token}"}
    if accept is not None:
        headers["accept"] = accept
    return api.client.http.get(path, headers=headers)


@pytest.mark.parametrize("accept", [None, BROWSER, "application/json", "application/pdf", "*/*"])
def test_the_pdf_is_answered_whatever_the_accept_header(api, db, pdf_addresses, accept):
    for path, token in pdf_addresses:
        r = _get(api, path, token, accept)
        assert r.status_code == 200, (path, r.body[:200])
        assert r.headers["Content-Type"] == "application/pdf"
        assert r.body.startswith(b"%PDF-")


@pytest.mark.parametrize("accept", ["application/pdf;q=0", "application/json, */*;q=0", "application/*; q=0.0"])
def test_a_client_that_refuses_pdf_gets_a_406_in_the_envelope(api, db, pdf_addresses, accept):
    for path, token in pdf_addresses:
        r = _get(api, path, token, accept)
        assert r.status_code == 406
        assert r.json_body["error"]["code"] == "not_acceptable"
        assert r.json_body["error"]["details"][0]["field"] == "header.Accept"


def test_json_answers_are_not_treated_as_binary(api, db):
    seed_plans(db)
    r = api.get("/plans", headers={"accept": BROWSER})
    assert (r.status_code, r.headers["Content-Type"]) == (200, "application/json")
    assert r.json_body["items"]


@pytest.mark.parametrize(
    ("accept", "refused"),
    [
        ("application/pdf;q=0, */*", True),
        ("*/*;q=0, application/pdf;q=0.1", False),
        ("application/*;q=0, application/pdf", False),
        ("text/html", False),
        ("", False),
        ("application/pdf;q=oops", False),
    ],
)
def test_only_the_most_specific_matching_range_decides(accept, refused):
    assert refuses(accept, "application/pdf") is refused
