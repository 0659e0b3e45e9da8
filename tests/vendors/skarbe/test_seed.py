"""Seeding: deterministic, well-known tenants flat as the scale grows."""

import sqlite3

import sqlite_utils

from app.core.rand import Rand
from app.vendors.skarbe import seed, store


def _seeded(scale, seed_value=42):
    sdb = sqlite_utils.Database(sqlite3.connect(":memory:"))
    sdb.conn.row_factory = sqlite3.Row
    ticks = []
    store.create_tables(sdb)
    seed.run(sdb, Rand(seed_value, "skarbe"), scale, ticks.append)
    return sdb, ticks


def _dump(sdb):
    return {table: [tuple(row) for row in sdb.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
            for table in sdb.table_names()}


def test_same_seed_and_scale_give_identical_data():
    assert _dump(_seeded(300)[0]) == _dump(_seeded(300)[0])


def test_other_seed_gives_other_data():
    assert _dump(_seeded(300)[0])["skarbe_contacts"] != _dump(_seeded(300, 7)[0])["skarbe_contacts"]


def test_well_known_workspaces_stay_flat_as_scale_grows():
    sdb, ticks = _seeded(1000)
    per_workspace = dict(sdb.conn.execute(
        "SELECT workspace_id, count(*) FROM skarbe_contacts GROUP BY workspace_id").fetchall())
    assert per_workspace[1] == 122 and per_workspace[2] == 40
    assert sum(ticks) == 1000
    keys = [row[0] for row in sdb.conn.execute("SELECT api_key FROM skarbe_api_keys ORDER BY workspace_id")]
    assert keys[:3] == ["sk_live_abc123xyz", "sk_live_globex_workspace", "sk_live_ws_0001"]
    assert len(keys) == 2 + 9


def test_documented_contacts_have_ids_1_and_2():
    sdb, _ = _seeded(50)
    rows = sdb.conn.execute("SELECT id, first_name, last_name, workspace_id FROM skarbe_contacts"
                            " WHERE id <= 2 ORDER BY id").fetchall()
    assert [tuple(row) for row in rows] == [(1, "John", "Doe", 1), (2, "Jane", "Smith", 1)]


def test_every_workspace_has_the_three_lead_statuses():
    sdb, _ = _seeded(500)
    rows = sdb.conn.execute("SELECT workspace_id, group_concat(id) FROM skarbe_lead_statuses"
                            " GROUP BY workspace_id").fetchall()
    assert len(rows) == 2 + 4 and all(row[1] == "1,2,3" for row in rows)


def test_tenants_and_counts(app):
    with app.app_context():
        tenants = store.tenants()
        counts = store.counts()
    assert tenants[:2] == [
        {"name": "Acme Corporation", "id": 1, "credentials": {"X-Api-Key": "sk_live_abc123xyz"}},
        {"name": "Globex", "id": 2, "credentials": {"X-Api-Key": "sk_live_globex_workspace"}},
    ]
    assert tenants[2]["credentials"] == {"X-Api-Key": "sk_live_ws_0001"}
    assert counts["contacts"] == 302   # 2 documented + scale 300


def test_admin_tenants_lists_skarbe(client):
    tenants = client.get("/__admin/tenants").get_json()["skarbe"]
    assert tenants[0]["credentials"] == {"X-Api-Key": "sk_live_abc123xyz"}
