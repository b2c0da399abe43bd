"""Realistic marketplace rows, generated deterministically from a seed (no I/O).

Products are offers of *items*: an item is one GTIN (brand x type x variant x size of a
leaf category); several wholesalers sell the same item at their own price, stock, tiers
and lead time, which is what `GET /catalog/compare` compares. About 10% of each
wholesaler's lines are own-label items without a GTIN. Wholesalers specialise in a few
leaf categories; popular items are carried by many wholesalers (Zipf-like weights).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from psycopg.types.json import Jsonb

from benchmarks.vocabulary import GENERIC, LEAVES, SENTENCES, Leaf

CITIES = [
    ("Nairobi", "Nairobi"),
    ("Mombasa", "Mombasa"),
    ("Kisumu", "Kisumu"),
    ("Nakuru", "Nakuru"),
    ("Eldoret", "Uasin Gishu"),
    ("Thika", "Kiambu"),
    ("Machakos", "Machakos"),
    ("Nyeri", "Nyeri"),
    ("Meru", "Meru"),
    ("Kakamega", "Kakamega"),
]
TRADE_WORDS = ["Wholesalers", "Distributors", "Supplies", "Traders", "Cash & Carry", "Agencies", "General Merchants"]
NAME_WORDS = [
    "Baraka",
    "Imani",
    "Jamii",
    "Neema",
    "Tumaini",
    "Upendo",
    "Amani",
    "Faraja",
    "Riziki",
    "Zawadi",
    "Mwangaza",
]
SHOP_WORDS = ["Duka", "Mini Mart", "Supermarket", "Shop", "Kiosk", "Stores", "Minimarket"]
OWN_LABEL_SHARE = 0.10
STATUSES = ["active"] * 96 + ["draft"] * 3 + ["archived"]


@dataclass(frozen=True)
class Item:
    leaf_slug: str
    brand: str
    type: str
    variant: str
    size: tuple[str, int, str]
    base_price: Decimal
    gtin: str | None

    @property
    def name(self) -> str:
        return f"{self.brand} {self.type} {self.variant} {self.size[0]}"


def ean13(rng: random.Random, taken: set[str]) -> str:
    while True:
        body = "616" + f"{rng.randrange(10**9):09d}"  # 616: GS1 Kenya
        check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
        code = body + str(check)
        if code not in taken:
            taken.add(code)
            return code


def vocabulary(slug: str) -> Leaf:
    return LEAVES.get(slug, GENERIC)


def make_item(rng: random.Random, slug: str, gtin: str | None) -> Item:
    words = vocabulary(slug)
    low, high = words.price
    return Item(
        leaf_slug=slug,
        brand=rng.choice(words.brands),
        type=rng.choice(words.types),
        variant=rng.choice(words.variants),
        size=rng.choice(words.sizes),
        base_price=Decimal(rng.randrange(low, high, 5)),
        gtin=gtin,
    )


def make_items(rng: random.Random, leaf_slugs: list[str], count: int) -> dict[str, list[Item]]:
    taken: set[str] = set()
    items: dict[str, list[Item]] = {slug: [] for slug in leaf_slugs}
    for _ in range(count):
        slug = rng.choice(leaf_slugs)
        items[slug].append(make_item(rng, slug, ean13(rng, taken)))
    return items


def business_rows(rng: random.Random, kind: str, count: int, now: datetime) -> Iterator[tuple[object, ...]]:
    for n in range(1, count + 1):
        city, region = rng.choice(CITIES)
        if kind == "wholesaler":
            name = f"{rng.choice(NAME_WORDS)} {city} {rng.choice(TRADE_WORDS)} {n}"
        else:
            name = f"{rng.choice(NAME_WORDS)} {rng.choice(SHOP_WORDS)} {n}"
        created = now - timedelta(days=rng.randrange(30, 900), seconds=rng.randrange(86_400))
        yield (
            uuid.UUID(int=rng.getrandbits(128), version=4),
            kind,
            name,
            f"{'PVT' if kind == 'wholesaler' else 'BN'}-{n:07d}",
            f"P{n:09d}W" if kind == "wholesaler" else None,
            f"+2547{rng.randrange(10**8):08d}",
            f"{kind}{n}@bench.example",
            f"{rng.randrange(1, 400)} {rng.choice(['Moi Avenue', 'Kenyatta Road', 'Industrial Area', 'Mombasa Road'])}",
            city,
            region,
            "KE",
            "verified" if kind == "wholesaler" else "not_required",
            created if kind == "wholesaler" else None,
            created,
            created,
        )


SUBSCRIPTION_COLUMNS = (
    "id, business_id, plan_id, interval, status, current_period_start, current_period_end, anchor_day, "
    "cancel_at_period_end, provider, payer_phone, failed_attempts, past_due_since"
)
WHOLESALER_STANDING = ["active"] * 97 + ["past_due"] * 2 + ["suspended"]  # suspended: not selling


def subscription_row(
    rng: random.Random, business: tuple[object, ...], plan_id: object, now: datetime, status: str | None = None
) -> tuple[object, ...]:
    """A monthly subscription of a business row (`business_rows`), mid-period."""
    status = status or rng.choice(WHOLESALER_STANDING)
    start = now - timedelta(days=rng.randrange(1, 28))
    end = start + timedelta(days=30)
    behind = status in ("past_due", "suspended")
    return (
        uuid.UUID(int=rng.getrandbits(128), version=4), business[0], plan_id, "month", status, start, end, end.day,
        False, "mpesa", business[5], 2 if behind else 0, start if behind else None,
    )  # fmt: skip


def description(rng: random.Random, item: Item) -> str:
    size, units, pack = item.size
    first = SENTENCES[0].format(b=item.brand, t=item.type.lower(), s=size, p=pack, u=units)
    others = rng.sample(SENTENCES[1:], 2)
    return " ".join([first, *(s.format(b=item.brand, t=item.type, s=size, p=pack, u=units) for s in others)])


def tiers(rng: random.Random, moq: int, price: Decimal) -> list[tuple[int, Decimal]]:
    count = rng.choice([1, 2, 2, 3, 3, 4])
    result = [(moq, price)]
    for factor in (5, 10, 25)[: count - 1]:
        price = (price * Decimal(1 - rng.uniform(0.02, 0.05))).quantize(Decimal("0.01"))
        result.append((moq * factor, price))
    return result


@dataclass
class Offer:
    id: uuid.UUID
    wholesaler_id: uuid.UUID
    item: Item
    sku: str
    price: Decimal
    moq: int
    stock: int
    status: str
    created_at: datetime


def offers_of_wholesaler(
    rng: random.Random,
    wholesaler_id: uuid.UUID,
    code: str,
    count: int,
    items: dict[str, list[Item]],
    weights: dict[str, list[float]],
    now: datetime,
) -> Iterator[Offer]:
    focus = rng.sample(list(items), k=min(len(items), rng.randint(4, 14)))
    carried: set[str] = set()
    for n in range(1, count + 1):
        slug = rng.choice(focus)
        item = None
        if items[slug] and rng.random() > OWN_LABEL_SHARE:
            for _ in range(3):
                candidate = rng.choices(items[slug], cum_weights=weights[slug])[0]
                if candidate.gtin not in carried:
                    item = candidate
                    carried.add(candidate.gtin or "")
                    break
        item = item or make_item(rng, slug, None)
        price = (item.base_price * Decimal(rng.uniform(0.9, 1.15))).quantize(Decimal("1"))
        yield Offer(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            wholesaler_id=wholesaler_id,
            item=item,
            sku=f"{code}-{n:05d}",
            price=price,
            moq=rng.choice([1, 1, 1, 2, 5, 10]),
            stock=0 if rng.random() < 0.08 else rng.choice([rng.randrange(1, 40), rng.randrange(40, 3000)]),
            status=rng.choice(STATUSES),
            created_at=now - timedelta(days=rng.random() * 730),
        )


def product_row(rng: random.Random, offer: Offer, category_id: uuid.UUID) -> tuple[object, ...]:
    item = offer.item
    size, units, pack = item.size
    images = [f"products/{offer.wholesaler_id}/{offer.id}/{i}.jpg" for i in range(rng.choice([0, 1, 1, 2, 3]))]
    return (
        offer.id,
        offer.wholesaler_id,
        offer.sku,
        item.gtin,
        item.name,
        item.brand,
        category_id,
        description(rng, item),
        f"{pack} of {units} x {size}" if units > 1 else f"{pack} ({size})",
        units,
        offer.moq,
        rng.choice([1, offer.moq]),
        offer.price,
        rng.randrange(5, 60),
        rng.choice([0, 1, 1, 2, 2, 3, 5, 7]),
        offer.status,
        Jsonb({"origin": "Kenya" if rng.random() < 0.7 else "Imported", "shelf_life_months": rng.choice([6, 12, 24])}),
        images,
        offer.stock,
        False,
        offer.created_at,
        offer.created_at,
    )


def zipf_weights(count: int) -> list[float]:
    """Cumulative weights: the k-th item of a leaf is carried ~1/k^0.8 as often as the first."""
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank**0.8
        cumulative.append(total)
    return cumulative
