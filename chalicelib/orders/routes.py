"""Cart, checkout, order and delivery-option routes (the `checkout` Lambda)."""

from __future__ import annotations

import uuid

from chalice.app import Blueprint, Response

from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import BUSINESS_ROLES, OWNER, RETAILER, WHOLESALER
from chalicelib.orders import bulk, cart, checkout, delivery, invoice, queue, service
from chalicelib.orders.query_params import repeated_statuses
from chalicelib.orders.queue_schemas import (
    BulkTransitionOut,
    BulkTransitionRequest,
    OrderListQuery,
    PickListOut,
    PickListRequest,
)
from chalicelib.orders.schemas import (
    AddCartItem,
    CancelRequest,
    CartOut,
    CheckoutOut,
    CheckoutRequest,
    ChooseDelivery,
    CollectionRequest,
    DeliveryOptionsBody,
    DeliveryOptionsOut,
    OrderOut,
    OrderPage,
    ReceiptRequest,
    ReorderOut,
    TransitionRequest,
    UpdateCartItem,
)

cart_bp = Blueprint(f"{__name__}.cart")
orders_bp = Blueprint(f"{__name__}.orders")
delivery_bp = Blueprint(f"{__name__}.delivery")

RETAILERS_ONLY = (RETAILER,)
WHOLESALERS_ONLY = (WHOLESALER,)
BOTH_SIDES = (RETAILER, WHOLESALER)


# --- delivery options (wholesalers) ----------------------------------------------------


@endpoint(
    delivery_bp,
    "/business/delivery-options",
    "GET",
    summary="Your delivery options",
    response=DeliveryOptionsOut,
    tags=("delivery",),
    roles=BUSINESS_ROLES,
    business_kinds=WHOLESALERS_ONLY,
)
def get_delivery_options(ctx: RequestContext) -> DeliveryOptionsOut:
    return delivery.get_options(ctx.session, principal=ctx.principal)


@endpoint(
    delivery_bp,
    "/business/delivery-options",
    "PUT",
    summary="Set pickup, delivery and payment on delivery",
    request=DeliveryOptionsBody,
    response=DeliveryOptionsOut,
    tags=("delivery",),
    roles=(OWNER,),
    business_kinds=WHOLESALERS_ONLY,
)
def put_delivery_options(ctx: RequestContext[DeliveryOptionsBody, None]) -> DeliveryOptionsOut:
    return delivery.set_options(ctx.session, principal=ctx.principal, body=ctx.body, source_ip=ctx.source_ip)


# --- cart (retailers) ------------------------------------------------------------------


