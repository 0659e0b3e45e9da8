"""The request journal: every vendor request, its answer and the fault applied, in SQLite of its own.

The journal lives in ``<database>.journal`` (an in-memory connection shared by the process for
``:memory:``), never in the main database, so recording a request never waits for the main
database's write lock; every worker process appends to the same file. It holds the newest
``JOURNAL_SIZE`` entries (older ones are trimmed every few inserts and never shown);
``JOURNAL_SIZE = 0`` records nothing. The file is disposable: ``synchronous = OFF``.

:func:`init_app` installs the request hooks: the start of a vendor request (its vendor, the start
time, the faults of :mod:`app.core.faults` that apply before authentication), and its end (the
entry, queued and written in batches by :meth:`Journal.record`, and one access-log line on stderr
unless ``QUIET``). An entry is stored as the request left it and formatted when read; secrets are
redacted then: the credential headers and the body/query fields in :data:`SECRET_FIELDS` never
leave the journal file (which sits beside the database holding the same credentials).
"""

import atexit
import collections
import contextlib
import fcntl
import logging
import fnmatch
import mmap
import os
import re
import sqlite3
import sys
import threading
import time
import weakref
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

import orjson
from flask import g, request

from app.core import clock, faults, freshness
from app.core.db import BUSY_TIMEOUT_MS

TRUNCATE_AT = 64 * 1024
BATCH = 64                   # entries written by the request that fills a batch
MAX_AGE = 0.005              # a request finding the oldest waiting entry this old writes the batch
IDLE_AGE = 0.01              # with no request to do it, the flusher thread writes it this late
SETTLE_SECONDS = 0.025       # with several workers, a read first lets the others' batches land
REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "x-discko-key", "x-api-key", "proxy-authorization", "cookie"})
SECRET_FIELDS = frozenset({"password", "client_secret", "refresh_token", "access_token", "token", "api_key",
                           "secret"})
_FIELDS = "|".join(sorted(SECRET_FIELDS, key=len, reverse=True))
SECRET_JSON = re.compile(rb'"(?:' + _FIELDS.encode() + rb')"\s*:', re.IGNORECASE)
SECRET_FORM = re.compile(rb'(?:^|&)(?:' + _FIELDS.encode() + rb')=', re.IGNORECASE)
SECRET_JSON_VALUE = re.compile(r'("(?:' + _FIELDS + r')"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)', re.IGNORECASE)
SECRET_WORDS = (b"password", b"secret", b"token", b"api_key")
TEXT_TYPES = ("json", "text/", "xml", "x-www-form-urlencoded", "javascript")

COLUMNS = ("id", "at", "real_at", "vendor", "tenant", "method", "path", "query", "headers", "body", "status",
           "response_body", "duration_ms", "fault")
# Entries are stored as the request left them (times as POSIX seconds, the header environ, bodies as
# bytes) and formatted and redacted when read: recording a request costs a tuple and a share of a
# batched insert.
SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY, at REAL, real_at REAL NOT NULL, vendor TEXT NOT NULL, tenant TEXT,
    method TEXT NOT NULL, path TEXT NOT NULL, query TEXT NOT NULL, headers BLOB NOT NULL, body BLOB,
    status INTEGER, response_body BLOB, duration_ms REAL, fault TEXT);
