"""Reset by the undo log: after any kind of write the content is exactly the seeded one."""

import sqlite3
from datetime import datetime, timezone

from app import create_app
from app.core import db as core_db
from app.core import undo

SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}


def contents(path):
    """Every table's rows (rowid included, in rowid order), SQLite's sequence counters too."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")]
        out = {}
        for table in tables:
            try:
                out[table] = connection.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:   # WITHOUT ROWID
                out[table] = connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        return out
    finally:
        connection.close()


def pristine(app):
    database = app.extensions["leadmock.db"]
    return contents(database.snapshot_path(core_db.PRISTINE))


def live(app):
    database = app.extensions["leadmock.db"]
    database.conn().execute("PRAGMA wal_checkpoint(FULL)")
    return contents(database.path)


def many_writes(app):
    """Inserts, updates, deletes, FK cascades and SET NULL, REPLACE, upserts, AUTOINCREMENT, a moved rowid."""
    client = app.test_client()
    created = client.post("/skode/v1/leads", headers=SKODE, json={"name": "New", "email": "n@example.com"})
    assert created.status_code == 201
    assert client.put("/discko/api/v1/leads/req_xyz789", headers=DISCKO, json={"status": "WON"}).status_code == 200
    assert client.put("/__admin/clock", json={"now": "2030-01-01T00:00:00Z"}).status_code == 200
    database = app.extensions["leadmock.db"]
    with database.write() as c:
        lead = c.execute("SELECT lead_id FROM lio_deals WHERE id IN (SELECT deal_id FROM lio_deal_history)"
                         " LIMIT 1").fetchone()[0]
        c.execute("DELETE FROM lio_leads WHERE id = ?", (lead,))  # cascades to its deals and their history
        pipeline = c.execute("SELECT pipeline_id FROM lio_pipeline_stages"
                             " WHERE pipeline_id NOT IN (SELECT pipeline_id FROM lio_deals) LIMIT 1").fetchone()[0]
        c.execute("DELETE FROM lio_pipelines WHERE id = ?", (pipeline,))  # cascades to its stages
        role = c.execute("SELECT role_id FROM lio_users WHERE role_id IS NOT NULL LIMIT 1").fetchone()[0]
        c.execute("DELETE FROM lio_roles WHERE id = ?", (role,))  # SET NULL on its users
        contact = c.execute("SELECT * FROM skarbe_contacts ORDER BY id LIMIT 1").fetchone()
        c.execute("INSERT OR REPLACE INTO skarbe_contacts (id, workspace_id, email, created_at) VALUES (?, ?, ?, ?)",
                  (contact["id"], contact["workspace_id"], "replaced@example.com", "2030-01-01"))
        c.execute("INSERT INTO skarbe_contacts (workspace_id, email, created_at) VALUES (?, 'auto@example.com', 'x')",
                  (contact["workspace_id"],))  # AUTOINCREMENT moves sqlite_sequence
        c.execute("INSERT INTO core_meta (key, value) VALUES ('seed', 'changed')"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        c.execute("INSERT INTO core_meta (key, value) VALUES ('extra', 'x') ON CONFLICT (key) DO NOTHING")
        top = c.execute("SELECT max(id) FROM lio_deal_history").fetchone()[0]
        c.execute("UPDATE lio_deal_history SET id = ? WHERE id = (SELECT min(id) FROM lio_deal_history)", (top + 100,))
        c.execute("UPDATE skode_leads SET deal_value = deal_value * 1.1 + 0.1, doc = doc || ' '")
        c.execute("DELETE FROM discko_leads WHERE rowid % 3 = 0")


def test_reset_after_every_kind_of_write_gives_the_seeded_content(make_app):
    app = make_app()
    before = pristine(app)
    many_writes(app)
    assert live(app) != before
    response = app.test_client().post("/__admin/reset")
    assert response.status_code == 200 and response.get_json()["status"] == "reset"
    assert live(app) == before
    with app.app_context():
        assert app.test_client().get("/__admin/clock").get_json()["frozen"] is False


def test_a_second_reset_and_writes_after_a_reset_reset_again(make_app):
    app = make_app()
    before = pristine(app)
    for _ in range(2):
        many_writes(app)
        app.test_client().post("/__admin/reset")
        app.test_client().post("/__admin/reset")
        assert live(app) == before


def test_reset_undoes_writes_of_two_app_instances_on_the_same_file(make_app):
    first = make_app()
    second = create_app({"DATABASE": first.config["DATABASE"], "SEED": first.config["SEED"],
                         "SCALE": first.config["SCALE"]})
    before = pristine(first)
    first.test_client().put("/discko/api/v1/leads/req_xyz789", headers=DISCKO, json={"status": "WON"})
    many_writes(second)
    assert second.test_client().post("/__admin/reset").status_code == 200
    assert live(first) == before
    client = first.test_client()
    assert client.get("/discko/api/v1/leads/req_xyz789", headers=DISCKO).get_json()["data"]["status"] == "NEW"


def test_named_snapshot_restore_then_reset_returns_to_the_seeded_content(make_app):
    app = make_app()
    client = app.test_client()
    before = pristine(app)
    client.put("/discko/api/v1/leads/req_xyz789", headers=DISCKO, json={"status": "WON"})
    assert client.post("/__admin/snapshots/mid").status_code == 201
    at_snapshot = live(app)
    many_writes(app)
    assert client.post("/__admin/snapshots/mid/restore").status_code == 200
    assert live(app) == at_snapshot
    many_writes(app)
    client.post("/__admin/reset")
    assert live(app) == before


def test_reset_after_a_table_created_since_the_seed_restores_the_pristine_copy(make_app):
    app = make_app()
    before = pristine(app)
    database = app.extensions["leadmock.db"]
    with database.write() as c:
        c.execute("CREATE TABLE later_feature (id INTEGER PRIMARY KEY, value TEXT)")
        c.execute("INSERT INTO later_feature (value) VALUES ('x')")
        c.execute("DELETE FROM discko_leads")
    app.test_client().post("/__admin/reset")
    assert live(app) == before


def test_seeded_state_has_an_empty_log_and_triggers_on_every_table(app):
    connection = sqlite3.connect(app.extensions["leadmock.db"].snapshot_path(core_db.PRISTINE))
    tables = {name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")} - set(undo.OWN)
    watched = {name for (name,) in connection.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    assert tables and watched == tables
    assert connection.execute(f"SELECT count(*) FROM {undo.LOG}").fetchone()[0] == 0
    connection.close()


def test_memory_database_resets_by_the_log_too():
    app = create_app({"DATABASE": ":memory:", "SCALE": 50})
    client = app.test_client()
    client.put("/discko/api/v1/leads/req_xyz789", headers=DISCKO, json={"status": "LOST"})
    client.put("/__admin/clock", json={"now": datetime(2031, 1, 1, tzinfo=timezone.utc).isoformat()})
    with app.app_context():
        assert core_db.conn().execute(f"SELECT count(*) FROM {undo.LOG}").fetchone()[0] > 0
    client.post("/__admin/reset")
    with app.app_context():
        assert core_db.conn().execute(f"SELECT count(*) FROM {undo.LOG}").fetchone()[0] == 0
    assert client.get("/discko/api/v1/leads/req_xyz789", headers=DISCKO).get_json()["data"]["status"] == "NEW"
    assert client.get("/__admin/clock").get_json()["frozen"] is False


class _Feature:
    """A stand-in for another feature's tables created at seed time (seeding needs only these three)."""

    def __init__(self, name, ddl):
        self.name, self.ddl = name, ddl

    def create_tables(self, sdb):
        sdb.execute(self.ddl)

    def seed(self, sdb, rand, scale, tick):
        sdb.execute(f"INSERT INTO {self.name} (k, v) VALUES ('a', 1), ('b', 2)")


