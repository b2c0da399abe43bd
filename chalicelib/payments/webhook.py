"""Provider callbacks: authenticate, store raw first, process once, answer quickly.

`receive(raw)` is the whole webhook, called by the route (and, in tests, from several
threads at once):

1. screen the request without touching anything: known provider, the per-provider token
   (`callback_urls`: in the query, a header or, for the earlier URLs, the path; compared in
   constant time), the optional source-IP allow-list, size,
   content type, JSON, the provider's callback shape;
2. store it in the transaction log, raw, with the screening outcome: `INSERT ... ON
   CONFLICT (provider, provider_transaction_id) DO NOTHING`, so a repeated delivery (same
   provider transaction) inserts nothing and is acknowledged without effect; rejected
   requests have no transaction id and are always stored. The same short transaction
   reads the attempt the callback is about (an unknown one is marked on the log row) and
   commits: the row exists before any effect, and no lock is held from here on;
3. ask the provider's status query (no transaction open), `verification.decide`, and
   apply the verdict under the row locks (`settle.settle_attempt`), recording the outcome
   on the log row.

A success callback whose reference we do not know (an STK Push whose answer we never read:
`collection`, unconfirmed) is matched to the one request to the same phone for the same
amount sent within `PAYMENTS_UNMATCHED_CALLBACK_WINDOW_MINUTES` whose reference we lack; it
becomes that request's reference and is verified as above. With no such request, or two it
could answer (we do not guess whose money it is), the status query is asked: money it
confirms is an orphan collection, refunded (`refunds.refund_orphan`) and listed by the
reconciliation report; money it cannot confirm yet is asked about again by reconciliation
(`ORPHAN_AWAITING`) for a day.

The answer: Daraja's `{"ResultCode": 0, "ResultDesc": "Accepted"}` (MoMo only looks at
the 200) for anything stored and parsed, whatever its effect; 403 for a wrong token or
source, 404 for an unknown provider, 400 for anything unreadable. A failure while
processing a stored callback is logged and still acknowledged: reconciliation settles it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from chalicelib.core.clock import utcnow
from chalicelib.core.errors import error_body
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.observability import logger
from chalicelib.core.settings import get_settings
from chalicelib.payments import ledger_repository, refunds, repository
from chalicelib.payments.callback_urls import TOKEN_HEADER, webhook_token
from chalicelib.payments.models import Payment, PaymentAttempt
from chalicelib.payments.providers import PROVIDER_NAMES, get_provider
from chalicelib.payments.providers.base import CallbackRejected, Outcome, ParsedCallback, ProviderResult
from chalicelib.payments.settle import SETTLED, settle_attempt
from chalicelib.payments.steps import UNCONFIRMED
from chalicelib.payments.units import payments_unit
from chalicelib.payments.verification import decide

ACK: dict[str, Any] = {"ResultCode": 0, "ResultDesc": "Accepted"}
ORPHAN_AWAITING = "orphan_awaiting_status"
"""The outcome of a success nobody asked for that the provider could not confirm yet."""
STORED_BODY_LIMIT = 16 * 1024
DROPPED_HEADERS = frozenset({"authorization", "cookie", "x-api-key", TOKEN_HEADER.lower()})


TokenPlace = Literal["query", "header", "path", "none"]
"""Where the callback presented its token: the current URLs carry it in the query (or a header),
the earlier ones in the path."""


@dataclass(frozen=True)
class RawCallback:
    provider: str
    token: str
    method: str
    body: bytes
    headers: dict[str, str]
    source_ip: str | None
    path_ref: tuple[str, str] | None = None
    token_place: TokenPlace = "query"
    received_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


@dataclass(frozen=True)
class _Screened:
    parsed: ParsedCallback | None
    refusal: tuple[int, str, str] | None
    """(HTTP status, error code, reason) for a rejected request."""


def _refused(status: int, code: str, reason: str) -> _Screened:
    return _Screened(None, (status, code, reason))


def _ip_allowed(provider: str, source_ip: str | None) -> bool:
    allowed = get_settings().payments_webhook_ip_allowlist.get(provider)
    if not allowed:
        return True
    try:
        address = ipaddress.ip_address(source_ip or "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(cidr, strict=False) for cidr in allowed)


def screen(raw: RawCallback) -> _Screened:
    settings = get_settings()
    if raw.provider not in PROVIDER_NAMES or raw.provider not in settings.payment_providers_enabled:
        return _refused(404, "not_found", "unknown provider")
    if not raw.token:
        return _refused(403, "forbidden", "no token")
    if not hmac.compare_digest(raw.token.encode(), webhook_token(raw.provider).encode()):
        return _refused(403, "forbidden", "wrong token")
    if not _ip_allowed(raw.provider, raw.source_ip):
        return _refused(403, "forbidden", f"source {raw.source_ip} not allowed")
    if len(raw.body) > settings.payments_webhook_max_body_bytes:
        return _refused(400, "body_too_large", f"{len(raw.body)} bytes")
    content_type = raw.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        return _refused(400, "unsupported_content_type", f"content type {content_type or 'missing'}")
    try:
        body = json.loads(raw.body, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _refused(400, "invalid_json", "not JSON")
    try:
        return _Screened(get_provider(raw.provider).parse_callback(body, path_ref=raw.path_ref), None)
    except CallbackRejected as exc:
        return _refused(400, "unrecognised_callback", exc.reason)


def _log_values(raw: RawCallback, screened: _Screened) -> dict[str, Any]:
    parsed = screened.parsed
    result = parsed.result if parsed else None
    text = raw.body[:STORED_BODY_LIMIT].decode("utf-8", errors="replace")
    return {
        "kind": "callback",
        "provider": raw.provider[:20],
        "provider_transaction_id": parsed.transaction_id if parsed else None,
        "received_at": raw.received_at,
        "source_ip": _valid_ip(raw.source_ip),
        "method": raw.method[:10],
        "path": f"/webhooks/payments/{raw.provider[:40]}"
        + ("/<token>" if raw.token_place == "path" else "")
        + (f"/{raw.path_ref[0][:40]}/{raw.path_ref[1][:10]}" if raw.path_ref else ""),
        "headers": {k.lower(): v[:500] for k, v in raw.headers.items() if k.lower() not in DROPPED_HEADERS},
        "body": text.replace("\x00", "\\u0000"),
        "body_bytes": len(raw.body),
        "body_sha256": hashlib.sha256(raw.body).hexdigest(),
        "outcome": "received" if parsed else "rejected",
        "reason": screened.refusal[2][:300] if screened.refusal else None,
        "payment_id": parsed.payment_id if parsed else None,
        "reference": result.reference if result else None,
        "result": result.outcome.value if result else None,
        "amount": result.amount if result else None,
        "currency": result.currency if result else None,
        "receipt": result.receipt if result else None,
    }


def _valid_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Orphan:
    """A success for a reference that no request of ours has: to be verified, then refunded."""

    reference: str
    result: ProviderResult


def receive(raw: RawCallback) -> Answer:
    screened = screen(raw)
    target: tuple[PaymentAttempt, Payment] | _Orphan | None = None
    try:
        with payments_unit() as uow:
            message_id = repository.store_message(uow.session, _log_values(raw, screened))
            if message_id is not None and screened.parsed is not None:
                target = _target(uow.session, raw, screened.parsed, message_id)
            uow.commit()
    except DataError as exc:  # a value the log cannot hold: keep the raw request, refuse it
        logger.warning("payment callback stored without its parsed fields", extra={"error": type(exc).__name__})
        screened = _refused(400, "unrecognised_callback", f"unstorable values: {type(exc.orig).__name__}")
        with payments_unit() as uow:
            message_id = repository.store_message(uow.session, _log_values(raw, screened))
            uow.commit()
    if screened.refusal is not None:
        status, code, reason = screened.refusal
        logger.warning(
            "payment webhook refused",
            extra={
                "provider": raw.provider[:20],
                "reason": reason,
                "source_ip": raw.source_ip,
                "log_id": str(message_id),
            },
        )
        return Answer(status, error_body(code, "The callback was refused."))
    if screened.parsed is None:
        raise InvariantBroken("screened.parsed is missing")
    if message_id is None:
        key = screened.parsed.transaction_id
        logger.info("duplicate payment callback", extra={"provider": raw.provider, "key": key})
        return Answer(200, ACK)
    if target is not None:
        try:
            if isinstance(target, _Orphan):
                settle_orphan(raw.provider, target, message_id, raw.received_at)
            else:
                settle_callback(raw.provider, screened.parsed.result, target, message_id)
        except Exception:
            logger.exception("payment callback stored but not processed", extra={"log_id": str(message_id)})
    return Answer(200, ACK)


def _target(
    session: Session, raw: RawCallback, parsed: ParsedCallback, message_id: uuid.UUID
) -> tuple[PaymentAttempt, Payment] | _Orphan | None:
    """The attempt and payment a new callback is about, read in the transaction that stores it;
    an orphan success to verify; None, with the log row saying why, when there is nothing to do."""
    provider, result = raw.provider, parsed.result
    found = None
    if parsed.payment_id is not None or result.reference:
        found = repository.attempt_and_payment(
            session,
            provider=provider,
            reference=result.reference,
            payment_id=parsed.payment_id,
            number=parsed.attempt or 0,
        )
    if found is None and parsed.payment_id is None and result.reference and result.outcome is Outcome.SUCCEEDED:
        found = _adopt(session, provider, result, raw.received_at, message_id)
        if found is None:
            return _Orphan(result.reference, result)
    if found is None or found[0].reference is None or found[0].provider != provider:
        repository.update_message(session, message_id, outcome="unknown_reference", processed_at=utcnow())
        logger.warning("payment callback for an unknown reference", extra={"log_id": str(message_id)})
        return None
    attempt, payment = found
    if result.outcome is Outcome.SUCCEEDED and payment.status in SETTLED and attempt.outcome == "succeeded":
        repository.update_message(
            session,
            message_id,
            outcome="no_effect",
            reason="already credited",
            payment_id=payment.id,
            processed_at=utcnow(),
        )
        return None
    return found


def payer_e164(payer: str | None) -> str | None:
    """A provider's payer number (digits, e.g. 254712345678) in E.164, or None if it is none."""
    digits = (payer or "").lstrip("+")
    return f"+{digits}" if digits.isdigit() and 7 <= len(digits) <= 15 else None


