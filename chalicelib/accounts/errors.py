"""Accounts error codes: each a domain error with its status."""

from __future__ import annotations

from chalicelib.core.errors import (
    BusinessRuleViolation,
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
    field_error,
)


class EmailTaken(Conflict):
    """Names the field (`details[].field`), so a form shows the error next to it."""

    code = "email_taken"
    message = "An account with this e-mail address already exists."

    def __init__(self, field: str = "email") -> None:
        super().__init__(details=[field_error(field, "email_taken", self.message)])


class RegistrationNumberTaken(Conflict):
    code = "registration_number_taken"
    message = "A business of this kind is already registered with this registration number."

    def __init__(self, field: str = "business.registration_number") -> None:
        super().__init__(details=[field_error(field, "registration_number_taken", self.message)])


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    message = "The e-mail address or password is incorrect."


class OtpRequired(Unauthorized):
    code = "otp_required"
    message = "Enter the code from your authenticator app or a recovery code."


class InvalidRefreshToken(Unauthorized):
    code = "invalid_refresh_token"
    message = "Your session has ended. Please sign in again."


class RefreshTokenReused(Unauthorized):
    code = "refresh_token_reused"
    message = "This session was ended for your safety because its token was used twice. Please sign in again."


class AlreadyVerified(Conflict):
    code = "already_verified"
    message = "This e-mail address is already verified."


class TwoFactorAlreadyEnabled(Conflict):
    code = "two_factor_already_enabled"
    message = "Two-factor authentication is already on."


class TwoFactorNotEnabled(Conflict):
    code = "two_factor_not_enabled"
    message = "Two-factor authentication is not on."


class TwoFactorSetupMissing(Conflict):
    code = "two_factor_setup_missing"
    message = "Start two-factor setup first."


class CannotDeactivateOwner(BusinessRuleViolation):
    code = "cannot_deactivate_owner"
    message = "The owner of the business cannot be deactivated."


class NotAWholesaler(BusinessRuleViolation):
    code = "not_a_wholesaler"
    message = "Only wholesalers go through verification."


class VerificationUnchanged(Conflict):
    code = "verification_unchanged"
    message = "The business already has this verification status."


class UserNotFound(NotFound):
    code = "user_not_found"
    message = "No such user in your business."


class BusinessNotFound(NotFound):
    code = "business_not_found"
    message = "No such business."


class SessionNotFound(NotFound):
    code = "session_not_found"
    message = "No such session."


class AccountSuspended(Forbidden):
    code = "account_suspended"
    message = "This account is suspended. Contact support to find out why."


class BusinessSuspended(Forbidden):
    code = "business_suspended"
    message = "Your business's account is suspended. Contact support to find out why."


class CannotSuspendSelf(BusinessRuleViolation):
    code = "cannot_suspend_self"
    message = "You cannot suspend your own account."


class UserAlreadySuspended(Conflict):
    code = "user_already_suspended"
    message = "This user is already suspended."


class UserNotActive(Conflict):
    code = "user_not_active"
    message = "Only an active user can be suspended."


class UserNotSuspended(Conflict):
    code = "user_not_suspended"
    message = "This user is not suspended."


class BusinessAlreadySuspended(Conflict):
    code = "business_already_suspended"
    message = "This business is already suspended."


class BusinessNotSuspended(Conflict):
    code = "business_not_suspended"
    message = "This business is not suspended."


class VerificationNotPending(BusinessRuleViolation):
    code = "verification_not_pending"
    message = "Documents can be added or removed only while the business's verification is pending."


class TooManyDocuments(BusinessRuleViolation):
    code = "too_many_documents"
    message = "A business can keep at most 20 verification documents. Remove one first."


class DocumentNotFound(NotFound):
    code = "document_not_found"
    message = "No such document."


def invalid_token(field: str = "token") -> ValidationFailed:
    return ValidationFailed(
        "The link is invalid or has expired.",
        details=[field_error(field, "invalid_or_expired", "Ask for a new link and try again.")],
    )


def invalid_code(field: str = "code") -> ValidationFailed:
    return ValidationFailed(
        "The code is not correct.", details=[field_error(field, "invalid_code", "Check the code and try again.")]
    )
