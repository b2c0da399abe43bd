"""Profiles and staff: GET/PATCH /me, GET/PATCH /business, /business/users and invitations."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, OneTimeToken, User
from chalicelib.core.audit import AuditEntry
from chalicelib.core.outbox import OutboxEvent
from chalicelib.core.security import decrypt, hash_token
from tests.support.api import Api, count, latest_token, login, register
from tests.support.factories import subscribed

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
STAFF_PASSWORD = "Chapati-Matatu-Nyeri-77"
INVALID_OR_EXPIRED = {
    "error": {
        "code": "validation_failed",
        "message": "The link is invalid or has expired.",
        "details": [{"field": "token", "code": "invalid_or_expired", "message": "Ask for a new link and try again."}],
    }
}
ROLE_NOT_ALLOWED = {"error": {"code": "role_not_allowed", "message": "Your role does not allow this.", "details": []}}
NOT_AUTHENTICATED = {"error": {"code": "not_authenticated", "message": "Sign in to continue.", "details": []}}


def validation_failed(field: str, code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": "validation_failed",
            "message": "Some fields are invalid.",
            "details": [{"field": field, "code": code, "message": message}],
        }
    }


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def fresh(db: Session, model: Any, id_: Any) -> Any:
    db.expire_all()
    return db.get(model, uuid.UUID(str(id_)))


def user_state(db: Session, user_id: Any) -> tuple[Any, ...]:
    user = fresh(db, User, user_id)
    return (user.full_name, user.phone, user.email, user.role, user.status, user.password_hash, user.email_verified_at)


def business_state(db: Session, business_id: Any) -> tuple[Any, ...]:
    b = fresh(db, Business, business_id)
    return (b.name, b.tax_id, b.phone, b.email, b.address_line, b.city, b.region, b.country, b.updated_at)


def invite(api: Api, owner_token: str, email: str, full_name: str = "Baraka Staff") -> Any:
    return api.post("/business/users", {"email": email, "full_name": full_name}, token=owner_token)


def join_as_staff(api: Api, db: Session, owner_token: str, email: str, full_name: str = "Baraka Staff") -> Any:
    """Invite `email` and accept the invitation: the staff member's SignedIn body."""
    invited = invite(api, owner_token, email, full_name)
    assert invited.status_code == 201, invited.json_body
    token = latest_token(db, "StaffInvited", email)
    accepted = api.post("/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD})
    assert accepted.status_code == 201, accepted.json_body
    return accepted.json_body


def audit_count(db: Session, action: str) -> int:
    return count(db, AuditEntry, AuditEntry.action == action)


# --- /me -------------------------------------------------------------------------------


def test_get_me_returns_the_signed_in_user(api: Api, db: Session) -> None:
    owner = register(api, "retailer", owner__email="amina@example.co.ke", owner__full_name="Amina Otieno")

    response = api.get("/me", token=owner["access_token"])

    assert response.status_code == 200
    assert response.json_body == owner["user"]
    assert response.json_body["email"] == "amina@example.co.ke"
    assert response.json_body["full_name"] == "Amina Otieno"


def test_get_me_without_a_token_is_401(api: Api, db: Session) -> None:
    response = api.get("/me")

    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


def test_get_me_with_a_forged_token_is_401(api: Api, db: Session) -> None:
    owner = register(api, "retailer")
    header, payload, _signature = owner["access_token"].split(".")

    response = api.get("/me", token=f"{header}.{payload}.{'A' * 43}")

    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


def test_patch_me_changes_name_and_normalises_phone(api: Api, db: Session) -> None:
    # Given a signed-in owner
    owner = register(api, "retailer", owner__phone="+254722000111")

    # When they change their name and give a local-format phone
    response = api.patch(
        "/me", {"full_name": "  Amina W. Otieno ", "phone": "0733 111 222"}, token=owner["access_token"]
    )

    # Then both are saved, the phone in E.164
    assert response.status_code == 200, response.json_body
    assert response.json_body == {**owner["user"], "full_name": "Amina W. Otieno", "phone": "+254733111222"}
    user = fresh(db, User, owner["user"]["id"])
    assert (user.full_name, user.phone) == ("Amina W. Otieno", "+254733111222")


def test_patch_me_with_only_a_phone_keeps_the_name(api: Api, db: Session) -> None:
    owner = register(api, "retailer", owner__full_name="Amina Otieno")

    response = api.patch("/me", {"phone": "+256 772 123456"}, token=owner["access_token"])

    assert response.status_code == 200, response.json_body
    user = fresh(db, User, owner["user"]["id"])
    assert (user.full_name, user.phone) == ("Amina Otieno", "+256772123456")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"phone": "12345"},
            validation_failed("phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678."),
        ),
        (
            {"full_name": "Valid Name", "phone": "not a phone"},
            validation_failed("phone", "invalid_phone", "Enter a valid phone number, e.g. +254712345678."),
        ),
        (
            {"full_name": ""},
            validation_failed("full_name", "string_too_short", "String should have at least 1 character"),
        ),
        (
            {"email": "new@example.co.ke"},
            validation_failed("email", "extra_forbidden", "Extra inputs are not permitted"),
        ),
        ({"role": "admin"}, validation_failed("role", "extra_forbidden", "Extra inputs are not permitted")),
    ],
)
def test_patch_me_rejects_invalid_fields_and_changes_nothing(
    api: Api, db: Session, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    # Given a signed-in owner
    owner = register(api, "retailer")
    before = user_state(db, owner["user"]["id"])

    # When they send an invalid change
    response = api.patch("/me", body, token=owner["access_token"])

    # Then 400 naming the field, and the user is unchanged
    assert response.status_code == 400
    assert response.json_body == expected
    assert user_state(db, owner["user"]["id"]) == before


def test_patch_me_without_a_token_is_401(api: Api, db: Session) -> None:
    response = api.patch("/me", {"full_name": "Nobody"})

    assert response.status_code == 401
    assert response.json_body == NOT_AUTHENTICATED


# --- /business -------------------------------------------------------------------------


def test_get_business_for_owner_and_staff(api: Api, db: Session) -> None:
    # Given a wholesaler with one staff member
    owner = subscribed(db, register(api, "wholesaler"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")

    # When both read the business
    as_owner = api.get("/business", token=owner["access_token"])
    as_staff = api.get("/business", token=staff["access_token"])

    # Then both see the same profile
    assert as_owner.status_code == 200
    assert as_staff.status_code == 200
    assert as_owner.json_body == owner["business"]
    assert as_staff.json_body == owner["business"]


def test_patch_business_by_owner_updates_name_and_address_and_audits(api: Api, db: Session) -> None:
    # Given a registered retailer
    with time_machine.travel(NOW, tick=False):
        owner = register(api, "retailer", business__name="Duka Ya Zamani")
    business_id = owner["business"]["id"]
    later = NOW + timedelta(minutes=5)

    # When the owner renames it and moves it
    with time_machine.travel(later, tick=False):
        response = api.patch(
            "/business",
            {
                "name": "Duka Jipya",
                "address": {"line": "7 Kenyatta Avenue", "city": "Nakuru", "region": "Nakuru", "country": "ke"},
            },
            token=owner["access_token"],
        )

    # Then the profile is updated
    assert response.status_code == 200, response.json_body
    assert response.json_body == {
        **owner["business"],
        "name": "Duka Jipya",
        "address": {"line": "7 Kenyatta Avenue", "city": "Nakuru", "region": "Nakuru", "country": "KE"},
    }
    business = fresh(db, Business, business_id)
    assert (
        business.name,
        business.address_line,
        business.city,
        business.region,
        business.country,
        business.updated_at,
        business.created_at,
    ) == ("Duka Jipya", "7 Kenyatta Avenue", "Nakuru", "Nakuru", "KE", later, NOW)
    # And the change is audited with the fields that changed
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "business.updated")).one()
    assert (entry.actor_user_id, entry.target_type, entry.target_id, str(entry.source_ip), entry.details) == (
        uuid.UUID(owner["user"]["id"]),
        "business",
        business_id,
        "127.0.0.1",
        {"fields": ["address_line", "city", "country", "name", "region"]},
    )


def test_patch_business_normalises_phone_and_email(api: Api, db: Session) -> None:
    owner = register(api, "wholesaler")

    response = api.patch(
        "/business", {"phone": "0110 123 456", "email": "Orders@Duka.CO.KE"}, token=owner["access_token"]
    )

    assert response.status_code == 200, response.json_body
    business = fresh(db, Business, owner["business"]["id"])
    assert (business.phone, business.email, business.name) == (
        "+254110123456",
        "orders@duka.co.ke",
        owner["business"]["name"],
    )


def test_patch_business_by_staff_is_403_and_changes_nothing(api: Api, db: Session) -> None:
    # Given a staff member of a retailer
    owner = subscribed(db, register(api, "retailer"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")
    before = business_state(db, owner["business"]["id"])

    # When the staff member tries to rename the business
    response = api.patch("/business", {"name": "Hijacked Ltd"}, token=staff["access_token"])

    # Then 403, the business is unchanged and nothing is audited
    assert response.status_code == 403
    assert response.json_body == ROLE_NOT_ALLOWED
    assert business_state(db, owner["business"]["id"]) == before
    assert audit_count(db, "business.updated") == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"address": {"line": "1 Road", "city": "Kisumu", "region": "Kisumu", "country": "XX"}},
            validation_failed("address.country", "invalid_country", "Use a two-letter ISO country code, e.g. KE."),
        ),
        (
            {"address": {"line": "1 Road", "city": "Kisumu"}},
            {
                "error": {
                    "code": "validation_failed",
                    "message": "Some fields are invalid.",
                    "details": [
                        {"field": "address.region", "code": "missing", "message": "Field required"},
                        {"field": "address.country", "code": "missing", "message": "Field required"},
                    ],
                }
            },
        ),
        ({"name": ""}, validation_failed("name", "string_too_short", "String should have at least 1 character")),
        ({"email": "orders"}, validation_failed("email", "invalid_email", "Enter a valid e-mail address.")),
        (
            {"kind": "wholesaler"},
            validation_failed("kind", "extra_forbidden", "Extra inputs are not permitted"),
        ),
        (
            {"verification_status": "verified"},
            validation_failed("verification_status", "extra_forbidden", "Extra inputs are not permitted"),
        ),
    ],
)
def test_patch_business_rejects_invalid_fields_and_changes_nothing(
    api: Api, db: Session, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    owner = register(api, "retailer")
    before = business_state(db, owner["business"]["id"])

    response = api.patch("/business", body, token=owner["access_token"])

    assert response.status_code == 400
    assert response.json_body == expected
    assert business_state(db, owner["business"]["id"]) == before
    assert audit_count(db, "business.updated") == 0


# --- inviting staff --------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_owner_invites_staff_creates_an_invited_user_token_event_and_audit(api: Api, db: Session) -> None:
    # Given a wholesaler owner
    registered = register(api, "wholesaler", business__name="Jumla Distributors", owner__full_name="Amina Otieno")
    owner = subscribed(db, registered)
    business_id = owner["business"]["id"]

    # When the owner invites a staff member
    response = invite(api, owner["access_token"], "Baraka.Mwangi@Example.CO.KE", "Baraka Mwangi")

    # Then an invited staff user is created, without a password
    assert response.status_code == 201, response.json_body
    staff_id = response.json_body["id"]
    assert response.json_body == {
        "id": staff_id,
        "email": "baraka.mwangi@example.co.ke",
        "full_name": "Baraka Mwangi",
        "phone": None,
        "role": "staff",
        "status": "invited",
        "business_id": business_id,
        "email_verified": False,
        "two_factor_enabled": False,
        "created_at": iso(NOW),
    }
    user = fresh(db, User, staff_id)
    assert (str(user.business_id), user.role, user.status, user.password_hash, user.email_verified_at) == (
        business_id,
        "staff",
        "invited",
        None,
        None,
    )
    # And a StaffInvited event carries the sealed token and who invited them
    event = db.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "StaffInvited")).one()
    sealed = event.payload["token_sealed"]
    raw_token = decrypt(sealed)
    assert raw_token is not None
    assert (event.aggregate_type, str(event.aggregate_id), event.payload) == (
        "user",
        staff_id,
        {
            "user_id": staff_id,
            "email": "baraka.mwangi@example.co.ke",
            "full_name": "Baraka Mwangi",
            "token_sealed": sealed,
            "business_id": business_id,
            "business_name": "Jumla Distributors",
            "invited_by_name": "Amina Otieno",
        },
    )
    # And the invitation token is stored hashed for 7 days
    token_row = db.scalars(select(OneTimeToken).where(OneTimeToken.purpose == "invitation")).one()
    assert (str(token_row.user_id), token_row.token_hash, token_row.expires_at, token_row.used_at) == (
        staff_id,
        hash_token(raw_token),
        NOW + timedelta(days=7),
        None,
    )
    # And the invitation is audited
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "business.staff_invited")).one()
    assert (str(entry.actor_user_id), entry.target_type, entry.target_id) == (owner["user"]["id"], "user", staff_id)