def _seeded_with(tmp_path, ddl):
    from app.core import seeding

    database = core_db.Database(str(tmp_path / "feature.sqlite"))
    seeding.seed_database(database, [_Feature("deliveries", ddl)], seed=1, scale=0)
    return database


def _after_reset_equals_pristine(database):
    before = contents(database.snapshot_path(core_db.PRISTINE))
    with database.write() as c:
        c.execute("INSERT INTO deliveries (k, v) VALUES ('c', 3)")
        c.execute("UPDATE deliveries SET v = 10 WHERE k = 'a'")
        c.execute("DELETE FROM deliveries WHERE k = 'b'")
        c.execute("UPDATE core_clock SET frozen_at = '2030-01-01T00:00:00Z'")
    database.reset()
    database.conn().execute("PRAGMA wal_checkpoint(FULL)")
    return contents(database.path) == before


def test_a_table_another_feature_creates_at_seed_time_is_reset_by_the_log(tmp_path):
    database = _seeded_with(tmp_path, "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v INTEGER)")
    watched = {name for (name,) in database.conn().execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    assert "deliveries" in watched
    assert _after_reset_equals_pristine(database)


def test_a_without_rowid_table_at_seed_time_makes_reset_restore_the_pristine_copy(tmp_path):
    database = _seeded_with(tmp_path, "CREATE TABLE deliveries (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID")
    assert database.conn().execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0
    assert _after_reset_equals_pristine(database)


def test_rows_added_above_the_seeded_top_log_nothing_per_row_and_reset_removes_them(tmp_path):
    database = _seeded_with(tmp_path, "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v INTEGER)")
    with database.write() as c:
        for n in range(5):
            c.execute("INSERT INTO deliveries (k, v) VALUES (?, ?)", (f"new{n}", n))   # above the top
        c.execute("UPDATE deliveries SET v = 99 WHERE k = 'new1'")                      # an added row changed
        c.execute("DELETE FROM deliveries WHERE k = 'new2'")                            # an added row deleted
        # one entry stands for every row above the top: the rowid just above it, as added
        assert [tuple(r) for r in c.execute(f"SELECT tbl, rid, vals FROM {undo.LOG}")] == [("deliveries", 3, None)]
    assert _after_reset_equals_pristine(database)


def test_reused_and_moved_rowids_around_the_seeded_top_reset_exactly(tmp_path):
    database = _seeded_with(tmp_path, "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v INTEGER)")
    before = contents(database.snapshot_path(core_db.PRISTINE))
    with database.write() as c:
        c.execute("DELETE FROM deliveries WHERE id = 2")                        # the top row: its rowid is reused
        c.execute("INSERT INTO deliveries (k, v) VALUES ('b', 20)")             # gets rowid 2 again, same k
        c.execute("INSERT INTO deliveries (id, k, v) VALUES (-5, 'neg', 1)")    # an explicit rowid below the top
        c.execute("UPDATE deliveries SET id = 50 WHERE k = 'a'")                # a seeded row moved above the top
        c.execute("INSERT INTO deliveries (k, v) VALUES ('c', 3)")              # above the top
        c.execute("UPDATE deliveries SET id = 1 WHERE k = 'c'")                 # an added row moved into a seeded rowid
        c.execute("INSERT OR REPLACE INTO deliveries (k, v) VALUES ('b', 21)")  # REPLACE: deletes row 2, adds one above
    database.reset()
    database.conn().execute("PRAGMA wal_checkpoint(FULL)")
    assert contents(database.path) == before
