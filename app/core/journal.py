"""The request journal: every vendor request, its answer and the fault applied, in SQLite of its own.

The journal lives in ``<database>.journal`` (an in-memory connection shared by the process for
``:memory:``), never in the main database, so recording a request never waits for the main
database's write lock; every worker process appends to the same file. It holds the newest
``JOURNAL_SIZE`` entries (older ones are trimmed every few inserts and never shown);
``JOURNAL_SIZE = 0`` records nothing. The file is disposable: ``synchronous = OFF``.

:func:`init_app` installs the request hooks: the start of a vendor request (its vendor, the start
time, the faults of :mod:`app.core.faults` that apply before authentication), and its end (one
INSERT, and one access-log line on stderr unless ``QUIET``). Secrets are redacted on the way in:
the credential headers and the body/query fields in :data:`SECRET_FIELDS`.
"""

import fnmatch
import re
import sqlite3
import sys
import threading
import time
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode

import orjson
from flask import current_app, g, request

from app.core import clock, faults
from app.core.db import BUSY_TIMEOUT_MS

TRUNCATE_AT = 64 * 1024
REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "x-discko-key", "x-api-key", "proxy-authorization", "cookie"})
SECRET_FIELDS = frozenset({"password", "client_secret", "refresh_token", "access_token", "token", "api_key",
                           "secret"})
_FIELDS = "|".join(sorted(SECRET_FIELDS, key=len, reverse=True))
SECRET_JSON = re.compile(rb'"(?:' + _FIELDS.encode() + rb')"\s*:', re.IGNORECASE)
SECRET_FORM = re.compile(rb'(?:^|&)(?:' + _FIELDS.encode() + rb')=', re.IGNORECASE)
SECRET_JSON_VALUE = re.compile(r'("(?:' + _FIELDS + r')"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)', re.IGNORECASE)
TEXT_TYPES = ("json", "text/", "xml", "x-www-form-urlencoded", "javascript")

COLUMNS = ("id", "at", "real_at", "vendor", "tenant", "method", "path", "query", "headers", "body", "status",
           "response_body", "duration_ms", "fault")
SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, real_at TEXT NOT NULL, vendor TEXT NOT NULL, tenant TEXT,
    method TEXT NOT NULL, path TEXT NOT NULL, query TEXT NOT NULL, headers TEXT NOT NULL, body TEXT,
    status INTEGER, response_body TEXT, duration_ms REAL, fault TEXT);
