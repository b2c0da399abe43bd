"""A PATCH changes something: no body, or an empty object, is refused in the envelope (400
`empty_patch`) on every PATCH route, and the OpenAPI document says so (`minProperties: 1`)."""

from __future__ import annotations

import uuid

import pytest

from app import app  # noqa: F401  (every route registered)
from chalicelib.core.http import ROUTES
from chalicelib.system.service import api_document
from tests.support.factories import make_actor, make_product

PATCH_ROUTES = sorted({route.path for route in ROUTES if route.method == "PATCH"})


def test_every_patch_route_is_covered():
    assert PATCH_ROUTES == [
        "/admin/categories/{id}", "/admin/plans/{id}", "/business", "/cart/items/{id}", "/inventory/products/{id}",
        "/me",
    ]  # fmt: skip


@pytest.mark.parametrize("body", [None, "", "{}"])
def test_an_empty_patch_is_refused_where_it_would_have_changed_nothing(api, db, body):
    retailer = make_actor(db, "retailer")
    wholesaler = make_actor(db, "wholesaler")
    product = make_product(db, wholesaler.business, stock=5)
    for path, token in [("/me", retailer.token), ("/business", retailer.token),
                        (f"/inventory/products/{product.id}", wholesaler.token)]:  # fmt: skip
        r = api.request("PATCH", path, body, token=token)
        assert r.status_code == 400, (path, r.json_body)
        assert r.json_body["error"]["details"] == [
            {"field": "body", "code": "empty_patch", "message": "Give at least one field to change."}
        ]
    assert api.patch("/me", {"full_name": "Wanjiru Kamau"}, token=retailer.token).status_code == 200


def test_the_document_asks_for_at_least_one_property():
    document = api_document()
    for path in PATCH_ROUTES:
        schema = document["paths"][path]["patch"]["requestBody"]["content"]["application/json"]["schema"]
        assert schema["minProperties"] == 1, path
        assert schema["allOf"][0]["$ref"].startswith("#/components/schemas/")


def test_an_unknown_id_still_answers_404_not_the_empty_body_first(api, db):
    wholesaler = make_actor(db, "wholesaler")
    r = api.patch(f"/inventory/products/{uuid.uuid4()}", {"name": "Sugar 2kg"}, token=wholesaler.token)
    assert r.status_code == 404
