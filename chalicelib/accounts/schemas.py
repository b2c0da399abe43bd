"""Request and response bodies of the accounts routes."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from chalicelib.accounts.validation import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password,
    normalize_country,
    normalize_email,
    normalize_phone,
)
from chalicelib.core.schema import Schema
from chalicelib.core.settings import get_settings


def _current_version(setting: str) -> Callable[[dict[str, Any]], None]:
    def document(schema: dict[str, Any]) -> None:
        """A pattern, not an enum: the web app sends the version it was built with as a string."""
        schema["pattern"] = "^" + re.escape(getattr(get_settings(), setting)).replace("\\-", "-") + "$"

    return document


Email = Annotated[str, Field(max_length=320, json_schema_extra={"format": "email"}), AfterValidator(normalize_email)]
Phone = Annotated[str, Field(max_length=32), AfterValidator(normalize_phone)]
Country = Annotated[
    str,
    Field(min_length=2, max_length=2, json_schema_extra={"pattern": "^[A-Za-z]{2}$"}),
    AfterValidator(normalize_country),
]
NewPassword = Annotated[
    str,
    Field(max_length=256, json_schema_extra={"minLength": MIN_PASSWORD_LENGTH, "maxLength": MAX_PASSWORD_LENGTH}),
]
Text = Annotated[str, Field(min_length=1, max_length=200)]
BusinessKind = Literal["retailer", "wholesaler"]
VerificationStatus = Literal["not_required", "pending", "verified", "rejected"]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(Strict):
    line: Annotated[str, Field(min_length=1, max_length=300)]
    city: Annotated[str, Field(min_length=1, max_length=120)]
    region: Annotated[str, Field(min_length=1, max_length=120)]
    country: Country


class BusinessRegistration(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"kind": {"const": "wholesaler"}}, "required": ["kind"]},
            "then": {"properties": {"tax_id": {"type": "string", "pattern": "\\S"}}, "required": ["tax_id"]},
        }
    )

    kind: BusinessKind
    name: Text
    registration_number: Annotated[str, Field(min_length=2, max_length=60)]
    tax_id: Annotated[str | None, Field(default=None, max_length=60, validate_default=True)]
    phone: Phone
    email: Email
    address: Address

    @field_validator("tax_id")
    @classmethod
    def _tax_id_for_wholesalers(cls, value: str | None, info: ValidationInfo) -> str | None:
        value = value or None
        if value is None and info.data.get("kind") == "wholesaler":
            raise PydanticCustomError("tax_id_required", "Wholesalers must give their tax id (e.g. KRA PIN).")
        return value


class OwnerRegistration(Strict):
    full_name: Text
    email: Email
    phone: Phone
    password: NewPassword

    @field_validator("password")
    @classmethod
    def _password_rules(cls, value: str, info: ValidationInfo) -> str:
        return check_password(value, info.data.get("email"))


class RegisterRequest(Strict):
    business: BusinessRegistration
    owner: OwnerRegistration
    accepted_terms_version: Annotated[str, Field(max_length=40, json_schema_extra=_current_version("terms_version"))]
    accepted_privacy_version: Annotated[
        str, Field(max_length=40, json_schema_extra=_current_version("privacy_version"))
    ]

    @field_validator("accepted_terms_version")
    @classmethod
    def _current_terms(cls, value: str) -> str:
        if value != get_settings().terms_version:
            raise PydanticCustomError(
                "terms_not_accepted", "Accept the current terms ({version}).", {"version": get_settings().terms_version}
            )
        return value

    @field_validator("accepted_privacy_version")
    @classmethod
    def _current_privacy(cls, value: str) -> str:
        if value != get_settings().privacy_version:
            raise PydanticCustomError(
                "privacy_not_accepted",
                "Accept the current privacy notice ({version}).",
                {"version": get_settings().privacy_version},
            )
        return value


class AddressOut(Schema):
    line: str
    city: str
    region: str
    country: str


class BusinessOut(Schema):
    id: uuid.UUID
    kind: BusinessKind
    name: str
    registration_number: str
    tax_id: str | None
    phone: str
    email: str
    address: AddressOut
    verification_status: VerificationStatus
    verification_reason: str | None
    created_at: datetime


class UserOut(Schema):
    id: uuid.UUID
    email: str
    full_name: str
    phone: str | None
    role: Literal["owner", "staff", "admin", "support"]
    status: Literal["invited", "active", "deactivated", "suspended"]
    business_id: uuid.UUID | None
    email_verified: bool
    two_factor_enabled: bool
    created_at: datetime


class TokenPair(Schema):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str
    refresh_expires_at: datetime


class SignedIn(TokenPair):
    user: UserOut
    business: BusinessOut | None


class RegisterResponse(SignedIn):
    next_step: str = Field(description="What the user must do next, in words.")


class TokenRequest(Strict):
    token: Annotated[str, Field(min_length=10, max_length=200)]


class LoginRequest(Strict):
    email: Annotated[str, Field(min_length=3, max_length=320)]
    password: Annotated[str, Field(min_length=1, max_length=256)]
    otp: Annotated[str | None, Field(default=None, pattern=r"^\d{6}$")]
    recovery_code: Annotated[str | None, Field(default=None, min_length=8, max_length=20)]


class RefreshRequest(Strict):
    refresh_token: Annotated[str, Field(min_length=10, max_length=200)]


class SessionOut(Schema):
    id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str | None
    source_ip: str | None
    current: bool


class SessionList(Schema):
    items: list[SessionOut]


class TwoFactorSetup(Schema):
    secret: str
    otpauth_uri: str


class CodeRequest(Strict):
    code: Annotated[str, Field(pattern=r"^\d{6}$")]


class RecoveryCodes(Schema):
    recovery_codes: list[str] = Field(description="Shown once. Each code signs in once instead of an app code.")


class DisableTwoFactorRequest(Strict):
    password: Annotated[str, Field(min_length=1, max_length=256)]
    code: Annotated[str, Field(min_length=6, max_length=20, description="An app code or a recovery code.")]


class ForgotPasswordRequest(Strict):
    email: Annotated[str, Field(min_length=3, max_length=320)]


class ResetPasswordRequest(Strict):
    token: Annotated[str, Field(min_length=10, max_length=200)]
    password: NewPassword


class ChangePasswordRequest(Strict):
    current_password: Annotated[str, Field(min_length=1, max_length=256)]
    new_password: NewPassword


class Accepted(Schema):
    status: Literal["accepted"] = "accepted"
    message: str


class UpdateMeRequest(Strict):
    full_name: Text | None = None
    phone: Phone | None = None


class UpdateBusinessRequest(Strict):
    name: Text | None = None
    tax_id: Annotated[str | None, Field(default=None, min_length=1, max_length=60)]
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None


class InviteStaffRequest(Strict):
    email: Email
    full_name: Text


class AcceptInvitationRequest(Strict):
    token: Annotated[str, Field(min_length=10, max_length=200)]
    full_name: Text | None = None
    phone: Phone | None = None
    password: NewPassword


class BusinessUserList(Schema):
    items: list[UserOut]


class VerificationDecision(Strict):
    status: Literal["verified", "rejected"]
    reason: Annotated[str | None, Field(default=None, max_length=500, validate_default=True)]

    @field_validator("reason")
    @classmethod
    def _reason_for_rejection(cls, value: str | None, info: ValidationInfo) -> str | None:
        value = value or None
        if value is None and info.data.get("status") == "rejected":
            raise PydanticCustomError("reason_required", "Say why the business is rejected.")
        return value
