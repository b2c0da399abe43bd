"""Each cart line carries its product's price tiers, the same the product page shows, read
for every line at once."""

from __future__ import annotations

from tests.support.factories import make_actor, make_product
from tests.support.statements import counting_statements


def test_each_line_carries_the_tiers_its_product_page_shows(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")
    soda = make_product(
        db, wholesaler.business, tiers=[(50, "45.00"), (10, "50.00"), (100, "40.00")], stock=500, min_order_qty=10
    )
    flour = make_product(db, wholesaler.business, tiers=[(1, "180.00")], stock=30)
    api.post("/cart/items", {"product_id": str(soda.id), "quantity": 10}, token=retailer.token)
    cart = api.post("/cart/items", {"product_id": str(flour.id), "quantity": 2}, token=retailer.token).json_body

    lines = {line["product_id"]: line for group in cart["groups"] for line in group["lines"]}
    assert lines[str(soda.id)]["price_tiers"] == [
        {"min_quantity": 10, "unit_price": "50.00"},
        {"min_quantity": 50, "unit_price": "45.00"},
        {"min_quantity": 100, "unit_price": "40.00"},
    ]
    assert lines[str(flour.id)]["price_tiers"] == [{"min_quantity": 1, "unit_price": "180.00"}]
    for product in (soda, flour):
        page = api.get(f"/catalog/products/{product.id}", token=retailer.token).json_body
        assert lines[str(product.id)]["price_tiers"] == page["price_tiers"]


def test_reading_the_cart_costs_the_same_statements_for_one_line_or_many(api, db):
    retailer, wholesaler = make_actor(db, "retailer"), make_actor(db, "wholesaler")

    def add_product() -> None:
        product = make_product(db, wholesaler.business, tiers=[(1, "20.00"), (10, "18.00")], stock=100)
        r = api.post("/cart/items", {"product_id": str(product.id), "quantity": 1}, token=retailer.token)
        assert r.status_code == 200, r.json_body

    def read_cart() -> tuple[int, int]:
        with counting_statements() as sent:
            r = api.get("/cart", token=retailer.token)
        tiers = [len(line["price_tiers"]) for group in r.json_body["groups"] for line in group["lines"]]
        assert set(tiers) == {2}
        return len(tiers), len(sent)

    add_product()
    lines, one = read_cart()
    for _ in range(5):
        add_product()
    more, many = read_cart()
    assert (lines, more) == (1, 6)
    assert many == one
