"""Who is calling: the authenticated principal and the roles a route admits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chalicelib.core.security import AccessClaims

OWNER = "owner"
STAFF = "staff"
ADMIN = "admin"
SUPPORT = "support"

BUSINESS_ROLES = frozenset({OWNER, STAFF})
PLATFORM_ROLES = frozenset({ADMIN, SUPPORT})
ANY_ROLE = BUSINESS_ROLES | PLATFORM_ROLES

RETAILER = "retailer"
WHOLESALER = "wholesaler"


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    session_id: uuid.UUID
    role: str
    business_id: uuid.UUID | None
    business_kind: str | None
    email_verified: bool

    def require_business_id(self) -> uuid.UUID:
        if self.business_id is None:
            from chalicelib.core.errors import Forbidden

            raise Forbidden("This action needs a business account.")
        return self.business_id


PrincipalLoader = Callable[[Session, AccessClaims], Principal | None]
