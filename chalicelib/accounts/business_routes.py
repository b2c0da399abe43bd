"""Accounts HTTP routes of a business: its profile and staff (`/business`), and the platform
staff's list of businesses and wholesaler verification (`/admin`).

Each route: the body/query parsed by `endpoint`, one service call, a response model.
"""

from __future__ import annotations

import uuid

from chalice.app import Blueprint

from chalicelib.accounts import admin_service, service, staff
from chalicelib.accounts.admin_schemas import AdminBusinessListQuery, AdminBusinessPage
from chalicelib.accounts.schemas import (
    BusinessOut,
    BusinessUserList,
    InviteStaffRequest,
    UpdateBusinessRequest,
    UserOut,
    VerificationDecision,
)
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ADMIN, BUSINESS_ROLES, OWNER, PLATFORM_ROLES

business_bp = Blueprint(f"{__name__}.business")
admin_bp = Blueprint(f"{__name__}.admin")


# --- /business -----------------------------------------------------------------------


@endpoint(
    business_bp,
    "/business",
    "GET",
    summary="Your business profile",
    roles=BUSINESS_ROLES,
    response=BusinessOut,
    tags=("business",),
)
def get_business(ctx: RequestContext) -> BusinessOut:
    return service.get_business(ctx.session, principal=ctx.principal)


@endpoint(
    business_bp,
    "/business",
    "PATCH",
    summary="Change your business profile (owner)",
    roles=(OWNER,),
    request=UpdateBusinessRequest,
    response=BusinessOut,
    tags=("business",),
)
def update_business(ctx: RequestContext[UpdateBusinessRequest, None]) -> BusinessOut:
    return service.update_business(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    business_bp,
    "/business/users",
    "GET",
    summary="The people of your business",
    roles=BUSINESS_ROLES,
    response=BusinessUserList,
    tags=("business",),
)
def list_business_users(ctx: RequestContext) -> BusinessUserList:
    return BusinessUserList(items=staff.list_staff(ctx.session, principal=ctx.principal))


@endpoint(
    business_bp,
    "/business/users",
    "POST",
    summary="Invite a staff member by e-mail (owner)",
    roles=(OWNER,),
    request=InviteStaffRequest,
    response=UserOut,
    status=201,
    errors=(409,),
    tags=("business",),
)
def invite_business_user(ctx: RequestContext[InviteStaffRequest, None]) -> UserOut:
    return staff.invite_staff(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    business_bp,
    "/business/users/{id}",
    "DELETE",
    summary="Deactivate a staff member (owner)",
    roles=(OWNER,),
    errors=(422,),
    tags=("business",),
)
def deactivate_business_user(ctx: RequestContext, id: uuid.UUID) -> None:
    staff.deactivate_staff(ctx.session, principal=ctx.principal, user_id=id, source_ip=ctx.source_ip)


# --- /admin --------------------------------------------------------------------------


@endpoint(
    admin_bp,
    "/admin/businesses",
    "GET",
    summary="Businesses by kind and verification status, or by part of their name, tax id or phone",
    roles=PLATFORM_ROLES,
    query=AdminBusinessListQuery,
    response=AdminBusinessPage,
    tags=("admin",),
    read_only=True,
)
def admin_list_businesses(ctx: RequestContext[None, AdminBusinessListQuery]) -> AdminBusinessPage:
    return admin_service.list_businesses(ctx.session, query=ctx.query)


@endpoint(
    admin_bp,
    "/admin/businesses/{id}/verification",
    "POST",
    summary="Verify or reject a wholesaler",
    roles=(ADMIN,),
    request=VerificationDecision,
    response=BusinessOut,
    errors=(409, 422),
    tags=("admin",),
)
def admin_decide_verification(ctx: RequestContext[VerificationDecision, None], id: uuid.UUID) -> BusinessOut:
    return service.decide_verification(
        ctx.session,
        principal=ctx.principal,
        business_id=id,
        decision=ctx.body,
        source_ip=ctx.source_ip,
        user_agent=ctx.user_agent,
    )
