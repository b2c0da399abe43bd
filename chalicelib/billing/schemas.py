"""Request and response bodies of the plan, subscription and subscription-invoice routes."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from chalicelib.accounts.validation import normalize_phone
from chalicelib.core.money import MoneyInput
from chalicelib.core.schema import Schema

Audience = Literal["retailer", "wholesaler"]
Interval = Literal["month", "year"]
Provider = Literal["mpesa", "mtn_momo", "sandbox"]
PlanStatus = Literal["active", "retired"]
SubscriptionStatus = Literal["incomplete", "trialing", "active", "past_due", "suspended", "cancelled", "expired"]
InvoiceStatus = Literal["open", "paid", "void"]
InvoiceKind = Literal["first", "renewal", "proration"]
LimitName = Literal["active_products", "staff_users", "orders_per_month"]
Price = Annotated[MoneyInput, Field(ge=0, le=Decimal("9999999.99"), decimal_places=2)]
LimitValue = Annotated[StrictInt | None, Field(default=None, ge=0, le=1_000_000)]
Phone = Annotated[str, Field(max_length=32), AfterValidator(normalize_phone)]
PlanCode = Annotated[str, Field(min_length=2, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- plans ------------------------------------------------------------------------------


class PlanLimits(Strict):
    active_products: LimitValue = Field(default=None, description="Wholesalers: active products; null is unlimited.")
    staff_users: LimitValue = Field(default=None, description="Staff users (invited or active); null is unlimited.")
    orders_per_month: LimitValue = Field(
        default=None, description="Retailers: orders placed per calendar month (UTC); null is unlimited."
    )


class PlanFeatures(Strict):
    pay_on_delivery: StrictBool = Field(default=False, description="Wholesalers: may offer payment on delivery.")
    sales_reports: StrictBool = Field(default=False, description="Wholesalers: sales reports.")


class PlanCreate(Strict):
    code: PlanCode
    name: Annotated[str, Field(min_length=1, max_length=100)]
    audience: Audience
    price_monthly: Price
    price_yearly: Price
    trial_days: Annotated[StrictInt, Field(ge=0, le=365)] = 0
    limits: PlanLimits = Field(default_factory=PlanLimits)
    features: PlanFeatures = Field(default_factory=PlanFeatures)

    @model_validator(mode="after")
    def _fits_audience(self) -> PlanCreate:
        check_audience(self.audience, self.limits, self.features)
        return self


class PlanUpdate(Strict):
    """Every field optional; a change of price, limits or features applies to each subscriber
    from its next period (new subscribers at once); `status: retired` stops offering the plan."""

    name: Annotated[str | None, Field(min_length=1, max_length=100)] = None
    price_monthly: Price | None = None
    price_yearly: Price | None = None
    trial_days: Annotated[StrictInt | None, Field(ge=0, le=365)] = None
    limits: PlanLimits | None = None
    features: PlanFeatures | None = None
    status: PlanStatus | None = None


def check_audience(audience: str, limits: PlanLimits, features: PlanFeatures) -> None:
    if audience == "retailer" and (
        limits.active_products is not None or features.pay_on_delivery or features.sales_reports
    ):
        raise PydanticCustomError(
            "not_for_retailers", "Retailer plans have no product limit, payment on delivery or sales reports."
        )
    if audience == "wholesaler" and limits.orders_per_month is not None:
        raise PydanticCustomError("not_for_wholesalers", "Wholesaler plans have no monthly order limit.")


class PlanOut(Schema):
    id: uuid.UUID
    code: str
    name: str
    audience: Audience
    status: PlanStatus
    currency: str
    price_monthly: Decimal
    price_yearly: Decimal
    trial_days: int
    limits: PlanLimits
    features: PlanFeatures


class PlanList(Schema):
    items: list[PlanOut]


class PlanQuery(Strict):
    audience: Audience | None = None


class AdminPlanQuery(Strict):
    audience: Audience | None = None
    status: PlanStatus | None = None


class PlanRemoval(Schema):
    outcome: Literal["deleted", "retired"] = Field(description="A plan ever used by a subscription is retired.")
    plan: PlanOut | None


# --- subscription -----------------------------------------------------------------------


class Collection(Strict):
    provider: Provider
    payer_phone: Phone


class StartSubscription(Strict):
    plan_code: PlanCode
    interval: Interval
    provider: Provider
    payer_phone: Phone
    trial: StrictBool = Field(
        default=True,
        description="false: no trial, pay the first period now. true: the plan's trial if it has one and the "
        "business never had a trial, otherwise the first period is charged at once.",
    )


class ChangeSubscription(Strict):
    plan_code: PlanCode | None = None
    interval: Interval | None = None

    @model_validator(mode="after")
    def _something(self) -> ChangeSubscription:
        if self.plan_code is None and self.interval is None:
            raise PydanticCustomError("nothing_to_change", "Give a plan_code, an interval or both.")
        return self


class PayInvoice(Strict):
    provider: Provider | None = Field(default=None, description="Defaults to the subscription's.")
    payer_phone: Phone | None = Field(default=None, description="Defaults to the subscription's.")


class EndTrial(Strict):
    """Ends the trial now and pays the first period; the provider and phone become the subscription's."""

    provider: Provider | None = Field(default=None, description="Defaults to the subscription's.")
    payer_phone: Phone | None = Field(default=None, description="Defaults to the subscription's.")


