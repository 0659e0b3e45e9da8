"""Skode rate limits: fixed 60-second windows on the sandbox clock, per bucket.

A bucket is an API key (``key:<key>``), an OAuth app (``oauth:<client_id>``)
or, for requests without valid credentials, a client IP (``ip:<addr>``).

The counts live off the main database, in a small shared file next to it
(``<db>-ratelimits``, memory-mapped, one slot per bucket) updated under a file
lock, so every worker process counts exactly and a GET never takes the main
database's write lock. The main database only records the windows opened
(table ``skode_rate_windows``: one row per bucket and window, written once a
minute per bucket, whose ``count`` column holds the window's token): a count
is valid while its token is still recorded there, so a reset or a snapshot
restore that forgets the window starts it again from zero, as the data it goes
with. (A snapshot taken in the same window and restored in it keeps counting
from the shared count.) ``:memory:`` databases keep the counts in memory.
"""

import fcntl
import hashlib
import math
import mmap
import os
import struct
import threading
import weakref

from app.core import clock, db, freshness
from app.core.rand import token
from app.vendors.skode.constants import RATE_WINDOW_SECONDS

TABLE = "skode_rate_windows"
SUFFIX = "-ratelimits"
SLOTS = 4096
PROBES = 32
SLOT = struct.Struct("<16sqqq")      # bucket digest, window index, window token, count
SIZE = SLOTS * SLOT.size


def create_tables(sdb):
    sdb.execute(
        f"CREATE TABLE {TABLE} (bucket TEXT NOT NULL, window_index INTEGER NOT NULL, workspace_id TEXT,"
        " count INTEGER NOT NULL, PRIMARY KEY (bucket, window_index))"
    )
    sdb.execute(f"CREATE INDEX idx_{TABLE}_workspace ON {TABLE} (workspace_id)")


class Counters:
    """The slots, shared by the threads of a process (a lock) and by processes (``flock``)."""

    def __init__(self, path=None):
        self.lock = threading.Lock()
        self.fd = None
        if path is None:
            self.map = mmap.mmap(-1, SIZE)
            return
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            if os.fstat(self.fd).st_size < SIZE:
                os.ftruncate(self.fd, SIZE)
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.map = mmap.mmap(self.fd, SIZE)

    def __enter__(self):
        self.lock.acquire()
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.lock.release()

    def find(self, digest, index):
        """(offset, window, token, count) of ``digest``'s slot, or of a free one (window 0, count 0)."""
        start = int.from_bytes(digest[:4], "little") % SLOTS
        free = None
        for probe in range(PROBES):
            offset = ((start + probe) % SLOTS) * SLOT.size
            held, window, window_token, count = SLOT.unpack_from(self.map, offset)
            if held == digest:
                return offset, window, window_token, count
            if free is None and (count == 0 or window != index):   # empty, or a past window of another bucket
                free = offset
        return (start * SLOT.size if free is None else free), 0, 0, 0

    def store(self, offset, digest, index, window_token, count):
        SLOT.pack_into(self.map, offset, digest, index, window_token, count)


_memory = weakref.WeakKeyDictionary()
_files = {}
_files_lock = threading.Lock()


def _counters(database):
    if database.memory:
        with _files_lock:
            counters = _memory.get(database)
            if counters is None:
                counters = _memory[database] = Counters()
        return counters
    counters = _files.get(database.path)
    if counters is None:
        with _files_lock:
            counters = _files.get(database.path)
            if counters is None:
                counters = _files[database.path] = Counters(database.path + SUFFIX)
    return counters


def _recorded_token(bucket, index):
    """The token of ``bucket``'s window ``index`` as the main database records it, or None."""
    def read():
        row = db.conn().execute(f"SELECT count FROM {TABLE} WHERE bucket = ? AND window_index = ?",
                                (bucket, index)).fetchone()
        return row[0] if row else None

    return freshness.cached((TABLE, bucket, index), read)


def _open_window(bucket, index, workspace_id):
    """Record a new window of ``bucket`` in the main database (forgetting its older ones); its token."""
    window_token = int(token(15, "0123456789")) + 1
    with db.write() as c:
        c.execute(f"INSERT OR REPLACE INTO {TABLE} (bucket, window_index, workspace_id, count) VALUES (?, ?, ?, ?)",
                  (bucket, index, workspace_id, window_token))
        c.execute(f"DELETE FROM {TABLE} WHERE bucket = ? AND window_index < ?", (bucket, index))
    return window_token


def hit(bucket, limit, workspace_id=None):
    """Count one request of ``bucket`` (of ``workspace_id``; None for a client IP);
    returns the numbers for the response headers.

    ``{"limit", "remaining", "reset", "exceeded", "retry_after"}`` with
    ``reset`` the Unix epoch second at which the window ends.
    """
    now = clock.now().timestamp()
    index = math.floor(now / RATE_WINDOW_SECONDS)
    digest = hashlib.blake2b(bucket.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _counters(db.current()) as counters:
        offset, window, window_token, count = counters.find(digest, index)
        if count and window == index and window_token == _recorded_token(bucket, index):
            count += 1
        else:
            window_token, count = _open_window(bucket, index, workspace_id), 1
        counters.store(offset, digest, index, window_token, count)
    reset = (index + 1) * RATE_WINDOW_SECONDS
    return {
        "limit": limit,
        "remaining": max(0, limit - count),
        "reset": reset,
        "exceeded": count > limit,
        "retry_after": max(1, math.ceil(reset - now)),
    }
