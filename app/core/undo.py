"""Reset in milliseconds: an undo log kept by triggers (SQLite's undo/redo technique).

After seeding, :func:`install` puts triggers on every table then present (found generically in
``sqlite_master``, so tables other features create at seed time are covered) and records each
table's highest seeded rowid (its *top*). The first time a seeded row (rowid up to the top) is
updated or deleted, ``core_undo`` gets the row as seeded (an SQL tuple); later changes of that row
log nothing. A row added with a rowid up to the top (a reused or explicit rowid) is logged as added
(no values). A row added above the top, the common case (SQLite gives a new row the highest rowid
plus one), logs nothing per row: the first one logs the rowid just above the top as added, which
stands for every row above the top; changes of rows above the top log nothing (none was seeded). The log lives in the
database, so every worker process and connection feeds the same one, and named snapshots
(whole-file copies) carry the log of how they differ from the seeded state.

:func:`replay` (``/__admin/reset``) applies the log inside one write transaction (the rows logged
as added deleted, every row above the top of a table with one of them, then the logged rows put back with their
rowid; one statement per table), restores ``sqlite_sequence`` (``AUTOINCREMENT`` counters) as
seeded and empties the log: a reset costs the rows changed, not the file's size.

Requirements: every connection that writes runs ``PRAGMA recursive_triggers = ON`` (so the rows
``INSERT OR REPLACE`` deletes are logged too; :func:`app.core.db.open_connection` does it), and
the replay runs with foreign keys off (the log holds every row a cascade touched). Triggers that
keep derived data (counts) add ``WHEN`` :data:`LIVE`: the replay restores that data from the
log. When the schema no longer is the seeded one (a table created or altered since),
:func:`replay` declines and the caller restores the pristine copy instead. A database whose
triggers predate the tops (no ``top`` records) logs every added row, and replays the same way.
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


def _triggers(table, columns, top):
    """The undo triggers of ``table``, whose seeded rows all have a rowid up to ``top``."""
    t, lit = _ident(table), _literal(table)
    seeded = "'(' || old.rowid" + "".join(f" || ', ' || quote(old.{_ident(c)})" for c in columns) + " || ')'"

    def log(rowid, vals):   # only a row's first change is logged: it holds the row as seeded
        # (a WHERE, not OR IGNORE: an INSERT OR REPLACE that fires the trigger would impose its REPLACE)
        return (f"INSERT INTO {LOG} (tbl, rid, vals) SELECT {lit}, {rowid}, {vals}"
                f" WHERE NOT EXISTS (SELECT 1 FROM {LOG} WHERE tbl = {lit} AND rid = {rowid})")

    # a row above the top is not a seeded one: the first one logs top + 1 as added (the replay deletes every row above)
    grown = log(str(top + 1), "NULL")
    name = lambda suffix: _ident(f"{LOG}_{table}_{suffix}")  # noqa: E731
    return [
        f"CREATE TRIGGER {name('i')} AFTER INSERT ON {t} WHEN new.rowid <= {top} BEGIN {log('new.rowid', 'NULL')}; END",
        f"CREATE TRIGGER {name('g')} AFTER INSERT ON {t} WHEN new.rowid > {top} BEGIN {grown}; END",
        f"CREATE TRIGGER {name('u')} AFTER UPDATE ON {t} WHEN old.rowid <= {top} OR new.rowid IS NOT old.rowid"
        f" BEGIN {log('old.rowid', seeded)} AND old.rowid <= {top};"
        f" {log('new.rowid', 'NULL')} AND new.rowid IS NOT old.rowid AND new.rowid <= {top};"
        f" {grown} AND new.rowid IS NOT old.rowid AND new.rowid > {top}; END",
        f"CREATE TRIGGER {name('d')} AFTER DELETE ON {t} WHEN old.rowid <= {top} BEGIN {log('old.rowid', seeded)}; END",
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
        top = connection.execute(f"SELECT coalesce(max(rowid), 0) FROM {_ident(table)}").fetchone()[0]
        connection.execute(f"INSERT INTO {BASE} VALUES ('top', ?, ?)", (table, top))
        for statement in _triggers(table, _columns(connection, table), top):
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
    tops = dict(connection.execute(f"SELECT name, value FROM {BASE} WHERE kind = 'top'").fetchall())
    for table in list(deleted):
        top = tops.get(table)
        if top is not None:     # rows above the top are all added ones (the log has top + 1 for them)
            connection.execute(f"DELETE FROM {_ident(table)} WHERE rowid > ?", (top,))
            deleted[table] = [rid for rid in deleted[table] if rid <= top]
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
