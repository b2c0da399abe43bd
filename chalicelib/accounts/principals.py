"""Turns verified access-token claims into a principal, checking the sign-in is still live.

One primary-key join per authenticated request: a revoked session, a deactivated or suspended
user, a suspended business or a role change takes effect at once instead of when the 15-minute
token expires. The statement is built once and runs through `core.compiled_reads`: executing
the statement object would cost every request more than the database spends on it.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, User
from chalicelib.core.clock import utcnow
from chalicelib.core.compiled_reads import fetch_optional
from chalicelib.core.principal import Principal
from chalicelib.core.security import AccessClaims

_LIVE_PRINCIPAL = (
    select(User.id, User.role, User.business_id, Business.kind, User.email_verified_at)
    .join(AuthSession, AuthSession.user_id == User.id)
    .outerjoin(Business, Business.id == User.business_id)
    .where(
        AuthSession.id == bindparam("session_id"),
        User.id == bindparam("user_id"),
        AuthSession.revoked_at.is_(None),
        AuthSession.expires_at > bindparam("now"),
        User.status == "active",
        Business.suspended_at.is_(None),
    )
)


def load_principal(session: Session, claims: AccessClaims) -> Principal | None:
    row = fetch_optional(
        session, _LIVE_PRINCIPAL, {"session_id": claims.session_id, "user_id": claims.user_id, "now": utcnow()}
    )
    if row is None:
        return None
    return Principal(
        user_id=row.id,
        session_id=claims.session_id,
        role=row.role,
        business_id=row.business_id,
        business_kind=row.kind,
        email_verified=row.email_verified_at is not None,
    )
