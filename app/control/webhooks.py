"""``/__admin/webhooks``: every outgoing webhook delivery and its attempts (``app.core.webhooks``)."""

import re

from flask import request

from app.control.routes import bp
from app.core import webhooks
from app.core.errors import Invalid, NotFound

MAX_LIMIT = 1000


@bp.get("/webhooks/deliveries")
def webhook_deliveries():
    """Deliveries newest first, each with its attempts (time, response status or error, next attempt).

    Filters: ``vendor``, ``tenant``, ``event``, ``endpoint``, ``status`` (pending, sending, succeeded,
    failed); ``limit`` (default 100, at most 1000). ``total`` counts every match.
    """
    args = request.args
    status = args.get("status") or None
    if status is not None and status not in webhooks.STATUSES:
        raise Invalid({"status": [f"Must be one of: {', '.join(webhooks.STATUSES)}."]},
                      message=f"Unknown status {status!r}: use {', '.join(webhooks.STATUSES)}.")
    limit = args.get("limit", "100")
    if not re.fullmatch(r"[0-9]{1,4}", limit) or not 1 <= int(limit) <= MAX_LIMIT:
        raise Invalid({"limit": [f"Must be an integer from 1 to {MAX_LIMIT}."]},
                      message=f"limit must be an integer from 1 to {MAX_LIMIT}.")
    return webhooks.deliveries(vendor=args.get("vendor") or None, tenant=args.get("tenant") or None,
                               event=args.get("event") or None, endpoint=args.get("endpoint") or None,
                               status=status, limit=int(limit))


@bp.get("/webhooks/deliveries/<int:delivery_id>")
def webhook_delivery(delivery_id):
    """One delivery with its attempts; 404 when unknown."""
    found = webhooks.delivery(delivery_id)
    if found is None:
        raise NotFound("delivery", delivery_id, message=f"No webhook delivery {delivery_id}.")
    return found
