"""Outgoing webhooks: deliveries stored in SQLite, sent by one dispatcher thread per app, on the sandbox clock.

A vendor store calls :func:`enqueue` INSIDE the write transaction of the change that caused the event
(``db.write()`` joins it), so the delivery commits, or rolls back, with the event; sending never blocks
or fails that request. The vendor gives its retry rules as data (:func:`policy`): the delays of sandbox
time before each retry, which answers are retried, whether redirects are followed, its timeout.

The dispatcher (a daemon thread, started lazily by ``create_app`` when deliveries are pending or by the
first :func:`enqueue`) claims due deliveries atomically across threads and worker processes
(``UPDATE ... RETURNING`` in ``BEGIN IMMEDIATE``, with a claim token), sends them with no transaction
open, then records the attempt only if its claim still holds: after ``/__admin/reset`` (which restores
the seeded, delivery-free state) an attempt in flight writes nothing. Retries fall due on the sandbox
clock; moving the clock wakes the dispatcher (it also polls every :data:`POLL_SECONDS`).

Tables (in the main database, created by seeding, so reset clears them): ``core_webhook_deliveries``
and ``core_webhook_attempts``. Core knows no vendor: vendor, tenant, event, URL, body and headers are
opaque here.
"""

import http.client
import logging
import os
import socket
import ssl
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta, timezone
from urllib.parse import urljoin, urlsplit

import orjson

from app.core import clock, db, rand

log = logging.getLogger("leadmock.webhooks")

DELIVERIES = "core_webhook_deliveries"
ATTEMPTS = "core_webhook_attempts"
STATUSES = ["pending", "sending", "succeeded", "failed", "cancelled"]
POLL_SECONDS = 0.2
DEFAULT_TIMEOUT = 10.0          # seconds per attempt when neither the vendor nor LEADMOCK_WEBHOOK_TIMEOUT says
SENDERS = 4                     # attempts sent at the same time by one dispatcher
MAX_REDIRECTS = 5
KEPT_RESPONSE_CHARS = 1000      # of each answer's body, shown in /__admin/webhooks/deliveries
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "leadmock-webhooks/1.0"


def ensure_table(connection):
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {DELIVERIES} (id INTEGER PRIMARY KEY, vendor TEXT NOT NULL, tenant TEXT NOT NULL,"
        " event TEXT NOT NULL, endpoint TEXT, url TEXT NOT NULL, body TEXT NOT NULL, headers TEXT NOT NULL,"
        " policy TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, next_at TEXT,"
        " attempts INTEGER NOT NULL DEFAULT 0, claim TEXT, claimed_until REAL)")
    connection.execute(f"CREATE INDEX IF NOT EXISTS idx_{DELIVERIES}_due ON {DELIVERIES} (status, next_at, id)")
    connection.execute(f"CREATE INDEX IF NOT EXISTS idx_{DELIVERIES}_list ON {DELIVERIES} (vendor, tenant, id)")
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {ATTEMPTS} (id INTEGER PRIMARY KEY,"
        f" delivery_id INTEGER NOT NULL REFERENCES {DELIVERIES}(id) ON DELETE CASCADE, number INTEGER NOT NULL,"
        " at TEXT NOT NULL, url TEXT NOT NULL, response_status INTEGER, response_body TEXT, error TEXT,"
        " duration_ms REAL NOT NULL, next_attempt_at TEXT)")
    connection.execute(f"CREATE INDEX IF NOT EXISTS idx_{ATTEMPTS}_delivery ON {ATTEMPTS} (delivery_id, number)")


def policy(delays, retry_statuses=None, follow_redirects=False, retry_errors=True, timeout=None):
    """A vendor's retry rules, as stored with each delivery.

    - ``delays``: seconds of sandbox time before retry 1, 2, ... (then the delivery is failed);
    - ``retry_statuses``: the HTTP statuses that are retried (``None``: every answer outside 2xx);
    - ``follow_redirects``: 3xx answers are followed (up to :data:`MAX_REDIRECTS`), else they are failures;
    - ``retry_errors``: network errors and timeouts are retried;
    - ``timeout``: the vendor's per-attempt timeout in seconds (``LEADMOCK_WEBHOOK_TIMEOUT`` overrides it).
    """
    return {"delays": [int(d) if float(d).is_integer() else float(d) for d in delays],
            "retry_statuses": None if retry_statuses is None else sorted(int(s) for s in retry_statuses),
            "follow_redirects": bool(follow_redirects), "retry_errors": bool(retry_errors),
            "timeout": None if timeout is None else float(timeout)}


def _stamp(instant):
    """A sortable UTC text with microseconds (``next_at`` and the instant it is compared with)."""
    i = instant.astimezone(timezone.utc)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (i.year, i.month, i.day, i.hour, i.minute, i.second, i.microsecond)