def _adopt(
    session: Session, provider: str, result: ProviderResult, received_at: datetime, message_id: uuid.UUID
) -> tuple[PaymentAttempt, Payment] | None:
    """The request a success with an unknown reference answers: the only one whose reference
    we never read, to the same phone, for the same amount, sent within the window before it.
    Locks the payment before the attempt, as recording a provider's answer does."""
    phone = payer_e164(result.payer)
    if phone is None or result.amount is None or not result.reference:
        return None
    window = timedelta(minutes=get_settings().payments_unmatched_callback_window_minutes)
    candidates = repository.unanswered_attempts_for(
        session,
        provider=provider,
        payer_phone=phone,
        amount=result.amount,
        sent_from=received_at - window,
        sent_to=received_at,
    )
    if len(candidates) != 1:
        return None
    payment = repository.lock_payment(session, candidates[0].payment_id)
    attempt = repository.get_attempt(session, candidates[0].id)
    if payment is None or attempt is None or attempt.reference is not None or attempt.outcome is not None:
        return None
    attempt.reference = result.reference
    attempt.response = {**attempt.response, UNCONFIRMED: False, "matched_by_callback": str(message_id)}
    payment.provider_reference = result.reference
    logger.info(
        "callback with an unknown reference matched to an unanswered request",
        extra={"log_id": str(message_id), "payment_id": str(payment.id), "attempt": attempt.number},
    )
    return attempt, payment


