"""Ending a trial early to pay now (`POST /subscription/end-trial`).

The owner of a trialing subscription asks to pay now: the invoice for a first paid period
starting now is issued (kind `first`, the plan and interval of the subscription) and its
collection is requested at once, from the subscription's provider and phone or the ones
given. The subscription keeps trialing until the money arrives, so trying to pay early
never costs the business its trial:

- success (`outcomes.settle_paid`): the trial ends at the moment of payment, the paid
  period starts then (the invoice's period says so) and the subscription is `active`;
- failure (`outcomes.payment_failed`): the subscription stays `trialing` and the invoice
  stays open, to be paid again through `POST /subscription/invoices/{id}/pay`;
- still unpaid when the trial ends: the billing run moves it to `past_due` and dunning
  begins on that invoice, as when a trial-end charge fails (`schedule.overdue_trials`).

An *early* invoice (`outcomes.is_early`) is a `first` invoice of a trialing subscription
whose period starts before the trial ends (the billing run's trial-end invoice starts at
the end).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chalicelib.billing import payments_port, repository, state
from chalicelib.billing.errors import OpenInvoiceUnpaid, SubscriptionNotChangeable, SubscriptionNotFound
from chalicelib.billing.periods import period_end
from chalicelib.billing.presenters import invoice_out
from chalicelib.billing.schemas import EndTrial, SubscriptionResult
from chalicelib.billing.service import charge, new_invoice, plan_of, present
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal


def end_trial(
    session: Session, *, principal: Principal, request: EndTrial, source_ip: str | None
) -> SubscriptionResult:
    subscription = repository.live_subscription(session, principal.require_business_id(), for_update=True)
    if subscription is None:
        raise SubscriptionNotFound()
    if subscription.status != "trialing":
        raise SubscriptionNotChangeable(
            "Only a subscription in its trial can end the trial.", extra={"subscription_status": subscription.status}
        )
    if subscription.cancel_at_period_end:
        raise SubscriptionNotChangeable("Resume the subscription before paying for it.")
    open_invoice = repository.open_invoice(session, subscription.id)
    if open_invoice is not None:
        raise OpenInvoiceUnpaid(extra={"invoice_id": str(open_invoice.id)})
    provider = request.provider or subscription.provider
    payer_phone = request.payer_phone or subscription.payer_phone
    payments_port.check_payer(provider, payer_phone)
    subscription.provider, subscription.payer_phone = provider, payer_phone
    plan = plan_of(session, subscription)
    now = utcnow()
    invoice = new_invoice(
        subscription, plan, kind="first", interval=subscription.interval, start=now,
        end=period_end(now, subscription.interval, now.day), amount=plan.price(subscription.interval),
    )  # fmt: skip
    state.record(
        session, subscription, "trial_end_requested", from_status=subscription.status, actor=state.OWNER,
        actor_user_id=principal.user_id, data={"invoice_id": str(invoice.id)},
    )  # fmt: skip
    payment_id = charge(session, subscription, invoice)
    record_audit(
        session, "subscription.trial_end_requested", actor_user_id=principal.user_id, source_ip=source_ip,
        target_type="subscription", target_id=subscription.id,
        details={"invoice_id": str(invoice.id), "payment_id": str(payment_id) if payment_id else None},
    )  # fmt: skip
    return SubscriptionResult(
        subscription=present(session, subscription), invoice=invoice_out(invoice, plan), payment_id=payment_id
    )