def _shown(stamp):
    return None if stamp is None else clock.iso(clock.parse_iso(stamp))


# -- enqueue ----------------------------------------------------------------------------------
def enqueue(vendor, tenant, event, url, body, headers=None, rules=None, endpoint=None):
    """Store a delivery of ``body`` (bytes or str) to ``url``, due now; returns its id.

    Call it inside the write transaction of the change that caused ``event`` (it joins it). ``rules``
    comes from :func:`policy` (default: no retries); ``endpoint`` names the vendor's endpoint object.
    """
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    now = clock.now()
    with db.write() as c:
        row = c.execute(
            f"INSERT INTO {DELIVERIES} (vendor, tenant, event, endpoint, url, body, headers, policy, status,"
            " created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
            (vendor, str(tenant), event, endpoint, url, body, orjson.dumps(dict(headers or {})).decode(),
             orjson.dumps(rules or policy([])).decode(), clock.iso(now), _stamp(now))).fetchone()
    _start_for_current_app()
    return row[0]


def cancel(vendor, tenant, endpoint=None):
    """Stop the deliveries still to be made (``pending``, or ``sending`` with an attempt in flight,
    which is recorded but not retried) of ``tenant``'s ``endpoint`` (None: every endpoint of the
    tenant): the vendor removed the endpoint. Call it inside that write. Returns how many."""
    clause, params = ("", ()) if endpoint is None else (" AND endpoint = ?", (endpoint,))
    with db.write() as c:
        return c.execute(f"UPDATE {DELIVERIES} SET status = 'cancelled', next_at = NULL"
                         f" WHERE vendor = ? AND tenant = ? AND status IN ('pending', 'sending'){clause}",
                         (vendor, str(tenant), *params)).rowcount


