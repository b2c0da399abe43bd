"""The demo catalog is data a wholesaler could have imported: its export must import back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chalicelib.inventory.rules import gtin_problem, tier_problems
from infra.local.demo_catalog import DEMO_PRODUCTS


class Tier:
    def __init__(self, min_quantity: int, unit_price: str) -> None:
        self.min_quantity = min_quantity
        self.unit_price = Decimal(unit_price)


@pytest.mark.parametrize("product", DEMO_PRODUCTS, ids=[product[0] for product in DEMO_PRODUCTS])
def test_every_demo_product_passes_the_import_rules(product: tuple[object, ...]) -> None:
    gtin, tiers = product[-1], product[6]
    assert isinstance(gtin, str) and isinstance(tiers, list)
    assert gtin_problem(gtin) is None
    assert tier_problems([Tier(quantity, price) for quantity, price in tiers], min_order_qty=tiers[0][0]) == []


def test_demo_barcodes_are_unique() -> None:
    gtins = [product[-1] for product in DEMO_PRODUCTS]
    assert len(set(gtins)) == len(gtins)
