"""The sandbox clock: every time-based rule reads ``now()`` from here.

The clock state lives in the database (table ``core_clock``) so that every
worker process and thread agrees on it, and so that ``/__admin/reset``
restores it together with the data. It is either *running* (real time plus an
offset) or *frozen* at an instant; ``advance`` moves it either way.

Within a request ``now()`` is read once and kept on ``flask.g``, so every
write of one request shares one instant; ``set_time``, ``advance`` and
``reset`` drop the kept value.
"""

import functools
import time
from datetime import datetime, timedelta, timezone

from flask import g, has_request_context

from app.core import db, freshness

TABLE = "core_clock"
# The range every vendor can represent (four-digit years, 30-day expiries, ISO 8601 round trips).
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


class OutOfRange(ValueError):
    """A sandbox time outside ``EARLIEST``..``LATEST``: refused, nothing stored."""


def check_range(instant):
    """``instant`` if the sandbox can be set to it, else :class:`OutOfRange`."""
    if not EARLIEST <= instant <= LATEST:
        raise OutOfRange(f"The sandbox time must be between {iso(EARLIEST)} and {iso(LATEST)}.")
    return instant


def _real_now():
    return datetime.now(timezone.utc)


def ensure_table(conn):
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " offset_seconds REAL NOT NULL DEFAULT 0, frozen_at TEXT)"
    )
    conn.execute(f"INSERT OR IGNORE INTO {TABLE} (id, offset_seconds, frozen_at) VALUES (1, 0, NULL)")


def _state():
    """(offset_seconds, frozen_at), kept until the next commit (a clock change is one)."""
    def read():
        row = db.conn().execute(f"SELECT offset_seconds, frozen_at FROM {TABLE} WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else (0.0, None)

    return freshness.cached(TABLE, read)


def _read():
    offset, frozen_at = _state()
    if frozen_at:
        return parse_iso(frozen_at)
    return _real_now() + timedelta(seconds=offset)


def now():
    """The sandbox's current instant, timezone-aware UTC (read once per request)."""
    if not has_request_context():
        return _read()
    instant = g.get("leadmock_now")
    if instant is None:
        instant = g.leadmock_now = _read()
    return instant


def timestamp():
    """The sandbox's current instant as POSIX seconds (a float): :func:`now` without building a
    datetime, for a hot path that only stores it (the request journal). The instant this request
    kept, if it read one."""
    if has_request_context():
        instant = g.get("leadmock_now")
        if instant is not None:
            return instant.timestamp()
    offset, frozen_at = _state()
    if frozen_at:
        return _frozen_timestamp(frozen_at)
    return time.time() + offset


@functools.lru_cache(maxsize=64)
def _frozen_timestamp(frozen_at):
    return parse_iso(frozen_at).timestamp()


_listeners = []


def on_change(listener):
    """Call ``listener()`` (no arguments, must not raise) after every set, advance or reset of this process.

    Other processes see the new time on their next read; this lets a waiting dispatcher wake at once.
    """
    _listeners.append(listener)
    return listener


def _forget():
    """Drop the instant kept for this request: the clock was just moved (and tell the listeners)."""
    if has_request_context():
        g.pop("leadmock_now", None)
    for listener in list(_listeners):
        listener()


def state():
    """What ``GET /__admin/clock`` shows."""
    offset, frozen_at = _state()
    current = parse_iso(frozen_at) if frozen_at else _real_now() + timedelta(seconds=offset)
    return {
        "now": iso(current),
        "frozen": bool(frozen_at),
        "offset_seconds": round((current - _real_now()).total_seconds(), 3) if not frozen_at else None,
    }


def set_time(instant, frozen=True):
    """Jump to ``instant``; frozen stays there, running keeps ticking from there."""
    check_range(instant)
    with db.write() as c:
        if frozen:
            c.execute(f"UPDATE {TABLE} SET frozen_at = ?, offset_seconds = 0 WHERE id = 1", (iso(instant),))
        else:
            offset = (instant - _real_now()).total_seconds()
            c.execute(f"UPDATE {TABLE} SET frozen_at = NULL, offset_seconds = ? WHERE id = 1", (offset,))
    _forget()


def advance(seconds):
    """Move the clock forward (or back, for a negative number) by ``seconds``."""
    with db.write() as c:
        offset, frozen_at = c.execute(f"SELECT offset_seconds, frozen_at FROM {TABLE} WHERE id = 1").fetchone()
        current = parse_iso(frozen_at) if frozen_at else _real_now() + timedelta(seconds=offset)
        try:
            moved = check_range(current + timedelta(seconds=seconds))
        except OverflowError:
            raise OutOfRange(f"The sandbox time must be between {iso(EARLIEST)} and {iso(LATEST)}.") from None
        if frozen_at:
            c.execute(f"UPDATE {TABLE} SET frozen_at = ? WHERE id = 1", (iso(moved),))
        else:
            c.execute(f"UPDATE {TABLE} SET offset_seconds = ? WHERE id = 1", (offset + seconds,))
    _forget()


def reset():
    """Back to real time."""
    with db.write() as c:
        c.execute(f"UPDATE {TABLE} SET frozen_at = NULL, offset_seconds = 0 WHERE id = 1")
    _forget()


def iso(instant, millis=False):
    """ISO 8601 UTC with a ``Z``: ``2026-01-13T10:30:00Z`` (or ``...00.000Z``)."""
    instant = instant.astimezone(timezone.utc)
    if millis:
        return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text):
    """Parse ISO 8601 (``Z`` or offset; a date alone means midnight UTC). Raises ValueError."""
    if not isinstance(text, str) or not text:
        raise ValueError("not a date")
    value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
