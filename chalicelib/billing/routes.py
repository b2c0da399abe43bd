"""Plan and subscription routes (the `account` Lambda) and plan management (the `admin` Lambda).

Each route: the body/query parsed by `endpoint`, one service call, a response model. The
business's staff may read the subscription; only its owner changes it.
"""

from __future__ import annotations

import uuid

from chalice.app import Blueprint, Response

from chalicelib.billing import changes, invoices_pdf, plans, service, trial
from chalicelib.billing.schemas import (
    AdminPlanQuery,
    ChangePreview,
    ChangeSubscription,
    EndTrial,
    InvoicePage,
    InvoiceQuery,
    PayInvoice,
    PaymentStarted,
    PlanCreate,
    PlanList,
    PlanOut,
    PlanQuery,
    PlanRemoval,
    PlanUpdate,
    StartSubscription,
    SubscriptionOut,
    SubscriptionResult,
    UsageOut,
)
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ADMIN, BUSINESS_ROLES, OWNER, PLATFORM_ROLES, RETAILER, WHOLESALER

plans_bp = Blueprint(f"{__name__}.plans")
subscription_bp = Blueprint(f"{__name__}.subscription")
admin_plans_bp = Blueprint(f"{__name__}.admin_plans")

BOTH_SIDES = (RETAILER, WHOLESALER)
TAGS = ("subscription",)


# --- plans ------------------------------------------------------------------------------


@endpoint(plans_bp, "/plans", "GET", summary="Plans on offer", query=PlanQuery, response=PlanList, tags=("plans",))
def list_plans(ctx: RequestContext[None, PlanQuery]) -> PlanList:
    return plans.list_offered(ctx.session, audience=ctx.query.audience)


# --- the business's subscription --------------------------------------------------------


@endpoint(
    subscription_bp, "/subscription", "GET", summary="Your subscription", response=SubscriptionOut, tags=TAGS,
    roles=BUSINESS_ROLES, business_kinds=BOTH_SIDES, errors=(404,),
)  # fmt: skip
def get_subscription(ctx: RequestContext) -> SubscriptionOut:
    return service.get_subscription(ctx.session, principal=ctx.principal)


@endpoint(
    subscription_bp, "/subscription/usage", "GET", summary="Each plan limit with your current use",
    response=UsageOut, tags=TAGS, roles=BUSINESS_ROLES, business_kinds=BOTH_SIDES, errors=(404,),
)  # fmt: skip
def get_usage(ctx: RequestContext) -> UsageOut:
    return service.get_usage(ctx.session, principal=ctx.principal)


@endpoint(
    subscription_bp, "/subscription", "POST", summary="Subscribe to a plan (a trial, or the first charge)",
    request=StartSubscription, response=SubscriptionResult, status=201, tags=TAGS, roles=(OWNER,),
    business_kinds=BOTH_SIDES, errors=(404, 409, 422),
)  # fmt: skip
def start_subscription(ctx: RequestContext[StartSubscription, None]) -> SubscriptionResult:
    return service.start_subscription(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    subscription_bp, "/subscription/end-trial", "POST",
    summary="End the trial and pay the first period now (the trial ends when the payment succeeds)",
    request=EndTrial, response=SubscriptionResult, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES,
    errors=(404, 422),
)  # fmt: skip
def end_trial(ctx: RequestContext[EndTrial, None]) -> SubscriptionResult:
    return trial.end_trial(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    subscription_bp, "/subscription/change", "POST",
    summary="Change plan or interval (upgrade now with proration; downgrade at the period end)",
    request=ChangeSubscription, response=SubscriptionResult, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES,
    errors=(404, 409, 422),
)  # fmt: skip
def change_subscription(ctx: RequestContext[ChangeSubscription, None]) -> SubscriptionResult:
    return changes.change_subscription(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    subscription_bp, "/subscription/change/preview", "POST",
    summary="What a plan or interval change would do now (when, the charge now, the new price), changing nothing",
    request=ChangeSubscription, response=ChangePreview, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES,
    errors=(404, 409, 422),
)  # fmt: skip
def preview_change(ctx: RequestContext[ChangeSubscription, None]) -> ChangePreview:
    return changes.preview_change(ctx.session, principal=ctx.principal, request=ctx.body)


