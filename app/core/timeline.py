"""Effects due at a sandbox instant (a purge, a job's completion), settled lazily.

A store schedules an effect inside its own write transaction; the vendor
registers what the effect does with :func:`handler` (core imports no vendor).
Nothing runs in the background: a vendor blueprint built with ``settle=name``
calls :func:`settle` before each request, which costs one indexed
``SELECT ... LIMIT 1`` when nothing is due. Due effects are claimed with
``DELETE ... RETURNING`` inside one ``BEGIN IMMEDIATE`` transaction, so each
runs once across threads and worker processes, and a handler that fails rolls
its claim back with everything else it wrote.
"""

from datetime import timezone

from app.core import clock, db, freshness

TABLE = "core_due"
_handlers = {}


def ensure_table(connection):
    connection.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, vendor TEXT NOT NULL,"
                       " kind TEXT NOT NULL, ref TEXT NOT NULL, due_at TEXT NOT NULL)")
    connection.execute(f"CREATE INDEX IF NOT EXISTS idx_{TABLE}_due ON {TABLE} (vendor, due_at, id)")


def _stamp(instant):
    """A sortable UTC text with microseconds (``due_at`` and the instant it is compared with)."""
    i = instant.astimezone(timezone.utc)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (i.year, i.month, i.day, i.hour, i.minute, i.second, i.microsecond)


def handler(vendor, kind):
    """Decorator: ``fn(c, ref)`` performs effect ``kind`` of ``vendor`` inside the settling transaction."""
    def register(fn):
        _handlers[(vendor, kind)] = fn
        return fn

    return register


def schedule(c, vendor, kind, ref, due_at):
    """Make effect ``kind`` on ``ref`` due at the aware datetime ``due_at`` (call inside ``db.write()``).

    ``ref`` is stored as text: the handler receives ``str(ref)``.
    """
    if (vendor, kind) not in _handlers:
        raise LookupError(f"no timeline handler registered for {vendor}/{kind}")
    c.execute(f"INSERT INTO {TABLE} (vendor, kind, ref, due_at) VALUES (?, ?, ?, ?)",
              (vendor, kind, str(ref), _stamp(due_at)))


def cancel(c, vendor, kind, ref):
    """Drop the pending effects ``kind`` on ``ref`` (e.g. a trashed lead restored)."""
    c.execute(f"DELETE FROM {TABLE} WHERE vendor = ? AND kind = ? AND ref = ?", (vendor, kind, str(ref)))


def settle(vendor):
    """Run ``vendor``'s effects due by the sandbox's now, in ``(due_at, id)`` order; how many ran."""
    now = _stamp(clock.now())
    due = f"FROM {TABLE} WHERE vendor = ? AND due_at <= ?"
    first = freshness.cached((TABLE, vendor), lambda: db.conn().execute(
        f"SELECT min(due_at) FROM {TABLE} WHERE vendor = ?", (vendor,)).fetchone()[0])
    if first is None or first > now:      # the earliest pending effect, kept until the next commit
        return 0
    ran = 0
    with db.write() as c:
        # Claimed rows are gone for every other settler; effects a handler makes due run in this loop.
        while rows := c.execute(f"DELETE {due} RETURNING id, kind, ref, due_at", (vendor, now)).fetchall():
            for row in sorted(rows, key=lambda r: (r["due_at"], r["id"])):
                _handlers[(vendor, row["kind"])](c, row["ref"])
                ran += 1
    return ran