# -- reading (the control plane) ----------------------------------------------------------------------
def deliveries(vendor=None, tenant=None, event=None, status=None, endpoint=None, limit=100):
    """Deliveries newest first, each with its attempts: ``{"total", "data": [...]}``."""
    where, params = [], []
    for column, value in (("vendor", vendor), ("tenant", tenant), ("event", event), ("status", status),
                          ("endpoint", endpoint)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql_where = " WHERE " + " AND ".join(where) if where else ""
    c = db.conn()
    total = c.execute(f"SELECT count(*) FROM {DELIVERIES}{sql_where}", params).fetchone()[0]
    rows = c.execute(f"SELECT * FROM {DELIVERIES}{sql_where} ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    attempts = {}
    if rows:
        ids = [r["id"] for r in rows]
        for a in c.execute(f"SELECT * FROM {ATTEMPTS} WHERE delivery_id IN ({', '.join('?' * len(ids))})"
                           " ORDER BY delivery_id, number", ids).fetchall():
            attempts.setdefault(a["delivery_id"], []).append(_attempt(a))
    return {"total": total, "data": [_delivery(r, attempts.get(r["id"], [])) for r in rows]}


def delivery(delivery_id):
    """One delivery with its attempts, or None."""
    row = db.conn().execute(f"SELECT * FROM {DELIVERIES} WHERE id = ?", (delivery_id,)).fetchone()
    if row is None:
        return None
    attempts = db.conn().execute(f"SELECT * FROM {ATTEMPTS} WHERE delivery_id = ? ORDER BY number",
                                 (delivery_id,)).fetchall()
    return _delivery(row, [_attempt(a) for a in attempts])


def _payload(body):
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return body


def _delivery(row, attempts):
    rules = orjson.loads(row["policy"])
    return {
        "id": row["id"], "vendor": row["vendor"], "tenant": row["tenant"], "event": row["event"],
        "endpoint": row["endpoint"], "url": row["url"], "status": row["status"], "created_at": row["created_at"],
        "attempts_made": row["attempts"], "max_attempts": 1 + len(rules["delays"]),
        "next_attempt_at": _shown(row["next_at"]) if row["status"] in ("pending", "sending") else None,
        "headers": orjson.loads(row["headers"]), "payload": _payload(row["body"]), "policy": rules,
        "attempts": attempts,
    }


def _attempt(a):
    return {"number": a["number"], "at": a["at"], "url": a["url"], "response_status": a["response_status"],
            "response_body": a["response_body"], "error": a["error"], "duration_ms": a["duration_ms"],
            "next_attempt_at": a["next_attempt_at"]}


# -- sending ---------------------------------------------------------------------------------------------
class DeliveryError(Exception):
    """The attempt got no HTTP answer (refused, timeout, bad URL, host not allowed)."""


def _host_allowed(host, allowed):
    return not allowed or host.lower() in allowed


def send(url, body, headers, follow_redirects=False, timeout=DEFAULT_TIMEOUT, allowed_hosts=()):
    """POST ``body`` to ``url``: ``(final URL, status, first characters of the answer)`` or DeliveryError.

    Only the URL's own host is contacted (and, when redirects are followed, each Location's); with
    ``allowed_hosts`` any other host is refused without a connection.
    """
    method, data = "POST", body
    sent = {"User-Agent": USER_AGENT, **headers}
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise DeliveryError(f"invalid URL: {exc}") from None
        if parts.scheme not in ("http", "https") or not host:
            raise DeliveryError("invalid URL: not an http(s) URL with a host")
        if not _host_allowed(host, allowed_hosts):
            raise DeliveryError(f"host {host} is not in LEADMOCK_WEBHOOK_HOSTS; nothing was sent")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = None
        try:
            connection = cls(host, port, timeout=timeout)
            connection.request(method, target, body=data, headers=sent)
            response = connection.getresponse()
            text = response.read(64 * 1024).decode("utf-8", "replace")[:KEPT_RESPONSE_CHARS]
            status, location = response.status, response.getheader("Location")
        except (socket.timeout, TimeoutError):
            raise DeliveryError(f"timeout: no answer within {timeout:g} s") from None
        except ConnectionRefusedError:
            raise DeliveryError("connection refused") from None
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError, UnicodeError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}"[:300]) from None
        finally:
            if connection is not None:
                connection.close()
        if follow_redirects and status in REDIRECTS and location:
            url = urljoin(url, location)
            if status in (301, 302, 303):     # as browsers and HTTP client libraries do: the POST becomes a GET
                method, data = "GET", None
                sent = {k: v for k, v in sent.items() if k.lower() not in ("content-type", "content-length")}
            continue
        return url, status, text
    raise DeliveryError(f"too many redirects (more than {MAX_REDIRECTS})")


def _outcome(rules, number, status=None, error=None):
    """``(succeeded, retry)`` for attempt ``number`` (1-based) that answered ``status`` or failed with ``error``."""
    if error is None and 200 <= status < 300:
        return True, False
    if error is not None:
        retryable = rules["retry_errors"]
    elif rules["retry_statuses"] is None:
        retryable = True
    else:
        retryable = status in rules["retry_statuses"]
    return False, retryable and number <= len(rules["delays"])


# -- the dispatcher --------------------------------------------------------------------------------------
_dispatchers = weakref.WeakSet()


class Dispatcher:
    """Claims due deliveries of one app's database and sends them (daemon threads)."""

    def __init__(self, app):
        self._app = weakref.ref(app)
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread = None
        self._pid = None
        self._pool = None
        self._in_flight = 0
        settings = app.config
        self.timeout = float(settings["WEBHOOK_TIMEOUT"]) if settings.get("WEBHOOK_TIMEOUT") else None
        self.allowed_hosts = {h.strip().lower() for h in str(settings.get("WEBHOOK_HOSTS") or "").split(",")
                              if h.strip()}
        _dispatchers.add(self)

    # lifecycle
    def start(self):
        """Start the thread (once per process; again in a forked child)."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._in_flight = 0
            self._pool = ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="leadmock-webhook-send")
            self._thread = threading.Thread(target=self._run, name="leadmock-webhooks", daemon=True)
            self._thread.start()

    def wake(self):
        self._wake.set()

    @property
    def busy(self):
        return self._in_flight > 0

    def _run(self):
        while True:
            app = self._app()
            if app is None:
                return
            claimed = 0
            try:
                with app.app_context():
                    claimed = self._dispatch(app)
            except Exception:       # a locked database, a reset in progress: try again at the next poll
                log.exception("webhook dispatcher")
            del app
            if not claimed:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()

    def _dispatch(self, app):
        with self._lock:
            free = SENDERS - self._in_flight
        if free <= 0:
            return 0
        rows = _claim(free, self._lease())
        for row in rows:
            with self._lock:
                self._in_flight += 1
            self._pool.submit(self._attempt, app, row)
        return len(rows)

    def _lease(self):
        return (self.timeout or 30.0) * (MAX_REDIRECTS + 1) + 30.0

    def _attempt(self, app, row):
        try:
            with app.app_context():
                attempt(row, self.timeout, self.allowed_hosts)
        except Exception:
            log.exception("webhook attempt")
        finally:
            with self._lock:
                self._in_flight -= 1
            self._wake.set()


def _due_sql():
    return (f"FROM {DELIVERIES} WHERE (status = 'pending' AND next_at <= ?)"
            " OR (status = 'sending' AND claimed_until < ?)")


def _claim(limit, lease_seconds):
    """Up to ``limit`` due deliveries, claimed for this sender (each once, across processes)."""
    now = _stamp(clock.now())
    real = time.time()      # claims expire on real time (a crashed sender's claim), not on the sandbox clock
    if db.conn().execute(f"SELECT 1 {_due_sql()} LIMIT 1", (now, real)).fetchone() is None:
        return []
    token = rand.token(20)
    with db.write() as c:
        return c.execute(
            f"UPDATE {DELIVERIES} SET status = 'sending', claim = ?, claimed_until = ?, attempts = attempts + 1"
            f" WHERE id IN (SELECT id {_due_sql()} ORDER BY next_at, id LIMIT ?)"
            " RETURNING id, url, body, headers, policy, attempts, claim",
            (token, real + lease_seconds, now, real, limit)).fetchall()


def attempt(row, timeout_override=None, allowed_hosts=()):
    """Send one claimed delivery and record the attempt (if the claim still holds)."""
    rules = orjson.loads(row["policy"])
    timeout = timeout_override or rules["timeout"] or DEFAULT_TIMEOUT
    started_at = clock.now()
    started = time.perf_counter()
    url, status, text, error = row["url"], None, None, None
    try:
        url, status, text = send(row["url"], row["body"].encode("utf-8"), orjson.loads(row["headers"]),
                                 rules["follow_redirects"], timeout, allowed_hosts)
    except DeliveryError as exc:
        error = str(exc)
    duration = round((time.perf_counter() - started) * 1000, 1)
    number = row["attempts"]
    succeeded, retry = _outcome(rules, number, status, error)
    ended = clock.now()
    next_at = ended + timedelta(seconds=rules["delays"][number - 1]) if retry else None
    new_status = "succeeded" if succeeded else "pending" if retry else "failed"
    with db.write() as c:
        held = c.execute(f"UPDATE {DELIVERIES} SET status = CASE status WHEN 'cancelled' THEN status ELSE ? END,"
                         " next_at = CASE status WHEN 'cancelled' THEN NULL ELSE ? END, claim = NULL,"
                         " claimed_until = NULL WHERE id = ? AND claim = ? RETURNING id, status",
                         (new_status, _stamp(next_at) if next_at else None, row["id"], row["claim"])).fetchone()
        if held is None:        # reset or restored meanwhile: this attempt belongs to a state that is gone
            return None
        if held["status"] == "cancelled":     # the endpoint was removed while this attempt was in flight
            new_status, next_at = "cancelled", None
        c.execute(f"INSERT INTO {ATTEMPTS} (delivery_id, number, at, url, response_status, response_body, error,"
                  " duration_ms, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (row["id"], number, clock.iso(started_at), url, status, text, error, duration,
                   clock.iso(next_at) if next_at else None))
    return new_status


# -- wiring ----------------------------------------------------------------------------------------------
def dispatcher_for(app):
    """The app's dispatcher (created, not started)."""
    found = app.extensions.get("leadmock.webhooks")
    if found is None:
        found = app.extensions["leadmock.webhooks"] = Dispatcher(app)
    return found


def init_app(app):
    """Called by ``create_app``: start the dispatcher now if deliveries are waiting (a restarted server)."""
    dispatcher = dispatcher_for(app)
    with app.app_context():
        try:
            waiting = db.conn().execute(
                f"SELECT 1 FROM {DELIVERIES} WHERE status IN ('pending', 'sending') LIMIT 1").fetchone()
        except Exception:       # noqa: BLE001 - a database without the tables has nothing to send
            waiting = None
    if waiting:
        dispatcher.start()
    return dispatcher


def _start_for_current_app():
    try:
        from flask import current_app

        app = current_app._get_current_object()
    except RuntimeError:
        return      # no app (the CLI): a server started later sends it
    dispatcher = dispatcher_for(app)
    dispatcher.start()
    dispatcher.wake()


@clock.on_change
def _clock_moved():
    for dispatcher in list(_dispatchers):
        dispatcher.wake()


def drain(app, timeout=5.0):
    """Wait until ``app`` has nothing due now and nothing in flight; True if it got there within ``timeout``.

    For tests and scripts: after a request (or a clock move) that makes deliveries due, ``drain`` returns
    once their attempts are recorded. Polls (no sleeping beyond short waits).
    """
    dispatcher = dispatcher_for(app)
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            now, real = _stamp(clock.now()), time.time()
            due = db.conn().execute(f"SELECT 1 {_due_sql()} OR status = 'sending' LIMIT 1", (now, real)).fetchone()
        if due is None and not dispatcher.busy:
            return True
        if time.monotonic() > deadline:
            return False
        if due is not None:
            dispatcher.start()
            dispatcher.wake()
        time.sleep(0.01)
