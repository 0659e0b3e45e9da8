"""core.sql: the tenant-filtered Where builder and the whitelisted ORDER BY."""

import sqlite3

import pytest

from app.core.errors import Invalid
from app.core.sql import Where, order

ROWS = [
    (1, "t1", "Alpha", "a@x.io", 10, "2026-01-01"),
    (2, "t1", "50% off", "b@x.io", 20, "2026-02-01"),
    (3, "t1", "500 off", "y_z@x.io", 30, "2026-03-01"),
    (4, "t1", "Nul\x00Byte", None, None, "2026-04-01"),
    (5, "t2", "Alpha", "a@x.io", 10, "2026-01-01"),
]


@pytest.fixture
def c():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, tenant TEXT, name TEXT, email TEXT, score INTEGER,"
                       " created TEXT)")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", ROWS)
    yield connection
    connection.close()


def ids(c, where, order_by="id ASC"):
    return [row[0] for row in c.execute(f"SELECT id FROM t WHERE {where.sql} ORDER BY {order_by}", where.params)]


def test_where_always_filters_on_the_tenant(c):
    where = Where("tenant", "t1")
    assert (where.sql, where.params) == ("tenant = ?", ["t1"])
    assert ids(c, where) == [1, 2, 3, 4]


def test_filters_chain_and_skip_none_empty_list_and_empty_string(c):
    where = (Where("tenant", "t1").eq("name", None).eq("email", "").any_of("score", []).any_of("score", None)
             .between("score", None, None).contains(["name"], "").contains(["name"], None))
    assert (where.sql, where.params) == ("tenant = ?", ["t1"])


def test_eq_any_of_and_between_are_parameterised_and_inclusive(c):
    assert ids(c, Where("tenant", "t1").eq("name", "Alpha")) == [1]
    assert ids(c, Where("tenant", "t1").any_of("score", [10, 30])) == [1, 3]
    assert ids(c, Where("tenant", "t1").between("score", 10, 20)) == [1, 2]
    assert ids(c, Where("tenant", "t1").between("created", "2026-02-01")) == [2, 3, 4]
    assert ids(c, Where("tenant", "t1").between("created", high="2026-02-01")) == [1, 2]
    where = Where("tenant", "t1").any_of("score", (10, 20)).between("score", 15)
    assert where.sql == "tenant = ? AND score IN (?, ?) AND score >= ?" and where.params == ["t1", 10, 20, 15]


def test_where_adds_a_fixed_fragment_with_its_parameters(c):
    assert ids(c, Where("tenant", "t1").where("email IS NULL")) == [4]
    assert ids(c, Where("tenant", "t1").where("score > ? AND score < ?", 10, 30)) == [2]


def test_params_is_a_copy(c):
    where = Where("tenant", "t1")
    where.params.append("oops")
    assert where.params == ["t1"]


@pytest.mark.parametrize("text,expected", [
    ("alp", [1]),                   # case-insensitive
    ("50%", [2]),                   # % is no wildcard
    ("y_", [3]),                    # _ is no wildcard
    ("\\", []),                     # backslash is no escape
    ("\x00", [4]),                  # NUL is a character, not the end of the pattern
    ("\x00zzzzqqqq", []),
    ("l\x00b", [4]),
    ("x" * 60_000, []),             # past SQLite's LIKE-pattern limit: still answers
])
def test_contains_matches_every_character_literally(c, text, expected):
    assert ids(c, Where("tenant", "t1").contains(["name", "email"], text)) == expected


def test_contains_looks_in_any_of_the_columns(c):
    assert ids(c, Where("tenant", "t1").contains(["name", "email"], "B@X")) == [2]
    assert ids(c, Where("tenant", "t1").contains(["name"], "B@X")) == []


WHITELIST = {"name": "name COLLATE NOCASE", "score": "score"}


def test_order_maps_the_api_name_through_the_whitelist_with_an_id_tiebreak():
    assert order(WHITELIST, "name") == "name COLLATE NOCASE ASC, id ASC"
    assert order(WHITELIST, "score", "desc") == "score DESC, id DESC"
    assert order(WHITELIST, "score", "DESC", tiebreak="created") == "score DESC, created DESC"
    assert order(WHITELIST, "score", tiebreak=None) == "score ASC"


def test_order_refuses_an_unknown_name_naming_the_field():
    with pytest.raises(Invalid) as caught:
        order(WHITELIST, "password_hash")
    assert list(caught.value.fields) == ["order_by"]
    with pytest.raises(Invalid) as caught:
        order(WHITELIST, "id; DROP TABLE t", field="sort")
    assert list(caught.value.fields) == ["sort"]


@pytest.mark.parametrize("direction", ["UP", "", None, "ASC; DROP TABLE t"])
def test_order_refuses_an_unknown_direction_naming_the_field(direction):
    with pytest.raises(Invalid) as caught:
        order(WHITELIST, "name", direction)
    assert list(caught.value.fields) == ["order_in"]
