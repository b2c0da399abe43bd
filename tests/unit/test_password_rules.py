"""The field rules of chalicelib.accounts.validation, without a database."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from chalicelib.accounts.validation import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password,
    common_passwords,
    normalize_country,
    normalize_email,
    normalize_phone,
)


def rejection(call: object, *args: object) -> tuple[str, str]:
    """The (type, message) of the PydanticCustomError a rule raises."""
    with pytest.raises(PydanticCustomError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.type, caught.value.message()


TOO_COMMON = ("password_too_common", "This password is too common. Choose another.")
CONTAINS_EMAIL = ("password_contains_email", "The password must not contain your e-mail address.")
INVALID_PHONE = ("invalid_phone", "Enter a valid phone number, e.g. +254712345678.")
INVALID_EMAIL = ("invalid_email", "Enter a valid e-mail address.")
INVALID_COUNTRY = ("invalid_country", "Use a two-letter ISO country code, e.g. KE.")


# --- password length -------------------------------------------------------------------


def test_length_bounds_are_12_and_128() -> None:
    assert (MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH) == (12, 128)


@pytest.mark.parametrize("password", ["", "a", "Mango-Lorry", "x7#Kq!9zP2m"])
def test_password_shorter_than_12_is_too_short(password: str) -> None:
    assert len(password) < 12
    assert rejection(check_password, password, None) == ("password_too_short", "Use at least 12 characters.")


def test_password_of_exactly_12_characters_is_accepted() -> None:
    password = "Mango-Lorry!"
    assert len(password) == 12
    assert check_password(password, None) == password


def test_password_of_exactly_128_characters_is_accepted() -> None:
    password = ("Mango-Lorry-Kisumu-42-" * 6)[:128]
    assert len(password) == 128
    assert check_password(password, "amina@example.co.ke") == password


def test_password_of_129_characters_is_too_long() -> None:
    password = ("Mango-Lorry-Kisumu-42-" * 6)[:129]
    assert len(password) == 129
    assert rejection(check_password, password, None) == ("password_too_long", "Use at most 128 characters.")


def test_too_short_is_reported_before_too_common_or_email() -> None:
    # "password" is common and contains the local part, but its length is the first rule
    assert rejection(check_password, "password", "password@example.com")[0] == "password_too_short"


def test_an_accepted_password_is_returned_unchanged() -> None:
    password = "  Mango Lorry Kisumu 42  "
    assert check_password(password, "amina@example.co.ke") == password


# --- common passwords ------------------------------------------------------------------


def test_the_shipped_list_is_loaded_without_its_comment() -> None:
    passwords = common_passwords()
    assert len(passwords) == 30_000
    assert {"password", "qwertyuiop", "sunshine", "qwertyuiop123"} <= passwords
    assert not any(entry.startswith("#") for entry in passwords)


@pytest.mark.parametrize(
    "password",
    [
        "qwertyuiop123",  # in the list as it is
        "QWERTYUIOP123",  # in the list, whatever the case
        "password1234",  # "password" plus trailing digits
        "Password1234!",  # capitalised, trailing digits and a symbol
        "Sunshine2026!!",  # "sunshine" plus a year and punctuation
        "sunshine______",  # "sunshine" plus trailing underscores
        "1qaz2wsx3edc4rfv",  # in the list as it is
        "football 2026 ##",  # trailing spaces, digits and symbols
    ],
)
def test_common_passwords_and_their_trailing_digit_variants_are_refused(password: str) -> None:
    assert len(password) >= 12
    assert rejection(check_password, password, None) == TOO_COMMON


@pytest.mark.parametrize(
    "password",
    [
        "2026sunshine!!",  # the common word is not at the start of what remains
        "Sunshine-Mango-Lorry",  # a common word inside a longer passphrase
        "MangoLorryKisumu42",
    ],
)
def test_passwords_only_containing_a_common_word_are_accepted(password: str) -> None:
    assert check_password(password, None) == password


# --- e-mail containment ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "email"),
    [
        ("amina@example.co.ke!!", "amina@example.co.ke"),  # the whole address
        ("My-AMINA@EXAMPLE.CO.KE-pass", "amina@example.co.ke"),  # the whole address, other case
        ("Amina-Strong-Horse-9", "amina@example.co.ke"),  # the local part (5 characters)
        ("xxWANJIKUxxMango", "wanjiku@example.co.ke"),  # the local part in capitals
        ("Long-John-Silver-42", "john@example.co.ke"),  # a 4-character local part
        ("bob@shop.co.ke-Mango", "bob@shop.co.ke"),  # a short local part, but the whole address
    ],
)
def test_password_containing_the_email_is_refused(password: str, email: str) -> None:
    assert rejection(check_password, password, email) == CONTAINS_EMAIL


@pytest.mark.parametrize(
    ("password", "email"),
    [
        ("Bob-Strong-Horse-9", "bob@example.co.ke"),  # a 3-character local part is not checked
        ("Mango-Lorry-Kisumu-42", "amina@example.co.ke"),
        ("example-Mango-Lorry", "amina@example.co.ke"),  # only the domain
    ],
)
def test_password_not_containing_the_email_is_accepted(password: str, email: str) -> None:
    assert check_password(password, email) == password


@pytest.mark.parametrize("email", [None, ""])
def test_without_an_email_containment_is_not_checked(email: str | None) -> None:
    assert check_password("Amina-Strong-Horse-9", email) == "Amina-Strong-Horse-9"


def test_too_common_is_reported_before_containing_the_email() -> None:
    assert rejection(check_password, "password1234", "password@example.com") == TOO_COMMON


# --- phone numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0712345678", "+254712345678"),  # local mobile format, default region KE
        ("0712 345 678", "+254712345678"),
        ("0733-111-222", "+254733111222"),
        ("(0722) 000111", "+254722000111"),
        ("712345678", "+254712345678"),  # without the trunk prefix
        ("+254712345678", "+254712345678"),
        ("+254 712 345 678", "+254712345678"),
        ("000254712345678", "+254712345678"),  # dialled with Kenya's international prefix 000
        ("0110123456", "+254110123456"),  # the newer 01x mobile range
        ("020 2222222", "+254202222222"),  # a Nairobi landline
        ("+256 772 123456", "+256772123456"),  # Uganda, given in international form
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_normalize_phone_answers_e164(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    ["", "0712", "12345", "07123456789012", "call me maybe", "+999 123 456 789", "+254 000 000 000", "0812345678"],
)
def test_normalize_phone_refuses_invalid_numbers(raw: str) -> None:
    assert rejection(normalize_phone, raw) == INVALID_PHONE


# --- e-mail addresses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("amina@example.co.ke", "amina@example.co.ke"),
        ("  Amina.Otieno@Example.CO.KE ", "amina.otieno@example.co.ke"),
        ("AMINA+orders@EXAMPLE.COM", "amina+orders@example.com"),
    ],
)
def test_normalize_email_trims_and_lower_cases(raw: str, normalized: str) -> None:
    assert normalize_email(raw) == normalized


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "amina",
        "amina@",
        "@example.com",
        "amina@@example.com",
        "amina@localhost",
        "amina@example",
        "a b@example.com",
    ],
)
def test_normalize_email_refuses_invalid_addresses(raw: str) -> None:
    assert rejection(normalize_email, raw) == INVALID_EMAIL


# --- countries -------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "code"), [("KE", "KE"), ("ke", "KE"), (" ug ", "UG"), ("Tz", "TZ"), ("gb", "GB")])
def test_normalize_country_upper_cases_iso_codes(raw: str, code: str) -> None:
    assert normalize_country(raw) == code


@pytest.mark.parametrize("raw", ["XX", "ZZ", "UK", "EU", "", "K", "KEN", "001"])
def test_normalize_country_refuses_unknown_codes(raw: str) -> None:
    assert rejection(normalize_country, raw) == INVALID_COUNTRY
