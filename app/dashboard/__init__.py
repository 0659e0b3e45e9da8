"""The HTML page at ``/``: vendors, API base URLs, example requests, credentials, counts, reset.

It lists each vendor's documented (well-known) tenants and counts the others (``/__admin/tenants``
lists all). When ``LEADMOCK_ADMIN_TOKEN`` is set the page is *locked*: it shows the vendors, base
URLs and counts, and asks for the token; the page's script keeps the token in ``sessionStorage``
(this tab only), loads the page again with ``Authorization: Bearer <token>`` to show credentials,
and sends it with the reset. A wrong token answers 401 (still locked).
"""

from flask import Blueprint, current_app, make_response, render_template, request

from app.control import token_accepted
from app.core import auth

bp = Blueprint("leadmock_dashboard", __name__, template_folder="templates")
KEY_PLACEHOLDER = "<API key>"


def _tenants(vendor):
    """``(well-known tenants, number of the others)``."""
    tenants = vendor.tenants()
    known = [tenant for tenant in tenants if tenant.get("id") in vendor.well_known]
    return known, len(tenants) - len(known)


def _vendor(vendor, mount, host, unlocked):
    api_base = host + mount + vendor.api_base
    known, others = _tenants(vendor) if unlocked else ([], None)
    key = vendor.example_key if unlocked else KEY_PLACEHOLDER
    return {
        "name": vendor.name,
        "title": vendor.title,
        "api_base": api_base,
        "real": vendor.real_base_url + vendor.api_base,
        "docs": host + mount + "/docs",
        "spec": host + mount + "/openapi.json",
        "example": vendor.example.replace("{base}", api_base).replace("{key}", key) if vendor.example else "",
        "tenants": known,
        "others": others,
        "counts": vendor.counts() if vendor.counts else {},
    }


@bp.get("/")
def index():
    host = request.host_url.rstrip("/")
    locked = bool(current_app.config.get("ADMIN_TOKEN"))
    unlocked = token_accepted()
    vendors = [_vendor(vendor, current_app.extensions["leadmock.mounts"][name], host, unlocked)
               for name, vendor in current_app.extensions["leadmock.vendors"].items()]
    page = render_template("index.html", vendors=vendors, base=host, locked=locked, unlocked=unlocked)
    wrong_token = locked and not unlocked and auth.bearer() is not None
    response = make_response(page, 401 if wrong_token else 200)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Vary"] = "Authorization"
    return response
