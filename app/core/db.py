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
import os
import sqlite3
import threading

from app.core import undo

BUSY_TIMEOUT_MS = 10_000
PRISTINE = "__pristine__"
_default = None


def _configure(connection, memory=False):
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not memory:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA recursive_triggers = ON")  # rows INSERT OR REPLACE deletes reach the undo log
    return connection


def open_connection(path):
    """A configured autocommit connection (writes go through :func:`write`)."""
    memory = path == ":memory:"
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=not memory)
    return _configure(connection, memory)


class Database:
    """The live database and its snapshots."""

    def __init__(self, path):
        self.path = str(path)
        self.memory = self.path == ":memory:"
        self._local = threading.local()
        self._lock = threading.RLock()
        self._shared = open_connection(":memory:") if self.memory else None
        self._memory_snapshots = {}

    # -- connections -------------------------------------------------------
    def conn(self):
        """This thread's connection (created once, reused across requests)."""
        if self._shared is not None:
            return self._shared
        connection = getattr(self._local, "conn", None)
        if connection is None:
            connection = self._local.conn = open_connection(self.path)
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
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

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
                connection.execute("BEGIN IMMEDIATE")
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
    try:
        from flask import current_app

        return current_app.extensions["leadmock.db"]
    except (RuntimeError, KeyError):
        if _default is None:
            raise RuntimeError("no leadmock database in use") from None
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