def _invite_side_effects(db: Session) -> tuple[int, int, int, int]:
    return (
        count(db, User),
        count(db, OneTimeToken, OneTimeToken.purpose == "invitation"),
        count(db, OutboxEvent, OutboxEvent.event_type == "StaffInvited"),
        audit_count(db, "business.staff_invited"),
    )


@pytest.mark.parametrize(
    "existing",
    ["other-owner@example.co.ke", "OTHER-OWNER@Example.co.ke", "invited@example.co.ke"],
)
def test_invite_an_email_already_registered_is_409_and_writes_nothing(api: Api, db: Session, existing: str) -> None:
    # Given an owner of another business and a staff member already invited here
    register(api, "retailer", owner__email="other-owner@example.co.ke")
    owner = subscribed(db, register(api, "retailer"))
    assert invite(api, owner["access_token"], "invited@example.co.ke").status_code == 201
    before = _invite_side_effects(db)

    # When the owner invites one of those addresses
    response = invite(api, owner["access_token"], existing)

    # Then 409 email_taken, and nothing is written
    assert response.status_code == 409
    assert response.json_body == {
        "error": {
            "code": "email_taken",
            "message": "An account with this e-mail address already exists.",
            "details": [
                {
                    "field": "email",
                    "code": "email_taken",
                    "message": "An account with this e-mail address already exists.",
                }
            ],
        }
    }
    assert _invite_side_effects(db) == before


