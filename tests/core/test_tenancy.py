"""app.core.tenancy on a small made-up vendor: every kind of reference is remapped, nothing else moves."""

import orjson
import pytest

from app.core import db, tenancy, timeline
from app.core.errors import NotFound
from app.core.tenancy import JsonList, Pattern, Poly

SCHEMA = [
    "CREATE TABLE toy_orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, api_key TEXT NOT NULL UNIQUE)",
    ("CREATE TABLE toy_users (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL REFERENCES toy_orgs(id),"
     " email TEXT NOT NULL UNIQUE)"),
    "CREATE TABLE toy_tags (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, name TEXT NOT NULL)",
    ("CREATE TABLE toy_items (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, owner INTEGER, tags TEXT NOT NULL,"
     " data TEXT NOT NULL, picture TEXT, doc TEXT)"),
    ("CREATE TABLE toy_parts (id INTEGER PRIMARY KEY AUTOINCREMENT,"
     " item_id TEXT NOT NULL REFERENCES toy_items(id) ON DELETE CASCADE, label TEXT)"),
    "CREATE TABLE toy_feed (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT)",
    "CREATE TABLE toy_settings (org_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT, PRIMARY KEY (org_id, key))",
    "CREATE TABLE toy_sessions (token TEXT PRIMARY KEY, org_id TEXT NOT NULL)",
    "CREATE TABLE toy_catalog (sku TEXT PRIMARY KEY, price INTEGER)",
]

SPEC = tenancy.Spec(
    vendor="toy", root="toy_orgs", column="org_id", skip=("toy_sessions",),
    refs={"toy_items.owner": "toy_users", "toy_items.tags": JsonList("toy_tags"),
          "toy_items.picture": Pattern(r"/parts/(\d+)", "toy_parts"),
          "toy_feed.ref": Poly("kind", {"user": "toy_users", "item": "toy_items"})},
    json_keys={"user_id": "toy_users", "tag_ids": "toy_tags"},
    text_ids=True,
    fresh={"toy_users.email": lambda old, ctx: old.replace("@", f"+{ctx.suffix}@"),
           "toy_orgs.api_key": tenancy.key_like(20)},
    due={"expire": "toy_items"},
    secrets=lambda ctx: {new: "pw" for new in ctx.mapping("toy_users", "email").values()},
)


@pytest.fixture
def toy():
    database = db.Database(":memory:")
    previous = db._default
    db.use(database)
    c = database.conn()
    for sql in SCHEMA:
        c.execute(sql)
    timeline.ensure_table(c)
    tenancy.ensure_table(c)   # seeding creates it
    c.executemany("INSERT INTO toy_orgs VALUES (?, ?, ?)",
                  [("org_one", "One", "toy_live_one"), ("org_two", "Two", "toy_live_two")])
    c.executemany("INSERT INTO toy_users VALUES (?, ?, ?)", [(1, "org_one", "a@one.test"), (2, "org_two", "b@two.test")])
    c.executemany("INSERT INTO toy_tags VALUES (?, ?, ?)", [(1, "org_one", "hot"), (2, "org_one", "cold")])
    c.execute("INSERT INTO toy_items VALUES ('item_abc123', 'org_one', 1, '[1, 2]', ?, 'https://x.test/parts/1', ?)",
              (orjson.dumps({"user_id": 1, "tag_ids": [2], "note": 1}).decode(),
               '{"id": "item_abc123", "see": "https://x.test/items/item_abc123"}'))
    c.execute("INSERT INTO toy_parts (item_id, label) VALUES ('item_abc123', 'wheel')")
    c.executemany("INSERT INTO toy_feed (org_id, kind, ref) VALUES (?, ?, ?)",
                  [("org_one", "user", "1"), ("org_one", "item", "item_abc123")])
    c.execute("INSERT INTO toy_settings VALUES ('org_one', 'theme', 'dark')")
    c.execute("INSERT INTO toy_sessions VALUES ('sess_1', 'org_one')")
    c.execute("INSERT INTO toy_catalog VALUES ('sku_1', 5)")
    c.execute("INSERT INTO core_due (vendor, kind, ref, due_at) VALUES ('toy', 'expire', 'item_abc123', 'x')")
    yield c
    db.use(previous)


