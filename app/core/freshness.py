"""Values read from the database, kept until the next commit by any connection or process.

``cached(key, compute)`` returns ``compute()`` once, then the kept value until the database
changes: each thread watches its database with a read-only connection of its own whose
``PRAGMA data_version`` moves with every commit made by any other connection, this thread's
own included (a write, a reset, a snapshot restore, another worker process). Checking it costs
about as much as the smallest query, so a cache pays when it saves more than one.

Within a request scope (:func:`begin` .. :func:`end`, the vendor requests: the journal's hooks
open it) the check is made once: later reads of the same request trust it until this thread's
connection itself writes (its ``total_changes`` moves), so a request sees one consistent state
plus its own writes, as if it had read everything at its first look.

Nothing is kept while this thread's connection is inside a transaction (it may roll back), nor
for ``:memory:`` databases (one connection: it cannot watch itself); there ``compute()`` runs
every time.
"""

import sqlite3
import threading

from app.core import db

_local = threading.local()


class _Watch:
    def __init__(self, path):
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
        self.seen = None
        self.values = {}
        self.trusted = None      # the watched thread's total_changes when checked in this request scope

    def current(self, watched):
        changes = watched.total_changes
        if self.trusted == changes:
            return self.values
        cursor = self.connection.execute("PRAGMA data_version")
        version = cursor.fetchone()[0]
        cursor.close()
        if version != self.seen:
            self.values.clear()
            self.seen = version
        if getattr(_local, "scope", False):
            self.trusted = changes
        return self.values


def _watches():
    watches = getattr(_local, "watches", None)
    if watches is None:
        watches = _local.watches = {}
    return watches


def _watch(database):
    watches = _watches()
    watch = watches.get(database.path)
    if watch is None:
        watch = watches[database.path] = _Watch(database.path)
    return watch


def begin():
    """Open this thread's request scope: the next read checks, later ones trust that check."""
    _local.scope = True
    for watch in _watches().values():
        watch.trusted = None


def end():
    """Close it: every read checks again (a thread outside requests never trusts a check)."""
    _local.scope = False
    for watch in _watches().values():
        watch.trusted = None


def cached(key, compute):
    """``compute()``'s value for ``key`` (hashable), kept until the current database's next commit."""
    database = db.current()
    if database.memory:
        return compute()
    connection = database.conn()
    if connection.in_transaction:
        return compute()
    values = _watch(database).current(connection)
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value
