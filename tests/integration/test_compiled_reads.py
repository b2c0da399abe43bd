"""Hot reads run as driver SQL give what SQLAlchemy gives, on the unit of work's one connection."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Integer, TypeDecorator, bindparam, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from chalicelib.accounts.principals import _LIVE_PRINCIPAL
from chalicelib.catalog import repository
from chalicelib.catalog.models import Product
from chalicelib.core.clock import utcnow
from chalicelib.core.compiled_reads import NotCompilable, compile_read, fetch_all, fetch_optional, listen_to_statements
from chalicelib.core.db import get_engine, unit_of_work
from chalicelib.core.security import decode_access_token
from tests.integration.catalog.builders import add_category, add_product
from tests.support.database import terminate
from tests.support.factories import make_actor, make_business
from tests.support.statements import counting_statements

GTIN = "6161234567890"


def as_typed_dicts(rows: list[Any]) -> list[dict[str, tuple[type, Any]]]:
    return [{name: (type(value), value) for name, value in row._asdict().items()} for row in rows]


def test_each_hot_statement_returns_the_rows_and_types_sqlalchemy_returns(db: Session) -> None:
    retailer, wholesaler = make_actor(db, "retailer"), make_business(db, "wholesaler", verified=True)
    soda = add_category(db, "Soft Drinks")
    product = add_product(
        db, wholesaler, soda, "Krest 500 ml", brand="Krest", gtin=GTIN, description="Bitter lemon.",
        tiers=[(5, "1200.00"), (50, "1150.50")], min_order_qty=5, image_keys=["products/a.jpg", "products/b.png"],
    )  # fmt: skip
    product.attributes = {"flavour": "bitter lemon", "volume_ml": 500}
    add_product(db, make_business(db, "wholesaler", verified=True), soda, "Krest 500 ml", gtin=GTIN, price="1190.00")
    db.flush()
    claims = decode_access_token(retailer.token)
    assert claims is not None
    cases = [
        (_LIVE_PRINCIPAL, {"session_id": claims.session_id, "user_id": claims.user_id, "now": utcnow()}),
        (repository._product_statement(repository.visibility_variant()), {"product_id": product.id}),
        (repository._offers_statement(True, repository.visibility_variant()), {"gtin": GTIN}),
        (repository._offers_statement(False, repository.visibility_variant()), {"product_id": product.id}),
    ]

    for statement, values in cases:
        expected = db.connection().execute(statement, values).all()
        got = fetch_all(db, statement, values)

        assert expected, statement
        assert as_typed_dicts(got) == as_typed_dicts(list(expected))


def test_one_row_or_none_and_a_second_row_is_an_error(db: Session) -> None:
    wholesaler = make_business(db, "wholesaler", verified=True)
    soda = add_category(db, "Soft Drinks")
    for _ in range(2):
        add_product(db, wholesaler, soda, "Krest 500 ml", gtin=GTIN)
    by_gtin = select(Product.id).where(Product.gtin == bindparam("gtin"))

    assert fetch_optional(db, by_gtin, {"gtin": "0000000000000"}) is None
    with pytest.raises(LookupError):
        fetch_optional(db, by_gtin, {"gtin": GTIN})
    with pytest.raises(KeyError):
        fetch_optional(db, by_gtin, {})


class Cents(TypeDecorator[int]):
    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return None if value is None else int(value * 100)


def test_statements_that_need_sqlalchemy_processing_are_refused() -> None:
    with pytest.raises(NotCompilable):
        compile_read(select(Product.id).where(Product.id.in_(bindparam("ids", expanding=True))))
    with pytest.raises(NotCompilable):
        compile_read(select(Product.id).where(Product.pack_size == bindparam("size", literal_execute=True)))
    with pytest.raises(NotCompilable):
        compile_read(select(Product.id).where(Product.pack_size == bindparam("size", type_=Cents())))


def test_hot_reads_are_seen_by_statement_listeners_before_and_after(db: Session) -> None:
    finished: list[str] = []

    def finish(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        finished.append(statement)

    with listen_to_statements(get_engine(), after=finish), counting_statements() as started:
        fetch_optional(db, select(func.now()), {})

    assert len(started) == 1
    assert finished == started


@pytest.mark.usefixtures("committed_db")
def test_a_read_only_unit_of_work_reads_on_one_connection_in_autocommit() -> None:
    """Hot reads and the session share the unit of work's connection (one per container)."""
    backend = select(func.pg_backend_pid().label("pid"), func.now().label("now"))
    with unit_of_work(read_only=True) as uow:
        fast = fetch_optional(uow.session, backend, {})
        orm_pid = uow.session.scalar(select(func.pg_backend_pid()))
        later = fetch_optional(uow.session, backend, {})
        uow.commit()

    assert fast.pid == orm_pid == later.pid
    assert later.now > fast.now  # autocommit: each statement its own transaction


@pytest.mark.usefixtures("committed_db")
def test_a_connection_lost_during_a_hot_read_is_invalidated_and_replaced(database_url: str) -> None:
    backend = select(func.pg_backend_pid().label("pid"))
    with unit_of_work(read_only=True) as uow:
        lost = fetch_optional(uow.session, backend, {}).pid
        terminate(database_url, lost)
        with pytest.raises(OperationalError) as raised:
            fetch_optional(uow.session, backend, {})

    assert raised.value.connection_invalidated
    with unit_of_work(read_only=True) as uow:
        assert fetch_optional(uow.session, backend, {}).pid != lost
