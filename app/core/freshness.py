"""Values read from the database, kept until the next commit by any connection or process.

``cached(key, compute)`` returns ``compute()`` once, then the kept value until the database
changes: each thread watches its database with a read-only connection of its own whose
``PRAGMA data_version`` moves with every commit made by any other connection, this thread's
own included (a write, a reset, a snapshot restore, another worker process). Checking it costs
about as much as the smallest query, so a cache pays when it saves more than one.

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

    def current(self):
        cursor = self.connection.execute("PRAGMA data_version")
        version = cursor.fetchone()[0]
        cursor.close()
        if version != self.seen:
            self.values.clear()
            self.seen = version
        return self.values


def _watch(database):
    watches = getattr(_local, "watches", None)
    if watches is None:
        watches = _local.watches = {}
    watch = watches.get(database.path)
    if watch is None:
        watch = watches[database.path] = _Watch(database.path)
    return watch


def cached(key, compute):
    """``compute()``'s value for ``key`` (hashable), kept until the current database's next commit."""
    database = db.current()
    if database.memory or database.conn().in_transaction:
        return compute()
    values = _watch(database).current()
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value
