"""Payments routes: the payer's payment and retry, the wholesaler's settlements (the
`checkout` Lambda) and the admins' ledger, reconciliation, refunds and payouts (`admin`)."""

from __future__ import annotations

import uuid

from chalice.app import Blueprint, Response

from chalicelib.core.clock import utcnow
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ADMIN, BUSINESS_ROLES, OWNER, PLATFORM_ROLES, RETAILER, WHOLESALER
from chalicelib.payments import (
    payment_detail,
    payout_accounts,
    payout_export,
    payouts,
    reconciliation,
    refund_payouts,
    service,
    settlement_admin,
    settlements,
)
from chalicelib.payments.payment_detail_schemas import AdminPaymentDetail
from chalicelib.payments.schemas import (
    AdminPaymentPage,
    AdminPaymentQuery,
    AdminRefundPage,
    AdminRefundQuery,
    CompleteRefundRequest,
    PaymentOut,
    PayoutRequest,
    ReconciliationQuery,
    ReconciliationReport,
    RefundFailedRequest,
    RefundOut,
    RefundRequest,
    RefundSentRequest,
    RetryRequest,
    ReviewResolution,
    SettlementOut,
    SettlementPage,
    SettlementQuery,
)
from chalicelib.payments.settlement_schemas import (
    AdminSettlementPage,
    AdminSettlementQuery,
    BulkPayoutRequest,
    BulkPayoutResult,
    BusinessRefundPage,
    BusinessRefundQuery,
    PayoutAccountIn,
    PayoutAccountView,
    PayoutPage,
    PayoutQuery,
    SettlementExportQuery,
)

payments_bp = Blueprint(f"{__name__}.payments")
settlements_bp = Blueprint(f"{__name__}.settlements")
admin_payments_bp = Blueprint(f"{__name__}.admin")

PAYERS = (RETAILER, WHOLESALER)
TAGS = ("payments",)


@endpoint(
    payments_bp,
    "/payments/{id}",
    "GET",
    summary="A payment of yours, with what to do next (poll it while the phone asks for approval)",
    response=PaymentOut,
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=PAYERS,
    no_store=True,
)
def get_payment(ctx: RequestContext, id: uuid.UUID) -> PaymentOut:
    return service.get_payment(ctx.session, principal=ctx.principal, payment_id=id)


@endpoint(
    payments_bp,
    "/payments/{id}/retry",
    "POST",
    summary="Ask for a failed checkout payment again while the orders are held",
    request=RetryRequest,
    response=PaymentOut,
    errors=(409, 422),
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=(RETAILER,),
)
def retry_payment(ctx: RequestContext[RetryRequest, None], id: uuid.UUID) -> PaymentOut:
    return service.retry_payment(
        ctx.session, principal=ctx.principal, payment_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    settlements_bp,
    "/settlements",
    "GET",
    summary="What the platform owes you for orders paid through it, and its payouts",
    query=SettlementQuery,
    response=SettlementPage,
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=(WHOLESALER,),
)
def list_settlements(ctx: RequestContext[None, SettlementQuery]) -> SettlementPage:
    return settlements.list_settlements(ctx.session, principal=ctx.principal, query=ctx.query)


@endpoint(
    settlements_bp,
    "/payouts",
    "GET",
    summary="The payouts made to you: your paid settlements grouped by payout reference, latest first",
    query=PayoutQuery,
    response=PayoutPage,
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=(WHOLESALER,),
)
def list_payouts(ctx: RequestContext[None, PayoutQuery]) -> PayoutPage:
    return payouts.list_payouts(ctx.session, principal=ctx.principal, query=ctx.query)


@endpoint(
    settlements_bp,
    "/refunds",
    "GET",
    summary="Refunds you can follow: a wholesaler's of its orders, a retailer's of its payments; newest first",
    query=BusinessRefundQuery,
    response=BusinessRefundPage,
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=PAYERS,
)
def list_business_refunds(ctx: RequestContext[None, BusinessRefundQuery]) -> BusinessRefundPage:
    return payouts.list_refunds(ctx.session, principal=ctx.principal, query=ctx.query)


