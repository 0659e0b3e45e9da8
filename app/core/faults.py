"""Faults: injected error statuses, bodies and latency for matching vendor requests.

A fault matches a request by vendor, and optionally method, path glob (``fnmatch`` on the full
request path) and tenant. It answers ``status`` in that vendor's own error body (through the one
app-level handler, :mod:`app.core.handlers`, and the vendor's ``render_error``), or ``body`` as
given, after sleeping ``delay_ms``; ``delay_ms`` alone slows the real answer. ``probability``
draws from a generator seeded by the sandbox seed, the fault's definition and the draw's number,
so a run repeats; ``times`` expires the fault after that many matches (counted atomically in the
journal file, across workers).

Faults live in the journal file (:mod:`app.core.journal`) so every worker sees them; each process
keeps them in a cache checked against a token that every change rewrites in a memory-mapped file
shared by the workers (no query per request).

One fault at most per request: a valid ``Prefer: code=<400-599>`` and/or ``Prefer: delay=<ms>``
header first (a one-off fault, as Stoplight Prism does; other preferences and values out of range
are ignored), else the newest matching fault. CORS preflights (``OPTIONS``) are left alone unless a
fault names that method. Faults without a tenant apply before anything else
(even to a request without credentials); tenant faults right after the request authenticated as
that tenant (:func:`after_auth`, called by :class:`app.core.vendor.VendorBlueprint`).
"""

import fnmatch
import math
import re
import time

import orjson
from flask import current_app, g, request

from app.core import errors, rand

FIELDS = ("vendor", "method", "path", "tenant", "status", "delay_ms", "body", "probability", "times")
MAX_DELAY_MS = 60_000
METHOD = re.compile(r"^[A-Za-z]{1,16}$")
PREFER_PART = re.compile(r"^\s*([A-Za-z_-]+)\s*=\s*\"?([^\";]*)\"?\s*$")
STATUS_ERRORS = {400: errors.BadRequest, 401: errors.Unauthorized, 403: errors.Forbidden, 404: errors.NotFound,
                 405: errors.MethodNotAllowed, 409: errors.Conflict, 413: errors.PayloadTooLarge,
                 422: errors.Invalid, 500: errors.Internal}


class Invalid(ValueError):
    """A fault definition that cannot be stored (the route answers 400 with this message)."""


# -- definitions ------------------------------------------------------------------
def _int(body, name, low, high):
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid(f"{name} must be an integer from {low} to {high}.")
    return value


def validate(body, vendors):
    """A fault definition from a POST body: every field of :data:`FIELDS`, normalized. Raises :class:`Invalid`."""
    if not isinstance(body, dict):
        raise Invalid("The body must be a JSON object.")
    unknown = sorted(set(body) - set(FIELDS))
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(unknown)}; a fault takes {', '.join(FIELDS)}.")
    vendor = body.get("vendor")
    if not isinstance(vendor, str) or vendor.lower() not in vendors:
        raise Invalid(f"vendor is required: one of {', '.join(sorted(vendors))}.")
    spec = {"vendor": vendor.lower()}
    method = body.get("method")
    if method is not None and (not isinstance(method, str) or not METHOD.match(method)):
        raise Invalid("method must be an HTTP method, e.g. GET.")
    spec["method"] = method.upper() if method else None
    path = body.get("path")
    if path is not None and (not isinstance(path, str) or not path or len(path) > 2048):
        raise Invalid("path must be a glob on the request path, e.g. /skode/v1/leads*.")
    spec["path"] = path
    tenant = body.get("tenant")
    if isinstance(tenant, int) and not isinstance(tenant, bool):
        tenant = str(tenant)
    if tenant is not None and (not isinstance(tenant, str) or not tenant):
        raise Invalid("tenant must be a tenant id as GET /__admin/tenants lists it.")
    spec["tenant"] = tenant
    spec["status"] = _int(body, "status", 400, 599)
    spec["delay_ms"] = _int(body, "delay_ms", 0, MAX_DELAY_MS)
    spec["body"] = body.get("body")
    if spec["body"] is not None and spec["status"] is None:
        raise Invalid("body needs a status to answer it with.")
    if spec["status"] is None and spec["delay_ms"] is None:
        raise Invalid("A fault needs a status (400-599) or a delay_ms (0-60000), or both.")
    probability = body.get("probability", 1)
    if probability is None:
        probability = 1
    if (isinstance(probability, bool) or not isinstance(probability, (int, float)) or not math.isfinite(probability)
            or not 0 <= probability <= 1):
        raise Invalid("probability must be a number from 0 to 1.")
    spec["probability"] = probability
    spec["times"] = _int(body, "times", 1, 2**53)
    return spec