def rows(c, table, where="1", params=()):
    return [dict(r) for r in c.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", params)]


def test_clone_copies_every_row_under_new_keys_and_remaps_every_reference(toy):
    new = tenancy.clone(SPEC, "org_one")
    assert new.startswith("org_") and new != "org_one"
    org = rows(toy, "toy_orgs", "id = ?", (new,))[0]
    assert org["name"] == "One" and org["api_key"].startswith("toy_live_") and len(org["api_key"]) == 29
    user = rows(toy, "toy_users", "org_id = ?", (new,))[0]
    assert user["id"] == 3 and user["email"].startswith("a+") and user["email"].endswith("@one.test")
    tags = [t["id"] for t in rows(toy, "toy_tags", "org_id = ?", (new,))]
    assert tags == [3, 4]
    item = rows(toy, "toy_items", "org_id = ?", (new,))[0]
    assert item["id"].startswith("item_") and item["id"] != "item_abc123"
    assert item["owner"] == 3 and orjson.loads(item["tags"]) == [3, 4]
    assert orjson.loads(item["data"]) == {"user_id": 3, "tag_ids": [4], "note": 1}
    assert orjson.loads(item["doc"]) == {"id": item["id"], "see": f"https://x.test/items/{item['id']}"}
    part = rows(toy, "toy_parts", "item_id = ?", (item["id"],))[0]
    assert part["id"] == 2 and part["label"] == "wheel"
    assert item["picture"] == "https://x.test/parts/2"
    assert [(f["kind"], f["ref"]) for f in rows(toy, "toy_feed", "org_id = ?", (new,))] == \
        [("user", "3"), ("item", item["id"])]
    assert rows(toy, "toy_settings", "org_id = ?", (new,)) == [{"org_id": new, "key": "theme", "value": "dark"}]
    assert rows(toy, "toy_sessions", "org_id = ?", (new,)) == []
    assert len(rows(toy, "toy_catalog")) == 1
    assert [r["ref"] for r in rows(toy, "core_due")] == ["item_abc123", item["id"]]
    assert tenancy.isolated("toy") == {new} and tenancy.secrets("toy") == {user["email"]: "pw"}
    assert toy.execute("PRAGMA foreign_key_check").fetchall() == []


def test_clone_leaves_the_source_and_other_tenants_untouched(toy):
    tables = [r[0] for r in toy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'toy%'")]
    before = {t: rows(toy, t) for t in tables}
    new = tenancy.clone(SPEC, "org_one")
    for table in tables:
        assert [r for r in rows(toy, table) if new not in r.values()
                and not (table == "toy_parts" and r["id"] != 1)] == before[table]


def test_delete_removes_the_copy_and_all_its_rows(toy):
    tables = [r[0] for r in toy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'toy%'")]
    before = {t: rows(toy, t) for t in tables + ["core_due"]}
    new = tenancy.clone(SPEC, "org_one")
    toy.execute("INSERT INTO toy_sessions VALUES ('sess_2', ?)", (new,))
    tenancy.delete(SPEC, new)
    assert {t: rows(toy, t) for t in tables + ["core_due"]} == before
    assert tenancy.isolated("toy") == set() and tenancy.secrets("toy") == {}


def test_seeded_or_unknown_tenants_cannot_be_deleted_or_copied(toy):
    with pytest.raises(NotFound):
        tenancy.delete(SPEC, "org_one")
    with pytest.raises(NotFound):
        tenancy.clone(SPEC, "org_nobody")
    assert len(rows(toy, "toy_orgs")) == 2


def test_fresh_like_keeps_the_shape_of_ids():
    assert tenancy.fresh_like("lead_abc123").startswith("lead_")
    assert tenancy.fresh_like("sk_live_your_api_key").startswith("sk_live_")
    uuid = tenancy.fresh_like("550e8400-e29b-41d4-a716-446655440000")
    assert tenancy.UUID.match(uuid) and uuid != "550e8400-e29b-41d4-a716-446655440000"
    assert tenancy.fresh_like("acme-contact-us").startswith("acme-contact-us-")
    assert tenancy.fresh_like("lead_abc123") != tenancy.fresh_like("lead_abc123")


@pytest.mark.parametrize("like, found", [
    ("org_one", True), ("toy_live_one", True), ("A@ONE.test", True), ("pw", False), ("nobody", False)])
def test_matches_names_a_tenant_by_id_credential_or_email_never_password(like, found):
    entry = {"id": "org_one", "credentials": {"key": "toy_live_one", "login a@one.test": "pw"},
             "users": [{"email": "a@one.test", "password": "pw"}]}
    assert tenancy.matches(entry, like) is found