def settle_orphan(provider: str, orphan: _Orphan, message_id: uuid.UUID, received_at: datetime) -> str:
    """Asks the provider whether the money of an unmatched success is real. Meanwhile its
    request may have become known (its answer recorded, or now the only match): then it is
    settled as any callback. Money confirmed for nobody is refunded; money not confirmed yet
    is asked about again by reconciliation."""
    query = get_provider(provider).query_status(orphan.reference)
    result = orphan.result
    amount = query.amount if query.amount is not None else result.amount
    found: tuple[PaymentAttempt, Payment] | None = None
    with payments_unit() as uow:
        session = uow.session
        found = repository.attempt_and_payment(session, provider=provider, reference=orphan.reference)
        if found is None and query.outcome is Outcome.SUCCEEDED:
            found = _adopt(session, provider, result, received_at, message_id)
        if found is not None:
            outcome, reason = "received", "its request became known"
        elif query.outcome in (Outcome.PENDING, Outcome.UNKNOWN):
            outcome, reason = ORPHAN_AWAITING, f"status query: {query.provider_code or query.outcome.value}"
        elif query.outcome is not Outcome.SUCCEEDED or amount is None or amount <= 0:
            outcome, reason = "unknown_reference", f"status query: {query.outcome.value}"
        elif ledger_repository.refund_of_message(session, message_id) is not None:
            outcome, reason = "no_effect", "orphan collection already refunded"
        else:
            refund = refunds.refund_orphan(
                session,
                message_id=message_id,
                provider=provider,
                payer_phone=payer_e164(result.payer),
                amount=amount,
                currency=query.currency or result.currency or get_provider(provider).currency,
                receipt=query.receipt or result.receipt,
                reference=orphan.reference,
            )
            outcome, reason = "orphan_refund_opened", f"refund {refund.id}"
        repository.update_message(session, message_id, outcome=outcome, reason=reason[:300], processed_at=utcnow())
        uow.commit()
    if found is not None:
        return settle_callback(provider, result, found, message_id)
    logger.warning("orphan collection", extra={"log_id": str(message_id), "outcome": outcome})
    return outcome