def test_staff_cannot_invite(api: Api, db: Session) -> None:
    # Given a staff member
    owner = subscribed(db, register(api, "retailer"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")
    before = _invite_side_effects(db)

    # When they try to invite someone
    response = invite(api, staff["access_token"], "friend@example.co.ke")

    # Then 403, and nobody is invited
    assert response.status_code == 403
    assert response.json_body == ROLE_NOT_ALLOWED
    assert _invite_side_effects(db) == before
    assert count(db, User, User.email == "friend@example.co.ke") == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"email": "not-an-email", "full_name": "Baraka"},
            validation_failed("email", "invalid_email", "Enter a valid e-mail address."),
        ),
        ({"email": "baraka@example.co.ke"}, validation_failed("full_name", "missing", "Field required")),
        (
            {"email": "baraka@example.co.ke", "full_name": "Baraka", "role": "owner"},
            validation_failed("role", "extra_forbidden", "Extra inputs are not permitted"),
        ),
    ],
)
def test_invite_rejects_invalid_fields_and_writes_nothing(
    api: Api, db: Session, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    owner = register(api, "retailer")
    before = _invite_side_effects(db)

    response = api.post("/business/users", body, token=owner["access_token"])

    assert response.status_code == 400
    assert response.json_body == expected
    assert _invite_side_effects(db) == before


# --- accepting an invitation -----------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_accept_invitation_activates_the_staff_member_and_signs_them_in(api: Api, db: Session) -> None:
    # Given an invitation to baraka@example.co.ke
    owner = subscribed(db, register(api, "wholesaler"))
    invited = invite(api, owner["access_token"], "baraka@example.co.ke", "Baraka")
    staff_id = invited.json_body["id"]
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")

    # When Baraka accepts it with a password and his full name
    response = api.post(
        "/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD, "full_name": "Baraka Mwangi"}
    )

    # Then he is signed in as active, verified staff of that business
    assert response.status_code == 201, response.json_body
    body = response.json_body
    assert body["user"] == {
        "id": staff_id,
        "email": "baraka@example.co.ke",
        "full_name": "Baraka Mwangi",
        "phone": None,
        "role": "staff",
        "status": "active",
        "business_id": owner["business"]["id"],
        "email_verified": True,
        "two_factor_enabled": False,
        "created_at": iso(NOW),
    }
    assert body["business"] == owner["business"]
    assert (body["token_type"], body["expires_in"], body["refresh_expires_at"]) == (
        "Bearer",
        900,
        iso(NOW + timedelta(days=30)),
    )
    user = fresh(db, User, staff_id)
    assert user.password_hash is not None
    assert user.password_hash.startswith("$argon2id$")
    assert (user.status, user.email_verified_at, user.password_changed_at) == ("active", NOW, NOW)
    # And the invitation token is used up, the acceptance audited, a session opened
    assert db.scalars(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))).one() == NOW
    assert audit_count(db, "business.invitation_accepted") == 1
    assert count(db, AuthSession, AuthSession.user_id == user.id) == 1
    # And the access token works, and he can sign in with the new password
    me = api.get("/me", token=body["access_token"])
    assert me.status_code == 200
    assert me.json_body == body["user"]
    assert login(api, "baraka@example.co.ke", STAFF_PASSWORD).status_code == 200


