"""Schemathesis hooks, loaded by its CLI in its own process (`SCHEMATHESIS_HOOKS`).

Every request is signed in as the run's user (`CONTRACT_USER_EMAIL`) with a session made
directly in the database, and a new one is made whenever the API answers 401: a fuzzed
`POST /auth/logout` (or `DELETE /me/sessions/{id}`, or a password change) legitimately
ends the session the run was using, and the rest of the run must still be signed in.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from sqlalchemy import select

from chalicelib.accounts.models import User
from chalicelib.core.db import unit_of_work
from tests.support.factories import signed_in


def fresh_token(email: str) -> str:
    with unit_of_work() as uow:
        user = uow.session.scalars(select(User).where(User.email == email)).one()
        token = signed_in(uow.session, user)
        uow.commit()
    return token


@schemathesis.auth(refresh_interval=None, retry_on=[401])
class FreshSession:
    def get(self, case: Any, context: Any) -> str:
        return fresh_token(os.environ["CONTRACT_USER_EMAIL"])

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