@endpoint(
    settlements_bp,
    "/settlements/payout-account",
    "GET",
    summary="Where your settlements are paid out (null until the owner sets it)",
    response=PayoutAccountView,
    tags=TAGS,
    roles=BUSINESS_ROLES,
    business_kinds=(WHOLESALER,),
)
def get_payout_account(ctx: RequestContext) -> PayoutAccountView:
    return payout_accounts.get_payout_account(ctx.session, principal=ctx.principal)


@endpoint(
    settlements_bp,
    "/settlements/payout-account",
    "PUT",
    summary="Set where your settlements are paid out: an M-Pesa or MTN MoMo number, or a bank account",
    request=PayoutAccountIn,
    response=PayoutAccountView,
    tags=TAGS,
    roles=(OWNER,),
    business_kinds=(WHOLESALER,),
)
def set_payout_account(ctx: RequestContext[PayoutAccountIn, None]) -> PayoutAccountView:
    return payout_accounts.set_payout_account(
        ctx.session, principal=ctx.principal, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/settlements",
    "GET",
    summary="Settlements of every wholesaler, newest first, with totals per status",
    query=AdminSettlementQuery,
    response=AdminSettlementPage,
    tags=("admin",),
    roles=PLATFORM_ROLES,
)
def admin_list_settlements(ctx: RequestContext[None, AdminSettlementQuery]) -> AdminSettlementPage:
    return settlement_admin.list_settlements(ctx.session, query=ctx.query)


@endpoint(
    admin_payments_bp,
    "/admin/settlements/payouts",
    "POST",
    summary="Record one payout of many due settlements (all or none), e.g. a bank or M-Pesa B2C batch",
    request=BulkPayoutRequest,
    response=BulkPayoutResult,
    errors=(404, 409, 422),
    tags=("admin",),
    roles=(ADMIN,),
)
def record_bulk_payout(ctx: RequestContext[BulkPayoutRequest, None]) -> BulkPayoutResult:
    return settlement_admin.pay_out_settlements(
        ctx.session, principal=ctx.principal, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/settlements/export.csv",
    "GET",
    summary="Due settlements summed per wholesaler as CSV, with each one's payout account, for a payout batch",
    query=SettlementExportQuery,
    tags=("admin",),
    roles=PLATFORM_ROLES,
    produces="text/csv",
)
def export_due_payouts(ctx: RequestContext[None, SettlementExportQuery]) -> Response:
    body = payout_export.due_payouts_csv(
        ctx.session, principal=ctx.principal, wholesaler_id=ctx.query.wholesaler_id, source_ip=ctx.source_ip
    )
    return Response(
        body=body,
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="payouts-due-{utcnow():%Y%m%d}.csv"',
            "Cache-Control": "no-store",
        },
    )


@endpoint(
    admin_payments_bp,
    "/admin/payments",
    "GET",
    summary="The payments ledger (every method and purpose), newest first",
    query=AdminPaymentQuery,
    response=AdminPaymentPage,
    tags=("admin",),
    roles=PLATFORM_ROLES,
)
def list_payments(ctx: RequestContext[None, AdminPaymentQuery]) -> AdminPaymentPage:
    return service.list_payments(ctx.session, query=ctx.query)


@endpoint(
    admin_payments_bp,
    "/admin/payments/{id}",
    "GET",
    summary="One payment with its provider requests and messages, admins' actions, orders, refunds and settlements",
    response=AdminPaymentDetail,
    errors=(404,),
    tags=("admin",),
    roles=PLATFORM_ROLES,
)
def get_payment_for_staff(ctx: RequestContext, id: uuid.UUID) -> AdminPaymentDetail:
    return payment_detail.get_payment(ctx.session, payment_id=id)