def test_accept_invitation_reused_token_is_400(api: Api, db: Session) -> None:
    # Given an invitation already accepted
    owner = subscribed(db, register(api, "retailer"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")
    before = user_state(db, staff["user"]["id"])
    sessions_before = count(db, AuthSession)

    # When the token is used again, with another password
    response = api.post("/auth/accept-invitation", {"token": token, "password": "Another-Strong-Pass-88"})

    # Then 400, the password is not changed and no session is opened
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert user_state(db, staff["user"]["id"]) == before
    assert count(db, AuthSession) == sessions_before


def test_accept_invitation_with_a_weak_password_keeps_the_invitation_open(api: Api, db: Session) -> None:
    # Given an open invitation
    owner = subscribed(db, register(api, "retailer"))
    staff_id = invite(api, owner["access_token"], "baraka@example.co.ke").json_body["id"]
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")
    before = user_state(db, staff_id)

    # When it is accepted with a common password
    response = api.post("/auth/accept-invitation", {"token": token, "password": "qwertyuiop123"})

    # Then 400 on the password, the user is still invited and the token still unused
    assert response.status_code == 400
    assert response.json_body == validation_failed(
        "password", "password_too_common", "This password is too common. Choose another."
    )
    assert user_state(db, staff_id) == before
    assert db.scalars(select(OneTimeToken.used_at).where(OneTimeToken.token_hash == hash_token(token))).one() is None
    assert count(db, AuthSession, AuthSession.user_id == uuid.UUID(staff_id)) == 0
    # And a good password then succeeds with the same token
    retry = api.post("/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD})
    assert retry.status_code == 201, retry.json_body


def test_accept_invitation_with_a_password_containing_the_email_is_400(api: Api, db: Session) -> None:
    owner = subscribed(db, register(api, "retailer"))
    staff_id = invite(api, owner["access_token"], "baraka@example.co.ke").json_body["id"]
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")

    response = api.post("/auth/accept-invitation", {"token": token, "password": "Baraka-Is-Great-2026"})

    assert response.status_code == 400
    assert response.json_body == validation_failed(
        "password", "password_contains_email", "The password must not contain your e-mail address."
    )
    assert fresh(db, User, staff_id).status == "invited"


def test_accept_invitation_after_seven_days_is_400(api: Api, db: Session) -> None:
    # Given an invitation sent at NOW
    with time_machine.travel(NOW, tick=False):
        owner = subscribed(db, register(api, "retailer"))
        staff_id = invite(api, owner["access_token"], "baraka@example.co.ke").json_body["id"]
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")

    # When it is accepted seven days and a minute later
    with time_machine.travel(NOW + timedelta(days=7, minutes=1), tick=False):
        response = api.post("/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD})

    # Then it has expired
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert fresh(db, User, staff_id).status == "invited"


def test_accept_invitation_with_an_email_verification_token_is_400(api: Api, db: Session) -> None:
    # Given the owner's e-mail verification token
    register(api, "retailer", owner__email="amina@example.co.ke")
    token = latest_token(db, "EmailVerificationRequested", "amina@example.co.ke")
    sessions_before = count(db, AuthSession)

    # When it is presented as an invitation
    response = api.post("/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD})

    # Then it is refused
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    assert count(db, AuthSession) == sessions_before


# --- listing staff ---------------------------------------------------------------------


def test_list_business_users_shows_only_that_business(api: Api, db: Session) -> None:
    # Given two businesses, each with an owner and a staff member
    first = subscribed(db, register(api, "retailer"))
    first_staff = join_as_staff(api, db, first["access_token"], "first-staff@example.co.ke")
    second = subscribed(db, register(api, "wholesaler"))
    second_staff = join_as_staff(api, db, second["access_token"], "second-staff@example.co.ke")
    pending = invite(api, first["access_token"], "pending@example.co.ke").json_body

    # When the first business's owner and staff list the users
    as_owner = api.get("/business/users", token=first["access_token"])
    as_staff = api.get("/business/users", token=first_staff["access_token"])

    # Then they see the owner, the staff member and the pending invitation, oldest first
    assert as_owner.status_code == 200
    ids = [item["id"] for item in as_owner.json_body["items"]]
    assert ids == [first["user"]["id"], first_staff["user"]["id"], pending["id"]]
    assert as_owner.json_body["items"][0] == first["user"]
    assert [item["status"] for item in as_owner.json_body["items"]] == ["active", "active", "invited"]
    assert as_staff.json_body == as_owner.json_body
    # And never the second business's people
    assert second["user"]["id"] not in ids
    assert second_staff["user"]["id"] not in ids
    # And the second business sees only its own
    other = api.get("/business/users", token=second["access_token"])
    assert [item["id"] for item in other.json_body["items"]] == [second["user"]["id"], second_staff["user"]["id"]]


# --- deactivating staff ----------------------------------------------------------------


def test_deactivate_staff_revokes_sessions_and_access(api: Api, db: Session) -> None:
    # Given a staff member signed in twice
    owner = subscribed(db, register(api, "retailer"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")
    second_sign_in = login(api, "baraka@example.co.ke", STAFF_PASSWORD)
    assert second_sign_in.status_code == 200
    staff_id = uuid.UUID(staff["user"]["id"])
    assert api.get("/me", token=staff["access_token"]).status_code == 200

    # When the owner deactivates them
    response = api.delete(f"/business/users/{staff_id}", token=owner["access_token"])

    # Then 204, the user is deactivated and every session revoked
    assert response.status_code == 204
    assert response.body in (b"", "")
    assert fresh(db, User, staff_id).status == "deactivated"
    sessions = db.scalars(select(AuthSession).where(AuthSession.user_id == staff_id)).all()
    assert len(sessions) == 2
    assert {s.revoked_reason for s in sessions} == {"user_deactivated"}
    assert all(s.revoked_at is not None for s in sessions)
    # And neither of their access tokens is accepted any more
    assert api.get("/me", token=staff["access_token"]).json_body == NOT_AUTHENTICATED
    assert api.get("/me", token=second_sign_in.json_body["access_token"]).status_code == 401
    # And they cannot sign in again
    assert login(api, "baraka@example.co.ke", STAFF_PASSWORD).status_code == 401
    # And the deactivation is audited once
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "business.staff_deactivated")).one()
    assert (str(entry.actor_user_id), entry.target_id) == (owner["user"]["id"], str(staff_id))
    # And the owner is unaffected
    assert api.get("/me", token=owner["access_token"]).status_code == 200


def test_deactivate_staff_twice_is_idempotent(api: Api, db: Session) -> None:
    owner = subscribed(db, register(api, "retailer"))
    staff = join_as_staff(api, db, owner["access_token"], "baraka@example.co.ke")
    path = f"/business/users/{staff['user']['id']}"
    assert api.delete(path, token=owner["access_token"]).status_code == 204

    response = api.delete(path, token=owner["access_token"])

    assert response.status_code == 204
    assert fresh(db, User, staff["user"]["id"]).status == "deactivated"
    assert audit_count(db, "business.staff_deactivated") == 1


def test_deactivating_an_invited_user_retires_the_invitation(api: Api, db: Session) -> None:
    # Given an invitation not yet accepted
    owner = subscribed(db, register(api, "retailer"))
    staff_id = invite(api, owner["access_token"], "baraka@example.co.ke").json_body["id"]
    token = latest_token(db, "StaffInvited", "baraka@example.co.ke")

    # When the owner deactivates the invited user
    assert api.delete(f"/business/users/{staff_id}", token=owner["access_token"]).status_code == 204

    # Then the invitation can no longer be accepted
    response = api.post("/auth/accept-invitation", {"token": token, "password": STAFF_PASSWORD})
    assert response.status_code == 400
    assert response.json_body == INVALID_OR_EXPIRED
    user = fresh(db, User, staff_id)
    assert (user.status, user.password_hash) == ("deactivated", None)
    assert count(db, AuthSession, AuthSession.user_id == user.id) == 0


def test_deactivate_the_owner_is_422_and_changes_nothing(api: Api, db: Session) -> None:
    # Given an owner
    owner = register(api, "retailer")
    before = user_state(db, owner["user"]["id"])

    # When they try to deactivate themselves
    response = api.delete(f"/business/users/{owner['user']['id']}", token=owner["access_token"])

    # Then 422 cannot_deactivate_owner, and the owner stays active and signed in
    assert response.status_code == 422
    assert response.json_body == {
        "error": {
            "code": "cannot_deactivate_owner",
            "message": "The owner of the business cannot be deactivated.",
            "details": [],
        }
    }
    assert user_state(db, owner["user"]["id"]) == before
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert api.get("/me", token=owner["access_token"]).status_code == 200


def test_deactivate_another_business_user_is_404_and_leaves_them_untouched(api: Api, db: Session) -> None:
    # Given two businesses, the second with a signed-in staff member
    first = subscribed(db, register(api, "retailer"))
    second = subscribed(db, register(api, "retailer"))
    victim = join_as_staff(api, db, second["access_token"], "victim@example.co.ke")

    # When the first business's owner tries to deactivate the second's staff member and owner
    staff_response = api.delete(f"/business/users/{victim['user']['id']}", token=first["access_token"])
    owner_response = api.delete(f"/business/users/{second['user']['id']}", token=first["access_token"])

    # Then both are 404, as if they did not exist
    not_found = {"error": {"code": "user_not_found", "message": "No such user in your business.", "details": []}}
    assert (staff_response.status_code, staff_response.json_body) == (404, not_found)
    assert (owner_response.status_code, owner_response.json_body) == (404, not_found)
    # And nobody was deactivated or signed out
    assert fresh(db, User, victim["user"]["id"]).status == "active"
    assert fresh(db, User, second["user"]["id"]).status == "active"
    assert count(db, AuthSession, AuthSession.revoked_at.is_not(None)) == 0
    assert api.get("/me", token=victim["access_token"]).status_code == 200
    assert audit_count(db, "business.staff_deactivated") == 0


def test_deactivate_an_unknown_or_malformed_id_is_404(api: Api, db: Session) -> None:
    owner = register(api, "retailer")

    unknown = api.delete(f"/business/users/{uuid.uuid4()}", token=owner["access_token"])
    malformed = api.delete("/business/users/not-a-uuid", token=owner["access_token"])

    assert (unknown.status_code, unknown.json_body["error"]["code"]) == (404, "user_not_found")
    assert (malformed.status_code, malformed.json_body) == (
        404,
        {"error": {"code": "not_found", "message": "Not found.", "details": []}},
    )


def test_staff_cannot_deactivate_a_colleague(api: Api, db: Session) -> None:
    # Given two staff members
    owner = subscribed(db, register(api, "retailer"))
    alice = join_as_staff(api, db, owner["access_token"], "alice@example.co.ke")
    bob = join_as_staff(api, db, owner["access_token"], "bob@example.co.ke")

    # When one tries to deactivate the other
    response = api.delete(f"/business/users/{bob['user']['id']}", token=alice["access_token"])

    # Then 403, and the colleague stays active
    assert response.status_code == 403
    assert response.json_body == ROLE_NOT_ALLOWED
    assert fresh(db, User, bob["user"]["id"]).status == "active"
    assert api.get("/me", token=bob["access_token"]).status_code == 200
