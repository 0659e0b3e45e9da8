"""SQLite storage: one connection per worker thread, WAL, snapshots and reset.

A :class:`Database` owns the live database plus its snapshots (the pristine
seeded state among them). File databases keep snapshots as sibling files so
that every worker process can restore them; ``:memory:`` keeps them as
in-memory connections. Named snapshots are restored with SQLite's backup API;
the pristine state (``/__admin/reset``) by replaying the undo log the triggers of
:mod:`app.core.undo` keep, so a reset costs what changed, not the file's size.

Stores reach the current database through :func:`conn` / :func:`write`,
which resolve it from the Flask app in an app context and from
:func:`use` otherwise (seeding, the CLI).
"""

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
import weakref

from flask.globals import _cv_app as _app_context

from app.core import undo

BUSY_TIMEOUT_MS = 10_000
PRISTINE = "__pristine__"
# ``LEADMOCK_DURABILITY``: "normal" keeps the WAL consistent through a power loss (the last
# commits may be lost); "fast" (for CI) does not wait for the disk at all.
SYNCHRONOUS = {"normal": "NORMAL", "fast": "OFF"}
CHECKPOINT_SECONDS = 0.2
_default = None


def _configure(connection, memory=False, durability="normal"):
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not memory:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS[durability]}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA recursive_triggers = ON")  # rows INSERT OR REPLACE deletes reach the undo log
    return connection


def _begin_immediate(connection):
    """``BEGIN IMMEDIATE``, the transaction's statement journals kept in memory.

    A statement of a transaction that fires triggers (the undo log's, the kept counts') keeps a
    statement journal, the pages it changes as they were, to undo itself alone on an error. With
    the default temporary storage that journal spills into a temporary file past 64 KiB, which an
    insert touching a dozen index pages reaches: a file created, written and removed per statement.
    SQLite reads ``temp_store`` for those journals when the transaction begins, so it is MEMORY
    only then: everything else (reads, their sorts and temporary tables) keeps the default.
    """
    connection.execute("PRAGMA temp_store = MEMORY")
    try:
        connection.execute("BEGIN IMMEDIATE")
    finally:
        connection.execute("PRAGMA temp_store = DEFAULT")


def open_connection(path, durability="normal"):
    """A configured autocommit connection (writes go through :func:`write`)."""
    memory = path == ":memory:"
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=not memory)
    return _configure(connection, memory, durability)


class _Checkpointer:
    """One thread per process checkpointing the WAL of every file database in use, so that the
    requests' connections (``wal_autocheckpoint`` off) never pay a checkpoint's copy and fsync."""

    def __init__(self):
        self.databases = weakref.WeakSet()
        self.lock = threading.Lock()
        self.thread = None

    def watch(self, database):
        with self.lock:
            self.databases.add(database)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="leadmock-checkpointer", daemon=True)
                self.thread.start()

    def _run(self):
        # One connection per database watched, kept while it is: opening one parses the whole schema
        # (tables, indexes, the undo log's triggers), some 6 ms of CPU, five times a second otherwise.
        kept = {}
        while True:
            time.sleep(CHECKPOINT_SECONDS)
            with self.lock:
                watched = {(d.path, d.durability) for d in self.databases}
            for key in [key for key in kept if key not in watched]:
                kept.pop(key).close()
            for path, durability in watched:
                connection = kept.get((path, durability))
                try:
                    if connection is None:
                        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)
                        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS[durability]}")
                        kept[(path, durability)] = connection
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:   # gone, or not a database now: try afresh next time
                    kept.pop((path, durability), None)
                    if connection is not None:
                        connection.close()


_checkpointer = _Checkpointer()


