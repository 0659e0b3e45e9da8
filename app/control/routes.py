"""``/__admin``: health, reset, snapshots, the sandbox clock and the tenants.

Errors here use the plain ``{"error", "message"}`` body. When
``LEADMOCK_ADMIN_TOKEN`` is set every route but ``/health`` needs ``Authorization: Bearer <token>``.
Same-origin only unless ``LEADMOCK_ADMIN_CORS_ORIGINS`` lists other origins.
"""

import hmac
import math
import re
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, request

from app import config as app_config
from app.core import auth, clock, db
from app.core.errors import BadRequest, Forbidden, Invalid, NotFound, Unauthorized

bp = Blueprint("leadmock_admin", __name__, url_prefix="/__admin")
SNAPSHOT_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def require_admin():
    """App-wide ``before_request`` for every ``/__admin`` path.

    Requests sent by a page of another origin are refused (403) unless ``LEADMOCK_ADMIN_CORS_ORIGINS``
    lists it, so no web page can reset the sandbox or read credentials. When a token is set, every
    route but ``/__admin/health`` (liveness and readiness probes) needs it.
    """
    if not (request.path + "/").startswith("/__admin/"):
        return None
    same_origin_only()
    if request.method == "OPTIONS" or request.path.rstrip("/") == "/__admin/health" or token_accepted():
        return None
    raise Unauthorized(message="Admin token missing or wrong: send Authorization: Bearer <LEADMOCK_ADMIN_TOKEN>.")


def token_accepted():
    """True when no admin token is set or the request sends it as ``Authorization: Bearer``."""
    token = current_app.config.get("ADMIN_TOKEN")
    if not token:
        return True
    given = auth.bearer() or ""
    return hmac.compare_digest(given.encode(), str(token).encode())


def same_origin_only():
    """403 when the request's ``Origin`` is neither this server nor in ``LEADMOCK_ADMIN_CORS_ORIGINS``.

    Browsers send ``Origin`` on every cross-origin request that can change state (also on "simple"
    POSTs, which no preflight guards); clients that are not browsers send none and pass.
    """
    origin = request.headers.get("Origin")
    if origin is None or urlsplit(origin).netloc.lower() == request.host.lower():
        return
    allowed = app_config.origins(current_app.config.get("ADMIN_CORS_ORIGINS"))
    if "*" in allowed or origin in allowed:
        return
    raise Forbidden(message=f"/__admin does not accept requests from pages of {origin}: it is same-origin unless "
                            "LEADMOCK_ADMIN_CORS_ORIGINS lists the origin.")


def _body():
    data = request.get_json(silent=True, force=True)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Invalid({"_schema": ["Body must be a JSON object."]})
    return data


def _database():
    return current_app.extensions["leadmock.db"]


@bp.get("/health")
def health():
    """Cheap liveness probe."""
    return {"status": "ok", "vendors": sorted(current_app.extensions["leadmock.vendors"])}


@bp.post("/reset")
def reset():
    """Restore the seeded state (data and clock): the changes since the seed are undone."""
    started = time.perf_counter()
    _database().reset()
    return {"status": "reset", "milliseconds": round((time.perf_counter() - started) * 1000, 2)}


def _snapshot_name(name):
    if not SNAPSHOT_NAME.match(name) or name == db.PRISTINE:
        raise Invalid({"name": ["Use 1-64 letters, digits, '-' or '_'."]})
    return name


@bp.post("/snapshots/<name>")
def save_snapshot(name):
    """Save the current state as snapshot ``name``."""
    _database().save_snapshot(_snapshot_name(name))
    return {"status": "saved", "name": name}, 201


@bp.post("/snapshots/<name>/restore")
def restore_snapshot(name):
    """Restore snapshot ``name``."""
    try:
        _database().restore_snapshot(_snapshot_name(name))
    except KeyError:
        raise NotFound("snapshot", name, message=f"No snapshot named {name!r}.") from None
    return {"status": "restored", "name": name}


@bp.get("/clock")
def get_clock():
    """The sandbox time."""
    return clock.state()


@bp.put("/clock")
def put_clock():
    """Set the sandbox time: ``{"now": ISO 8601, "frozen": true}`` (frozen by default).

    Years 1970 to 9000 only (``clock.EARLIEST``..``clock.LATEST``): 400 otherwise, nothing stored.
    """
    body = _body()
    frozen = body.get("frozen", True)
    if not isinstance(frozen, bool):
        raise Invalid({"frozen": ["Must be a boolean."]})
    try:
        instant = clock.parse_iso(body.get("now"))
    except (ValueError, TypeError):
        raise Invalid({"now": ["Must be an ISO 8601 date-time, e.g. 2026-01-13T10:30:00Z."]}) from None
    try:
        clock.set_time(instant, frozen=frozen)
    except clock.OutOfRange as exc:
        raise BadRequest(str(exc)) from None
    return clock.state()


@bp.delete("/clock")
def delete_clock():
    """Back to real time."""
    clock.reset()
    return clock.state()


@bp.post("/clock/advance")
def advance_clock():
    """Move the sandbox time by ``{"seconds": N}``; a result outside the clock's range is 400."""
    seconds = _body().get("seconds")
    if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
            or abs(seconds) > 100 * 365 * 86400 or not math.isfinite(seconds)):
        raise Invalid({"seconds": ["Must be a number of seconds (within 100 years)."]})
    try:
        clock.advance(seconds)
    except clock.OutOfRange as exc:
        raise BadRequest(str(exc)) from None
    return clock.state()
