"""GET /orders as the wholesaler's queue: filters, the three sorts and their cursors, what a
list item carries, and the retailer's own view through the same route."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy.orm import Session

from chalicelib.orders.models import Order
from chalicelib.orders.payment_state import payment_state
from tests.integration.orders.queue_factory import make_order
from tests.support.api import Api
from tests.support.factories import Actor, make_actor, make_product

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
D1, D2, D3 = date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)


class Queue:
    def __init__(self, api: Api, db: Session) -> None:
        self.api = api
        self.wholesaler = make_actor(db, "wholesaler")
        self.njeri = make_actor(db, "retailer")
        self.baraka = make_actor(db, "retailer")
        self.njeri.business.name = "Mama Njeri Mini Mart"
        self.baraka.business.name = "Baraka 100% Stores"
        other_wholesaler = make_actor(db, "wholesaler")
        product = make_product(db, self.wholesaler.business)
        spare = make_product(db, self.wholesaler.business)

        def order(n: int, retailer: Actor, **fields: Any) -> Order:
            return make_order(
                db, retailer=retailer, wholesaler_id=self.wholesaler.business.id, created_at=T0 + timedelta(hours=n),
                **fields,
            )  # fmt: skip

        self.orders = {
            "placed_pod": order(0, self.njeri, lines=[(product, 2)], expected_delivery_date=D2),
            "placed_mm": order(1, self.baraka, payment_method="mobile_money", expected_delivery_date=D1),
            "awaiting": order(2, self.njeri, status="pending_payment", payment_method="mobile_money"),
            "accepted_part": order(
                3, self.baraka, status="accepted", lines=[(product, 1), (spare, 3)], amount_collected="100.00",
                expected_delivery_date=D3,
            ),
            "delivered_paid": order(
                4, self.njeri, status="delivered", lines=[(product, 1)], amount_collected="100.00",
                expected_delivery_date=D1,
            ),
            "expired": order(5, self.baraka, status="cancelled", payment_method="mobile_money", never_placed=True),
            "cancelled_pod": order(6, self.njeri, status="cancelled", expected_delivery_date=D2),
        }  # fmt: skip
        self.theirs = make_order(db, retailer=self.njeri, wholesaler_id=other_wholesaler.business.id)
        db.flush()

    def numbers(self, *keys: str) -> list[str]:
        return [self.orders[key].number for key in keys]

    def get(self, actor: Actor | None = None, **params: Any) -> Any:
        query = urlencode(params, doseq=True)
        return self.api.get(f"/orders?{query}", token=(actor or self.wholesaler).token)

    def listed(self, actor: Actor | None = None, **params: Any) -> list[str]:
        response = self.get(actor, **params)
        assert response.status_code == 200, response.json_body
        return [item["number"] for item in response.json_body["items"]]

    def walk(self, page_size: int, **params: Any) -> list[str]:
        numbers: list[str] = []
        cursor = None
        for _ in range(20):
            response = self.get(limit=page_size, **params, **({"cursor": cursor} if cursor else {}))
            assert response.status_code == 200, response.json_body
            numbers += [item["number"] for item in response.json_body["items"]]
            cursor = response.json_body["next_cursor"]
            if cursor is None:
                return numbers
        raise AssertionError("the cursor never ended")


@pytest.fixture
def queue(api: Api, db: Session) -> Queue:
    return Queue(api, db)


NEWEST = ["cancelled_pod", "expired", "delivered_paid", "accepted_part", "awaiting", "placed_mm", "placed_pod"]


def test_the_queue_is_newest_first_by_default_and_shows_only_the_wholesalers_orders(queue: Queue) -> None:
    assert queue.listed() == queue.numbers(*NEWEST)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "placed"}, ["placed_mm", "placed_pod"]),
        ({"status": "placed,accepted"}, ["accepted_part", "placed_mm", "placed_pod"]),
        ({"status": ["accepted", "delivered"]}, ["delivered_paid", "accepted_part"]),
        ({"payment_method": "mobile_money"}, ["expired", "awaiting", "placed_mm"]),
        ({"payment_method": "pay_on_delivery"}, ["cancelled_pod", "delivered_paid", "accepted_part", "placed_pod"]),
        ({"payment_status": "paid"}, ["placed_mm"]),
        ({"payment_status": "awaiting"}, ["awaiting"]),
        ({"payment_status": "to_collect"}, ["accepted_part", "placed_pod"]),
        ({"payment_status": "collected"}, ["delivered_paid"]),
        ({"payment_status": "not_due"}, ["cancelled_pod", "expired"]),
        ({"delivery_date_from": "2026-12-02"}, ["cancelled_pod", "accepted_part", "placed_pod"]),
        ({"delivery_date_from": "2026-12-01", "delivery_date_to": "2026-12-01"}, ["delivered_paid", "placed_mm"]),
        ({"placed_from": "2026-11-20", "placed_to": "2026-11-20"}, [k for k in NEWEST if k not in ("awaiting",
                                                                                               "expired")]),
        ({"placed_from": "2026-11-21"}, []),
        ({"q": "njeri"}, ["cancelled_pod", "delivered_paid", "awaiting", "placed_pod"]),
        ({"q": "100%"}, ["expired", "accepted_part", "placed_mm"]),
        ({"status": "placed", "payment_status": "to_collect", "delivery_date_to": "2026-12-02"}, ["placed_pod"]),
    ],
)  # fmt: skip
def test_each_filter_answers_exactly_its_orders(queue: Queue, params: dict[str, Any], expected: list[str]) -> None:
    assert queue.listed(**params) == queue.numbers(*expected)


def test_q_finds_an_order_by_its_number_with_or_without_the_prefix(queue: Queue) -> None:
    number = queue.orders["accepted_part"].number
    assert queue.listed(q=number) == [number]
    assert queue.listed(q=number.removeprefix("ORD-").lstrip("0")) == [number]
    assert queue.listed(q=queue.theirs.number) == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", NEWEST),
        ("oldest", NEWEST[::-1]),
        # soonest delivery first; same day by number; orders without a date last, by number
        ("delivery_date", ["placed_mm", "delivered_paid", "placed_pod", "cancelled_pod", "accepted_part",
                           "awaiting", "expired"]),
    ],
)  # fmt: skip
def test_every_sort_pages_with_its_own_cursor(queue: Queue, sort: str, expected: list[str]) -> None:
    assert queue.listed(sort=sort) == queue.numbers(*expected)
    for page_size in (1, 2, 3):
        assert queue.walk(page_size, sort=sort) == queue.numbers(*expected)


def test_a_cursor_of_one_sort_is_refused_by_another(queue: Queue) -> None:
    cursor = queue.get(limit=2, sort="newest").json_body["next_cursor"]

    response = queue.get(limit=2, sort="delivery_date", cursor=cursor)

    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"status": ["shipped", "placed"]}, "invalid_status"),
        ({"status": ["placed", "shipped"]}, "string_pattern_mismatch"),
        ({"status": "placed,shipped"}, "string_pattern_mismatch"),
        ({"payment_status": "refunded"}, "literal_error"),
        ({"sort": "total"}, "literal_error"),
        ({"delivery_date_from": "2026-12-03", "delivery_date_to": "2026-12-01"}, "range_reversed"),
        ({"placed_from": "2026-12-03", "placed_to": "2026-12-01"}, "range_reversed"),
        ({"placed_to": "0"}, "date_format"),  # not a Unix time
        ({"delivery_date_from": "2026-12-1"}, "date_format"),
    ],
)
def test_bad_filters_are_a_400_naming_the_problem(queue: Queue, params: dict[str, Any], code: str) -> None:
    response = queue.get(**params)

    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "validation_failed"
    assert [detail["code"] for detail in response.json_body["error"]["details"]] == [code]


def test_a_list_item_carries_what_the_queue_needs(queue: Queue) -> None:
    order = queue.orders["accepted_part"]

    [item] = queue.get(q=order.number).json_body["items"]

    assert {key: item[key] for key in (
        "number", "status", "retailer_name", "total", "payment_method", "payment_status", "expected_delivery_date",
        "line_count", "placed_at", "created_at",
    )} == {
        "number": order.number, "status": "accepted", "retailer_name": "Baraka 100% Stores", "total": "400.00",
        "payment_method": "pay_on_delivery", "payment_status": "to_collect", "expected_delivery_date": "2026-12-03",
        "line_count": 2, "placed_at": "2026-11-20T11:00:00Z", "created_at": "2026-11-20T11:00:00Z",
    }  # fmt: skip


def test_the_retailer_sees_its_own_purchases_with_the_same_filters(queue: Queue) -> None:
    assert queue.listed(queue.njeri) == [
        queue.theirs.number,
        *queue.numbers("cancelled_pod", "delivered_paid", "awaiting", "placed_pod"),
    ]
    assert queue.listed(queue.njeri, status="placed", q=queue.wholesaler.business.name) == queue.numbers("placed_pod")
    assert queue.listed(queue.baraka, payment_status="paid") == queue.numbers("placed_mm")


@pytest.mark.parametrize("key", ["placed_pod", "placed_mm", "awaiting", "accepted_part", "delivered_paid", "expired",
                                 "cancelled_pod"])  # fmt: skip
def test_the_payment_state_in_python_and_in_sql_agree(queue: Queue, key: str) -> None:
    order = queue.orders[key]
    state = payment_state(
        payment_method=order.payment_method,
        status=order.status,
        placed_at=order.placed_at,
        amount_collected=order.amount_collected,
        total=order.total,
    )

    assert order.number in queue.listed(payment_status=state)
