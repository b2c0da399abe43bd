"""POST /auth/register: the happy paths, every validation failure, and duplicates.

A refused registration writes nothing: each negative test compares the row counts of every
table registration touches before and after the request.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, Consent, OneTimeToken, RefreshToken, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.db import get_engine, get_session_factory, use_session_factory
from chalicelib.core.http import MAX_JSON_BODY_BYTES
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import decode_access_token, decrypt, hash_token
from tests.support.api import PASSWORD, Api, count, latest_token, register, registration_body

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WRITTEN_BY_REGISTRATION = (
    Business,
    User,
    Consent,
    OneTimeToken,
    OutboxEvent,
    AuditEntry,
    AuthSession,
    RefreshToken,
)


def row_counts(db: Session) -> dict[str, int]:
    return {model.__tablename__: count(db, model) for model in WRITTEN_BY_REGISTRATION}


def validation_failed(*details: tuple[str, str, str], message: str = "Some fields are invalid.") -> dict[str, Any]:
    return {
        "error": {
            "code": "validation_failed",
            "message": message,
            "details": [{"field": field, "code": code, "message": text_} for field, code, text_ in details],
        }
    }


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def one(db: Session, model: Any, *conditions: Any) -> Any:
    db.expire_all()
    return db.scalars(select(model).where(*conditions)).one()


# --- happy paths -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "tax_id", "verification_status", "next_step_tail"),
    [
        ("retailer", None, "not_required", ""),
        (
            "wholesaler",
            "P051234567X",
            "pending",
            " Our team will verify your business before retailers can see your products.",
        ),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_register_creates_business_owner_consents_token_events_and_audit(
    api: Api, db: Session, kind: str, tax_id: str | None, verification_status: str, next_step_tail: str
) -> None:
    # Given a registration with a local phone format, a lower-case country and a mixed-case e-mail
    body = registration_body(kind)
    body["business"].update(
        name="Mama Mboga Traders",
        registration_number="BN-REG-0001",
        tax_id=tax_id,
        phone="0712345678",
        email="Sales@MamaMboga.co.ke",
        address={"line": "12 Moi Avenue", "city": "Nairobi", "region": "Nairobi County", "country": "ke"},
    )
    body["owner"].update(full_name="Amina Otieno", email="Amina.Otieno@Example.CO.KE", phone="0722 000 111")

    # When it is posted
    response = api.post("/auth/register", body)

    # Then the business and its owner are created and signed in
    assert response.status_code == 201, response.json_body
    assert response.headers["Cache-Control"] == "no-store"
    business = one(db, Business)
    owner = one(db, User)
    answer = response.json_body
    assert answer == {
        "access_token": answer["access_token"],
        "token_type": "Bearer",
        "expires_in": 900,
        "refresh_token": answer["refresh_token"],
        "refresh_expires_at": iso(NOW + timedelta(days=30)),
        "user": {
            "id": str(owner.id),
            "email": "amina.otieno@example.co.ke",
            "full_name": "Amina Otieno",
            "phone": "+254722000111",
            "role": "owner",
            "status": "active",
            "business_id": str(business.id),
            "email_verified": False,
            "two_factor_enabled": False,
            "created_at": iso(NOW),
        },
        "business": {
            "id": str(business.id),
            "kind": kind,
            "name": "Mama Mboga Traders",
            "registration_number": "BN-REG-0001",
            "tax_id": tax_id,
            "phone": "+254712345678",
            "email": "sales@mamamboga.co.ke",
            "address": {"line": "12 Moi Avenue", "city": "Nairobi", "region": "Nairobi County", "country": "KE"},
            "verification_status": verification_status,
            "verification_reason": None,
            "created_at": iso(NOW),
        },
        "next_step": "Open the link we e-mailed to amina.otieno@example.co.ke to verify your address." + next_step_tail,
    }

    # And the access token names the owner, the session and the business
    claims = decode_access_token(answer["access_token"])
    assert claims is not None
    auth_session = one(db, AuthSession)
    assert (claims.user_id, claims.session_id, claims.role, claims.business_id, claims.business_kind) == (
        owner.id,
        auth_session.id,
        "owner",
        business.id,
        kind,
    )
    refresh = one(db, RefreshToken)
    assert (refresh.session_id, refresh.token_hash, refresh.rotated_at) == (
        auth_session.id,
        hash_token(answer["refresh_token"]),
        None,
    )

    # And exactly these rows were written
    assert row_counts(db) == {
        "businesses": 1,
        "users": 1,
        "consents": 2,
        "one_time_tokens": 1,
        "outbox_events": 2,
        "audit_log": 1,
        "auth_sessions": 1,
        "refresh_tokens": 1,
    }
    assert (business.verified_at, business.verified_by, business.country, business.region) == (
        None,
        None,
        "KE",
        "Nairobi County",
    )
    assert owner.password_hash is not None
    assert owner.password_hash.startswith("$argon2id$")
    assert PASSWORD not in owner.password_hash
    assert (owner.email_verified_at, owner.password_changed_at, owner.last_login_at, owner.totp_enabled_at) == (
        None,
        NOW,
        NOW,
        None,
    )

    consents = db.scalars(select(Consent).order_by(Consent.document)).all()
    assert [(c.user_id, c.document, c.version, c.accepted_at, str(c.source_ip)) for c in consents] == [
        (owner.id, "privacy", "2026-01", NOW, "127.0.0.1"),
        (owner.id, "terms", "2026-01", NOW, "127.0.0.1"),
    ]

    # And the verification token is stored hashed, for 24 hours
    token_row = one(db, OneTimeToken)
    raw_token = latest_token(db, "EmailVerificationRequested", "amina.otieno@example.co.ke")
    assert token_row.token_hash != raw_token
    assert (token_row.user_id, token_row.purpose, token_row.token_hash, token_row.expires_at, token_row.used_at) == (
        owner.id,
        "verify_email",
        hash_token(raw_token),
        NOW + timedelta(hours=24),
        None,
    )

    # And the outbox holds BusinessRegistered and EmailVerificationRequested
    events = {event.event_type: event for event in db.scalars(select(OutboxEvent)).all()}
    assert sorted(events) == ["BusinessRegistered", "EmailVerificationRequested"]
    registered = events["BusinessRegistered"]
    assert (registered.aggregate_type, registered.aggregate_id, registered.published_at, registered.payload) == (
        "business",
        business.id,
        None,
        {"business_id": str(business.id), "kind": kind, "name": "Mama Mboga Traders", "owner_user_id": str(owner.id)},
    )
    requested = events["EmailVerificationRequested"]
    sealed = requested.payload["token_sealed"]
    assert raw_token not in sealed
    assert decrypt(sealed) == raw_token
    assert (requested.aggregate_type, requested.aggregate_id, requested.payload) == (
        "user",
        owner.id,
        {
            "user_id": str(owner.id),
            "email": "amina.otieno@example.co.ke",
            "full_name": "Amina Otieno",
            "token_sealed": sealed,
        },
    )

    # And the registration is audited
    audit = one(db, AuditEntry)
    assert (
        audit.action,
        audit.actor_user_id,
        audit.target_type,
        audit.target_id,
        str(audit.source_ip),
        audit.details,
    ) == ("auth.registered", owner.id, "business", str(business.id), "127.0.0.1", {"kind": kind})

    # And the sealed token verifies the owner's e-mail, and the access token works
    verified = api.post("/auth/verify-email", {"token": raw_token})
    assert verified.status_code == 200, verified.json_body
    assert verified.json_body["email_verified"] is True
    me = api.get("/me", token=answer["access_token"])
    assert me.status_code == 200
    assert me.json_body["id"] == str(owner.id)


def test_register_retailer_keeps_an_optional_tax_id(api: Api, db: Session) -> None:
    # Given a retailer that gives a tax id anyway
    body = registration_body("retailer", business__tax_id="P051111111Z")

    # When it registers
    response = api.post("/auth/register", body)

    # Then the tax id is kept
    assert response.status_code == 201, response.json_body
    assert response.json_body["business"]["tax_id"] == "P051111111Z"
    assert one(db, Business).tax_id == "P051111111Z"


def test_register_strips_whitespace_around_text_fields(api: Api, db: Session) -> None:
    # Given fields padded with spaces
    body = registration_body("retailer", business__name="  Duka La Juma  ", business__registration_number=" BN-77 ")
    body["owner"]["full_name"] = "  Juma Kariuki "

    # When it registers
    response = api.post("/auth/register", body)

    # Then the stored values are trimmed
    assert response.status_code == 201, response.json_body
    business = one(db, Business)
    assert (business.name, business.registration_number) == ("Duka La Juma", "BN-77")
    assert one(db, User).full_name == "Juma Kariuki"


# --- validation failures ---------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(body: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        target = body
        for part in parents:
            target = target[part]
        target[leaf] = value

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(body: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        target = body
        for part in parents:
            target = target[part]
        del target[leaf]

    return mutate


INVALID_REGISTRATIONS: list[tuple[str, str, Mutation, list[tuple[str, str, str]]]] = [
    (
        "missing business name",
        "retailer",
        _drop("business.name"),
        [("business.name", "missing", "Field required")],
    ),
    (
        "missing owner section",
        "retailer",
        _drop("owner"),
        [("owner", "missing", "Field required")],
    ),
    (
        "missing city",
        "retailer",
        _drop("business.address.city"),
        [("business.address.city", "missing", "Field required")],
    ),
    (
        "missing owner password",
        "retailer",
        _drop("owner.password"),
        [("owner.password", "missing", "Field required")],
    ),
    (
        "missing terms version",
        "retailer",
        _drop("accepted_terms_version"),
        [("accepted_terms_version", "missing", "Field required")],
    ),
    (
        "unknown business kind",
        "retailer",
        _set("business.kind", "distributor"),
        [("business.kind", "literal_error", "Input should be 'retailer' or 'wholesaler'")],
    ),
    (
        "empty business name",
        "retailer",
        _set("business.name", ""),
        [("business.name", "string_too_short", "String should have at least 1 character")],
    ),
    (
        "blank business name",
        "retailer",
        _set("business.name", "   "),
        [("business.name", "string_too_short", "String should have at least 1 character")],
    ),
    (
        "business name not a string",
        "retailer",
        _set("business.name", 42),
        [("business.name", "string_type", "Input should be a valid string")],
    ),
    (
        "empty owner name",
        "retailer",
        _set("owner.full_name", ""),
        [("owner.full_name", "string_too_short", "String should have at least 1 character")],
    ),
    (
        "registration number too short",
        "retailer",
        _set("business.registration_number", "B"),
        [("business.registration_number", "string_too_short", "String should have at least 2 characters")],
    ),
    (
        "business phone too short",
        "retailer",
        _set("business.phone", "0712"),
        [("business.phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678.")],
    ),
    (
        "business phone not a number",
        "retailer",
        _set("business.phone", "call me maybe"),
        [("business.phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678.")],
    ),
    (
        "owner phone invalid",
        "retailer",
        _set("owner.phone", "12345"),
        [("owner.phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678.")],
    ),
    (
        "business e-mail invalid",
        "retailer",
        _set("business.email", "sales-at-duka.co.ke"),
        [("business.email", "invalid_email", "Enter a valid e-mail address.")],
    ),
    (
        "owner e-mail invalid",
        "retailer",
        _set("owner.email", "owner@localhost"),
        [("owner.email", "invalid_email", "Enter a valid e-mail address.")],
    ),
    (
        "unknown country",
        "retailer",
        _set("business.address.country", "XX"),
        [("business.address.country", "invalid_country", "Use a two-letter ISO country code, e.g. KE.")],
    ),
    (
        "three-letter country",
        "retailer",
        _set("business.address.country", "KEN"),
        [("business.address.country", "string_too_long", "String should have at most 2 characters")],
    ),
    (
        "wholesaler without tax id",
        "wholesaler",
        _drop("business.tax_id"),
        [("business.tax_id", "tax_id_required", "Wholesalers must give their tax id (e.g. KRA PIN).")],
    ),
    (
        "wholesaler with a null tax id",
        "wholesaler",
        _set("business.tax_id", None),
        [("business.tax_id", "tax_id_required", "Wholesalers must give their tax id (e.g. KRA PIN).")],
    ),
    (
        "wholesaler with a blank tax id",
        "wholesaler",
        _set("business.tax_id", "   "),
        [("business.tax_id", "tax_id_required", "Wholesalers must give their tax id (e.g. KRA PIN).")],
    ),
    (
        "password of 11 characters",
        "retailer",
        _set("owner.password", "Mango-Lorry"),
        [("owner.password", "password_too_short", "Use at least 12 characters.")],
    ),
    (
        "common password with trailing digits",
        "retailer",
        _set("owner.password", "password1234"),
        [("owner.password", "password_too_common", "This password is too common. Choose another.")],
    ),
    (
        "common password from the list",
        "retailer",
        _set("owner.password", "qwertyuiop123"),
        [("owner.password", "password_too_common", "This password is too common. Choose another.")],
    ),
    (
        "password containing the e-mail's local part",
        "retailer",
        lambda body: body["owner"].update(email="wanjiku@example.co.ke", password="Wanjiku-Strong-Horse-9"),
        [("owner.password", "password_contains_email", "The password must not contain your e-mail address.")],
    ),
    (
        "password containing the whole e-mail",
        "retailer",
        lambda body: body["owner"].update(email="Ann@Example.co.ke", password="ann@example.co.ke-2026"),
        [("owner.password", "password_contains_email", "The password must not contain your e-mail address.")],
    ),
    (
        "password longer than the field allows",
        "retailer",
        _set("owner.password", "Mango-Lorry-" * 22),
        [("owner.password", "string_too_long", "String should have at most 256 characters")],
    ),
    (
        "old terms version",
        "retailer",
        _set("accepted_terms_version", "2025-06"),
        [("accepted_terms_version", "terms_not_accepted", "Accept the current terms (2026-01).")],
    ),
    (
        "old privacy version",
        "retailer",
        _set("accepted_privacy_version", "2025-06"),
        [("accepted_privacy_version", "privacy_not_accepted", "Accept the current privacy notice (2026-01).")],
    ),
    (
        "unknown top-level field",
        "retailer",
        _set("role", "admin"),
        [("role", "extra_forbidden", "Extra inputs are not permitted")],
    ),
    (
        "unknown business field",
        "retailer",
        _set("business.verification_status", "verified"),
        [("business.verification_status", "extra_forbidden", "Extra inputs are not permitted")],
    ),
    (
        "unknown owner field",
        "wholesaler",
        _set("owner.role", "admin"),
        [("owner.role", "extra_forbidden", "Extra inputs are not permitted")],
    ),
    (
        "several invalid fields at once",
        "retailer",
        lambda body: (
            body["business"].update(kind="shop", phone="123", address={**body["business"]["address"], "country": "ZZ"}),
            body["owner"].update(email="not-an-email", password="short"),
            body.update(accepted_terms_version="2020-01"),
        ),
        [
            ("business.kind", "literal_error", "Input should be 'retailer' or 'wholesaler'"),
            ("business.phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678."),
            ("business.address.country", "invalid_country", "Use a two-letter ISO country code, e.g. KE."),
            ("owner.email", "invalid_email", "Enter a valid e-mail address."),
            ("owner.password", "password_too_short", "Use at least 12 characters."),
            ("accepted_terms_version", "terms_not_accepted", "Accept the current terms (2026-01)."),
        ],
    ),
]


@pytest.mark.parametrize(
    ("kind", "mutate", "details"),
    [pytest.param(kind, mutate, details, id=name) for name, kind, mutate, details in INVALID_REGISTRATIONS],
)
def test_register_rejects_an_invalid_field_and_writes_nothing(
    api: Api, db: Session, kind: str, mutate: Mutation, details: list[tuple[str, str, str]]
) -> None:
    # Given a registration with invalid fields
    body = registration_body(kind)
    mutate(body)
    before = row_counts(db)

    # When it is posted
    response = api.post("/auth/register", body)

    # Then every invalid field is reported, and nothing is written
    assert response.status_code == 400
    assert response.json_body == validation_failed(*details)
    assert row_counts(db) == before


def test_register_rejects_a_json_array_and_writes_nothing(api: Api, db: Session) -> None:
    before = row_counts(db)

    response = api.post("/auth/register", "[]")

    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("body", "model_type", "Input should be a valid dictionary or instance of RegisterRequest")
    )
    assert row_counts(db) == before


def test_register_rejects_an_empty_body_reporting_every_section(api: Api, db: Session) -> None:
    before = row_counts(db)

    response = api.post("/auth/register", {})

    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("business", "missing", "Field required"),
        ("owner", "missing", "Field required"),
        ("accepted_terms_version", "missing", "Field required"),
        ("accepted_privacy_version", "missing", "Field required"),
    )
    assert row_counts(db) == before


def test_register_rejects_invalid_json_and_writes_nothing(api: Api, db: Session) -> None:
    # Given a body cut off half way
    raw = json.dumps(registration_body("retailer"))[:40]
    before = row_counts(db)

    # When it is posted
    response = api.post("/auth/register", raw)

    # Then the envelope says the JSON is invalid
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("body", "invalid_json", "Send a JSON object."), message="The request body is not valid JSON."
    )
    assert row_counts(db) == before


def test_register_rejects_a_non_json_content_type_and_writes_nothing(api: Api, db: Session) -> None:
    # Given a valid registration sent as text/plain
    raw = json.dumps(registration_body("retailer"))
    before = row_counts(db)

    # When it is posted
    response = api.post("/auth/register", raw, headers={"content-type": "text/plain"})

    # Then it is refused before parsing
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("body", "unsupported_content_type", "Send Content-Type: application/json."),
        message="The request body must be JSON.",
    )
    assert row_counts(db) == before


def test_register_accepts_a_json_content_type_with_a_charset(api: Api, db: Session) -> None:
    response = api.post(
        "/auth/register",
        json.dumps(registration_body("retailer")),
        headers={"content-type": "application/json; charset=utf-8"},
    )

    assert response.status_code == 201, response.json_body
    assert count(db, Business) == 1


def _padded_body(total_bytes: int) -> str:
    """A registration whose JSON is exactly `total_bytes` long (the padding is in the name)."""
    body = registration_body("retailer", business__name="")
    base = len(json.dumps(body))
    body["business"]["name"] = "x" * (total_bytes - base)
    raw = json.dumps(body)
    assert len(raw) == total_bytes
    return raw


def test_register_rejects_a_body_over_256_kib_and_writes_nothing(api: Api, db: Session) -> None:
    # Given a body one byte over the limit
    raw = _padded_body(MAX_JSON_BODY_BYTES + 1)
    before = row_counts(db)

    # When it is posted
    response = api.post("/auth/register", raw)

    # Then it is refused as too large
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("body", "too_large", "At most 262144 bytes are accepted."), message="The request body is too large."
    )
    assert row_counts(db) == before


def test_register_parses_a_body_of_exactly_256_kib(api: Api, db: Session) -> None:
    # Given a body exactly at the limit (its name is far too long, but it is read)
    raw = _padded_body(MAX_JSON_BODY_BYTES)
    before = row_counts(db)

    # When it is posted
    response = api.post("/auth/register", raw)

    # Then the fields are validated rather than the size refused
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        ("business.name", "string_too_long", "String should have at most 200 characters")
    )
    assert row_counts(db) == before


# --- duplicates ------------------------------------------------------------------------


def test_register_refuses_an_owner_email_already_registered_in_any_case(api: Api, db: Session) -> None:
    # Given an owner registered as amina@example.co.ke
    register(api, "retailer", owner__email="amina@example.co.ke")
    before = row_counts(db)

    # When another business registers with the same address in another case
    response = api.post("/auth/register", registration_body("wholesaler", owner__email="AMINA@Example.CO.KE"))

    # Then 409 email_taken, and nothing is written
    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "email_taken",
            "message": "An account with this e-mail address already exists.",
            "details": [
                {
                    "field": "owner.email",
                    "code": "email_taken",
                    "message": "An account with this e-mail address already exists.",
                }
            ],
        }
    }
    assert row_counts(db) == before


def test_register_refuses_a_registration_number_used_by_the_same_kind(api: Api, db: Session) -> None:
    # Given a wholesaler registered with BN-555
    register(api, "wholesaler", business__registration_number="BN-555")
    before = row_counts(db)

    # When another wholesaler registers with BN-555
    response = api.post("/auth/register", registration_body("wholesaler", business__registration_number="BN-555"))

    # Then 409 registration_number_taken, and nothing is written
    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "registration_number_taken",
            "message": "A business of this kind is already registered with this registration number.",
            "details": [
                {
                    "field": "business.registration_number",
                    "code": "registration_number_taken",
                    "message": "A business of this kind is already registered with this registration number.",
                }
            ],
        }
    }
    assert row_counts(db) == before


def test_register_allows_a_registration_number_used_by_the_other_kind(api: Api, db: Session) -> None:
    # Given a wholesaler registered with BN-555
    register(api, "wholesaler", business__registration_number="BN-555")

    # When a retailer registers with BN-555
    response = api.post("/auth/register", registration_body("retailer", business__registration_number="BN-555"))

    # Then it is accepted: the number is unique per kind only
    assert response.status_code == 201, response.json_body
    db.expire_all()
    rows = db.execute(select(Business.kind, Business.registration_number).order_by(Business.kind)).all()
    assert [tuple(row) for row in rows] == [("retailer", "BN-555"), ("wholesaler", "BN-555")]


# --- duplicates that race past the pre-checks ------------------------------------------


def _wait_for_lock_waiter(session: Session, worker: threading.Thread, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and worker.is_alive():
        session.connection().execute(text("SELECT pg_stat_clear_snapshot()"))
        waiting = session.connection().execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        if waiting.scalar_one():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def real_commits(database_url: str) -> Iterator[Session]:
    """Route code and this session commit for real, on separate connections. Only the
    tables registration writes are emptied afterwards, so the fixture does not depend on
    other domains' models being migrated."""
    use_session_factory(None)
    session = get_session_factory()()
    try:
        yield session
    finally:
        session.close()
        tables = ", ".join(f'"{model.__tablename__}"' for model in WRITTEN_BY_REGISTRATION)
        with get_engine().begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} CASCADE"))