@endpoint(
    subscription_bp, "/subscription/cancel", "POST", summary="Cancel at the end of the period",
    response=SubscriptionResult, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES, errors=(404,),
)  # fmt: skip
def cancel_subscription(ctx: RequestContext) -> SubscriptionResult:
    return changes.cancel_subscription(ctx.session, principal=ctx.principal, source_ip=ctx.source_ip)


@endpoint(
    subscription_bp, "/subscription/resume", "POST", summary="Withdraw a cancellation before the period ends",
    response=SubscriptionResult, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES, errors=(404, 422),
)  # fmt: skip
def resume_subscription(ctx: RequestContext) -> SubscriptionResult:
    return changes.resume_subscription(ctx.session, principal=ctx.principal, source_ip=ctx.source_ip)


@endpoint(
    subscription_bp, "/subscription/invoices", "GET", summary="Your subscription invoices, newest first",
    query=InvoiceQuery, response=InvoicePage, tags=TAGS, roles=BUSINESS_ROLES, business_kinds=BOTH_SIDES,
)  # fmt: skip
def list_invoices(ctx: RequestContext[None, InvoiceQuery]) -> InvoicePage:
    return service.list_invoices(ctx.session, principal=ctx.principal, query=ctx.query)


@endpoint(
    subscription_bp, "/subscription/invoices/{id}/invoice.pdf", "GET",
    summary="A subscription invoice as PDF", produces="application/pdf",
    tags=TAGS, roles=BUSINESS_ROLES, business_kinds=BOTH_SIDES, errors=(404,),
)  # fmt: skip
def invoice_pdf(ctx: RequestContext, id: uuid.UUID) -> Response:
    document = invoices_pdf.render_subscription_invoice(ctx.session, principal=ctx.principal, invoice_id=id)
    return Response(
        body=document,
        status_code=200,
        headers={"Content-Type": "application/pdf", "Content-Disposition": f'inline; filename="{id}.pdf"'},
    )


@endpoint(
    subscription_bp, "/subscription/invoices/{id}/pay", "POST",
    summary="Pay an open invoice now by mobile money (restores a suspended subscription on success)",
    request=PayInvoice, response=PaymentStarted, status=202, tags=TAGS, roles=(OWNER,), business_kinds=BOTH_SIDES,
    errors=(404, 409),
)  # fmt: skip
def pay_invoice(ctx: RequestContext[PayInvoice, None], id: uuid.UUID) -> PaymentStarted:
    return service.pay_invoice(
        ctx.session, principal=ctx.principal, invoice_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


# --- admin: plans -----------------------------------------------------------------------

ADMIN_TAGS = ("admin",)


@endpoint(
    admin_plans_bp, "/admin/plans", "GET", summary="Every plan, retired ones too", query=AdminPlanQuery,
    response=PlanList, tags=ADMIN_TAGS, roles=PLATFORM_ROLES,
)  # fmt: skip
def admin_list_plans(ctx: RequestContext[None, AdminPlanQuery]) -> PlanList:
    return plans.list_all(ctx.session, audience=ctx.query.audience, status=ctx.query.status)


@endpoint(
    admin_plans_bp, "/admin/plans", "POST", summary="Create a plan", request=PlanCreate, response=PlanOut,
    status=201, tags=ADMIN_TAGS, roles=(ADMIN,), errors=(409,),
)  # fmt: skip
def admin_create_plan(ctx: RequestContext[PlanCreate, None]) -> PlanOut:
    return plans.create_plan(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    admin_plans_bp, "/admin/plans/{id}", "PATCH", summary="Change a plan (subscribers get it at their next period)",
    request=PlanUpdate, response=PlanOut, tags=ADMIN_TAGS, roles=(ADMIN,), errors=(404,),
)  # fmt: skip
def admin_update_plan(ctx: RequestContext[PlanUpdate, None], id: uuid.UUID) -> PlanOut:
    return plans.update_plan(
        ctx.session, principal=ctx.principal, plan_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_plans_bp, "/admin/plans/{id}", "DELETE", summary="Delete an unused plan; retire one in use",
    response=PlanRemoval, tags=ADMIN_TAGS, roles=(ADMIN,), errors=(404,),
)  # fmt: skip
def admin_remove_plan(ctx: RequestContext, id: uuid.UUID) -> PlanRemoval:
    return plans.remove_plan(ctx.session, principal=ctx.principal, plan_id=id, source_ip=ctx.source_ip)
