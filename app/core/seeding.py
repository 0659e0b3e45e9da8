"""Seeding: the fixtures, every vendor's tables and data, and opening a database without losing it.

Core never imports the vendors: callers pass them in (``app.VENDORS``).
"""

import json
import os
import pathlib
import sqlite3
from typing import NamedTuple

from app.core import clock, db, tenancy, timeline, undo, webhooks
from app.core.rand import Rand

# Bump when a table or the seeded data changes shape: a database of another version is refused
# (its data is the user's; ``--fresh`` reseeds it).
SCHEMA_VERSION = "6"
_APP = pathlib.Path(__file__).resolve().parents[1]
# An installed wheel ships the top-level fixtures/ folder as app/_fixtures (see setup.py).
FIXTURE_DIRS = (_APP / "_fixtures", _APP.parent / "fixtures")


class NotServable(Exception):
    """The database file holds data that seeding would destroy; the message says what to do."""


class Opened(NamedTuple):
    """What :func:`ensure_database` did: ``status`` is "seeded" or "kept"."""
    status: str
    seed: int
    scale: int


def fixtures_dir():
    """The fixtures folder: app/_fixtures in an installed wheel, else the checkout's fixtures/."""
    for folder in FIXTURE_DIRS:
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"no fixtures folder (looked in {', '.join(map(str, FIXTURE_DIRS))})")


def fixture(vendor, name):
    """The parsed JSON of ``fixtures/<vendor>/<name>.json`` (a new copy on every call)."""
    return json.loads((fixtures_dir() / vendor / f"{name}.json").read_text(encoding="utf-8"))


def spread(scale, well_known, per_extra):
    """Split ``scale`` generated records between tenants.

    The well-known tenants get their fixed shares, in order, while the scale
    lasts; the rest goes to extra tenants of ``per_extra`` records each, so
    the well-known tenants' lists stay the same size as the dataset grows.
    Returns ``(counts of the well-known tenants, counts of the extra tenants)``.
    """
    budget = max(0, scale)
    known = []
    for share in well_known:
        count = min(share, budget)
        known.append(count)
        budget -= count
    extra = []
    while budget > 0:
        extra.append(min(per_extra, budget))
        budget -= extra[-1]
    return known, extra


# -- the database -------------------------------------------------------------
def _meta(seed, scale):
    return {"seed": str(seed), "scale": str(scale), "schema_version": SCHEMA_VERSION}


def read_meta(connection):
    """``{"seed", "scale", "schema_version"}`` as recorded by the seed; ``{}`` when there is none."""
    try:
        return dict(connection.execute("SELECT key, value FROM core_meta").fetchall())
    except sqlite3.Error:
        return {}


def _build(database, vendors, seed, scale, tick=None):
    """Replace everything in ``database`` by a fresh seed, in ONE transaction.

    Interrupted (an error, Ctrl-C, SIGTERM, a kill), the database is left as it
    was before, never half-seeded: the seed record is only visible once all of it is.
    """
    connection = database.conn()
    sdb = database.utils()
    with database.write():
        connection.execute("PRAGMA defer_foreign_keys = ON")  # tables are dropped in any order
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            connection.execute(f'DROP TRIGGER IF EXISTS "{name}"')  # the undo log's go before its table
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            connection.execute(f'DROP TABLE IF EXISTS "{name}"')
        undo.create_tables(connection)
        clock.ensure_table(connection)
        timeline.ensure_table(connection)
        webhooks.ensure_table(connection)
        tenancy.ensure_table(connection)
        connection.execute("CREATE TABLE core_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany("INSERT INTO core_meta VALUES (?, ?)", _meta(seed, scale).items())
        for vendor in vendors:
            vendor.create_tables(sdb)
            vendor.seed(sdb, Rand(seed, vendor.name), scale, tick or (lambda n: None))
        undo.install(connection)  # from here on every change is logged: /__admin/reset replays the log
    connection.execute("PRAGMA optimize")


def seed_database(database, vendors, seed, scale, tick=None):
    """Build every vendor's tables and data into ``database`` and save it as pristine.

    ``vendors``: :class:`app.core.vendor.Vendor` objects; ``tick(n)`` is called as records are made.
    """
    _build(database, vendors, seed, scale, tick)
    database.save_snapshot(db.PRISTINE)


def _is_empty(connection):
    return connection.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchone()[0] == 0


def _pristine_meta(database):
    path = database.snapshot_path(db.PRISTINE)
    if not os.path.exists(path):
        return {}
    connection = sqlite3.connect(path)
    try:
        return read_meta(connection)
    finally:
        connection.close()


def _rebuild_pristine(database, vendors, seed, scale):
    """Seed again (deterministic) into the pristine copy only: the live data stays untouched."""
    target = database.snapshot_path(db.PRISTINE)
    scratch_path = target + ".build"
    for path in (scratch_path, scratch_path + "-wal", scratch_path + "-shm"):
        if os.path.exists(path):
            os.remove(path)
    scratch = db.Database(scratch_path)
    try:
        _build(scratch, vendors, seed, scale)
        scratch.conn().execute("PRAGMA journal_mode = DELETE")
    finally:
        scratch.close()
    os.replace(scratch_path, target)


def ensure_database(database, vendors, seed, scale, fresh=False, tick=None, announce=None):
    """Open ``database`` without ever destroying data that ``fresh`` did not ask to lose.

    - ``:memory:``, a new or empty file, or ``fresh``: seeded with ``seed`` and ``scale``.
    - A file seeded before: kept, with the seed and scale it was made with (they may differ
      from the ones asked for); its pristine copy (what ``/__admin/reset`` restores) is
      rebuilt when missing or stale, the live data untouched.
    - Anything else (another schema version, not a leadmock database): :class:`NotServable`.

    ``announce(doing, seed, scale)`` is told before a long seed starts. Returns an :class:`Opened`.
    """
    announce = announce or (lambda doing, seed, scale: None)
    try:
        connection = database.conn()
        found = None if fresh or database.memory or _is_empty(connection) else read_meta(connection)
    except sqlite3.DatabaseError as error:
        raise NotServable(f"{database.path} is not an SQLite database ({error}); choose another --db") from None
    if found is None:
        announce("seeding", seed, scale)
        seed_database(database, vendors, seed, scale, tick)
        return Opened("seeded", seed, scale)
    if not found:
        raise NotServable(f"{database.path} is not a leadmock database (it has no seed record); "
                          "pass --fresh to replace it (its tables are lost), or choose another --db")
    if found.get("schema_version") != SCHEMA_VERSION:
        raise NotServable(f"{database.path} was seeded by another leadmock version (schema "
                          f"{found.get('schema_version')}, this one needs {SCHEMA_VERSION}); pass --fresh to "
                          "reseed it (its data is lost), or choose another --db")
    opened = Opened("kept", int(found["seed"]), int(found["scale"]))
    if _pristine_meta(database) != found:
        announce("rebuilding the pristine copy of", opened.seed, opened.scale)
        _rebuild_pristine(database, vendors, opened.seed, opened.scale)
    return opened


def load_seeded(database, path):
    """Fill ``database`` (``:memory:`` in a server worker) from a file :func:`ensure_database` seeded."""
    database.load_snapshot_from(path)
    database.save_snapshot(db.PRISTINE)
    found = read_meta(database.conn())
    return Opened("seeded", int(found["seed"]), int(found["scale"]))