def _register_while_a_conflicting_insert_is_pending(
    real_commits: Session, pending_rows: list[Any], body: dict[str, Any]
) -> Any:
    """Another transaction has inserted `pending_rows` but not committed: the request's
    pre-checks cannot see them, its INSERT waits on the unique index, and fails once the
    other transaction commits."""
    from chalice.test import Client

    from app import app

    blocker = real_commits
    for row in pending_rows:
        blocker.add(row)
        blocker.flush()
    result: dict[str, Any] = {}
    with Client(app) as client:
        worker = threading.Thread(target=lambda: result.update(response=Api(client).post("/auth/register", body)))
        worker.start()
        try:
            # a second session watches, since the blocker's transaction must stay open
            with get_session_factory()() as watcher:
                assert _wait_for_lock_waiter(watcher, worker), "the registration never waited on the pending insert"
        finally:
            blocker.commit()
            worker.join(timeout=30)
    assert not worker.is_alive()
    return result["response"]


def _business(kind: str, registration_number: str) -> Business:
    return Business(
        id=uuid.uuid4(),
        kind=kind,
        name="Racing Traders",
        registration_number=registration_number,
        tax_id="P059999999R",
        phone="+254712345678",
        email="race@example.co.ke",
        address_line="1 Race Road",
        city="Nairobi",
        region="Nairobi",
        country="KE",
        verification_status="pending" if kind == "wholesaler" else "not_required",
    )