@endpoint(
    admin_payments_bp,
    "/admin/reconciliation",
    "GET",
    summary="Provider receipts against the ledger for one day",
    query=ReconciliationQuery,
    response=ReconciliationReport,
    tags=("admin",),
    roles=PLATFORM_ROLES,
)
def reconciliation_report(ctx: RequestContext[None, ReconciliationQuery]) -> ReconciliationReport:
    return reconciliation.daily_report(ctx.session, day=ctx.query.day)


@endpoint(
    admin_payments_bp,
    "/admin/payments/{id}/refund",
    "POST",
    summary="Refund (part of) a payment: through the provider where it can, else pending a manual payout",
    request=RefundRequest,
    response=RefundOut,
    status=201,
    errors=(422,),
    tags=("admin",),
    roles=(ADMIN,),
)
def refund_payment(ctx: RequestContext[RefundRequest, None], id: uuid.UUID) -> RefundOut:
    return refund_payouts.refund_payment(
        ctx.session, principal=ctx.principal, payment_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/payments/{id}/resolve",
    "POST",
    summary="Settle a payment in review: credit it, refund it or record that no money arrived",
    request=ReviewResolution,
    response=PaymentOut,
    errors=(409,),
    tags=("admin",),
    roles=(ADMIN,),
)
def resolve_review(ctx: RequestContext[ReviewResolution, None], id: uuid.UUID) -> PaymentOut:
    return service.resolve_review(
        ctx.session, principal=ctx.principal, payment_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/refunds",
    "GET",
    summary="Every refund (cancelled orders, late, duplicate and orphan collections, reviews, manual), newest first",
    query=AdminRefundQuery,
    response=AdminRefundPage,
    tags=("admin",),
    roles=PLATFORM_ROLES,
)
def list_refunds(ctx: RequestContext[None, AdminRefundQuery]) -> AdminRefundPage:
    return refund_payouts.list_refunds(ctx.session, query=ctx.query)


@endpoint(
    admin_payments_bp,
    "/admin/refunds/{id}/sent",
    "POST",
    summary="Record that an open (or failed) refund was paid out, with the payout's reference",
    request=RefundSentRequest,
    response=RefundOut,
    errors=(409,),
    tags=("admin",),
    roles=(ADMIN,),
)
def mark_refund_sent(ctx: RequestContext[RefundSentRequest, None], id: uuid.UUID) -> RefundOut:
    return refund_payouts.mark_sent(
        ctx.session, principal=ctx.principal, refund_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/refunds/{id}/failed",
    "POST",
    summary="Record that a refund's payout failed (it may be sent again)",
    request=RefundFailedRequest,
    response=RefundOut,
    errors=(409,),
    tags=("admin",),
    roles=(ADMIN,),
)
def mark_refund_failed(ctx: RequestContext[RefundFailedRequest, None], id: uuid.UUID) -> RefundOut:
    return refund_payouts.mark_failed(
        ctx.session, principal=ctx.principal, refund_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/refunds/{id}/complete",
    "POST",
    summary="Record that an open or sent refund reached the payer",
    request=CompleteRefundRequest,
    response=RefundOut,
    errors=(409,),
    tags=("admin",),
    roles=(ADMIN,),
)
def complete_refund(ctx: RequestContext[CompleteRefundRequest, None], id: uuid.UUID) -> RefundOut:
    return refund_payouts.complete_refund(
        ctx.session, principal=ctx.principal, refund_id=id, body=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    admin_payments_bp,
    "/admin/settlements/{id}/payout",
    "POST",
    summary="Record the payout of a settlement to its wholesaler",
    request=PayoutRequest,
    response=SettlementOut,
    errors=(409, 422),
    tags=("admin",),
    roles=(ADMIN,),
)
def record_payout(ctx: RequestContext[PayoutRequest, None], id: uuid.UUID) -> SettlementOut:
    return settlements.record_payout(
        ctx.session, principal=ctx.principal, settlement_id=id, body=ctx.body, source_ip=ctx.source_ip
    )