class NextCharge(Schema):
    at: datetime
    amount: Decimal
    currency: str
    plan_code: str
    interval: Interval


class ScheduledChange(Schema):
    plan: PlanOut
    interval: Interval
    effective_at: datetime


class InvoiceOut(Schema):
    id: uuid.UUID
    number: str
    kind: InvoiceKind
    status: InvoiceStatus
    description: str
    plan_code: str
    plan_name: str
    interval: Interval
    period_start: datetime
    period_end: datetime
    amount: Decimal
    currency: str
    created_at: datetime
    paid_at: datetime | None
    voided_at: datetime | None


class SubscriptionOut(Schema):
    id: uuid.UUID
    status: SubscriptionStatus
    in_good_standing: bool
    plan: PlanOut
    interval: Interval
    current_period_start: datetime
    current_period_end: datetime
    trial_end: datetime | None
    cancel_at_period_end: bool
    ended_at: datetime | None
    next_charge: NextCharge | None
    scheduled_change: ScheduledChange | None
    open_invoice: InvoiceOut | None
    next_retry_at: datetime | None
    grace_ends_at: datetime | None
    provider: Provider
    payer_phone: str
    created_at: datetime


class ChangeWarning(Schema):
    code: str
    message: str


class SubscriptionResult(Schema):
    """The subscription after a change, the invoice it raised (if any) and the payment to poll."""

    subscription: SubscriptionOut
    invoice: InvoiceOut | None = None
    payment_id: uuid.UUID | None = Field(default=None, description="Poll GET /payments/{id} for the phone approval.")
    warnings: list[ChangeWarning] = Field(default_factory=list)


ChangeOutcome = Literal["now_in_trial", "upgrade_now", "at_period_end", "withdraw_scheduled"]


class ChangePreview(Schema):
    """What POST /subscription/change with the same body would do now; nothing is changed."""

    outcome: ChangeOutcome = Field(
        description="now_in_trial: applies at once, nothing charged; upgrade_now: applies at once, the rest of the "
        "period charged now; at_period_end: scheduled for the period end; withdraw_scheduled: the current plan "
        "again, the scheduled change is cancelled."
    )
    applies: Literal["now", "period_end"]
    effective_at: datetime
    charge_now: Decimal = Field(description="Charged when the change is confirmed (0.00 unless upgrade_now).")
    new_price: Decimal = Field(description="The chosen plan's price per interval, charged from the next period.")
    currency: str
    plan_code: str
    interval: Interval
    warnings: list[ChangeWarning] = Field(default_factory=list)


class PaymentStarted(Schema):
    invoice: InvoiceOut
    payment_id: uuid.UUID


class LimitUsage(Schema):
    name: LimitName
    limit: int | None = Field(description="null is unlimited")
    used: int
    remaining: int | None


class UsageOut(Schema):
    plan_code: str
    status: SubscriptionStatus
    limits: list[LimitUsage]
    features: PlanFeatures


class InvoiceQuery(Strict):
    cursor: Annotated[str | None, Field(default=None, max_length=500)]
    limit: Annotated[int, Field(default=20, ge=1, le=100)]


class InvoicePage(Schema):
    items: list[InvoiceOut]
    next_cursor: str | None
