"""TOTP two-factor authentication (pyotp) and one-time recovery codes.

The TOTP secret is encrypted at rest; recovery codes are kept as keyed hashes. A TOTP
code is accepted once: the time step it belongs to is remembered, so a code seen by an
onlooker cannot be replayed within its 30-second window.
"""

from __future__ import annotations

import hmac
import secrets
import uuid

import pyotp
from sqlalchemy.orm import Session

from chalicelib.accounts import repository
from chalicelib.accounts.errors import (
    TwoFactorAlreadyEnabled,
    TwoFactorNotEnabled,
    TwoFactorSetupMissing,
    invalid_code,
)
from chalicelib.accounts.login_throttle import check_password_again
from chalicelib.accounts.models import RecoveryCode, User
from chalicelib.accounts.schemas import RecoveryCodes, TwoFactorSetup
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import DomainError, ValidationFailed, field_error
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import Principal
from chalicelib.core.security import decrypt, encrypt, keyed_hash
from chalicelib.core.settings import get_settings

RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _current_user(session: Session, principal: Principal) -> User:
    user = repository.get_user(session, principal.user_id, for_update=True)
    if user is None:
        raise InvariantBroken("user is missing")
    return user


def begin_setup(session: Session, *, principal: Principal) -> TwoFactorSetup:
    user = _current_user(session, principal)
    if user.totp_enabled_at is not None:
        raise TwoFactorAlreadyEnabled()
    secret = pyotp.random_base32()
    user.totp_secret_encrypted = encrypt(secret)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=get_settings().platform_name)
    return TwoFactorSetup(secret=secret, otpauth_uri=uri)


def confirm_setup(session: Session, *, principal: Principal, code: str, source_ip: str | None) -> RecoveryCodes:
    user = _current_user(session, principal)
    if user.totp_enabled_at is not None:
        raise TwoFactorAlreadyEnabled()
    if user.totp_secret_encrypted is None:
        raise TwoFactorSetupMissing()
    if not _accept_totp(user, code):
        raise invalid_code()
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(session, user)
    record_audit(
        session,
        "auth.two_factor_enabled",
        actor_user_id=user.id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
    return RecoveryCodes(recovery_codes=codes)


def disable(
    session: Session, *, principal: Principal, password: str, code: str, source_ip: str | None
) -> DomainError | None:
    """None once two-factor is off. A wrong password counts in the sign-in throttle: that
    refusal (or the lock-out's 429) is returned for the route to raise after committing."""
    user = _current_user(session, principal)
    if user.totp_enabled_at is None:
        raise TwoFactorNotEnabled()
    wrong = ValidationFailed(
        "The password is not correct.", details=[field_error("password", "invalid_password", "Check your password.")]
    )
    refusal = check_password_again(session, user=user, password=password, source_ip=source_ip, wrong=wrong)
    if refusal is not None:
        return refusal
    is_app_code = code.isdigit() and len(code) == 6
    accepted = _accept_totp(user, code) if is_app_code else _accept_recovery_code(session, user, code)
    if not accepted:
        raise invalid_code()
    user.totp_secret_encrypted = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    repository.delete_recovery_codes(session, user.id)
    record_audit(
        session,
        "auth.two_factor_disabled",
        actor_user_id=user.id,
        source_ip=source_ip,
        target_type="user",
        target_id=user.id,
    )
    return None


def accept_second_factor(session: Session, user: User, *, otp: str | None, recovery_code: str | None) -> bool:
    if otp:
        return _accept_totp(user, otp)
    if recovery_code:
        return _accept_recovery_code(session, user, recovery_code)
    return False


def _accept_totp(user: User, code: str) -> bool:
    secret = decrypt(user.totp_secret_encrypted) if user.totp_secret_encrypted else None
    if secret is None:
        return False
    totp = pyotp.TOTP(secret)
    now = utcnow()
    current_step = int(now.timestamp()) // STEP_SECONDS
    for offset in (-1, 0, 1):
        step = current_step + offset
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            user.totp_last_step = step
            return True
    return False


def _normalise_recovery_code(code: str) -> str:
    """Spaces, dashes and case do not matter when a code is typed back."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _accept_recovery_code(session: Session, user: User, code: str) -> bool:
    wanted = keyed_hash(_normalise_recovery_code(code))
    for candidate in repository.unused_recovery_codes(session, user.id):
        if hmac.compare_digest(candidate.code_hash, wanted):
            candidate.used_at = utcnow()
            return True
    return False


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    repository.delete_recovery_codes(session, user.id)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        session.add(
            RecoveryCode(id=uuid.uuid4(), user_id=user.id, code_hash=keyed_hash(_normalise_recovery_code(code)))
        )
    return codes
