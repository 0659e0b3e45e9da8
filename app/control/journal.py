"""``/__admin/requests``: the request journal (:mod:`app.core.journal`), for inspection and verification.

Filters (query parameters of ``GET``, JSON fields of ``POST /count``): ``vendor``, ``tenant``,
``method``, ``path`` (a glob on the full request path, ``/skode/v1/leads*``), ``status``, ``since``
(ISO 8601, real time); ``GET`` adds ``limit`` (1-10000, default 100). Newest first.
"""

import re

from flask import current_app, request

from app.control.routes import bp
from app.core import clock
from app.core.errors import BadRequest, NotFound

MATCHER_FIELDS = ("vendor", "tenant", "method", "path", "status", "since")
METHOD = re.compile(r"^[A-Za-z]{1,16}$")
DEFAULT_LIMIT, MAX_LIMIT = 100, 10_000


def _journal():
    return current_app.extensions["leadmock.journal"]


def _integer(name, value, low, high):
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadRequest(f"{name} must be an integer from {low} to {high}.")
    return value


def matcher(source):
    """The journal matcher of ``source`` (query args or a JSON object); 400 for a bad value."""
    found = {}
    vendor = source.get("vendor")
    if vendor is not None:
        vendors = current_app.extensions["leadmock.vendors"]
        if not isinstance(vendor, str) or vendor.lower() not in vendors:
            raise BadRequest(f"vendor must be one of {', '.join(sorted(vendors))}.")
        found["vendor"] = vendor.lower()
    tenant = source.get("tenant")
    if tenant is not None:
        if isinstance(tenant, int) and not isinstance(tenant, bool):
            tenant = str(tenant)
        if not isinstance(tenant, str) or not tenant:
            raise BadRequest("tenant must be a tenant id as GET /__admin/tenants lists it.")
        found["tenant"] = tenant
    method = source.get("method")
    if method is not None:
        if not isinstance(method, str) or not METHOD.match(method):
            raise BadRequest("method must be an HTTP method, e.g. PUT.")
        found["method"] = method.upper()
    path = source.get("path")
    if path is not None:
        if not isinstance(path, str) or not path:
            raise BadRequest("path must be a glob on the request path, e.g. /skode/v1/leads*.")
        found["path"] = path
    if source.get("status") is not None:
        found["status"] = _integer("status", source.get("status"), 100, 599)
    since = source.get("since")
    if since is not None:
        try:
            instant = clock.parse_iso(since)
        except (ValueError, TypeError, OverflowError):
            raise BadRequest("since must be an ISO 8601 date-time (real time), e.g. 2026-01-13T10:30:00Z.") from None
        found["since"] = instant
    return found


@bp.get("/requests")
def list_requests():
    """Journaled vendor requests, newest first, filtered; ``{"requests": [...], "count": n}``."""
    limit = request.args.get("limit")
    limit = DEFAULT_LIMIT if limit is None else _integer("limit", limit, 1, MAX_LIMIT)
    found = _journal().find(matcher(request.args), limit)
    return {"requests": found, "count": len(found)}


@bp.get("/requests/<int:entry_id>")
def get_request(entry_id):
    """One journaled request."""
    entry = _journal().get(entry_id)
    if entry is None:
        raise NotFound("request", entry_id, message=f"No journaled request {entry_id}.")
    return entry


@bp.delete("/requests")
def delete_requests():
    """Forget every journaled request; ``{"deleted": n}``."""
    return {"deleted": _journal().clear()}


@bp.post("/requests/count")
def count_requests():
    """How many journaled requests match the JSON matcher (``vendor``, ``tenant``, ``method``, ``path``,
    ``status``, ``since``); ``{"count": n}``."""
    body = request.get_json(silent=True, force=True)
    if body is None and not request.get_data():
        body = {}
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object of matcher fields.")
    unknown = sorted(set(body) - set(MATCHER_FIELDS))
    if unknown:
        raise BadRequest(f"Unknown field(s): {', '.join(unknown)}; match on {', '.join(MATCHER_FIELDS)}.")
    return {"count": _journal().count(matcher(body))}