def _fault(row):
    fault = orjson.loads(row[2])
    return {"id": row[0], **fault, "matched": row[3]}


def _transaction(journal, work):
    with journal.transaction() as c:
        return work(c)


def create(journal, spec):
    """Store a validated definition; the fault as the API shows it."""
    fault_id = "flt_" + rand.token(16)
    created = time.time()

    def work(c):
        seq = c.execute("SELECT coalesce(max(seq), 0) + 1 FROM faults").fetchone()[0]
        c.execute("INSERT INTO faults (id, seq, spec, times, created_at) VALUES (?, ?, ?, ?, ?)",
                  (fault_id, seq, orjson.dumps(spec).decode(), spec["times"], str(created)))

    _transaction(journal, work)
    journal.faults_changed()
    return {"id": fault_id, **spec, "matched": 0}


def list_all(journal):
    with journal.locked() as c:
        rows = c.execute("SELECT id, seq, spec, matched FROM faults ORDER BY seq").fetchall()
    return [_fault(row) for row in rows]


def get(journal, fault_id):
    with journal.locked() as c:
        row = c.execute("SELECT id, seq, spec, matched FROM faults WHERE id = ?", (fault_id,)).fetchone()
    return _fault(row) if row else None


def delete(journal, fault_id):
    """True when the fault existed."""
    with journal.exclusive() as c:
        deleted = c.execute("DELETE FROM faults WHERE id = ?", (fault_id,)).rowcount
    journal.faults_changed()
    return bool(deleted)


def delete_all(journal):
    """Forget every fault; how many there were."""
    with journal.exclusive() as c:
        deleted = c.execute("DELETE FROM faults").rowcount
    journal.faults_changed()
    return deleted


# -- matching -------------------------------------------------------------------------
def active(journal):
    """``{vendor: (faults without tenant, tenant faults)}``, newest first, expired ones left out.

    Cached per journal object (per process) and re-read only when the shared token changed.
    """
    version = journal.faults_token()
    cached = journal.faults_cache
    if cached is not None and cached[0] == version:
        return cached[1]
    with journal.locked() as c:
        rows = c.execute("SELECT id, seq, spec, matched FROM faults WHERE times IS NULL OR matched < times"
                         " ORDER BY seq DESC").fetchall()
    by_vendor = {}
    for row in rows:
        fault = _fault(row)
        before, after = by_vendor.setdefault(fault["vendor"], ([], []))
        (after if fault["tenant"] is not None else before).append(fault)
    journal.faults_cache = (version, by_vendor)
    return by_vendor


def _matches(fault, method, path):
    if fault["method"] != method and (fault["method"] is not None or method == "OPTIONS"):
        return False    # a CORS preflight is faulted only by a fault for OPTIONS
    return fault["path"] is None or fnmatch.fnmatchcase(path, fault["path"])


