"""A wholesaler's delivery options (pickup, delivery fee and regions, payment on delivery)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chalicelib.billing.gating import require_feature
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal
from chalicelib.orders import repository
from chalicelib.orders.models import DeliveryOptions
from chalicelib.orders.schemas import DeliveryOptionsBody, DeliveryOptionsOut


def get_options(session: Session, *, principal: Principal) -> DeliveryOptionsOut:
    options = repository.get_delivery_options(session, principal.require_business_id())
    if options is None:
        return DeliveryOptionsOut(configured=False)
    return _out(options)


def set_options(
    session: Session, *, principal: Principal, body: DeliveryOptionsBody, source_ip: str | None
) -> DeliveryOptionsOut:
    wholesaler_id = principal.require_business_id()
    if body.pay_on_delivery_enabled:
        require_feature(session, wholesaler_id, "pay_on_delivery")
    options = repository.get_delivery_options(session, wholesaler_id)
    if options is None:
        options = DeliveryOptions(wholesaler_id=wholesaler_id)
        session.add(options)
    for name, value in body.model_dump().items():
        setattr(options, name, value)
    options.updated_at = utcnow()
    session.flush()
    record_audit(
        session,
        "business.delivery_options_updated",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=wholesaler_id,
    )
    return _out(options)


def _out(options: DeliveryOptions) -> DeliveryOptionsOut:
    fields = {name: getattr(options, name) for name in DeliveryOptionsBody.model_fields}
    return DeliveryOptionsOut(configured=True, **fields)
