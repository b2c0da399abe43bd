"""Notifications HTTP routes (served by the `account` Lambda): the signed-in user's in-app
notifications and notification preferences."""

from __future__ import annotations

import uuid

from chalice.app import Blueprint

from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import ANY_ROLE
from chalicelib.notifications import service
from chalicelib.notifications.schemas import (
    MarkedRead,
    NotificationListQuery,
    NotificationOut,
    NotificationPage,
    NotificationPreferences,
    UnreadCount,
    UpdatePreferencesRequest,
)

notifications_bp = Blueprint(f"{__name__}.notifications")

TAGS = ("notifications",)


@endpoint(
    notifications_bp,
    "/notifications",
    "GET",
    summary="Your notifications, newest first",
    roles=ANY_ROLE,
    query=NotificationListQuery,
    response=NotificationPage,
    tags=TAGS,
)
def list_notifications(ctx: RequestContext[None, NotificationListQuery]) -> NotificationPage:
    q: NotificationListQuery = ctx.query
    return service.list_notifications(
        ctx.session, principal=ctx.principal, unread_only=q.unread, cursor=q.cursor, limit=q.limit
    )


@endpoint(
    notifications_bp,
    "/notifications/unread-count",
    "GET",
    summary="How many of your notifications are unread",
    roles=ANY_ROLE,
    response=UnreadCount,
    tags=TAGS,
)
def unread_count(ctx: RequestContext) -> UnreadCount:
    return service.unread_count(ctx.session, principal=ctx.principal)


@endpoint(
    notifications_bp,
    "/notifications/{id}/read",
    "POST",
    summary="Mark one of your notifications read",
    roles=ANY_ROLE,
    response=NotificationOut,
    errors=(404,),
    tags=TAGS,
)
def mark_read(ctx: RequestContext, id: uuid.UUID) -> NotificationOut:
    return service.mark_read(ctx.session, principal=ctx.principal, notification_id=id)


@endpoint(
    notifications_bp,
    "/notifications/read-all",
    "POST",
    summary="Mark all your notifications read",
    roles=ANY_ROLE,
    response=MarkedRead,
    tags=TAGS,
)
def mark_all_read(ctx: RequestContext) -> MarkedRead:
    return service.mark_all_read(ctx.session, principal=ctx.principal)


@endpoint(
    notifications_bp,
    "/me/notification-preferences",
    "GET",
    summary="Your notification preferences, per category and channel",
    roles=ANY_ROLE,
    response=NotificationPreferences,
    tags=TAGS,
)
def get_preferences(ctx: RequestContext) -> NotificationPreferences:
    return service.get_preferences(ctx.session, principal=ctx.principal)


@endpoint(
    notifications_bp,
    "/me/notification-preferences",
    "PUT",
    summary="Turn notification channels on or off per category (security cannot be turned off: 422)",
    roles=ANY_ROLE,
    request=UpdatePreferencesRequest,
    response=NotificationPreferences,
    errors=(422,),
    tags=TAGS,
)
def update_preferences(ctx: RequestContext[UpdatePreferencesRequest, None]) -> NotificationPreferences:
    body: UpdatePreferencesRequest = ctx.body
    return service.update_preferences(ctx.session, principal=ctx.principal, changes=body.preferences)
