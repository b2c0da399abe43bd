"""What every mobile money provider offers, in our words.

A provider turns a `CollectionRequest` into a request on its API and the provider's
answers (the initiation response, the status query, the callback) into `ProviderResult`s.
Everything provider-specific (shapes, codes, phone formats, tokens) stays in its module.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import phonenumbers


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    PENDING = "pending"
    UNKNOWN = "unknown"
    """The provider could not say (still processing, an unknown code, not found yet): ask later."""


class ProviderError(Exception):
    """The provider answered with a server error, an unreadable answer or not in time (after
    retries): it may have acted on the request. For a collection this means "we don't know
    yet", never "failed"."""


class ProviderNotReached(ProviderError):
    """The request provably never reached the provider (no connection, no token, no time left
    before it was sent): nothing happened there."""


class ProviderRejected(Exception):
    """The provider refused the request for good (bad phone, bad credentials, ...)."""

    def __init__(self, message: str, *, code: str | None = None, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.details = dict(details or {})


class CallbackRejected(Exception):
    """A webhook body that is not a callback of this provider; `reason` is logged."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RefundNotSupported(Exception):
    pass


class InvalidPayerPhone(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CollectionRequest:
    payment_id: uuid.UUID
    attempt: int
    reference: str | None
    """Ours when the provider lets us choose it (MoMo's X-Reference-Id); None for Daraja."""
    amount: Decimal
    currency: str
    payer_phone: str
    """E.164."""
    account_reference: str
    description: str
    callback_url: str | None


@dataclass(frozen=True)
class Initiation:
    reference: str
    response: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderResult:
    outcome: Outcome
    reference: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    receipt: str | None = None
    payer: str | None = None
    reason: str | None = None
    """Our reason code (see `payments.reasons`), for failures."""
    provider_code: str | None = None
    provider_message: str | None = None
    external_id: str | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class ParsedCallback:
    transaction_id: str
    """Unique per (provider, message): a repeated delivery has the same one."""
    result: ProviderResult
    payment_id: uuid.UUID | None = None
    attempt: int | None = None


@dataclass(frozen=True)
class RefundResult:
    reference: str
    completed: bool


class PaymentProvider(Protocol):
    name: str
    whole_units: bool
    supports_refund: bool

    @property
    def currency(self) -> str:
        """The currency of our account with the provider: every collection is asked in it."""
        ...

    def payer_msisdn(self, e164: str) -> str:
        """The number in the provider's format, or `InvalidPayerPhone`."""
        ...

    def new_reference(self) -> str | None:
        """A reference chosen by us before the request (MoMo), or None (Daraja)."""
        ...

    def initiate_collection(self, request: CollectionRequest) -> Initiation: ...

    def query_status(self, reference: str) -> ProviderResult: ...

    def parse_callback(self, body: Any, *, path_ref: tuple[str, str] | None) -> ParsedCallback: ...

    def refund(self, *, reference: str, receipt: str | None, amount: Decimal, currency: str) -> RefundResult: ...


def charged_amount(amount: Decimal, *, whole_units: bool) -> Decimal:
    """What the provider is asked for: a fraction is rounded up to the whole unit."""
    if not whole_units:
        return amount
    return amount.to_integral_value(rounding=ROUND_CEILING).quantize(Decimal("0.01"))


def parse_e164(e164: str) -> phonenumbers.PhoneNumber:
    """The payer's number; phonenumbers is imported by the routes that take one, on first use."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPayerPhone("Enter the payer's number in international format, e.g. +254712345678.") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPayerPhone("Enter a valid mobile number, e.g. +254712345678.")
    return number


def is_mobile(number: phonenumbers.PhoneNumber) -> bool:
    import phonenumbers

    kind = phonenumbers.number_type(number)
    return kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def msisdn(number: phonenumbers.PhoneNumber) -> str:
    """Country code and national number, digits only (e.g. 254712345678)."""
    import phonenumbers

    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
