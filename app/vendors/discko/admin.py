"""``/__admin/discko``: the webhook URL (set in Discko's dashboard in reality) and unlocking a lead.

A plain Flask blueprint; ``create_app`` mounts it and guards it with the admin token like every
``/__admin`` route. Errors use the plain ``{"error", "message"}``. ``<org>`` is an organizationId or a slug.
"""

from flask import Blueprint, request

from app.core.errors import Invalid
from app.vendors.discko import store, webhooks

bp = Blueprint("discko_admin", __name__)


def _body():
    data = request.get_json(silent=True, force=True)
    if not isinstance(data, dict):
        raise Invalid({"_schema": ["Body must be a JSON object: {\"url\": \"https://...\"}."]},
                      message="Body must be a JSON object: {\"url\": \"https://...\"}.")
    return data


@bp.get("/webhooks/<org>")
def get_webhook(org):
    """The organization's webhook URL (``url`` null when none)."""
    return webhooks.endpoint(org)


@bp.put("/webhooks/<org>")
def put_webhook(org):
    """Set the organization's webhook URL: ``{"url": "https://..."}`` (http:// or https://)."""
    return webhooks.set_endpoint(org, _body())


@bp.delete("/webhooks/<org>")
def delete_webhook(org):
    """Remove the organization's webhook URL (no further events; retries still due are cancelled)."""
    return webhooks.delete_endpoint(org)


@bp.post("/webhooks/<org>/test")
def test_webhook(org):
    """Send the ``test`` event, like the dashboard's "Test the connection" (202; 409 without a URL)."""
    return webhooks.send_test(org), 202


@bp.post("/leads/<lead_id>/unlock")
def unlock_lead(lead_id):
    """Unlock a locked lead (the user's action in Discko): readable again, ``lead.unlocked`` is sent."""
    return store.unlock(lead_id)
