"""Bulk lead actions (doc 7.1): ids or select_all + filters, never across organizations."""

import pytest

from tests.vendors.lio.conftest import error_of


def ids_where(lio, as_="acme", **query):
    return [lead["id"] for lead in lio.data(lio.get("/lead/list", as_=as_, query_string={"limit": 100, **query}))]


def test_status_change_by_ids(lio):
    ids = ids_where(lio, priority="4")[:3]
    assert lio.data(lio.post("/lead/status-change", json={"ids": ids, "status": 6})) == {"updated": 3}
    assert all(lio.data(lio.get(f"/lead/view/{i}"))["status_text"] == "Lost" for i in ids)


def test_status_change_select_all_uses_the_list_filters_and_stays_in_the_org(lio):
    globex_before = ids_where(lio, as_="globex", priority="1", state_id="6")
    matching = lio.get("/lead/list", query_string={"priority": "1"}).get_json()["total"]
    result = lio.data(lio.post("/lead/status-change", json={"select_all": True, "filters": {"priority": "1"},
                                                            "status": 6}))
    assert result == {"updated": matching}
    assert lio.get("/lead/list", query_string={"priority": "1", "state_id": "6"}).get_json()["total"] == matching
    assert ids_where(lio, as_="globex", priority="1", state_id="6") == globex_before


@pytest.mark.parametrize("body", [{"status": 2}, {"status": 2, "ids": []}, {"status": 2, "select_all": False}])
def test_bulk_without_a_target_is_422(lio, body):
    error_of(lio.post("/lead/status-change", json=body), 422, "validation_error")


def test_bulk_with_ids_and_select_all_acts_on_the_ids_only(lio):
    assert lio.data(lio.post("/lead/status-change", json={"ids": [80001], "select_all": True, "status": 6})) == {
        "updated": 1}


def test_status_change_to_unknown_status_is_422(lio):
    assert "status" in error_of(lio.post("/lead/status-change", json={"ids": [80001], "status": 99}),
                                422, "validation_error")["fields"]


def test_bulk_with_bad_filter_is_422(lio):
    error_of(lio.post("/lead/status-change", json={"select_all": True, "filters": {"order_by": "x", "priority": "y"},
                                                   "status": 2}), 422, "validation_error")


def test_bulk_by_ids_of_other_org_updates_nothing(lio):
    globex_ids = ids_where(lio, as_="globex")[:2]
    before = [lio.data(lio.get(f"/lead/view/{i}", as_="globex")) for i in globex_ids]
    assert lio.data(lio.post("/lead/status-change", json={"ids": globex_ids, "status": 6})) == {"updated": 0}
    assert [lio.data(lio.get(f"/lead/view/{i}", as_="globex")) for i in globex_ids] == before


def test_assign_user_assigns_and_notifies(lio, app):
    ids = ids_where(lio, unassigned="true")[:2]
    assert lio.data(lio.post("/lead/assign-user", json={"ids": ids, "assigned_to": 143})) == {"updated": 2}
    assert all(lio.data(lio.get(f"/lead/view/{i}"))["assigned_to"] == 143 for i in ids)
    with app.app_context():
        from app.core import db
        row = db.conn().execute("SELECT type, user_id FROM lio_notifications ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(row) == ("assignment", 143)


def test_assign_user_of_other_org_is_422(lio):
    error_of(lio.post("/lead/assign-user", json={"ids": [80001], "assigned_to": 201}), 422, "validation_error")


def test_assign_tags_adds_and_set_assign_tags_replaces(lio):
    lead = lio.data(lio.get("/lead/list", query_string={"limit": 100}))
    tags = sorted({t["id"] for item in lead for t in item["tags"]})
    target = lead[0]["id"]
    lio.data(lio.post("/lead/set-assign-tags", json={"ids": [target], "tags": [tags[0]]}))
    lio.data(lio.post("/lead/assign-tags", json={"ids": [target], "tags": [tags[1]]}))
    assert [t["id"] for t in lio.data(lio.get(f"/lead/view/{target}"))["tags"]] == [tags[0], tags[1]]
    lio.data(lio.post("/lead/set-assign-tags", json={"ids": [target], "tags": [tags[1]]}))
    assert [t["id"] for t in lio.data(lio.get(f"/lead/view/{target}"))["tags"]] == [tags[1]]


def test_assign_tags_of_other_org_is_422(lio):
    globex_tag = lio.data(lio.get("/lead/list", as_="globex", query_string={"limit": 100}))
    tag = next(t["id"] for lead in globex_tag for t in lead["tags"])
    assert "tags" in error_of(lio.post("/lead/assign-tags", json={"ids": [80001], "tags": [tag]}),
                              422, "validation_error")["fields"]
