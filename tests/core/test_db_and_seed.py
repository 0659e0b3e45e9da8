"""Storage and seeding: determinism, persistence, memory mode, concurrency."""

import hashlib
import os
import sqlite3
import threading

import pytest

from app import create_app, seed_database
from app.core import db as core_db


def dump_hash(path):
    connection = sqlite3.connect(path)
    digest = hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    connection.close()
    return digest


def test_same_seed_and_scale_give_identical_data(tmp_path):
    paths = []
    for name in ("a", "b"):
        database = core_db.use(core_db.Database(str(tmp_path / f"{name}.sqlite")))
        seed_database(database, seed=7, scale=150)
        database.close()
        paths.append(str(tmp_path / f"{name}.sqlite"))
    assert dump_hash(paths[0]) == dump_hash(paths[1])


def test_another_seed_gives_other_data(tmp_path):
    hashes = []
    for seed in (1, 2):
        path = str(tmp_path / f"s{seed}.sqlite")
        database = core_db.use(core_db.Database(path))
        seed_database(database, seed=seed, scale=100)
        database.close()
        hashes.append(dump_hash(path))
    assert hashes[0] != hashes[1]


def test_database_uses_wal_mode(app):
    with app.app_context():
        assert core_db.conn().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restart_keeps_persisted_changes(tmp_path):
    path = str(tmp_path / "persist.sqlite")
    headers = {"X-Discko-Key": "dk_test_creative_minds"}
    first = create_app({"DATABASE": path, "SCALE": 100}).test_client()
    first.put("/discko/api/v1/leads/req_xyz789", headers=headers, json={"status": "WON"})
    second = create_app({"DATABASE": path, "SCALE": 100}).test_client()
    assert second.get("/discko/api/v1/leads/req_xyz789", headers=headers).get_json()["data"]["status"] == "WON"
    fresh = create_app({"DATABASE": path, "SCALE": 100, "FRESH": True}).test_client()
    assert fresh.get("/discko/api/v1/leads/req_xyz789", headers=headers).get_json()["data"]["status"] == "NEW"


def test_memory_database_serves_and_resets():
    client = create_app({"DATABASE": ":memory:", "SCALE": 50}).test_client()
    headers = {"X-Discko-Key": "dk_test_creative_minds"}
    client.put("/discko/api/v1/leads/req_xyz789", headers=headers, json={"status": "LOST"})
    client.post("/__admin/reset")
    assert client.get("/discko/api/v1/leads/req_xyz789", headers=headers).get_json()["data"]["status"] == "NEW"


def test_one_connection_per_thread_is_reused(app):
    database = app.extensions["leadmock.db"]
    seen = []

    def work():
        seen.append((threading.get_ident(), id(database.conn()), id(database.conn())))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(first == second for _, first, second in seen)
    assert len({first for _, first, _ in seen}) == 3


def test_concurrent_writers_lose_nothing(app):
    headers = {"X-Discko-Key": "dk_test_webflow_agency"}
    ids = [lead["id"] for lead in app.test_client().get("/discko/api/v1/leads", headers=headers).get_json()["data"]
           if not lead["locked"]][:16]
    errors = []

    def write(lead_id):
        response = app.test_client().put(f"/discko/api/v1/leads/{lead_id}", headers=headers, json={"status": "LOST"})
        if response.status_code != 200:
            errors.append(response.status_code)

    threads = [threading.Thread(target=write, args=(lead_id,)) for lead_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    client = app.test_client()
    assert all(client.get(f"/discko/api/v1/leads/{i}", headers=headers).get_json()["data"]["status"] == "LOST" for i in ids)


def _temp_files_open():
    """This process's open temporary files of SQLite (statement journals spilled to disk)."""
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    return [name for name in names if "etilqs_" in name]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_a_write_keeps_its_statement_journals_in_memory_and_reads_keep_the_default_temp_store(tmp_path):
    database = core_db.Database(str(tmp_path / "t.sqlite"))
    connection = database.conn()
    columns = [f"c{i}" for i in range(24)]
    connection.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, {', '.join(columns)})")
    for column in columns:
        connection.execute(f"CREATE INDEX idx_{column} ON t ({column})")
    connection.execute("CREATE TABLE log (id)")
    connection.execute("CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.id); END")
    values = lambda n: [f"{(n * 7919 + i) % 5000:05d}" * 20 for i in range(len(columns))]  # noqa: E731
    with database.write() as c:
        c.executemany(f"INSERT INTO t ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                      [values(n) for n in range(3000)])
    with database.write() as c:
        assert c.execute("PRAGMA temp_store").fetchone()[0] == 0      # reads inside a write: the default
        # one row into two dozen existing index pages, a trigger, a UNIQUE column: a statement journal past 64 KiB
        c.execute(f"INSERT INTO t ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values(12345))
        assert _temp_files_open() == []
    assert connection.execute("PRAGMA temp_store").fetchone()[0] == 0
    try:
        with database.write() as c:
            c.execute("INSERT INTO log VALUES (1)")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert connection.execute("PRAGMA temp_store").fetchone()[0] == 0
    assert connection.execute("SELECT count(*) FROM log").fetchone()[0] == 3001     # the last write rolled back
    database.close()
