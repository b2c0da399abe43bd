"""Accounts HTTP routes of a person: registration, sign-in, sessions, profile, passwords,
two-factor (a business and its staff: `business_routes`).

Each route: the body/query parsed by `endpoint`, one service call, a response model.
"""

from __future__ import annotations

import uuid
from typing import Any

from chalice.app import Blueprint

from chalicelib.accounts import passwords, service, sign_in, staff, two_factor
from chalicelib.accounts.schemas import (
    Accepted,
    AcceptInvitationRequest,
    ChangePasswordRequest,
    CodeRequest,
    DisableTwoFactorRequest,
    ForgotPasswordRequest,
    LoginRequest,
    RecoveryCodes,
    RefreshRequest,
    RegisterRequest,
    RegisterResponse,
    ResetPasswordRequest,
    SessionList,
    SignedIn,
    TokenRequest,
    TwoFactorSetup,
    UpdateMeRequest,
    UserOut,
)
from chalicelib.core.errors import DomainError
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.invariants import InvariantBroken
from chalicelib.core.principal import ANY_ROLE

auth_bp = Blueprint(f"{__name__}.auth")
me_bp = Blueprint(f"{__name__}.me")


def _client(ctx: RequestContext[Any, Any]) -> sign_in.Client:
    return sign_in.Client(source_ip=ctx.source_ip, user_agent=ctx.user_agent)


def _commit_then_raise(ctx: RequestContext[Any, Any], error: DomainError | None) -> None:
    """Failed attempts are recorded (counters, audit) even though the answer is an error."""
    ctx.uow.commit()
    if error is not None:
        raise error


def _signed_in_or_raise(ctx: RequestContext[Any, Any], result: sign_in.SignInResult) -> SignedIn:
    _commit_then_raise(ctx, result.error)
    if result.signed_in is None:
        raise InvariantBroken("result.signed_in is missing")
    return result.signed_in


# --- /auth ---------------------------------------------------------------------------


@endpoint(
    auth_bp,
    "/auth/register",
    "POST",
    summary="Register a business and its owner",
    request=RegisterRequest,
    response=RegisterResponse,
    status=201,
    errors=(409,),
    no_store=True,
    tags=("auth",),
)
def register(ctx: RequestContext[RegisterRequest, None]) -> RegisterResponse:
    return service.register(ctx.session, request=ctx.body, client=_client(ctx))


@endpoint(
    auth_bp,
    "/auth/verify-email",
    "POST",
    summary="Confirm an e-mail address with its one-time token",
    request=TokenRequest,
    response=UserOut,
    no_store=True,
    tags=("auth",),
)
def verify_email(ctx: RequestContext[TokenRequest, None]) -> UserOut:
    return service.verify_email(ctx.session, token=ctx.body.token, source_ip=ctx.source_ip)


@endpoint(
    auth_bp,
    "/auth/verify-email/resend",
    "POST",
    summary="Send a new verification e-mail",
    roles=ANY_ROLE,
    response=Accepted,
    status=202,
    errors=(409,),
    tags=("auth",),
)
def resend_verification(ctx: RequestContext) -> Accepted:
    service.resend_verification(ctx.session, principal=ctx.principal)
    return Accepted(message="A new verification link is on its way.")


@endpoint(
    auth_bp,
    "/auth/login",
    "POST",
    summary="Sign in with e-mail, password and, when enabled, a second factor",
    request=LoginRequest,
    response=SignedIn,
    errors=(401, 429),
    no_store=True,
    tags=("auth",),
)
def login(ctx: RequestContext[LoginRequest, None]) -> SignedIn:
    return _signed_in_or_raise(ctx, sign_in.sign_in(ctx.session, request=ctx.body, client=_client(ctx)))


@endpoint(
    auth_bp,
    "/auth/refresh",
    "POST",
    summary="Rotate a refresh token for a new access token",
    request=RefreshRequest,
    response=SignedIn,
    errors=(401,),
    no_store=True,
    tags=("auth",),
)
def refresh(ctx: RequestContext[RefreshRequest, None]) -> SignedIn:
    result = sign_in.refresh(ctx.session, refresh_token=ctx.body.refresh_token, client=_client(ctx))
    return _signed_in_or_raise(ctx, result)


@endpoint(
    auth_bp, "/auth/logout", "POST", summary="End the current session", roles=ANY_ROLE, no_store=True, tags=("auth",)
)
def logout(ctx: RequestContext) -> None:
    sign_in.sign_out(ctx.session, principal=ctx.principal, client=_client(ctx))


