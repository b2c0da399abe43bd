"""The keyset page of a search: the rows after the cursor, in the sort's order.

Rows are ordered by sort key then id, both in the sort's direction, so a `(key, id)` row
comparison with the previous page's last row pages without OFFSET. Relevance is the `real`
the ranking function returns, unrounded (rounding 100,000 ranks to numeric took longer than
ranking them): the cursor keeps the text PostgreSQL sent for it, which cast back to `real`
is that very value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import REAL, DateTime, Integer, Numeric, Uuid, bindparam, cast, select, tuple_
from sqlalchemy.types import TypeEngine

from chalicelib.catalog.search_shape import Shape


def page_of(rows: Any, shape: Shape) -> Any:
    """The rows after the cursor, in the sort's order, `page_limit` of them."""
    page_rows = select(rows.c.id, rows.c.sort_key)
    if shape.after != "none":
        position = tuple_(rows.c.sort_key, rows.c.id)
        key_types: dict[str, TypeEngine[Any]] = {
            "timestamp": DateTime(timezone=True),
            "real": REAL(),
            "numeric": Numeric(),
        }
        key_type = key_types[shape.after]
        # Cast in SQL: the cursor holds a rank as the shortest text of its `real` (what PostgreSQL
        # sends), which is that `real` again only once cast back to real, not as a float8.
        boundary = tuple_(cast(bindparam("after_key", type_=key_type), key_type), bindparam("after_id", type_=Uuid()))
        page_rows = page_rows.where(position < boundary if shape.descending else position > boundary)
    return page_rows.order_by(*order(rows, shape.descending)).limit(page_limit())


def page_limit() -> Any:
    """The page size plus one: the extra row tells whether another page follows."""
    return bindparam("page_limit", type_=Integer)


def order(rows: Any, descending: bool) -> tuple[Any, Any]:
    """Sort key then id, both in the sort's direction, so a (key, id) row comparison pages."""
    if descending:
        return rows.c.sort_key.desc(), rows.c.id.desc()
    return rows.c.sort_key.asc(), rows.c.id.asc()