@endpoint(
    cart_bp,
    "/cart",
    "GET",
    summary="Your cart, grouped by wholesaler and priced",
    response=CartOut,
    tags=("cart",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def get_cart(ctx: RequestContext) -> CartOut:
    return cart.priced_cart(ctx.session, principal=ctx.principal).to_schema()


@endpoint(
    cart_bp,
    "/cart/items",
    "POST",
    summary="Add a product to the cart",
    request=AddCartItem,
    response=CartOut,
    errors=(404,),
    tags=("cart",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def add_cart_item(ctx: RequestContext[AddCartItem, None]) -> CartOut:
    return cart.add_item(
        ctx.session, principal=ctx.principal, product_id=ctx.body.product_id, quantity=ctx.body.quantity
    ).to_schema()


@endpoint(
    cart_bp,
    "/cart/items/{id}",
    "PATCH",
    summary="Change a cart line's quantity",
    request=UpdateCartItem,
    response=CartOut,
    tags=("cart",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def update_cart_item(ctx: RequestContext[UpdateCartItem, None], id: uuid.UUID) -> CartOut:
    return cart.update_item(ctx.session, principal=ctx.principal, item_id=id, quantity=ctx.body.quantity).to_schema()


@endpoint(
    cart_bp,
    "/cart/items/{id}",
    "DELETE",
    summary="Remove a cart line",
    response=CartOut,
    tags=("cart",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def remove_cart_item(ctx: RequestContext, id: uuid.UUID) -> CartOut:
    return cart.remove_item(ctx.session, principal=ctx.principal, item_id=id).to_schema()


@endpoint(
    cart_bp,
    "/cart/delivery",
    "PUT",
    summary="Choose pickup or delivery for one wholesaler",
    request=ChooseDelivery,
    response=CartOut,
    errors=(404, 422),
    tags=("cart",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def choose_delivery(ctx: RequestContext[ChooseDelivery, None]) -> CartOut:
    return cart.choose_delivery(ctx.session, principal=ctx.principal, request=ctx.body).to_schema()


@endpoint(
    cart_bp,
    "/checkout",
    "POST",
    summary="Place the orders of the cart (Idempotency-Key header required)",
    headers=(checkout.IDEMPOTENCY_KEY,),
    request=CheckoutRequest,
    response=CheckoutOut,
    status=201,
    errors=(409, 422),
    tags=("checkout",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def place_checkout(ctx: RequestContext[CheckoutRequest, None]) -> CheckoutOut:
    return checkout.place_checkout(
        ctx.session, principal=ctx.principal, idempotency_key=ctx.header("idempotency-key"), body=ctx.body
    )


# --- orders ----------------------------------------------------------------------------


@endpoint(
    orders_bp,
    "/orders",
    "GET",
    summary="Your orders: purchases for retailers, the sales queue for wholesalers (filters and sorts)",
    query=OrderListQuery,
    response=OrderPage,
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=BOTH_SIDES,
)
def list_orders(ctx: RequestContext[None, OrderListQuery]) -> OrderPage:
    return queue.list_orders(
        ctx.session, principal=ctx.principal, query=ctx.query, statuses=repeated_statuses(ctx.request, ctx.query)
    )


@endpoint(
    orders_bp,
    "/orders/pick-list",
    "POST",
    summary="What to pick for some of your sales: their lines added up per product, by SKU (wholesaler)",
    request=PickListRequest,
    response=PickListOut,
    errors=(404,),
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=WHOLESALERS_ONLY,
)
def pick_list(ctx: RequestContext[PickListRequest, None]) -> PickListOut:
    return queue.pick_list(ctx.session, principal=ctx.principal, order_ids=ctx.body.order_ids)


@endpoint(
    orders_bp,
    "/orders/transitions",
    "POST",
    summary="Move many sales to one status; each order succeeds or fails on its own (wholesaler)",
    request=BulkTransitionRequest,
    response=BulkTransitionOut,
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=WHOLESALERS_ONLY,
)
def transition_orders(ctx: RequestContext[BulkTransitionRequest, None]) -> BulkTransitionOut:
    return bulk.transition_many(ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip)


@endpoint(
    orders_bp,
    "/orders/{id}",
    "GET",
    summary="One order with its lines, timeline and delivery tracking",
    response=OrderOut,
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=BOTH_SIDES,
)
def get_order(ctx: RequestContext, id: uuid.UUID) -> OrderOut:
    return service.get_order(ctx.session, principal=ctx.principal, order_id=id)


@endpoint(
    orders_bp,
    "/orders/{id}/transitions",
    "POST",
    summary="Move a sale to its next status (wholesaler)",
    request=TransitionRequest,
    response=OrderOut,
    errors=(409,),
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=WHOLESALERS_ONLY,
)
def transition_order(ctx: RequestContext[TransitionRequest, None], id: uuid.UUID) -> OrderOut:
    return service.transition(
        ctx.session, principal=ctx.principal, order_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    orders_bp,
    "/orders/{id}/cancel",
    "POST",
    summary="Cancel a placed order (retailer)",
    request=CancelRequest,
    response=OrderOut,
    errors=(409,),
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def cancel_order(ctx: RequestContext[CancelRequest, None], id: uuid.UUID) -> OrderOut:
    return service.cancel_by_retailer(ctx.session, principal=ctx.principal, order_id=id, reason=ctx.body.reason)


@endpoint(
    orders_bp,
    "/orders/{id}/receipt",
    "POST",
    summary="Confirm a delivered order arrived (retailer): it becomes completed",
    request=ReceiptRequest,
    response=OrderOut,
    errors=(409,),
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def confirm_receipt(ctx: RequestContext[ReceiptRequest, None], id: uuid.UUID) -> OrderOut:
    return service.confirm_receipt(
        ctx.session, principal=ctx.principal, order_id=id, note=ctx.body.note, source_ip=ctx.source_ip
    )


@endpoint(
    orders_bp,
    "/orders/{id}/collection",
    "POST",
    summary="Record a payment collected on delivery",
    request=CollectionRequest,
    response=OrderOut,
    status=201,
    errors=(422,),
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=WHOLESALERS_ONLY,
)
def record_collection(ctx: RequestContext[CollectionRequest, None], id: uuid.UUID) -> OrderOut:
    return service.record_collection(
        ctx.session, principal=ctx.principal, order_id=id, request=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    orders_bp,
    "/orders/{id}/reorder",
    "POST",
    summary="Put an order's lines back in the cart at today's prices",
    response=ReorderOut,
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=RETAILERS_ONLY,
)
def reorder(ctx: RequestContext, id: uuid.UUID) -> ReorderOut:
    return service.reorder(ctx.session, principal=ctx.principal, order_id=id)


@endpoint(
    orders_bp,
    "/orders/{id}/invoice.pdf",
    "GET",
    summary="The order's invoice as PDF",
    produces="application/pdf",
    tags=("orders",),
    roles=BUSINESS_ROLES,
    business_kinds=BOTH_SIDES,
)
def order_invoice(ctx: RequestContext, id: uuid.UUID) -> Response:
    pdf = invoice.render_invoice(ctx.session, principal=ctx.principal, order_id=id)
    return Response(
        body=pdf,
        status_code=200,
        headers={"Content-Type": "application/pdf", "Content-Disposition": f'inline; filename="{id}.pdf"'},
    )
