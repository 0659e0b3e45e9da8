"""Reset in milliseconds: an undo log kept by triggers (SQLite's undo/redo technique).

After seeding, :func:`install` puts three triggers on every table then present (found generically
in ``sqlite_master``, so tables other features create at seed time are covered): the first time
a row is inserted, updated or deleted, ``core_undo`` gets the row as seeded (an SQL tuple), or a
note that it was added; later changes of that row log nothing. The log lives in the database, so
every worker process and connection feeds the same one, and named snapshots (whole-file copies)
carry the log of how they differ from the seeded state.

:func:`replay` (``/__admin/reset``) applies the log inside one write transaction (rows put back
with their rowid, added ones deleted; one statement per table), restores ``sqlite_sequence``
(``AUTOINCREMENT`` counters) as seeded and empties the log: a reset costs the rows changed, not
the file's size.

Requirements: every connection that writes runs ``PRAGMA recursive_triggers = ON`` (so the rows
``INSERT OR REPLACE`` deletes are logged too; :func:`app.core.db.open_connection` does it), and
the replay runs with foreign keys off (the log holds every row a cascade touched). Triggers that
keep derived data (counts) add ``WHEN`` :data:`LIVE`: the replay restores that data from the
log. When the schema no longer is the seeded one (a table created or altered since),
:func:`replay` declines and the caller restores the pristine copy instead.
"""

import hashlib
import json
import sqlite3

LOG = "core_undo"
BASE = "core_undo_base"   # the seeded schema's signature and sqlite_sequence
OWN = (LOG, BASE)
CHUNK = 500   # rows per INSERT statement of a replay
# The WHEN clause of a trigger that keeps derived data (e.g. counts): off while a replay puts every
# table back, derived ones included, from the log.
LIVE = f"NOT EXISTS (SELECT 1 FROM {BASE} WHERE kind = 'replaying')"


def _ident(name):
    return '"' + name.replace('"', '""') + '"'


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


def _columns(connection, table):
    """The stored columns (no hidden or generated ones) of ``table``."""
    return [row[1] for row in connection.execute(f"PRAGMA table_xinfo({_ident(table)})").fetchall() if row[6] == 0]


def _tables(connection):
    return [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if name not in OWN]


def signature(connection):
    """A digest of the schema (tables, indexes, triggers, views; not SQLite's own ``sqlite_*`` tables)."""
    digest = hashlib.sha256()
    for row in connection.execute(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"):
        digest.update("\x1f".join(row).encode() + b"\x1e")
    return digest.hexdigest()


def _triggers(table, columns):
    t, lit = _ident(table), _literal(table)
    seeded = "'(' || old.rowid" + "".join(f" || ', ' || quote(old.{_ident(c)})" for c in columns) + " || ')'"

    def log(rowid, vals):   # only a row's first change is logged: it holds the row as seeded
        # (a WHERE, not OR IGNORE: an INSERT OR REPLACE that fires the trigger would impose its REPLACE)
        return (f"INSERT INTO {LOG} (tbl, rid, vals) SELECT {lit}, {rowid}, {vals}"
                f" WHERE NOT EXISTS (SELECT 1 FROM {LOG} WHERE tbl = {lit} AND rid = {rowid})")

    name = lambda suffix: _ident(f"{LOG}_{table}_{suffix}")  # noqa: E731
    return [
        f"CREATE TRIGGER {name('i')} AFTER INSERT ON {t} BEGIN {log('new.rowid', 'NULL')}; END",
        f"CREATE TRIGGER {name('u')} AFTER UPDATE ON {t} BEGIN {log('old.rowid', seeded)};"
        f" {log('new.rowid', 'NULL')} AND new.rowid IS NOT old.rowid; END",
        f"CREATE TRIGGER {name('d')} AFTER DELETE ON {t} BEGIN {log('old.rowid', seeded)}; END",
    ]


def create_tables(connection):
    """The log and its base record (if missing): run first in the seed; a vendor whose triggers use
    :data:`LIVE` runs it too, so its tables can also be created alone."""
    # vals: the row as seeded, an SQL tuple ``(rowid, column...)``; NULL: the row was added since
    connection.execute(f"CREATE TABLE IF NOT EXISTS {LOG} (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL,"
                       " rid INTEGER NOT NULL, vals TEXT, UNIQUE (tbl, rid))")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {BASE} (kind TEXT NOT NULL, name TEXT NOT NULL, value,"
                       " PRIMARY KEY (kind, name))")


def _loggable(connection, table):
    """False for a virtual table (no triggers) and a WITHOUT ROWID one (rows are logged by rowid)."""
    sql = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    if sql.upper().startswith("CREATE VIRTUAL TABLE"):
        return False
    try:
        connection.execute(f"SELECT rowid FROM {_ident(table)} LIMIT 0")
    except sqlite3.OperationalError:
        return False
    return True


def install(connection):
    """Put the triggers on every table and record the seeded schema and counters.

    Run inside the seed's write transaction, after every table is created and filled. With a virtual
    or a WITHOUT ROWID table among them, nothing is installed: resets restore the pristine copy.
    """
    tables = _tables(connection)
    if any(not _loggable(connection, table) for table in tables):
        return   # no schema recorded: every reset restores the pristine copy instead
    for table in tables:
        for statement in _triggers(table, _columns(connection, table)):
            connection.execute(statement)
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        connection.execute(f"INSERT INTO {BASE} SELECT 'sequence', name, seq FROM sqlite_sequence")
    connection.execute(f"INSERT INTO {BASE} VALUES ('schema', '', ?)", (signature(connection),))


def installed(connection):
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (LOG,)).fetchone() \
        is not None


def replay(connection):
    """Put every changed row back as seeded and empty the log; False (nothing done) if it cannot.

    Run inside a write transaction, with foreign keys off.
    """
    if not installed(connection):
        return False
    row = connection.execute(f"SELECT value FROM {BASE} WHERE kind = 'schema'").fetchone()
    if row is None or row[0] != signature(connection):
        return False
    # Each entry holds its row as seeded. Applied in any order they give the seeded tables (a REPLACE
    # may drop a row that is not yet back as seeded: its own entry then puts it back).
    deleted, restored = {}, {}
    for table, rid, vals in connection.execute(f"SELECT tbl, rid, vals FROM {LOG}"):
        if vals is None:
            deleted.setdefault(table, []).append(rid)
        else:
            restored.setdefault(table, []).append(vals)
    if not deleted and not restored:
        return True
    connection.execute(f"INSERT INTO {BASE} VALUES ('replaying', '', 1)")
    for table, rids in deleted.items():
        connection.execute(f"DELETE FROM {_ident(table)} WHERE rowid IN (SELECT value FROM json_each(?))",
                           (json.dumps(rids),))
    for table, rows in restored.items():
        columns = "".join(", " + _ident(c) for c in _columns(connection, table))
        for start in range(0, len(rows), CHUNK):
            connection.execute(f"INSERT OR REPLACE INTO {_ident(table)} (rowid{columns}) VALUES "
                               + ", ".join(rows[start:start + CHUNK]))
    connection.execute(f"DELETE FROM {BASE} WHERE kind = 'replaying'")
    connection.execute(f"DELETE FROM {LOG}")
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        connection.execute("DELETE FROM sqlite_sequence")
        connection.execute(f"INSERT INTO sqlite_sequence SELECT name, value FROM {BASE} WHERE kind = 'sequence'")
    return True