CREATE TABLE IF NOT EXISTS faults (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, spec TEXT NOT NULL, matched INTEGER NOT NULL DEFAULT 0,
    draws INTEGER NOT NULL DEFAULT 0, times INTEGER, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('faults_version', 0);
"""
INSERT = ("INSERT INTO requests (at, real_at, vendor, tenant, method, path, query, headers, body, status,"
          " response_body, duration_ms, fault) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _open(path):
    memory = path == ":memory:"
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=not memory, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not memory:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")          # disposable: speed over durability
    connection.create_function("glob_match", 2, _glob_match, deterministic=True)
    return connection


def _glob_match(value, pattern):
    return value is not None and fnmatch.fnmatchcase(value, pattern)


def real_now_iso():
    """The real time as stored in ``real_at``: ISO 8601 UTC with microseconds and a ``Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Journal:
    """The journal file (requests and faults) of one database; one connection per thread."""

    def __init__(self, database_path, size):
        self.size = max(0, int(size))
        self.memory = str(database_path) == ":memory:"
        self.path = ":memory:" if self.memory else f"{database_path}.journal"
        self.trim_every = max(1, min(500, self.size // 20))
        self._local = threading.local()
        self._lock = threading.RLock()
        self._shared = _open(":memory:") if self.memory else None
        with self.locked() as c:
            c.executescript(SCHEMA)

    def conn(self):
        if self._shared is not None:
            return self._shared
        connection = getattr(self._local, "conn", None)
        if connection is None:
            connection = self._local.conn = _open(self.path)
        return connection

    def locked(self):
        """This thread's connection, under the process lock for ``:memory:`` (one shared connection)."""
        return _Locked(self)

    @property
    def enabled(self):
        return self.size > 0

    # -- writing -------------------------------------------------------------
    def record(self, row):
        """Append one entry (a tuple in :data:`INSERT`'s order); trims every ``trim_every`` ids."""
        with self.locked() as c:
            entry_id = c.execute(INSERT, row).lastrowid
            if entry_id % self.trim_every == 0:
                c.execute("DELETE FROM requests WHERE id <= ?", (entry_id - self.size,))
        return entry_id

    def clear(self):
        """Forget every entry; ``{"deleted": n}`` counts those that were visible."""
        with self.locked() as c:
            c.execute("BEGIN IMMEDIATE")
            try:
                visible = c.execute(f"SELECT count(*) FROM requests WHERE {self._bound()}").fetchone()[0]
                c.execute("DELETE FROM requests")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")
        return visible

    # -- reading -------------------------------------------------------------
    def _bound(self):
        return f"id > (SELECT coalesce(max(id), 0) FROM requests) - {self.size}"

    def _where(self, matcher):
        clauses, params = [self._bound()], []
        for name in ("vendor", "tenant", "method", "status"):
            if matcher.get(name) is not None:
                clauses.append(f"{name} = ?")
                params.append(matcher[name])
        if matcher.get("path") is not None:
            clauses.append("glob_match(path, ?)")
            params.append(matcher["path"])
        if matcher.get("since") is not None:
            clauses.append("real_at >= ?")
            params.append(matcher["since"])
        return " AND ".join(clauses), params

    def find(self, matcher, limit):
        """Entries matching ``matcher`` (keys as :func:`app.control.journal.matcher` builds), newest first."""
        where, params = self._where(matcher)
        with self.locked() as c:
            rows = c.execute(f"SELECT {', '.join(COLUMNS)} FROM requests WHERE {where} ORDER BY id DESC LIMIT ?",
                             (*params, limit)).fetchall()
        return [_entry(row) for row in rows]

    def count(self, matcher):
        where, params = self._where(matcher)
        with self.locked() as c:
            return c.execute(f"SELECT count(*) FROM requests WHERE {where}", params).fetchone()[0]

    def get(self, entry_id):
        with self.locked() as c:
            row = c.execute(f"SELECT {', '.join(COLUMNS)} FROM requests WHERE id = ? AND {self._bound()}",
                            (entry_id,)).fetchone()
        return _entry(row) if row else None


class _Locked:
    def __init__(self, journal):
        self.journal = journal

    def __enter__(self):
        if self.journal.memory:
            self.journal._lock.acquire()
        return self.journal.conn()

    def __exit__(self, *exc):
        if self.journal.memory:
            self.journal._lock.release()
        return False


def _entry(row):
    entry = dict(zip(COLUMNS, row))
    entry["headers"] = orjson.loads(entry["headers"])
    return entry


# -- redaction ----------------------------------------------------------------
def _redact_value(value):
    if isinstance(value, dict):
        return {key: REDACTED if str(key).lower() in SECRET_FIELDS else _redact_value(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


def redact_text(data, form=False):
    """``data`` (bytes, at most :data:`TRUNCATE_AT` of them) as text with secret fields replaced.

    Only bodies that name a secret field are parsed: JSON is rewritten, a url-encoded form
    re-encoded, a truncated JSON body patched field by field.
    """
    text = data.decode("utf-8", "replace")
    if SECRET_JSON.search(data):
        try:
            return orjson.dumps(_redact_value(orjson.loads(data))).decode()
        except orjson.JSONDecodeError:
            return SECRET_JSON_VALUE.sub(lambda m: m.group(1) + '"' + REDACTED + '"', text)
    if (form or b"=" in data) and SECRET_FORM.search(data):
        pairs = parse_qsl(text, keep_blank_values=True)
        return urlencode([(key, REDACTED if key.lower() in SECRET_FIELDS else value) for key, value in pairs])
    return text


def redact_headers(headers):
    return {name: REDACTED if name.lower() in SECRET_HEADERS else value for name, value in headers}


def _response_text(response):
    if response.is_streamed or response.direct_passthrough:
        return None
    mimetype = response.mimetype or ""
    if mimetype and not any(kind in mimetype for kind in TEXT_TYPES):
        return None
    return redact_text(response.get_data()[:TRUNCATE_AT])


def _request_text():
    data = request.get_data(cache=True)[:TRUNCATE_AT]
    if not data:
        return None
    mimetype = request.mimetype or ""
    if mimetype.startswith("multipart/"):
        return None
    return redact_text(data, form=mimetype == "application/x-www-form-urlencoded")


# -- the hooks ------------------------------------------------------------------
class _Routing:
    """Which vendor owns a path: the longest mount prefix; docs, specs, /__admin, assets and / excluded."""

    def __init__(self, mounts):
        self.mounts = sorted(mounts.items(), key=lambda item: -len(item[1]))
        self.skipped = {f"{mount}/openapi.json" for mount in mounts.values()}
        self.skipped |= {f"{mount}/docs" for mount in mounts.values()} | {"/", "/favicon.ico"}

    def vendor_of(self, path):
        if path.startswith(("/__admin", "/__assets", "/static/")):
            return None
        if path in self.skipped or path.rstrip("/") in self.skipped:
            return None
        for name, mount in self.mounts:
            if mount == "" or path == mount or path.startswith(mount + "/"):
                return name
        return None


def _start():
    vendor = current_app.extensions["leadmock.routing"].vendor_of(request.path)
    if vendor is None:
        return None
    g.leadmock_journal = (vendor, time.perf_counter())
    return faults.before_request(vendor)


def _finish(response):
    started = g.get("leadmock_journal")
    if started is None:
        return response
    try:
        _log(response, *started)
    except Exception:   # the journal never breaks an answer
        current_app.logger.exception("request journal failed")
    return response


def _log(response, vendor, started):
    app = current_app
    duration = round((time.perf_counter() - started) * 1000, 3)
    principal = g.get("principal")
    tenant = None
    if principal is not None:
        tenant_of = app.extensions["leadmock.vendors"][vendor].tenant_of
        tenant = tenant_of(principal) if tenant_of else None
    fault = g.get("leadmock_fault")
    if not app.config.get("QUIET"):
        sys.stderr.write(f"{request.method} {request.path} {response.status_code} {duration:.1f}ms"
                         f" {vendor} {tenant or '-'}{' fault=' + fault if fault else ''}\n")
    journal = app.extensions["leadmock.journal"]
    if not journal.enabled:
        return
    query = request.query_string
    query_text = redact_text(query, form=True) if query else ""
    journal.record((
        clock.iso(clock.now(), millis=True), real_now_iso(), vendor, tenant, request.method, request.path,
        query_text, orjson.dumps(redact_headers(request.headers.items())).decode(), _request_text(),
        response.status_code, _response_text(response), duration, fault,
    ))


def init_app(app):
    """Open the journal next to the app's database and install the request hooks."""
    journal = Journal(app.config["DATABASE"], app.config.get("JOURNAL_SIZE", 10000))
    app.extensions["leadmock.journal"] = journal
    app.extensions["leadmock.routing"] = _Routing(app.extensions["leadmock.mounts"])
    app.extensions.setdefault("leadmock.reset_hooks", []).append(lambda: reset(journal))
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
    return journal


def reset(journal):
    """What ``POST /__admin/reset`` does here: forget every entry and every fault."""
    journal.clear()
    faults.delete_all(journal)