@pytest.mark.concurrency
def test_register_answers_409_when_a_concurrent_registration_takes_the_number_first(real_commits: Session) -> None:
    # Given another transaction inserting wholesaler BN-RACE-1, not yet committed
    pending = [_business("wholesaler", "BN-RACE-1")]
    body = registration_body("wholesaler", business__registration_number="BN-RACE-1")

    # When a registration with the same number runs meanwhile
    response = _register_while_a_conflicting_insert_is_pending(real_commits, pending, body)

    # Then it answers 409 registration_number_taken (not a 500), and wrote nothing
    assert response.status_code == 409, response.json_body
    assert response.json_body["error"]["code"] == "registration_number_taken"
    assert response.json_body["error"]["details"][0]["field"] == "business.registration_number"
    real_commits.expire_all()
    assert row_counts(real_commits) == {
        "businesses": 1,
        "users": 0,
        "consents": 0,
        "one_time_tokens": 0,
        "outbox_events": 0,
        "audit_log": 0,
        "auth_sessions": 0,
        "refresh_tokens": 0,
    }


@pytest.mark.concurrency
def test_register_answers_409_when_a_concurrent_registration_takes_the_email_first(real_commits: Session) -> None:
    # Given another transaction inserting an owner amina@example.co.ke, not yet committed
    business = _business("retailer", "BN-RACE-2")
    owner = User(
        id=uuid.uuid4(),
        business_id=business.id,
        role="owner",
        status="active",
        email="amina@example.co.ke",
        full_name="Amina Racer",
    )
    body = registration_body("retailer", owner__email="amina@example.co.ke")

    # When a registration with the same owner e-mail runs meanwhile
    response = _register_while_a_conflicting_insert_is_pending(real_commits, [business, owner], body)

    # Then it answers 409 email_taken, and wrote nothing
    assert response.status_code == 409, response.json_body
    assert response.json_body["error"]["code"] == "email_taken"
    assert response.json_body["error"]["details"][0]["field"] == "owner.email"
    real_commits.expire_all()
    assert row_counts(real_commits) == {
        "businesses": 1,
        "users": 1,
        "consents": 0,
        "one_time_tokens": 0,
        "outbox_events": 0,
        "audit_log": 0,
        "auth_sessions": 0,
        "refresh_tokens": 0,
    }
