"""Skode rate limits: fixed 60-second windows on the sandbox clock, per bucket.

A bucket is an API key (``key:<key>``), an OAuth app (``oauth:<client_id>``)
or, for requests without valid credentials, a client IP (``ip:<addr>``). The
counters live in SQLite so that every worker process shares them; each hit is
one upsert in a write transaction.
"""

import math

from app.core import clock, db
from app.vendors.skode.constants import RATE_WINDOW_SECONDS

TABLE = "skode_rate_windows"


def create_tables(sdb):
    sdb.execute(
        f"CREATE TABLE {TABLE} (bucket TEXT NOT NULL, window_index INTEGER NOT NULL, workspace_id TEXT,"
        " count INTEGER NOT NULL, PRIMARY KEY (bucket, window_index))"
    )
    sdb.execute(f"CREATE INDEX idx_{TABLE}_workspace ON {TABLE} (workspace_id)")


def hit(bucket, limit, workspace_id=None):
    """Count one request of ``bucket`` (of ``workspace_id``; None for a client IP);
    returns the numbers for the response headers.

    ``{"limit", "remaining", "reset", "exceeded", "retry_after"}`` with
    ``reset`` the Unix epoch second at which the window ends.
    """
    now = clock.now().timestamp()
    index = math.floor(now / RATE_WINDOW_SECONDS)
    with db.write() as c:
        count = c.execute(
            f"INSERT INTO {TABLE} (bucket, window_index, workspace_id, count) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (bucket, window_index) DO UPDATE SET count = count + 1 RETURNING count",
            (bucket, index, workspace_id),
        ).fetchone()[0]
        if count == 1:   # a new window: forget this bucket's old ones
            c.execute(f"DELETE FROM {TABLE} WHERE bucket = ? AND window_index < ?", (bucket, index))
    reset = (index + 1) * RATE_WINDOW_SECONDS
    return {
        "limit": limit,
        "remaining": max(0, limit - count),
        "reset": reset,
        "exceeded": count > limit,
        "retry_after": max(1, math.ceil(reset - now)),
    }
