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
