"""The e-mails that prove who a user is actually arrive, and their links carry a token
that works: verification and password reset, end to end through the API, the outbox
fast path, SQS, the consumer and SES."""

from __future__ import annotations

import re
import uuid

from sqlalchemy.orm import Session

from chalicelib.core.db import get_session_factory
from chalicelib.core.outbox import record_event
from chalicelib.core.relay import publish_pending
from chalicelib.core.security import encrypt
from chalicelib.core.settings import get_settings
from functions import notifications
from tests.integration.notifications.conftest import People
from tests.integration.notifications.edge import AwsEdge
from tests.support.api import PASSWORD, Api, login, registration_body

NEW_PASSWORD = "Papaya-Matatu-Nakuru-77"


def token_in(body: str, path: str) -> str:
    links = set(re.findall(re.escape(get_settings().spa_url + path) + r"\?token=([A-Za-z0-9_\-]+)", body))
    assert len(links) == 1, body
    return links.pop()


def test_the_verification_email_reaches_the_user_with_the_exact_token(
    db: Session, edge: AwsEdge, people: People
) -> None:
    person = people.owner("retailer")
    token = "k3Q9-verification_token-Zx81"
    record_event(
        db,
        "EmailVerificationRequested",
        aggregate_type="user",
        aggregate_id=person.user.id,
        payload={
            "user_id": str(person.user.id),
            "email": person.email,
            "full_name": person.user.full_name,
            "token_sealed": encrypt(token),
        },
    )
    db.flush()
    publish_pending(get_session_factory())

    assert edge.poll_once(notifications.handler).failed_ids == []

    [email] = edge.emails
    settings = get_settings()
    assert email.destinations == {"ToAddresses": [person.email]}
    assert email.source == f"{settings.platform_name} <{settings.email_sender}>"
    assert email.subject == f"Confirm your e-mail address for {settings.platform_name}"
    assert token_in(email.body, "/verify-email") == token
    assert f"Hello {person.user.full_name}," in email.body


def test_a_registered_owner_verifies_their_address_with_the_token_from_the_email(
    api: Api, db: Session, edge: AwsEdge
) -> None:
    body = registration_body()
    registered = api.post("/auth/register", body)
    assert registered.status_code == 201
    owner_email = body["owner"]["email"]

    edge.drain(notifications.handler)  # the fast path already put the events on the queue

    [email] = edge.emails_to(owner_email)
    token = token_in(email.body, "/verify-email")
    verified = api.post("/auth/verify-email", {"token": token})
    assert verified.status_code == 200, verified.json_body
    assert verified.json_body["email_verified"] is True
    me = api.get("/me", token=registered.json_body["access_token"])
    assert me.json_body["email_verified"] is True
    again = api.post("/auth/verify-email", {"token": token})  # one-time
    assert (again.status_code, again.json_body["error"]["details"][0]["code"]) == (400, "invalid_or_expired")


def test_a_password_reset_email_carries_a_token_that_sets_the_new_password(
    api: Api, db: Session, edge: AwsEdge
) -> None:
    body = registration_body()
    assert api.post("/auth/register", body).status_code == 201
    owner_email = body["owner"]["email"]

    assert api.post("/auth/password/forgot", {"email": owner_email}).status_code == 202
    edge.drain(notifications.handler)

    [email] = [m for m in edge.emails_to(owner_email) if "reset-password" in m.body]
    token = token_in(email.body, "/reset-password")
    reset = api.post("/auth/password/reset", {"token": token, "password": NEW_PASSWORD})
    assert reset.status_code == 204, reset.json_body
    assert login(api, owner_email, NEW_PASSWORD).status_code == 200
    assert login(api, owner_email, PASSWORD).status_code == 401


def test_a_link_token_is_url_quoted_into_the_link(db: Session, edge: AwsEdge, people: People) -> None:
    person = people.owner("retailer")
    record_event(
        db,
        "PasswordResetRequested",
        aggregate_type="user",
        aggregate_id=uuid.uuid4(),
        payload={
            "user_id": str(person.user.id),
            "email": person.email,
            "full_name": person.user.full_name,
            "token_sealed": encrypt("a+b/c=&d"),
        },
    )
    db.flush()
    publish_pending(get_session_factory())

    edge.poll_once(notifications.handler)

    [email] = edge.emails
    assert f"{get_settings().spa_url}/reset-password?token=a%2Bb%2Fc%3D%26d" in email.body
