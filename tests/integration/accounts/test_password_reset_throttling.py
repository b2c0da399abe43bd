"""Throttling of `POST /auth/password/forgot`, in a sliding window of 60 minutes: at most
3 reset requests per e-mail address (further ones get the usual answer and send nothing,
whether or not the account exists) and at most 20 per source IP (further ones: 429 with
Retry-After).

chalice.test.Client always reports the caller's source IP as 127.0.0.1, so every request
in a test also counts against that IP: tests that are not about the IP limit stay below 20.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import LoginThrottle, OneTimeToken
from chalicelib.core.audit import AuditEntry
from chalicelib.core.clock import utcnow as now
from chalicelib.core.outbox import OutboxEvent
from tests.support.api import Api, count, latest_token, register, throttled

SOURCE_IP = "127.0.0.1"
ACCEPTED = {"status": "accepted", "message": "If an account uses this address, a reset link is on its way."}
UNKNOWN_EMAIL = "nobody-here@example.co.ke"


def too_many_requests(seconds: int) -> dict[str, Any]:
    return throttled("too_many_requests", seconds)


def forgot(api: Api, email: str) -> Any:
    return api.post("/auth/password/forgot", {"email": email})


def accepted(api: Api, email: str) -> None:
    response = forgot(api, email)
    assert (response.status_code, response.json_body) == (202, ACCEPTED)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Retry-After" not in response.headers


def links_sent(db: Session, email: str | None = None) -> int:
    conditions = [OutboxEvent.event_type == "PasswordResetRequested"]
    if email is not None:
        conditions.append(OutboxEvent.payload["email"].astext == email)
    return count(db, OutboxEvent, *conditions)


def requests_audited(db: Session, *conditions: Any) -> int:
    return count(db, AuditEntry, AuditEntry.action == "auth.password_reset_requested", *conditions)


def throttle(db: Session, scope: str, key: str) -> LoginThrottle | None:
    return db.scalar(
        select(LoginThrottle)
        .where(LoginThrottle.scope == scope, LoginThrottle.key == key)
        .execution_options(populate_existing=True)
    )


# --- per e-mail address -----------------------------------------------------------------------


def test_a_fourth_request_for_one_email_within_the_hour_is_answered_alike_but_sends_nothing(
    api: Api, db: Session, clock: Any
) -> None:
    # Given an owner who asked for a reset link three times within the hour
    email = register(api)["user"]["email"]
    for _ in range(3):
        accepted(api, email)
        clock.shift(timedelta(minutes=10))
    assert links_sent(db, email) == 3
    third_link = latest_token(db, "PasswordResetRequested", email)

    # When a fourth is asked (with the address written differently)
    response = forgot(api, f"  {email.upper()} ")

    # Then the answer is the usual one, and nothing is sent
    assert (response.status_code, response.json_body) == (202, ACCEPTED)
    assert "Retry-After" not in response.headers
    assert links_sent(db, email) == 3
    assert count(db, OneTimeToken, OneTimeToken.purpose == "password_reset") == 3

    # And the request is audited as throttled
    throttled = db.scalars(
        select(AuditEntry.details).where(
            AuditEntry.action == "auth.password_reset_requested", AuditEntry.details["throttled"].as_boolean()
        )
    ).all()
    assert throttled == [{"throttled": True}]
    assert requests_audited(db) == 4

    # And the last link sent still works (the suppressed request did not retire it)
    used = api.post("/auth/password/reset", {"token": third_link, "password": "Baobab-Matatu-Nakuru-77"})
    assert used.status_code == 204

    # And the e-mail's throttle holds the three requests that were counted
    row = throttle(db, "reset_email", email)
    assert row is not None
    assert row.failure_times == [now() - timedelta(minutes=minutes) for minutes in (30, 20, 10)]


def test_an_unknown_email_is_throttled_the_same_way(api: Api, db: Session, clock: Any) -> None:
    # Given a registered owner
    email = register(api)["user"]["email"]

    # When both the owner's address and an unknown one are asked for four times
    answers = [forgot(api, address) for address in (email, UNKNOWN_EMAIL) for _ in range(4)]

    # Then every answer is the same
    assert {(r.status_code, r.headers.get("Retry-After"), str(r.json_body)) for r in answers} == {
        (202, None, str(ACCEPTED))
    }

    # And both addresses are counted alike; the owner got three links, nobody else any
    for address in (email, UNKNOWN_EMAIL):
        row = throttle(db, "reset_email", address)
        assert row is not None
        assert row.failure_times == [now(), now(), now()]
    assert links_sent(db) == 3
    assert requests_audited(db, AuditEntry.details["throttled"].as_boolean()) == 2


def test_the_email_window_slides(api: Api, db: Session, clock: Any) -> None:
    # Given links sent at 0, 20 and 40 minutes
    email = register(api)["user"]["email"]
    for _ in range(3):
        accepted(api, email)
        clock.shift(timedelta(minutes=20))

    # When a request comes at 59 minutes, it sends nothing
    clock.shift(timedelta(minutes=-1))
    accepted(api, email)
    assert links_sent(db, email) == 3

    # When the first request has left the window (60 minutes and a second), one is sent again
    clock.shift(timedelta(minutes=1, seconds=1))
    accepted(api, email)
    assert links_sent(db, email) == 4

    # And the 59-minute request (suppressed) did not count: at 61 minutes the three requests
    # of 20, 40 and 60 minutes fill the window, so nothing is sent
    clock.shift(timedelta(seconds=59))
    accepted(api, email)
    assert links_sent(db, email) == 4

    # And once the 20-minute request has left the window, a link is sent
    clock.shift(timedelta(minutes=19, seconds=1))
    accepted(api, email)
    assert links_sent(db, email) == 5


def test_another_email_is_not_affected(api: Api, db: Session, clock: Any) -> None:
    # Given an owner whose address has used up its three requests
    first = register(api)["user"]["email"]
    second = register(api)["user"]["email"]
    for _ in range(4):
        accepted(api, first)
    assert links_sent(db, first) == 3

    # When another owner asks for a link from the same IP
    accepted(api, second)

    # Then that owner gets it, and the first address stays throttled
    assert links_sent(db, second) == 1
    accepted(api, first)
    assert links_sent(db, first) == 3


# --- per source IP ----------------------------------------------------------------------------


def test_the_twenty_first_request_from_one_ip_within_the_hour_is_refused(api: Api, db: Session, clock: Any) -> None:
    # Given a registered owner, and twenty reset requests from one IP for twenty other addresses
    email = register(api)["user"]["email"]
    for n in range(20):
        accepted(api, f"spray-{n}@example.co.ke")

    # When the owner asks for a link from that IP
    response = forgot(api, email)

    # Then it is refused for an hour, in the standard error envelope
    assert response.status_code == 429
    assert response.json_body == too_many_requests(3600)
    assert response.headers["Retry-After"] == "3600"
    assert response.headers["Cache-Control"] == "no-store"

    # And an unknown address gets exactly the same answer
    unknown = forgot(api, UNKNOWN_EMAIL)
    assert (unknown.status_code, unknown.json_body, unknown.headers["Retry-After"]) == (
        429,
        too_many_requests(3600),
        "3600",
    )

    # And the refused requests left nothing behind: no link, no audit, no e-mail counter
    assert links_sent(db) == 0
    assert requests_audited(db) == 20
    assert throttle(db, "reset_email", email) is None
    ip = throttle(db, "reset_ip", SOURCE_IP)
    assert ip is not None
    assert ip.failure_times == [now()] * 20

    # And Retry-After counts down
    clock.shift(timedelta(minutes=30))
    response = forgot(api, email)
    assert (response.status_code, response.headers["Retry-After"]) == (429, "1800")
    assert response.json_body == too_many_requests(1800)

    # And once the twenty requests have left the window, the owner gets a link
    clock.shift(timedelta(minutes=30))
    accepted(api, email)
    assert links_sent(db, email) == 1


def test_nineteen_requests_from_one_ip_do_not_block_it(api: Api, db: Session, clock: Any) -> None:
    email = register(api)["user"]["email"]
    for n in range(19):
        accepted(api, f"spray-{n}@example.co.ke")

    accepted(api, email)

    assert links_sent(db, email) == 1
    assert forgot(api, UNKNOWN_EMAIL).status_code == 429


def test_the_ip_window_slides(api: Api, db: Session, clock: Any) -> None:
    # Given ten requests at 0 minutes and ten at 30 minutes from one IP
    for n in range(20):
        if n == 10:
            clock.shift(timedelta(minutes=30))
        accepted(api, f"spray-{n}@example.co.ke")

    # When the IP asks again at 45 minutes, it must wait for the first ten to leave the window
    clock.shift(timedelta(minutes=15))
    response = forgot(api, UNKNOWN_EMAIL)
    assert (response.status_code, response.headers["Retry-After"]) == (429, str(15 * 60))

    # Then at 60 minutes ten more are allowed, and the eleventh is refused until 90 minutes
    clock.shift(timedelta(minutes=15))
    for n in range(10):
        accepted(api, f"later-{n}@example.co.ke")
    response = forgot(api, UNKNOWN_EMAIL)
    assert (response.status_code, response.headers["Retry-After"]) == (429, str(30 * 60))


def test_the_openapi_document_lists_the_429_of_forgot(api: Api) -> None:
    spec = api.get("/openapi.json").json_body
    responses = spec["paths"]["/auth/password/forgot"]["post"]["responses"]
    assert responses["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
