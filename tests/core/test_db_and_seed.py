"""Storage and seeding: determinism, persistence, memory mode, concurrency."""

import hashlib
import sqlite3
import threading

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


def test_write_transactions_keep_statement_journals_in_memory_and_reads_keep_the_default(tmp_path):
    database = core_db.Database(str(tmp_path / "t.sqlite"))
    connection = database.conn()
    connection.execute("CREATE TABLE t (x)")
    with database.write() as c:
        assert c.execute("PRAGMA temp_store").fetchone()[0] == 2          # MEMORY
        with database.write() as inner:                                    # a nested write joins
            assert inner.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert connection.execute("PRAGMA temp_store").fetchone()[0] == 0     # DEFAULT again
    try:
        with database.write() as c:
            c.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert connection.execute("PRAGMA temp_store").fetchone()[0] == 0
    assert connection.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    database.close()
