"""Whether a business may take on one more staff user is its plan's to say (billing, a
package above accounts): accounts asks through this port."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session

from chalicelib.core.ports import Port

SeatCheck = Callable[[Session, uuid.UUID], None]
"""Raises a domain error when `business_id` may not add a staff user."""

staff_seat_check: Port[SeatCheck] = Port("accounts.seats.staff_seat_check")


def check_staff_seat(session: Session, business_id: uuid.UUID) -> None:
    staff_seat_check.implementation(session, business_id)
