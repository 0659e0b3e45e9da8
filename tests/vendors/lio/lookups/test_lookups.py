"""Custom lookups (doc 6.5): coded values, renames seen by leads, deactivation, isolation, bad input."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

JANE = {"first_name": "Jane", "last_name": "Doe", "email": "jane.lookups@newco.test", "company": "NewCo Ltd",
        "priority": 3, "lead_source": 1, "tags": []}


def lookups(lio, as_="acme", **query):
    return lio.data(lio.get("/custom-lookups/list", as_=as_, query_string={"limit": 100, **query}))


def status(lio, code, as_="acme"):
    return next(x for x in lookups(lio, as_=as_, type="status") if x["value"] == code)


@pytest.mark.parametrize("prefix", [API, V1])
def test_list_filters_by_type_and_search(lio, prefix):
    rows = lio.data(lio.get("/custom-lookups/list", prefix=prefix, query_string={"type": "priority"}))
    assert sorted(r["value"] for r in rows) == [1, 2, 3, 4]
    assert {r["type"] for r in rows} == {"priority"}
    lost = lookups(lio, type="status", search_value="los")
    assert [r["name"] for r in lost] == ["Lost"]


def test_list_without_token_is_401(lio):
    error_of(lio.get("/custom-lookups/list", as_=None), 401, "unauthorized")


def test_list_rejects_an_order_by_outside_the_whitelist(lio):
    error_of(lio.get("/custom-lookups/list", query_string={"order_by": "org_id"}), 422, "validation_error")


@pytest.mark.parametrize("prefix", [API, V1])
def test_add_status_without_value_gets_the_next_free_value(lio, prefix):
    top = max(r["value"] for r in lookups(lio, type="status"))
    row = lio.data(lio.post("/custom-lookups/add", prefix=prefix,
                            json={"module_name": "lead", "type": "status", "name": "Negotiation",
                                  "color_code": "#112233"}), 201)
    assert row["value"] == top + 1 and row["is_active"] is True and row["color_code"] == "#112233"
    lead = lio.data(lio.post("/lead/add", json={**JANE, "status": row["value"]}), 201)
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["status_text"] == "Negotiation"


def test_add_status_with_a_used_value_is_409(lio):
    response = lio.post("/custom-lookups/add", json={"module_name": "lead", "type": "status", "name": "X", "value": 1})
    error_of(response, 409, "conflict")


@pytest.mark.parametrize("kind", ["priority", "source"])
def test_add_priority_or_source_is_422_values_are_fixed(lio, kind):
    response = lio.post("/custom-lookups/add", json={"module_name": "lead", "type": kind, "name": "X", "value": 9})
    assert "type" in error_of(response, 422, "validation_error")["fields"]


@pytest.mark.parametrize("body", [
    {"type": "tag", "name": "x"}, {"module_name": "lead", "type": "tag", "name": ""},
    {"module_name": "lead", "type": "tag", "name": "x", "color_code": "red"},
    {"module_name": "lead", "type": "tag", "name": "x", "color_code": "#12345"},
    {"module_name": "lead", "type": "status", "name": "x", "value": "2"},
    {"module_name": "lead", "type": "status", "name": "x", "value": 2**40},
    {"module_name": "lead", "type": "status", "name": "x", "value": -1},
])
def test_add_bad_input_is_422(lio, body):
    error_of(lio.post("/custom-lookups/add", json=body), 422, "validation_error")


def test_add_tag_and_child_with_parent_of_the_org(lio):
    tag = lio.data(lio.post("/custom-lookups/add", json={"module_name": "lead", "type": "tag", "name": "VIP"}), 201)
    assert tag["value"] is None
    child = lio.data(lio.post("/custom-lookups/add", json={"module_name": "lead", "type": "tag", "name": "VIP+",
                                                           "parent_id": tag["id"]}), 201)
    assert [r["id"] for r in lookups(lio, parent_id=tag["id"])] == [child["id"]]
    lead = lio.data(lio.post("/lead/add", json={**JANE, "tags": [tag["id"]]}), 201)
    assert [t["name"] for t in lio.data(lio.get(f"/lead/view/{lead['id']}"))["tags"]] == ["VIP"]
    response = lio.post("/custom-lookups/add", as_="globex",
                        json={"module_name": "lead", "type": "tag", "name": "X", "parent_id": tag["id"]})
    assert "parent_id" in error_of(response, 422, "validation_error")["fields"]


@pytest.mark.parametrize("prefix", [API, V1])
def test_renaming_a_status_renames_every_leads_status_text(lio, prefix):
    lost = status(lio, 6)
    lead = lio.data(lio.post("/lead/add", json={**JANE, "status": 6}), 201)
    row = lio.data(lio.post(f"/custom-lookups/update/{lost['id']}", prefix=prefix, json={"name": "Gone"}))
    assert row["name"] == "Gone" and row["value"] == 6
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["status_text"] == "Gone"
    assert status(lio, 6, as_="globex")["name"] == "Lost"


def test_renaming_a_priority_is_fine_changing_its_value_is_422(lio):
    high = next(r for r in lookups(lio, type="priority") if r["value"] == 3)
    assert lio.data(lio.post(f"/custom-lookups/update/{high['id']}", json={"name": "Hot"}))["name"] == "Hot"
    response = lio.post(f"/custom-lookups/update/{high['id']}", json={"value": 7})
    assert "value" in error_of(response, 422, "validation_error")["fields"]


def test_deactivated_status_is_unusable_for_new_leads_but_old_leads_keep_their_label(lio):
    lost = status(lio, 6)
    lead = lio.data(lio.post("/lead/add", json={**JANE, "status": 6}), 201)
    assert lio.data(lio.post(f"/custom-lookups/update/{lost['id']}", json={"is_active": False}))["is_active"] is False
    response = lio.post("/lead/add", json={**JANE, "email": "other@newco.test", "status": 6})
    assert "status" in error_of(response, 422, "validation_error")["fields"]
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["status_text"] == "Lost"
    assert lost["id"] not in [r["id"] for r in lookups(lio, type="status", is_active="true")]
    assert lost["id"] in [r["id"] for r in lookups(lio, type="status", is_active="false")]


def test_other_org_cannot_see_or_update_a_lookup(lio):
    lost = status(lio, 6)
    assert lost["id"] not in [r["id"] for r in lookups(lio, as_="globex", type="status")]
    error_of(lio.post(f"/custom-lookups/update/{lost['id']}", as_="globex", json={"name": "Mine"}), 404, "not_found")
    assert status(lio, 6)["name"] == "Lost"


def test_update_bad_color_and_unknown_id(lio):
    lost = status(lio, 6)
    error_of(lio.post(f"/custom-lookups/update/{lost['id']}", json={"color_code": "#GGGGGG"}), 422, "validation_error")
    error_of(lio.post("/custom-lookups/update/999999999", json={"name": "x"}), 404, "not_found")
    error_of(lio.post(f"/custom-lookups/update/{lost['id']}", as_=None, json={"name": "x"}), 401, "unauthorized")
