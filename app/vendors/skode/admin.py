"""``/__admin/skode``: the trash of deleted leads (not a Skode route, not in its spec).

A plain Flask blueprint; ``create_app`` mounts it and guards it with the admin
token like every ``/__admin`` route. Errors use the plain ``{"error", "message"}``.
Like Skode's own routes, it first settles Skode's due effects (purges).
"""

from flask import Blueprint, request

from app.core import timeline
from app.vendors.skode import store

bp = Blueprint("skode_admin", __name__)


@bp.before_request
def _settle():
    timeline.settle("skode")


@bp.get("/trash")
def trash():
    """Trashed leads (``?workspace=<id>`` for one workspace) with ``deleted_at`` and ``purge_at``."""
    return store.trash(request.args.get("workspace") or None)


@bp.post("/trash/<lead_id>/restore")
def restore(lead_id):
    """Put a trashed lead back; 404 when unknown or purged (30 days of sandbox time)."""
    return store.restore(lead_id)