def recheck_orphan(message: Any) -> str:
    """`settle_orphan` once more for a logged success the provider could not confirm yet
    (`message`: its id, provider, body and received_at)."""
    try:
        body = json.loads(message.body or "", parse_float=Decimal)
        result = get_provider(message.provider).parse_callback(body, path_ref=None).result
    except (ValueError, CallbackRejected):
        result = None
    if result is None or not result.reference:
        give_up_orphan(message.id, why="its logged body can no longer be read")
        return "unreadable"
    return settle_orphan(message.provider, _Orphan(result.reference, result), message.id, message.received_at)


def give_up_orphan(message_id: uuid.UUID, *, why: str) -> None:
    """No more asking: the success stays in the reconciliation report, for the admins."""
    with payments_unit() as uow:
        repository.update_message(
            uow.session, message_id, outcome="unknown_reference", reason=why, processed_at=utcnow()
        )
        uow.commit()


def settle_callback(
    provider: str, callback: ProviderResult, target: tuple[PaymentAttempt, Payment], message_id: uuid.UUID
) -> str:
    """Ask the provider (no transaction open), then apply the verdict under the row locks.
    The rows read with the callback stay loaded (expire_on_commit=False): what `decide`
    compares (amount charged, currency, ids, the attempt's reference) never changes once sent."""
    attempt, payment = target
    if attempt.reference is None:
        raise InvariantBroken("attempt.reference is missing")
    query = get_provider(provider).query_status(attempt.reference)
    verdict = decide(payment, attempt, callback, query)
    return settle_attempt(payment, attempt.id, verdict, source="callback", message_id=message_id)
