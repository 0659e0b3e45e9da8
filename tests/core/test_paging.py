"""core.paging: Page and fetch_page (count, window, fetch) on a plain SQLite table."""

import sqlite3

import pytest

from app.core.paging import Page, fetch_page
from app.core.sql import Where


@pytest.fixture
def c():
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, tenant TEXT, doc TEXT)")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?)",
                           [(i, "a" if i <= 7 else "b", f"doc{i}") for i in range(1, 11)])
    yield connection
    connection.close()


def test_page_counts_pages_and_maps_to_a_new_page():
    page = Page([1, 2], total=5, page=1, per_page=2)
    assert page.total_pages == 3
    doubled = page.map(lambda item: item * 2)
    assert doubled == Page([2, 4], 5, 1, 2) and page.items == [1, 2]
    assert Page([], 0, 1, 25).total_pages == 0


def test_fetch_page_counts_with_the_same_where_and_returns_rows_in_order(c):
    page = fetch_page(c, "SELECT id, doc FROM t", Where("tenant", "a"), "id DESC", 1, 3)
    assert (page.total, page.page, page.per_page, page.total_pages) == (7, 1, 3, 3)
    assert [row["doc"] for row in page.items] == ["doc7", "doc6", "doc5"]
    last = fetch_page(c, "SELECT id, doc FROM t", Where("tenant", "a"), "id DESC", 3, 3)
    assert [row["id"] for row in last.items] == [1]


def test_fetch_page_past_the_end_is_empty_and_never_sends_a_huge_offset(c):
    statements = []
    c.set_trace_callback(statements.append)
    page = fetch_page(c, "SELECT id FROM t", Where("tenant", "a").eq("doc", "doc1"), "id", 2**31 - 1, 100)
    assert (page.items, page.total, page.page) == ([], 1, 2**31 - 1)
    assert len(statements) == 1 and "OFFSET" not in statements[0]


def test_fetch_page_of_nothing_matching(c):
    page = fetch_page(c, "SELECT id FROM t", Where("tenant", "nobody"), "id", 1, 25)
    assert (page.items, page.total, page.total_pages) == ([], 0, 0)


# -- kept reads ---------------------------------------------------------------------------------------
def test_frozen_makes_query_arguments_a_hashable_key():
    from datetime import date

    from app.core.paging import frozen
    key = frozen({"page": 1, "ids": [1, 3], "day": date(2026, 1, 2), "nested": {"b": [1], "a": {2}}})
    assert hash(key) == hash(frozen({"nested": {"a": {2}, "b": [1]}, "day": date(2026, 1, 2), "ids": [1, 3],
                                     "page": 1}))
    assert frozen({"ids": [1, 3]}) != frozen({"ids": [3, 1]}) != frozen({"ids": (1, 3)})


def test_a_kept_read_is_computed_once_until_the_next_commit(app):
    from app.core import paging
    calls = []

    def compute():
        calls.append(1)
        return Page([len(calls)], 1, 1, 1)

    with app.app_context():
        assert paging.kept("k", compute).items == [1]
        assert paging.kept("k", compute).items == [1] and len(calls) == 1
        with app.extensions["leadmock.db"].write() as c:       # any commit forgets it
            c.execute("UPDATE skode_workspaces SET name = name")
        assert paging.kept("k", compute).items == [2]


def test_kept_reads_hold_at_most_kept_items(app, monkeypatch):
    from app.core import paging
    monkeypatch.setattr(paging, "KEPT_ITEMS", 3)
    with app.app_context():
        for key in "abc":
            paging.kept(key, lambda: Page([key, key], 2, 1, 2))
        calls = []
        paging.kept("c", lambda: calls.append(1))
        assert calls == []                                      # the newest is still there
        paging.kept("a", lambda: calls.append(1) or Page([], 0, 1, 1))
        assert calls == [1]                                     # the oldest went


def test_a_skode_page_follows_a_write_made_by_another_connection(make_app):
    app = make_app()
    client = app.test_client()
    headers = {"Authorization": "Bearer sk_live_your_api_key"}
    before = client.get("/skode/v1/leads?per_page=2", headers=headers).json
    other = app.extensions["leadmock.db"].__class__(app.extensions["leadmock.db"].path)
    with other.write() as c:
        c.execute("UPDATE skode_leads SET doc = json_set(doc, '$.name', 'Renamed Elsewhere') WHERE id = ?",
                  (before["data"][0]["id"],))
    after = client.get("/skode/v1/leads?per_page=2", headers=headers).json
    assert after["data"][0]["name"] == "Renamed Elsewhere" and after["meta"] == before["meta"]


def test_a_lio_lead_read_again_follows_its_update(client):
    token = client.post("/lio/api/auth/login", json={"email": "you@company.com",
                                                      "password": "your_password"}).json["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    view = client.get("/lio/api/lead/view/80001", headers=headers).json["data"]
    listed = client.get("/lio/api/lead/list?order_by=id&order_in=asc&limit=1", headers=headers).json["data"][0]
    assert listed == view
    client.post("/lio/api/lead/update/80001", json={"first_name": "Kept"}, headers=headers)
    assert client.get("/lio/api/lead/view/80001", headers=headers).json["data"]["first_name"] == "Kept"
    listed = client.get("/lio/api/lead/list?order_by=id&order_in=asc&limit=1", headers=headers).json["data"][0]
    assert listed["first_name"] == "Kept"
