"""Plans: the public price list and the admins' management of it.

A plan's code and audience never change. A change of price, limits or features applies to
each subscriber from its next period (`billing.plan_terms`); a retired plan (PATCH `status`,
or DELETE of a plan in use) is no longer offered to new subscribers, and its subscribers keep
it. A plan that any subscription or invoice ever referred to is retired (no
longer offered; its subscribers keep it) rather than deleted; an unused one is deleted.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chalicelib.billing import repository
from chalicelib.billing.errors import PlanCodeTaken, PlanNotFound
from chalicelib.billing.models import Plan
from chalicelib.billing.plan_terms import keep_replaced_terms
from chalicelib.billing.presenters import plan_out
from chalicelib.billing.schemas import PlanCreate, PlanList, PlanOut, PlanRemoval, PlanUpdate, check_audience
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.errors import ValidationFailed, field_error
from chalicelib.core.principal import Principal


def list_offered(session: Session, *, audience: str | None) -> PlanList:
    return PlanList(items=[plan_out(p) for p in repository.list_plans(session, audience=audience, status="active")])


def list_all(session: Session, *, audience: str | None, status: str | None) -> PlanList:
    return PlanList(items=[plan_out(p) for p in repository.list_plans(session, audience=audience, status=status)])


def _plan(session: Session, plan_id: uuid.UUID) -> Plan:
    plan = repository.get_plan(session, plan_id, for_update=True)
    if plan is None:
        raise PlanNotFound()
    return plan


def create_plan(session: Session, *, principal: Principal, request: PlanCreate, source_ip: str | None) -> PlanOut:
    now = utcnow()
    plan = Plan(
        id=uuid.uuid4(),
        code=request.code,
        name=request.name,
        audience=request.audience,
        status="active",
        price_monthly=request.price_monthly,
        price_yearly=request.price_yearly,
        trial_days=request.trial_days,
        max_active_products=request.limits.active_products,
        max_staff_users=request.limits.staff_users,
        max_orders_per_month=request.limits.orders_per_month,
        pay_on_delivery=request.features.pay_on_delivery,
        sales_reports=request.features.sales_reports,
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise PlanCodeTaken() from exc
    _audit(session, "plan.created", principal, source_ip, plan, {"code": plan.code})
    return plan_out(plan)


def update_plan(
    session: Session, *, principal: Principal, plan_id: uuid.UUID, request: PlanUpdate, source_ip: str | None
) -> PlanOut:
    plan = _plan(session, plan_id)
    changes = request.model_dump(exclude_unset=True, exclude_none=True)
    if _changes_terms(plan, request):
        keep_replaced_terms(session, plan)
    for name in ("name", "price_monthly", "price_yearly", "trial_days", "status"):
        if name in changes:
            setattr(plan, name, changes[name])
    if request.limits is not None or request.features is not None:
        limits = request.limits or plan_out(plan).limits
        features = request.features or plan_out(plan).features
        try:
            check_audience(plan.audience, limits, features)
        except ValueError as exc:  # PydanticCustomError is a ValueError
            raise ValidationFailed(details=[field_error("limits", "not_for_audience", str(exc))]) from exc
        plan.max_active_products = limits.active_products
        plan.max_staff_users = limits.staff_users
        plan.max_orders_per_month = limits.orders_per_month
        plan.pay_on_delivery = features.pay_on_delivery
        plan.sales_reports = features.sales_reports
    plan.updated_at = utcnow()
    _audit(session, "plan.updated", principal, source_ip, plan, {k: str(v) for k, v in changes.items()})
    return plan_out(plan)


def _changes_terms(plan: Plan, request: PlanUpdate) -> bool:
    """Whether the update changes what subscribers pay or may do (not the name, trial or status)."""
    current = plan_out(plan)
    return (
        (request.price_monthly is not None and request.price_monthly != plan.price_monthly)
        or (request.price_yearly is not None and request.price_yearly != plan.price_yearly)
        or (request.limits is not None and request.limits != current.limits)
        or (request.features is not None and request.features != current.features)
    )


def remove_plan(session: Session, *, principal: Principal, plan_id: uuid.UUID, source_ip: str | None) -> PlanRemoval:
    plan = _plan(session, plan_id)
    if repository.plan_in_use(session, plan.id):
        plan.status = "retired"
        plan.updated_at = utcnow()
        _audit(session, "plan.retired", principal, source_ip, plan, {"code": plan.code})
        return PlanRemoval(outcome="retired", plan=plan_out(plan))
    _audit(session, "plan.deleted", principal, source_ip, plan, {"code": plan.code})
    session.delete(plan)
    session.flush()
    return PlanRemoval(outcome="deleted", plan=None)


def _audit(
    session: Session, action: str, principal: Principal, source_ip: str | None, plan: Plan, details: dict[str, str]
) -> None:
    record_audit(
        session, action, actor_user_id=principal.user_id, source_ip=source_ip, target_type="plan",
        target_id=plan.id, details=details,
    )  # fmt: skip
