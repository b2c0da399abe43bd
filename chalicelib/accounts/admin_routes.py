"""The platform staff's routes about people, businesses and the audit log (`/admin`).

Admins and support read; only admins write, each write with a reason that the audit log
keeps. There is no route to act as another user, by design.
"""

from __future__ import annotations

import uuid

from chalice.app import Blueprint

from chalicelib.accounts import admin_service, verification_documents
from chalicelib.accounts.admin_schemas import (
    AdminBusinessDetail,
    AdminBusinessOut,
    AdminUserDetail,
    AdminUserOut,
    AdminUserPage,
    AdminUserQuery,
    AuditPage,
    AuditQuery,
    BusinessVerificationOut,
    ReasonRequest,
)
from chalicelib.accounts.admin_service import StaffAction
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ADMIN, PLATFORM_ROLES

admin_accounts_bp = Blueprint(f"{__name__}.admin_accounts")


def staff_action(ctx: RequestContext[ReasonRequest, None]) -> StaffAction:
    return StaffAction(
        principal=ctx.principal, reason=ctx.body.reason, source_ip=ctx.source_ip, user_agent=ctx.user_agent
    )


# --- /admin/users --------------------------------------------------------------------


@endpoint(
    admin_accounts_bp,
    "/admin/users",
    "GET",
    summary="Find people by e-mail, name or phone, role, status or business",
    roles=PLATFORM_ROLES,
    query=AdminUserQuery,
    response=AdminUserPage,
    tags=("admin",),
    read_only=True,
)
def admin_list_users(ctx: RequestContext[None, AdminUserQuery]) -> AdminUserPage:
    q = ctx.query
    return admin_service.list_users(
        ctx.session,
        q=q.q,
        role=q.role,
        status=q.status,
        business_id=q.business_id,
        cursor=q.cursor,
        limit=q.limit,
    )


@endpoint(
    admin_accounts_bp,
    "/admin/users/{id}",
    "GET",
    summary="A person, their live sign-ins and their recent audit entries",
    roles=PLATFORM_ROLES,
    response=AdminUserDetail,
    tags=("admin",),
    read_only=True,
)
def admin_get_user(ctx: RequestContext, id: uuid.UUID) -> AdminUserDetail:
    return admin_service.get_user(ctx.session, user_id=id)


@endpoint(
    admin_accounts_bp,
    "/admin/users/{id}/suspend",
    "POST",
    summary="Suspend a person: their sign-ins end and they cannot sign in",
    roles=(ADMIN,),
    request=ReasonRequest,
    response=AdminUserOut,
    errors=(409, 422),
    tags=("admin",),
)
def admin_suspend_user(ctx: RequestContext[ReasonRequest, None], id: uuid.UUID) -> AdminUserOut:
    return admin_service.suspend_user(ctx.session, user_id=id, action=staff_action(ctx))


@endpoint(
    admin_accounts_bp,
    "/admin/users/{id}/reactivate",
    "POST",
    summary="Let a suspended person sign in again",
    roles=(ADMIN,),
    request=ReasonRequest,
    response=AdminUserOut,
    errors=(409,),
    tags=("admin",),
)
def admin_reactivate_user(ctx: RequestContext[ReasonRequest, None], id: uuid.UUID) -> AdminUserOut:
    return admin_service.reactivate_user(ctx.session, user_id=id, action=staff_action(ctx))


@endpoint(
    admin_accounts_bp,
    "/admin/users/{id}/reset-2fa",
    "POST",
    summary="Turn a person's two-factor sign-in off (they are told by e-mail)",
    roles=(ADMIN,),
    request=ReasonRequest,
    response=AdminUserOut,
    errors=(409,),
    tags=("admin",),
)
def admin_reset_two_factor(ctx: RequestContext[ReasonRequest, None], id: uuid.UUID) -> AdminUserOut:
    return admin_service.reset_two_factor(ctx.session, user_id=id, action=staff_action(ctx))


# --- /admin/businesses/{id} ----------------------------------------------------------


@endpoint(
    admin_accounts_bp,
    "/admin/businesses/{id}",
    "GET",
    summary="A business as its people see it, with its people, verification file and counts",
    roles=PLATFORM_ROLES,
    response=AdminBusinessDetail,
    tags=("admin",),
    read_only=True,
)
def admin_get_business(ctx: RequestContext, id: uuid.UUID) -> AdminBusinessDetail:
    return admin_service.get_business_detail(ctx.session, business_id=id)


@endpoint(
    admin_accounts_bp,
    "/admin/businesses/{id}/suspend",
    "POST",
    summary="Suspend a business: none of its people can sign in, so it cannot trade",
    roles=(ADMIN,),
    request=ReasonRequest,
    response=AdminBusinessOut,
    errors=(409,),
    tags=("admin",),
)
def admin_suspend_business(ctx: RequestContext[ReasonRequest, None], id: uuid.UUID) -> AdminBusinessOut:
    return admin_service.suspend_business(ctx.session, business_id=id, action=staff_action(ctx))


@endpoint(
    admin_accounts_bp,
    "/admin/businesses/{id}/reactivate",
    "POST",
    summary="Lift a business's suspension",
    roles=(ADMIN,),
    request=ReasonRequest,
    response=AdminBusinessOut,
    errors=(409,),
    tags=("admin",),
)
def admin_reactivate_business(ctx: RequestContext[ReasonRequest, None], id: uuid.UUID) -> AdminBusinessOut:
    return admin_service.reactivate_business(ctx.session, business_id=id, action=staff_action(ctx))


@endpoint(
    admin_accounts_bp,
    "/admin/businesses/{id}/verification",
    "GET",
    summary="A business's verification: status, documents (short-lived download links) and history",
    roles=PLATFORM_ROLES,
    response=BusinessVerificationOut,
    tags=("admin",),
    no_store=True,
    read_only=True,
)
def admin_get_verification(ctx: RequestContext, id: uuid.UUID) -> BusinessVerificationOut:
    return verification_documents.business_verification(ctx.session, business_id=id)


# --- /admin/audit --------------------------------------------------------------------


@endpoint(
    admin_accounts_bp,
    "/admin/audit",
    "GET",
    summary="The audit log: who did what to which entity, when and from where; newest first",
    roles=PLATFORM_ROLES,
    query=AuditQuery,
    response=AuditPage,
    tags=("admin",),
    read_only=True,
)
def admin_search_audit(ctx: RequestContext[None, AuditQuery]) -> AuditPage:
    return admin_service.search_audit(ctx.session, query=ctx.query)