def _claim(journal, fault):
    """Draw (``probability``) and count (``times``) a matching fault; False when it does not apply."""
    if fault["probability"] < 1:
        with journal.exclusive() as c:
            drawn = next(iter(c.execute("UPDATE faults SET draws = draws + 1 WHERE id = ? RETURNING draws",
                                        (fault["id"],)).fetchall()), None)  # all: the statement completes
        if drawn is None:
            return False
        definition = orjson.dumps({k: fault[k] for k in FIELDS}, option=orjson.OPT_SORT_KEYS).decode()
        seed = current_app.config.get("SEED", 0)
        if not rand.Rand(seed, f"fault:{definition}:{drawn[0]}").chance(fault["probability"]):
            return False

    with journal.exclusive() as c:
        claimed = next(iter(c.execute("UPDATE faults SET matched = matched + 1 WHERE id = ?"
                                      " AND (times IS NULL OR matched < times) RETURNING matched, times",
                                      (fault["id"],)).fetchall()), None)
    if claimed is not None and claimed[1] is not None and claimed[0] >= claimed[1]:
        journal.faults_changed()     # expired: every process drops it from its cache
    return claimed is not None


def parse_prefer(value):
    """``{"status", "delay_ms"}`` of a ``Prefer`` header (``code=503``, ``delay=1500``), or None.

    As Prism: unknown preferences are ignored; so are a code outside 400-599 and a delay
    outside 0-60000 ms or not an integer.
    """
    status = delay = None
    for part in re.split(r"[,;]", value):
        match = PREFER_PART.match(part)
        if not match:
            continue
        name, text = match.group(1).lower(), match.group(2).strip()
        if not text.isdigit() or len(text) > 6:
            continue
        number = int(text)
        if name == "code" and 400 <= number <= 599:
            status = number
        elif name == "delay" and number <= MAX_DELAY_MS:
            delay = number
    if status is None and delay is None:
        return None
    return {"status": status, "delay_ms": delay, "body": None}


def error_for(status):
    """A core error the vendor's ``render_error`` renders as its own body; answered with ``status``."""
    cls = STATUS_ERRORS.get(status)
    if cls is None:
        cls = errors.Internal if status >= 500 else errors.BadRequest
    error = errors.RateLimited(60) if status == 429 else cls()
    error.status = status
    error.forced_status = status
    return error


def _apply(fault):
    if fault["delay_ms"]:
        time.sleep(fault["delay_ms"] / 1000)
    if fault["status"] is None:
        return None
    if fault["body"] is not None:
        return current_app.response_class(orjson.dumps(fault["body"]), status=fault["status"],
                                          mimetype="application/json")
    raise error_for(fault["status"])


def before_request(vendor):
    """The app-wide hook for a vendor request, before anything else: Prefer, then faults without tenant."""
    prefer = request.headers.get("Prefer")
    if prefer and request.method != "OPTIONS":
        spec = parse_prefer(prefer)
        if spec is not None:
            g.leadmock_fault = "prefer"
            return _apply(spec)
    before, after = active(current_app.extensions["leadmock.journal"]).get(vendor, ((), ()))
    if after:
        g.leadmock_tenant_faults = after
    if before:
        method, path = request.method, request.path
        for fault in before:
            if _matches(fault, method, path) and _claim(current_app.extensions["leadmock.journal"], fault):
                g.leadmock_fault = fault["id"]
                return _apply(fault)
    return None


def after_auth():
    """Tenant faults, right after the blueprint's authenticator set the principal."""
    candidates = g.pop("leadmock_tenant_faults", None)
    if not candidates or g.get("leadmock_fault") is not None:
        return None
    principal = g.get("principal")
    started = g.get("leadmock_journal")
    if principal is None or started is None:
        return None
    tenant_of = current_app.extensions["leadmock.vendors"][started[0]].tenant_of
    tenant = tenant_of(principal) if tenant_of else None
    if tenant is None:
        return None
    method, path = request.method, request.path
    for fault in candidates:
        if fault["tenant"] == tenant and _matches(fault, method, path) \
                and _claim(current_app.extensions["leadmock.journal"], fault):
            g.leadmock_fault = fault["id"]
            return _apply(fault)
    return None
