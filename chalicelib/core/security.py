"""Password hashing, opaque tokens, access tokens and encryption at rest."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jwt
from cryptography.fernet import Fernet, InvalidToken

from chalicelib.core.clock import utcnow
from chalicelib.core.settings import get_settings

if TYPE_CHECKING:
    from argon2 import PasswordHasher

JWT_ALGORITHM = "HS256"


@lru_cache(maxsize=1)
def _password_hasher() -> PasswordHasher:
    """argon2id with the library's RFC 9106 low-memory profile; argon2 is imported by the routes
    that handle passwords only."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _password_hasher().hash(password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the account exists (a dummy hash stands in)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _password_hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_opaque_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """Opaque tokens carry 256 bits of entropy, so a fast keyed-free SHA-256 is enough."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    role: str
    business_id: uuid.UUID | None
    business_kind: str | None
    expires_at: datetime


def issue_access_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, role: str, business_id: uuid.UUID | None, business_kind: str | None
) -> tuple[str, datetime]:
    settings = get_settings()
    now = utcnow()
    expires_at = now + timedelta(seconds=settings.access_token_ttl_seconds)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "sid": str(session_id),
        "role": role,
        "bid": str(business_id) if business_id else None,
        "bkind": business_kind,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=JWT_ALGORITHM), expires_at


VERIFIED_TOKENS_KEPT = 1024
_verified: OrderedDict[tuple[str, str, str, str], AccessClaims] = OrderedDict()
_verified_lock = threading.Lock()


def decode_access_token(token: str) -> AccessClaims | None:
    """The claims of a valid access token, or None.

    A Lambda container serves the same few shops' tokens again and again: a token whose
    signature and claims were verified once is remembered (bounded LRU, keyed with the secret,
    issuer and audience it was verified with) and then only its expiry is checked. The session
    behind it is still checked on every request (`accounts.principals`)."""
    settings = get_settings()
    key = (token, settings.jwt_secret, settings.jwt_issuer, settings.jwt_audience)
    with _verified_lock:
        claims = _verified.get(key)
        if claims is not None:
            _verified.move_to_end(key)
    if claims is None:
        claims = _verify_access_token(token)
        if claims is None:
            return None
        with _verified_lock:
            _verified[key] = claims
            if len(_verified) > VERIFIED_TOKENS_KEPT:
                _verified.popitem(last=False)
    return claims if claims.expires_at > utcnow() else None


def _verify_access_token(token: str) -> AccessClaims | None:
    settings = get_settings()
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[JWT_ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "sid", "iss", "aud"]},
        )
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            session_id=uuid.UUID(claims["sid"]),
            role=str(claims["role"]),
            business_id=uuid.UUID(claims["bid"]) if claims.get("bid") else None,
            business_kind=claims.get("bkind"),
            expires_at=datetime.fromtimestamp(claims["exp"], tz=utcnow().tzinfo),
        )
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        return None


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(get_settings().field_encryption_key.encode())


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str | None:
    try:
        return _fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        return None


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 under a server key: for short secrets (recovery codes) that a plain
    hash would not protect against an offline guess."""
    key = hashlib.sha256(b"keyed-hash:" + get_settings().field_encryption_key.encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
