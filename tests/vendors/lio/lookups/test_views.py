"""Saved views (doc 6.5): visibility, creator-only changes, isolation, bad input."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

HOT = {"module_name": "lead", "visibility": "team", "view_name": "Hot leads", "filters": {"priority": "4"},
       "columns": ["first_name", "email"], "sorting": {"order_by": "created_at", "order_in": "DESC"}}


def add(lio, as_="acme", **fields):
    return lio.data(lio.post("/custom-view/add", as_=as_, json={**HOT, **fields}), 201)


def names(lio, as_="acme", **query):
    return [v["view_name"] for v in lio.data(lio.get("/custom-view/list", as_=as_, query_string=query))]


@pytest.mark.parametrize("prefix", [API, V1])
def test_add_then_list_and_search(lio, prefix):
    view = lio.data(lio.post("/custom-view/add", prefix=prefix, json=HOT), 201)
    assert view["user_id"] == 142 and view["filters"] == {"priority": "4"} and view["columns"] == ["first_name", "email"]
    add(lio, view_name="Cold ones", module_name="contact")
    assert names(lio, search_value="hot") == ["Hot leads"]
    assert names(lio, module_name="contact") == ["Cold ones"]
    assert sorted(names(lio, as_="rep")) == ["Cold ones", "Hot leads"]


def test_private_view_is_visible_only_to_its_creator(lio):
    mine = add(lio, visibility="private", view_name="Mine")
    assert "Mine" in names(lio) and "Mine" not in names(lio, as_="rep")
    error_of(lio.post(f"/custom-view/update/{mine['id']}", as_="rep", json={"view_name": "x"}), 404, "not_found")
    error_of(lio.delete(f"/custom-view/delete/{mine['id']}", as_="rep"), 404, "not_found")


@pytest.mark.parametrize("prefix", [API, V1])
def test_only_the_creator_updates_or_deletes(lio, prefix):
    view = add(lio)
    error_of(lio.post(f"/custom-view/update/{view['id']}", as_="rep", json={"view_name": "x"}), 403, "forbidden")
    error_of(lio.delete(f"/custom-view/delete/{view['id']}", as_="rep"), 403, "forbidden")
    updated = lio.data(lio.post(f"/custom-view/update/{view['id']}", prefix=prefix,
                                json={"view_name": "Warm", "visibility": "private", "columns": ["phone"]}))
    assert (updated["view_name"], updated["visibility"], updated["columns"]) == ("Warm", "private", ["phone"])
    assert updated["filters"] == HOT["filters"]
    assert "Warm" not in names(lio, as_="rep")
    assert lio.data(lio.delete(f"/custom-view/delete/{view['id']}", prefix=prefix)) == {"deleted": 1}
    assert "Warm" not in names(lio)
    error_of(lio.delete(f"/custom-view/delete/{view['id']}"), 404, "not_found")


def test_other_org_cannot_see_update_or_delete(lio):
    view = add(lio, visibility="public")
    assert "Hot leads" not in names(lio, as_="globex")
    error_of(lio.post(f"/custom-view/update/{view['id']}", as_="globex", json={"view_name": "x"}), 404, "not_found")
    error_of(lio.delete(f"/custom-view/delete/{view['id']}", as_="globex"), 404, "not_found")
    assert names(lio) == ["Hot leads"]


@pytest.mark.parametrize("change", [
    {"visibility": "secret"}, {"visibility": None}, {"module_name": ""}, {"filters": [1, 2]}, {"filters": "x"},
    {"columns": "first_name"}, {"columns": [1]}, {"sorting": ["id"]},
])
def test_add_bad_input_is_422(lio, change):
    error_of(lio.post("/custom-view/add", json={**HOT, **change}), 422, "validation_error")


def test_missing_visibility_is_422_and_bad_update_is_422(lio):
    body = {k: v for k, v in HOT.items() if k != "visibility"}
    assert "visibility" in error_of(lio.post("/custom-view/add", json=body), 422, "validation_error")["fields"]
    view = add(lio)
    error_of(lio.post(f"/custom-view/update/{view['id']}", json={"filters": []}), 422, "validation_error")
    error_of(lio.post(f"/custom-view/update/{view['id']}", json={"visibility": "all"}), 422, "validation_error")


def test_list_order_by_whitelist_and_auth(lio):
    error_of(lio.get("/custom-view/list", query_string={"order_by": "user_id"}), 422, "validation_error")
    error_of(lio.get("/custom-view/list", as_=None), 401, "unauthorized")
    error_of(lio.post("/custom-view/add", as_=None, json=HOT), 401, "unauthorized")
    add(lio, view_name="B")
    add(lio, view_name="a")
    assert names(lio, order_by="view_name", order_in="asc") == ["a", "B"]