@endpoint(
    auth_bp,
    "/auth/password/forgot",
    "POST",
    summary="E-mail a password reset link",
    request=ForgotPasswordRequest,
    response=Accepted,
    status=202,
    errors=(429,),
    no_store=True,
    tags=("auth",),
)
def forgot_password(ctx: RequestContext[ForgotPasswordRequest, None]) -> Accepted:
    passwords.request_reset(ctx.session, email=ctx.body.email, source_ip=ctx.source_ip)
    return Accepted(message="If an account uses this address, a reset link is on its way.")


@endpoint(
    auth_bp,
    "/auth/password/reset",
    "POST",
    summary="Set a new password with an e-mailed token",
    request=ResetPasswordRequest,
    no_store=True,
    tags=("auth",),
)
def reset_password(ctx: RequestContext[ResetPasswordRequest, None]) -> None:
    passwords.reset(ctx.session, token=ctx.body.token, password=ctx.body.password, source_ip=ctx.source_ip)


@endpoint(
    auth_bp,
    "/auth/accept-invitation",
    "POST",
    summary="Join a business as staff with an invitation token",
    request=AcceptInvitationRequest,
    response=SignedIn,
    status=201,
    no_store=True,
    tags=("auth",),
)
def accept_invitation(ctx: RequestContext[AcceptInvitationRequest, None]) -> SignedIn:
    return staff.accept_invitation(ctx.session, request=ctx.body, client=_client(ctx))


# --- /me -----------------------------------------------------------------------------


@endpoint(me_bp, "/me", "GET", summary="The signed-in user", roles=ANY_ROLE, response=UserOut, tags=("me",))
def get_me(ctx: RequestContext) -> UserOut:
    return service.get_me(ctx.session, principal=ctx.principal)


@endpoint(
    me_bp,
    "/me",
    "PATCH",
    summary="Change your name or phone",
    roles=ANY_ROLE,
    request=UpdateMeRequest,
    response=UserOut,
    tags=("me",),
)
def update_me(ctx: RequestContext[UpdateMeRequest, None]) -> UserOut:
    return service.update_me(ctx.session, principal=ctx.principal, request=ctx.body)


@endpoint(
    me_bp,
    "/me/password",
    "POST",
    summary="Change your password (ends your other sessions)",
    roles=ANY_ROLE,
    request=ChangePasswordRequest,
    errors=(429,),
    no_store=True,
    tags=("me",),
)
def change_password(ctx: RequestContext[ChangePasswordRequest, None]) -> None:
    refusal = passwords.change(
        ctx.session,
        principal=ctx.principal,
        current_password=ctx.body.current_password,
        new_password=ctx.body.new_password,
        source_ip=ctx.source_ip,
    )
    _commit_then_raise(ctx, refusal)


@endpoint(
    me_bp, "/me/sessions", "GET", summary="Your active sessions", roles=ANY_ROLE, response=SessionList, tags=("me",)
)
def list_sessions(ctx: RequestContext) -> SessionList:
    return SessionList(items=sign_in.list_sessions(ctx.session, principal=ctx.principal))


@endpoint(me_bp, "/me/sessions/{id}", "DELETE", summary="End one of your sessions", roles=ANY_ROLE, tags=("me",))
def revoke_session(ctx: RequestContext, id: uuid.UUID) -> None:
    sign_in.revoke_session(ctx.session, principal=ctx.principal, session_id=id, client=_client(ctx))


@endpoint(
    me_bp,
    "/me/2fa/setup",
    "POST",
    summary="Start two-factor setup: a TOTP secret and its otpauth URI",
    roles=ANY_ROLE,
    response=TwoFactorSetup,
    errors=(409,),
    no_store=True,
    tags=("me",),
)
def setup_two_factor(ctx: RequestContext) -> TwoFactorSetup:
    return two_factor.begin_setup(ctx.session, principal=ctx.principal)


@endpoint(
    me_bp,
    "/me/2fa/confirm",
    "POST",
    summary="Turn two-factor on with a first code; returns recovery codes",
    roles=ANY_ROLE,
    request=CodeRequest,
    response=RecoveryCodes,
    errors=(409,),
    no_store=True,
    tags=("me",),
)
def confirm_two_factor(ctx: RequestContext[CodeRequest, None]) -> RecoveryCodes:
    return two_factor.confirm_setup(ctx.session, principal=ctx.principal, code=ctx.body.code, source_ip=ctx.source_ip)


@endpoint(
    me_bp,
    "/me/2fa",
    "DELETE",
    summary="Turn two-factor off (password and a code)",
    roles=ANY_ROLE,
    request=DisableTwoFactorRequest,
    errors=(409,),
    no_store=True,
    tags=("me",),
)
def disable_two_factor(ctx: RequestContext[DisableTwoFactorRequest, None]) -> None:
    refusal = two_factor.disable(
        ctx.session, principal=ctx.principal, password=ctx.body.password, code=ctx.body.code, source_ip=ctx.source_ip
    )
    _commit_then_raise(ctx, refusal)
