"""Demo data beyond the accounts: the category tree and plans (upserted on every seed),
subscriptions for the demo businesses, the demo wholesaler's delivery options and a
small, realistic catalogue with stock, so a person can search, order and pay at once."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.billing.models import Plan, Subscription
from chalicelib.billing.seed_data import seed_plans
from chalicelib.catalog.models import Category, PriceTier, Product
from chalicelib.catalog.seed_data import seed_categories
from chalicelib.core.clock import utcnow
from chalicelib.orders.models import DeliveryOptions

# sku, name, brand, category slug, unit of sale, pack size, tiers (min qty, unit price), stock, GTIN-13
# (with its check digit, so that an export of the demo catalog imports back)
DEMO_PRODUCTS: list[tuple[str, str, str, str, str, int, list[tuple[int, str]], int, str]] = [
    (
        "PW-COKE-500",
        "Coca-Cola 500ml PET",
        "Coca-Cola",
        "soft-drinks",
        "crate of 24",
        24,
        [(1, "1150.00"), (10, "1100.00"), (50, "1060.00")],
        400,
        "5449000000996",
    ),
    (
        "PW-DASANI-500",
        "Dasani still water 500ml",
        "Dasani",
        "bottled-water",
        "pack of 24",
        24,
        [(1, "720.00"), (20, "690.00")],
        600,
        "5449000131805",
    ),
    (
        "PW-KABRAS-2KG",
        "Kabras white sugar 2kg",
        "Kabras",
        "sugar",
        "bale of 10 x 2kg",
        10,
        [(1, "2350.00"), (10, "2290.00")],
        120,
        "6161100600102",
    ),
    (
        "PW-PEMBE-2KG",
        "Pembe maize flour 2kg",
        "Pembe",
        "flour-and-maize-meal",
        "bale of 12 x 2kg",
        12,
        [(1, "1980.00"), (10, "1920.00"), (40, "1880.00")],
        300,
        "6164001195029",
    ),
    (
        "PW-ELIANTO-3L",
        "Elianto corn oil 3L",
        "Elianto",
        "cooking-oil-and-fats",
        "carton of 4 x 3L",
        4,
        [(1, "3400.00"), (5, "3320.00")],
        80,
        "6161101660013",
    ),
    (
        "PW-PISHORI-5KG",
        "Pishori rice 5kg",
        "Daawat",
        "rice",
        "bale of 4 x 5kg",
        4,
        [(2, "3600.00"), (10, "3480.00")],
        90,
        "6009695580020",
    ),
    (
        "PW-OMO-1KG",
        "Omo hand washing powder 1kg",
        "Omo",
        "laundry-detergents",
        "carton of 12 x 1kg",
        12,
        [(1, "3100.00"), (10, "2990.00")],
        60,
        "6001087357319",
    ),
    (
        "PW-MENENGAI-800G",
        "Menengai bar soap 800g",
        "Menengai",
        "bath-soap",
        "carton of 20",
        20,
        [(1, "3300.00")],
        40,
        "6161101950015",
    ),
    (
        "PW-TUSKER-500",
        "Tusker lager 500ml bottle",
        "Tusker",
        "beer-and-cider",
        "crate of 25",
        25,
        [(1, "4650.00"), (20, "4550.00")],
        150,
        "6161101850018",
    ),
    (
        "PW-KETEPA-500G",
        "Ketepa Pride tea leaves 500g",
        "Ketepa",
        "tea",
        "carton of 20 x 500g",
        20,
        [(1, "5200.00"), (5, "5050.00")],
        25,
        "6161100480025",
    ),
    (
        "PW-BROOKSIDE-500",
        "Brookside long-life milk 500ml",
        "Brookside",
        "long-life-milk",
        "carton of 24",
        24,
        [(1, "1500.00"), (20, "1450.00")],
        200,
        "6161100050013",
    ),
    (
        "PW-SOFTCARE-3",
        "Soft Care baby diapers size 3",
        "Soft Care",
        "diapers",
        "bale of 6 packs",
        6,
        [(1, "4100.00")],
        0,
        "6970456040155",
    ),
]


def seed_reference_data(session: Session) -> None:
    """Categories and plans: safe to run on every start (upserts by slug and code)."""
    seed_categories(session)
    seed_plans(session)


def seed_demo_trade(session: Session, *, retailer_id: uuid.UUID, wholesaler_id: uuid.UUID) -> None:
    now = utcnow()
    for business_id, code in ((retailer_id, "retailer-pro"), (wholesaler_id, "wholesaler-pro")):
        plan = session.scalar(select(Plan).where(Plan.code == code))
        if plan is not None:
            session.add(
                Subscription(
                    id=uuid.uuid4(),
                    business_id=business_id,
                    plan_id=plan.id,
                    interval="month",
                    status="active",
                    current_period_start=now,
                    current_period_end=now + timedelta(days=30),
                    anchor_day=now.day,
                    cancel_at_period_end=False,
                    provider="sandbox",
                    payer_phone="+254712345670",
                    failed_attempts=0,
                    created_at=now,
                    updated_at=now,
                )
            )
    session.add(
        DeliveryOptions(
            wholesaler_id=wholesaler_id,
            pickup_enabled=True,
            pickup_address="Moi Avenue 14, Mombasa",
            pickup_hours="Mon-Sat 07:00-18:00",
            delivery_enabled=True,
            delivery_fee=Decimal("500.00"),
            free_delivery_threshold=Decimal("20000.00"),
            regions=["Mombasa", "Nairobi", "Kilifi", "Kwale"],
            lead_time_days=2,
            pay_on_delivery_enabled=True,
            pay_on_delivery_max=Decimal("100000.00"),
        )
    )
    categories = dict(session.execute(select(Category.slug, Category.id)).all())
    for sku, name, brand, slug, unit, pack, tiers, stock, gtin in DEMO_PRODUCTS:
        product = Product(
            id=uuid.uuid4(),
            wholesaler_id=wholesaler_id,
            sku=sku,
            gtin=gtin,
            name=name,
            brand=brand,
            category_id=categories[slug],
            description=f"{name}, sold by the {unit}. Genuine stock from the distributor.",
            unit_of_sale=unit,
            pack_size=pack,
            min_order_qty=tiers[0][0],
            order_increment=1,
            price_at_moq=Decimal(tiers[0][1]),
            low_stock_threshold=10,
            lead_time_days=2,
            status="active",
            attributes={},
            image_keys=[],
            stock_on_hand=stock,
            low_stock_alerted=stock <= 10,
        )
        session.add(product)
        session.flush()
        session.add_all(PriceTier(product_id=product.id, min_quantity=q, unit_price=Decimal(p)) for q, p in tiers)
