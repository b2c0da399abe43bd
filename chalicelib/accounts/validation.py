"""Field rules shared by the accounts schemas: e-mail, phone, country, password.

phonenumbers and email_validator are imported by the rules that use them, on first use: a
Lambda whose first request validates no e-mail address or phone number never loads them
(together some 40 ms of a cold start, benchmarks/COLD_START.md).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic_core import PydanticCustomError

from chalicelib.core.settings import get_settings

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
_COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
_TRAILING_NOISE = re.compile(r"[\d\W_]+$")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = _COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def normalize_email(value: str) -> str:
    """Validated and lower-cased: e-mail addresses are matched case-insensitively."""
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise PydanticCustomError("invalid_email", "Enter a valid e-mail address.") from exc
    return result.normalized.lower()


def normalize_phone(value: str) -> str:
    """Parsed with the deployment's default region and answered in E.164."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, get_settings().default_phone_region)
    except phonenumbers.NumberParseException as exc:
        raise PydanticCustomError("invalid_phone", "Enter a valid phone number, e.g. +254712345678.") from exc
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("invalid_phone", "Enter a valid phone number, e.g. +254712345678.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_country(value: str) -> str:
    import phonenumbers

    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise PydanticCustomError("invalid_country", "Use a two-letter ISO country code, e.g. KE.")
    return code


def check_password(password: str, email: str | None) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PydanticCustomError(
            "password_too_short", "Use at least {minimum} characters.", {"minimum": MIN_PASSWORD_LENGTH}
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PydanticCustomError(
            "password_too_long", "Use at most {maximum} characters.", {"maximum": MAX_PASSWORD_LENGTH}
        )
    lowered = password.lower()
    if lowered in common_passwords() or _TRAILING_NOISE.sub("", lowered) in common_passwords():
        raise PydanticCustomError("password_too_common", "This password is too common. Choose another.")
    if email:
        local_part = email.split("@", 1)[0].lower()
        if email.lower() in lowered or (len(local_part) >= 4 and local_part in lowered):
            raise PydanticCustomError("password_contains_email", "The password must not contain your e-mail address.")
    return password
