"""Notification and activity-feed routes (doc 6.15)."""

from app.core.auth import principal
from app.vendors.lio.activity import store
from app.vendors.lio.activity.schemas import (FeedListQuery, FeedSchema, NotificationListQuery,
                                              NotificationReadSchema, NotificationSchema)
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import UpdatedSchema

blp = LioBlueprint("lio_activity", __name__, auth=bearer, description="Notifications and the activity feed.")


@blp.route("/notification/list", methods=["GET"])
@blp.arguments(NotificationListQuery, location="query")
@blp.response(200, NotificationSchema(many=True), message="Notifications fetched successfully")
@blp.doc(operationId="listNotifications")
def notification_list(args):
    """List notifications

    Sandbox: your own notifications and your organization's org-wide ones (`user_id` null).
    `type_id`: 1 assignment, 2 hot_lead, 3 import_done, 4 export_done, 5 booking, 6 system.
    `is_read` takes `true`/`false`.
    """
    return store.list_notifications(principal(), args)


@blp.route("/notification/read", methods=["POST"])
@blp.arguments(NotificationReadSchema)
@blp.response(200, UpdatedSchema, message="Notifications marked as read")
@blp.doc(operationId="markNotificationsRead")
def notification_read(body):
    """Mark notifications read

    Sandbox: `updated` counts the notifications that turned read; ids of other users or
    organizations, unknown ids and already-read ones are ignored (not an error).
    """
    return store.mark_read(principal(), body)


@blp.route("/feed/list", methods=["GET"])
@blp.arguments(FeedListQuery, location="query")
@blp.response(200, FeedSchema(many=True), message="Activity feed fetched successfully")
@blp.doc(operationId="listActivityFeed")
def feed_list(args):
    """Activity feed

    Sandbox: your organization's feed rows, written by every area as records change; `model_type`
    (e.g. `lead`, `company`, `contact`, `deal`, `export`) and `model_id` narrow it.
    """
    return store.list_feed(principal(), args)