class Database:
    """The live database and its snapshots."""

    def __init__(self, path, durability="normal", background_checkpoints=False):
        self.path = str(path)
        self.memory = self.path == ":memory:"
        if durability not in SYNCHRONOUS:
            raise ValueError(f"unknown durability {durability!r}; choose one of {', '.join(SYNCHRONOUS)}")
        self.durability = durability
        # a server's database: its connections never checkpoint, a thread does (see _Checkpointer)
        self.background_checkpoints = background_checkpoints and not self.memory
        self._local = threading.local()
        self._lock = threading.RLock()
        self._writer = threading.Lock()     # one writer at a time in this process ...
        self._writer_fd = None              # ... and across processes (flock on <db>-lock)
        self._shared = open_connection(":memory:") if self.memory else None
        self._memory_snapshots = {}

    # -- connections -------------------------------------------------------
    def conn(self):
        """This thread's connection (created once, reused across requests)."""
        if self._shared is not None:
            return self._shared
        connection = getattr(self._local, "conn", None)
        if connection is None:
            connection = self._local.conn = open_connection(self.path, self.durability)
            if self.background_checkpoints:
                connection.execute("PRAGMA wal_autocheckpoint = 0")
                _checkpointer.watch(self)
        return connection

    def utils(self):
        """A sqlite-utils wrapper around this thread's connection."""
        import sqlite_utils   # imported here: mostly seeding uses it, and it is slow to import

        wrapper = getattr(self._local, "utils", None)
        if wrapper is None or wrapper.conn is not self.conn():
            wrapper = self._local.utils = sqlite_utils.Database(self.conn())
        return wrapper

    @contextlib.contextmanager
    def write(self):
        """A write transaction (``BEGIN IMMEDIATE``), committed on success."""
        with self._lock if self.memory else contextlib.nullcontext():
            connection = self.conn()
            if connection.in_transaction:  # nested: join the outer transaction
                yield connection
                return
            with contextlib.nullcontext() if self.memory else self._one_writer():
                _begin_immediate(connection)
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")

    @contextlib.contextmanager
    def _one_writer(self):
        """Writers queue here (a thread lock, then a file lock) rather than in SQLite's busy handler,
        whose sleeps make the latency tail under concurrent writes."""
        with self._writer:
            if self._writer_fd is None:
                self._writer_fd = os.open(self.path + "-lock", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    # -- snapshots ---------------------------------------------------------
    def snapshot_path(self, name):
        suffix = "pristine" if name == PRISTINE else f"snap-{name}"
        return f"{self.path}.{suffix}"

    def has_snapshot(self, name):
        if self.memory:
            return name in self._memory_snapshots
        return os.path.exists(self.snapshot_path(name))

    def save_snapshot(self, name):
        """Copy the live database into snapshot ``name``."""
        if self.memory:
            with self._lock:
                target = self._memory_snapshots.get(name) or sqlite3.connect(":memory:", check_same_thread=False)
                self.conn().backup(target)
                self._memory_snapshots[name] = target
            return
        tmp = self.snapshot_path(name) + ".tmp"
        if os.path.exists(tmp):
            os.remove(tmp)
        target = sqlite3.connect(tmp)
        try:
            self.conn().backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, self.snapshot_path(name))

    def load_snapshot_from(self, source_path):
        """Replace the live content with the database file at ``source_path``.

        The backup takes the live database's write lock (waiting, like ``BEGIN
        IMMEDIATE``, for writes in flight in any thread or process), so every
        write lands wholly before or wholly after it; stores read back what they
        wrote inside their ``write()``.
        """
        source = sqlite3.connect(source_path)
        try:
            with self._lock:
                source.backup(self.conn())
        finally:
            source.close()

    def reset(self):
        """Back to the seeded state (data and clock): the undo log replayed, else the pristine copy restored."""
        with self._lock if self.memory else contextlib.nullcontext():
            connection = self.conn()
            connection.execute("PRAGMA foreign_keys = OFF")  # the log holds every row a cascade touched
            try:
                _begin_immediate(connection)
                try:
                    replayed = undo.replay(connection)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT" if replayed else "ROLLBACK")
            finally:
                connection.execute("PRAGMA foreign_keys = ON")
            if not replayed:
                self._restore_copy(PRISTINE)

    def restore_snapshot(self, name):
        """Replace the live content with snapshot ``name``. KeyError if unknown."""
        if name == PRISTINE and self.has_snapshot(name):
            self.reset()
            return
        self._restore_copy(name)

    def _restore_copy(self, name):
        if self.memory:
            with self._lock:
                source = self._memory_snapshots[name]
                source.backup(self.conn())
            return
        if not self.has_snapshot(name):
            raise KeyError(name)
        self.load_snapshot_from(self.snapshot_path(name))

    def close(self):
        connection = getattr(self._local, "conn", None)
        if connection is not None:
            connection.close()
            self._local.conn = None


def use(database):
    """Make ``database`` current outside a Flask app context (CLI, seeding)."""
    global _default
    _default = database
    return database


def current():
    """The Flask app's database in an app context, else the one given to :func:`use`."""
    context = _app_context.get(None)
    if context is not None:
        database = context.app.extensions.get("leadmock.db")
        if database is not None:
            return database
    if _default is None:
        raise RuntimeError("no leadmock database in use")
    return _default


def conn():
    """The current database's connection for this thread."""
    return current().conn()


def utils():
    """The current database as a sqlite-utils ``Database``."""
    return current().utils()


def write():
    """A write transaction on the current database."""
    return current().write()
