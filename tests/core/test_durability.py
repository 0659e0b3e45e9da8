"""Durability and writers: ``LEADMOCK_DURABILITY`` and one writer at a time."""

import os
import threading
import time

import pytest

from app.core import db as core_db


def synchronous(app):
    return app.extensions["leadmock.db"].conn().execute("PRAGMA synchronous").fetchone()[0]


def test_default_durability_keeps_synchronous_normal(make_app):
    assert synchronous(make_app()) == 1


def test_durability_fast_turns_synchronous_off(make_app, monkeypatch):
    assert synchronous(make_app(DURABILITY="fast")) == 0
    monkeypatch.setenv("LEADMOCK_DURABILITY", "FAST")
    assert synchronous(make_app()) == 0


def test_unknown_durability_is_refused(tmp_path):
    with pytest.raises(ValueError, match="durability"):
        core_db.Database(str(tmp_path / "d.sqlite"), "reckless")


def test_concurrent_writers_from_threads_and_databases_all_land(tmp_path):
    path = str(tmp_path / "w.sqlite")
    first, second = core_db.Database(path, background_checkpoints=True), core_db.Database(path)
    first.conn().execute("CREATE TABLE t (n INTEGER)")

    def write(database, start):
        for n in range(start, start + 50):
            with database.write() as c:
                total = c.execute("SELECT count(*) FROM t").fetchone()[0]
                c.execute("INSERT INTO t VALUES (?)", (total,))

    threads = [threading.Thread(target=write, args=(database, i * 50))
               for i, database in enumerate([first, first, second, second])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = [n for (n,) in first.conn().execute("SELECT n FROM t ORDER BY n")]
    assert rows == list(range(200))     # each write saw every earlier one: one writer at a time


def _wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_checkpointer_keeps_copying_the_wal_into_the_database_file(tmp_path):
    path = str(tmp_path / "c.sqlite")
    database = core_db.Database(path, background_checkpoints=True)
    database.conn().execute("CREATE TABLE t (v TEXT)")
    for round_ in range(2):                  # the second round goes through the connection it kept
        size = os.path.getsize(path)
        with database.write() as c:
            c.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 200)
        assert _wait_for(lambda: os.path.getsize(path) > size + 150_000), f"round {round_}: not checkpointed"
    database.close()