CREATE TABLE IF NOT EXISTS faults (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, spec TEXT NOT NULL, matched INTEGER NOT NULL DEFAULT 0,
    draws INTEGER NOT NULL DEFAULT 0, times INTEGER, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('cleared_through', 0);
INSERT OR IGNORE INTO meta (key, value) VALUES ('cleared_at', 0.0);
"""
INSERT = ("INSERT INTO requests (at, real_at, vendor, tenant, method, path, query, headers, body, status,"
          " response_body, duration_ms, fault) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
LAYOUT = 2     # PRAGMA user_version of the journal file: an older layout is dropped (the file is disposable)


_OPEN = {}     # journal file -> the Journal objects of this process on it (reads flush them all)
_ALL = weakref.WeakSet()        # every Journal of this process (the flusher thread looks at each)
_WAKE = threading.Event()
_FLUSHER = {"pid": None}
_FLUSHER_LOCK = threading.Lock()


def _arm_flusher():
    """Wake the process's flusher thread (started on first use, again in a forked child)."""
    if _FLUSHER["pid"] != os.getpid():
        with _FLUSHER_LOCK:
            if _FLUSHER["pid"] != os.getpid():
                threading.Thread(target=_run_flusher, name="leadmock-journal", daemon=True).start()
                _FLUSHER["pid"] = os.getpid()
    _WAKE.set()


def _run_flusher():
    """Write the batches no request wrote: under load the requests write them (in their own
    thread: a second thread writing would trade the GIL with the request thread at every row), so
    this thread mostly looks and sleeps; when the traffic stops it writes what is left."""
    while True:
        _WAKE.wait()
        time.sleep(IDLE_AGE)
        _WAKE.clear()               # before writing: an entry queued from now on wakes it again
        _flush_all(older_than=MAX_AGE)


def _flush_all(older_than=None):
    for journal in list(_ALL):
        if not journal._pending:
            continue
        if older_than is not None and time.monotonic() - journal._oldest < older_than:
            _WAKE.set()             # a request will write it, or this thread on its next look
            continue
        try:
            journal._flush_own()
        except Exception:           # the journal never stops: a failed batch is dropped
            logging.getLogger("leadmock").exception("request journal: a batch could not be written")


atexit.register(_flush_all)


def _open(path, shared=False):
    memory = path == ":memory:"
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=not shared,
                                 timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA page_size = 16384")         # a new file only: most entries fit a page
    if not memory:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")          # disposable: speed over durability
    connection.create_function("glob_match", 2, _glob_match, deterministic=True)
    return connection


def _glob_match(value, pattern):
    return value is not None and fnmatch.fnmatchcase(value, pattern)


class Journal:
    """The journal file (requests and faults) of one database; one connection per thread."""

    def __init__(self, database_path, size):
        self.size = max(0, int(size))
        self.memory = str(database_path) == ":memory:"
        self.path = ":memory:" if self.memory else f"{database_path}.journal"
        self.trim_every = max(1, min(500, self.size // 20))
        self._local = threading.local()
        self._lock = threading.RLock()
        self._shared = _open(":memory:", shared=True) if self.memory else None
        self._pending, self._write_lock = collections.deque(), threading.Lock()
        self._fd, self._fd_pid = None, None
        self._oldest = 0.0          # time.monotonic() of the oldest waiting entry
        self.settle = 0.0
        _ALL.add(self)
        if not self.memory:
            _OPEN.setdefault(self.path, weakref.WeakSet()).add(self)
        self._write_conn, self._last_id, self._trimmed = None, 0, 0
        self._token = self._open_token()
        self.faults_cache = None       # (token, faults by vendor): app.core.faults.active
        with self.transaction() as c:
            if c.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
                c.execute("DROP TABLE IF EXISTS requests")
                c.execute("DROP TABLE IF EXISTS meta")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    c.execute(statement)
            c.execute(f"PRAGMA user_version = {LAYOUT}")

    def _open_token(self):
        """8 bytes shared by every process (a memory-mapped ``<db>.journal.version``): a new random
        value after each change of the faults, so a process sees in a fraction of a microsecond
        whether its cached faults are current."""
        if self.memory:
            return bytearray(8)
        fd = os.open(f"{self.path}.version", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < 8:
                os.ftruncate(fd, 8)
            return mmap.mmap(fd, 8)
        finally:
            os.close(fd)

    def faults_token(self):
        return bytes(self._token[:8])

    def faults_changed(self):
        """Call after committing a change of the faults (never before: a reader would cache the old ones)."""
        self._token[:8] = os.urandom(8)

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
        """Queue one entry (a tuple in :data:`INSERT`'s order); written in batches.

        A batch is written by the request that fills it (:data:`BATCH` entries) or that finds its
        oldest entry :data:`MAX_AGE` seconds old, else by this process's flusher thread (after
        :data:`IDLE_AGE`): under load one commit carries many entries and the request thread writes
        it, in one go. Every
        read first writes what this process holds (:meth:`flush`), so it sees every request this
        process answered; with several workers it first waits :attr:`settle` seconds for theirs.
        """
        pending = self._pending
        pending.append(row)                 # a deque: append and popleft are atomic
        waiting = len(pending)
        if waiting == 1:
            self._oldest = time.monotonic()
            if not _WAKE.is_set():
                _arm_flusher()
        elif waiting >= BATCH or time.monotonic() - self._oldest >= MAX_AGE:
            if self._write_lock.acquire(blocking=False):
                self._drain_locked(wait=False)

    def _flush_own(self):
        self._write_lock.acquire()
        self._drain_locked()

    # -- the writer lock: this process's threads, then the processes -------------------------------
    def _lock_fd(self):
        """The descriptor of ``<journal>-lock`` for this process (opened again in a forked child:
        a descriptor inherited across fork shares its lock with the parent)."""
        if self._fd_pid != os.getpid():
            self._fd = os.open(f"{self.path}-lock", os.O_RDWR | os.O_CREAT, 0o644)
            self._fd_pid = os.getpid()
        return self._fd

    def _lock_file(self, wait=True):
        """Take the cross-process writer lock (the thread lock already held); False if taken and not waiting.

        Writers queue on this file lock rather than in SQLite's busy handler, whose growing sleeps
        (up to 100 ms each, for seconds) starve a writer while other workers commit every few ms.
        """
        if self.memory:
            return True
        try:
            fcntl.flock(self._lock_fd(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def _unlock_file(self):
        if not self.memory:
            fcntl.flock(self._lock_fd(), fcntl.LOCK_UN)

    @contextlib.contextmanager
    def exclusive(self):
        """This thread's connection, the journal file's writer lock held (threads, then processes)."""
        with self._write_lock:
            self._lock_file()
            try:
                with self.locked() as c:
                    yield c
            finally:
                self._unlock_file()

    @contextlib.contextmanager
    def transaction(self):
        """A write transaction (``BEGIN IMMEDIATE``) under :meth:`exclusive`, committed on success."""
        with self.exclusive() as c, _immediate(c):
            yield c

    def flush(self):
        """Before a read: write what this process holds, for every app on this journal file; with
        several worker processes, first give theirs :attr:`settle` seconds."""
        if self.settle:
            time.sleep(self.settle)
        for journal in (self,) if self.memory else list(_OPEN.get(self.path, ())):
            journal._flush_own()

    def _drain_locked(self, wait=True):
        """Write every pending entry, the thread write lock held; release it; look again after releasing.

        A request (``wait=False``) never waits for another process's batch: it leaves its entries
        for the next request or the flusher thread."""
        pending = self._pending
        while True:
            try:
                if pending:
                    if not self._lock_file(wait):
                        return
                    try:
                        while pending:
                            rows = [pending.popleft()]
                            while pending and len(rows) < 500:
                                rows.append(pending.popleft())
                            self._write(rows)
                    finally:
                        self._unlock_file()
            finally:
                self._write_lock.release()
            # an entry added after the last look, by a thread that found the lock taken
            if not pending or not self._write_lock.acquire(blocking=False):
                return

    def _write(self, rows):
        if self._shared is not None:
            with self._lock:
                self._insert(self._shared, rows)
            return
        if self._write_conn is None:
            self._write_conn = _open(self.path, shared=True)
        self._insert(self._write_conn, rows)

    def _insert(self, c, rows):
        if len(rows) == 1 and self._trimmed + self.trim_every > self._last_id:
            self._last_id = c.execute(INSERT, rows[0]).lastrowid
            return
        with _immediate(c):
            c.executemany(INSERT, rows)
            self._last_id = c.execute("SELECT last_insert_rowid()").fetchone()[0]
            if self._last_id - self._trimmed >= self.trim_every:
                c.execute("DELETE FROM requests WHERE id <= ?", (self._last_id - self.size,))
                self._trimmed = self._last_id

    def clear(self):
        """Forget every entry; ``{"deleted": n}`` counts those that were visible.

        Entries of requests answered before now that other workers write later stay hidden too
        (``cleared_at``), so a reset needs not wait for them.
        """
        self._flush_own()
        cleared_at = time.time()
        with self.transaction() as c:
            visible = c.execute(f"SELECT count(*) FROM requests WHERE {self._bound()}").fetchone()[0]
            # the newest row stays, hidden, so that ids keep increasing (no AUTOINCREMENT: it
            # would cost a second page write per insert)
            newest = c.execute("SELECT coalesce(max(id), 0) FROM requests").fetchone()[0]
            c.execute("DELETE FROM requests WHERE id < ?", (newest,))
            c.execute("UPDATE meta SET value = max(value, ?) WHERE key = 'cleared_through'", (newest,))
            c.execute("UPDATE meta SET value = max(value, ?) WHERE key = 'cleared_at'", (cleared_at,))
        return visible

    # -- reading -------------------------------------------------------------
    def _bound(self):
        return (f"id > max((SELECT coalesce(max(id), 0) FROM requests) - {self.size},"
                " (SELECT value FROM meta WHERE key = 'cleared_through'))"
                " AND real_at > (SELECT value FROM meta WHERE key = 'cleared_at')")

    def _where(self, matcher):
        """``since`` is an aware datetime (real time)."""
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
            params.append(matcher["since"].timestamp())
        return " AND ".join(clauses), params

    def find(self, matcher, limit):
        """Entries matching ``matcher`` (keys as :func:`app.control.journal.matcher` builds), newest first.

        Newest by ``real_at`` (the answer's real time): ids follow the order batches were written, which
        with several workers (each writing its own batches) is not the order of the requests."""
        where, params = self._where(matcher)
        self.flush()
        with self.locked() as c:
            rows = c.execute(f"SELECT {', '.join(COLUMNS)} FROM requests WHERE {where}"
                             " ORDER BY real_at DESC, id DESC LIMIT ?",
                             (*params, limit)).fetchall()
        return [_entry(row) for row in rows]

    def count(self, matcher):
        where, params = self._where(matcher)
        self.flush()
        with self.locked() as c:
            return c.execute(f"SELECT count(*) FROM requests WHERE {where}", params).fetchone()[0]

    def get(self, entry_id):
        self.flush()
        with self.locked() as c:
            row = c.execute(f"SELECT {', '.join(COLUMNS)} FROM requests WHERE id = ? AND {self._bound()}",
                            (entry_id,)).fetchone()
        return _entry(row) if row else None


@contextlib.contextmanager
def _immediate(c):
    """A write transaction on ``c``: ``BEGIN IMMEDIATE``, committed on success, rolled back on error."""
    c.execute("BEGIN IMMEDIATE")
    try:
        yield c
    except BaseException:
        c.execute("ROLLBACK")
        raise
    c.execute("COMMIT")


class _Locked:
    def __init__(self, journal):
        self.journal = journal
        self.connection = journal.conn

    def __enter__(self):
        if self.journal.memory:
            self.journal._lock.acquire()
        return self.connection()

    def __exit__(self, *exc):
        if self.journal.memory:
            self.journal._lock.release()
        return False


def _entry(row):
    """A stored row as ``/__admin/requests`` shows it: ISO times, header names, text bodies, secrets redacted."""
    entry = dict(zip(COLUMNS, row))
    entry["at"] = None if entry["at"] is None else _iso(entry["at"], "milliseconds")
    entry["real_at"] = _iso(entry["real_at"], "microseconds")
    entry["headers"] = headers = request_headers(orjson.loads(entry["headers"]))
    query = entry["query"]
    entry["query"] = redact_text(query.encode("latin-1"), form=True) if query else ""
    body = entry["body"]
    form = headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded")
    entry["body"] = redact_text(body, form=form) if body else None
    response = entry["response_body"]
    entry["response_body"] = None if response is None else redact_text(response) if response else ""
    return entry


def _iso(seconds, timespec):
    try:
        instant = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return instant.isoformat(timespec=timespec).replace("+00:00", "Z")


# -- redaction ----------------------------------------------------------------
def _redact_value(value):
    if isinstance(value, dict):
        return {key: REDACTED if str(key).lower() in SECRET_FIELDS else _redact_value(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    return value


def _may_hold_secrets(data):
    """Cheap first look (a few substring searches): could ``data`` name a secret field?"""
    lowered = data.lower()
    return any(word in lowered for word in SECRET_WORDS)


def redact_text(data, form=False):
    """``data`` (bytes, at most :data:`TRUNCATE_AT` of them) as text with secret fields replaced.

    Only bodies that name a secret field are parsed: JSON is rewritten, a url-encoded form
    re-encoded, a truncated JSON body patched field by field.
    """
    text = data.decode("utf-8", "replace")
    if not _may_hold_secrets(data):
        return text
    if SECRET_JSON.search(data):
        try:
            return orjson.dumps(_redact_value(orjson.loads(data))).decode()
        except orjson.JSONDecodeError:
            return SECRET_JSON_VALUE.sub(lambda m: m.group(1) + '"' + REDACTED + '"', text)
    if (form or b"=" in data) and SECRET_FORM.search(data):
        pairs = parse_qsl(text, keep_blank_values=True)
        return urlencode([(key, REDACTED if key.lower() in SECRET_FIELDS else value) for key, value in pairs])
    return text


def environ_headers(environ):
    """What a request's headers are stored as: its environ's ``HTTP_*`` and content entries."""
    return {key: value for key, value in environ.items()
            if key[:5] == "HTTP_" or key in ("CONTENT_TYPE", "CONTENT_LENGTH")}


def request_headers(environ):
    """The request's headers from the WSGI environ (as werkzeug names them), secrets redacted."""
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").title()
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            name = key.replace("_", "-").title()
        else:
            continue
        headers[name] = REDACTED if name.lower() in SECRET_HEADERS else value
    return headers


def _response_bytes(response):
    """The response body as stored (cut); None for streams, files and binary media."""
    body = response.response
    if response.direct_passthrough or not isinstance(body, list):    # a stream or a file
        return None
    content_type = response.headers.get("Content-Type", "")
    if content_type and not content_type.startswith("application/json") \
            and not any(kind in content_type for kind in TEXT_TYPES):
        return None
    data = body[0] if len(body) == 1 else b"".join(body)
    if isinstance(data, str):
        data = data.encode()
    return data[:TRUNCATE_AT]


def _request_bytes(req, environ):
    """The request body as stored (cut); None without one and for multipart uploads."""
    if not environ.get("CONTENT_LENGTH"):      # BodyLimit gives chunked bodies a length too
        return None
    if environ.get("CONTENT_TYPE", "").startswith("multipart/"):
        return None
    return req.get_data(cache=True)[:TRUNCATE_AT] or None


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


def init_app(app):
    """Open the journal next to the app's database and install the request hooks.

    The hooks are closures over this app's settings: the hot path reads no config and goes
    through Flask's context proxies once.
    """
    journal = Journal(app.config["DATABASE"], app.config.get("JOURNAL_SIZE", 10000))
    if int(app.config.get("WORKERS") or 1) > 1:
        journal.settle = SETTLE_SECONDS
    routing = _Routing(app.extensions["leadmock.mounts"])
    vendors = app.extensions["leadmock.vendors"]
    quiet = bool(app.config.get("QUIET"))
    app.extensions["leadmock.journal"] = journal
    app.extensions["leadmock.routing"] = routing
    app.extensions.setdefault("leadmock.reset_hooks", []).append(lambda: reset(journal))

    def start():
        vendor = routing.vendor_of(request.path)
        if vendor is None:
            return None
        g.leadmock_journal = (vendor, time.perf_counter())
        freshness.begin()
        return faults.before_request(vendor)

    def finish(response):
        context = g._get_current_object()
        started = context.get("leadmock_journal")
        if started is None:
            return response
        try:
            _log(request._get_current_object(), context, response, *started)
        except Exception:   # the journal never breaks an answer
            app.logger.exception("request journal failed")
        return response

    def _log(req, context, response, vendor, started):
        duration = round((time.perf_counter() - started) * 1000, 3)
        principal = context.get("principal")
        tenant = None
        if principal is not None:
            tenant_of = vendors[vendor].tenant_of
            tenant = tenant_of(principal) if tenant_of else None
        fault = context.get("leadmock_fault")
        status = response.status_code
        if not quiet:
            sys.stderr.write(f"{req.method} {req.path} {status} {duration:.1f}ms {vendor} {tenant or '-'}"
                             f"{' fault=' + fault if fault else ''}\n")
        if not journal.enabled:
            return
        environ = req.environ
        journal.record((
            clock.timestamp(), time.time(), vendor, tenant, req.method, req.path, environ.get("QUERY_STRING", ""),
            orjson.dumps(environ_headers(environ)), _request_bytes(req, environ), status,
            _response_bytes(response), duration, fault,
        ))

    app.before_request_funcs.setdefault(None, []).insert(0, start)
    app.after_request(finish)
    app.teardown_request(lambda exc: freshness.end())
    return journal


def reset(journal):
    """What ``POST /__admin/reset`` does here: forget every entry and every fault."""
    journal.clear()
    faults.delete_all(journal)
