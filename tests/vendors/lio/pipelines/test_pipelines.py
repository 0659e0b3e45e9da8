"""Pipelines and stages (doc 6.6, 7.3): list, add, update (stages by id), delete, stages;
protected stages and the default pipeline; isolation."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of


def default_pipeline(lio, as_="acme"):
    pipelines = lio.data(lio.get("/pipelines/list", as_=as_, query_string={"limit": 100}))
    return next(p for p in pipelines if p["is_default"])


@pytest.mark.parametrize("prefix", [API, V1])
def test_pipeline_list_has_the_default_pipeline_with_its_stages(lio, prefix):
    body = lio.get("/pipelines/list", prefix=prefix).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    default = next(p for p in body["data"] if p["is_default"])
    assert default["name"] == "Sales Pipeline" and default["deal_count"] >= 30
    names = [(s["name"], s["probability"], s["is_protected"]) for s in default["stages"]]
    assert names == [("Prospecting", 0.1, False), ("Qualification", 0.25, False), ("Proposal", 0.5, False),
                     ("Negotiation", 0.75, False), ("Won", 1.0, True), ("Lost", 0.0, True)]


def test_pipeline_list_filters_by_state_id(lio):
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Dormant", "state_id": 0}), 201)
    listed = lio.data(lio.get("/pipelines/list", query_string={"state_id": "0"}))
    assert [p["id"] for p in listed] == [pipeline["id"]]


def test_pipeline_list_is_per_organization(lio):
    acme = {p["id"] for p in lio.data(lio.get("/pipelines/list", query_string={"limit": 100}))}
    globex = {p["id"] for p in lio.data(lio.get("/pipelines/list", as_="globex", query_string={"limit": 100}))}
    assert acme and globex and not acme & globex


def test_pipeline_list_without_token_is_401(lio):
    error_of(lio.get("/pipelines/list", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_pipeline_add_with_stages(lio, prefix):
    body = {"name": "Renewals", "region": "APAC", "max_deal_limit": 1000, "description": "Yearly",
            "stages": [{"name": "Due", "probability": 0.3, "max_days_in_stage": 10},
                       {"name": "Renewed", "is_won": True}, {"name": "Churned", "is_lost": True, "color": "#000"}]}
    pipeline = lio.data(lio.post("/pipelines/add", json=body, prefix=prefix), 201)
    assert pipeline["name"] == "Renewals" and pipeline["region"] == "APAC" and pipeline["max_deal_limit"] == 1000
    assert [(s["name"], s["position"], s["probability"]) for s in pipeline["stages"]] == [
        ("Due", 1, 0.3), ("Renewed", 2, 1.0), ("Churned", 3, 0.0)]
    assert not any(s["is_protected"] for s in pipeline["stages"])
    assert lio.data(lio.get(f"/pipelines/stages/{pipeline['id']}")) == pipeline["stages"]


def test_pipeline_add_without_stages_gets_the_default_ones(lio):
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Inbound"}), 201)
    assert [s["name"] for s in pipeline["stages"]][-2:] == ["Won", "Lost"]


@pytest.mark.parametrize("body,field", [
    ({}, "name"), ({"name": "x"}, "name"), ({"name": 5}, "name"),
    ({"name": "Ok", "stages": [{"name": "S", "probability": 1.5}]}, "stages"),
    ({"name": "Ok", "stages": [{"color": "#fff"}]}, "stages"),
    ({"name": "Ok", "max_deal_limit": -3}, "max_deal_limit"),
])
def test_pipeline_add_validation(lio, body, field):
    error = error_of(lio.post("/pipelines/add", json=body), 422, "validation_error")
    assert field in str(error)


def test_pipeline_add_refuses_two_won_stages(lio):
    body = {"name": "Odd", "stages": [{"name": "A", "is_won": True}, {"name": "B", "is_won": True}]}
    error_of(lio.post("/pipelines/add", json=body), 422, "validation_error")


def test_pipeline_update_updates_stages_with_id_and_adds_the_others(lio):
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Flow", "stages": [{"name": "One"}]}), 201)
    stage = pipeline["stages"][0]
    body = {"name": "Flow 2", "region": "NA", "stages": [{"id": stage["id"], "probability": 0.4},
                                                          {"name": "Two", "probability": 0.8}]}
    updated = lio.data(lio.put(f"/pipelines/update/{pipeline['id']}", json=body))
    assert updated["name"] == "Flow 2" and updated["region"] == "NA"
    assert [(s["name"], s["probability"], s["position"]) for s in updated["stages"]] == [("One", 0.4, 1),
                                                                                       ("Two", 0.8, 2)]
    assert updated["stages"][0]["id"] == stage["id"]


def test_pipeline_update_changing_a_protected_stage_is_403(lio):
    default = default_pipeline(lio)
    won = next(s for s in default["stages"] if s["is_won"])
    error_of(lio.put(f"/pipelines/update/{default['id']}", json={"stages": [{"id": won["id"], "probability": 0.5}]}),
             403, "forbidden")
    error_of(lio.put(f"/pipelines/update/{default['id']}", json={"remove_stage_ids": [won["id"]]}), 403, "forbidden")
    assert lio.data(lio.get(f"/pipelines/stages/{default['id']}")) == default["stages"]


def test_pipeline_update_can_rename_an_unprotected_default_stage(lio):
    default = default_pipeline(lio)
    first = default["stages"][0]
    updated = lio.data(lio.put(f"/pipelines/update/{default['id']}",
                               json={"stages": [{"id": first["id"], "name": "Discovery"}]}))
    assert updated["stages"][0]["name"] == "Discovery"


def test_pipeline_update_removing_a_stage_with_deals_is_409_and_an_empty_one_goes(lio):
    default = default_pipeline(lio)
    used = {d["stage_id"] for d in lio.data(lio.get("/lead/deal/list", query_string={"limit": 100}))}
    stage = next(s for s in default["stages"] if s["id"] in used and not s["is_protected"])
    error_of(lio.put(f"/pipelines/update/{default['id']}", json={"remove_stage_ids": [stage["id"]]}), 409, "conflict")
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Short", "stages": [{"name": "A"}, {"name": "B"}]}),
                        201)
    updated = lio.data(lio.put(f"/pipelines/update/{pipeline['id']}",
                               json={"remove_stage_ids": [pipeline["stages"][0]["id"]]}))
    assert [s["name"] for s in updated["stages"]] == ["B"]


def test_pipeline_update_with_a_stage_of_another_pipeline_is_422(lio):
    default = default_pipeline(lio)
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Other"}), 201)
    body = {"stages": [{"id": default["stages"][0]["id"], "name": "Hijack"}]}
    error_of(lio.put(f"/pipelines/update/{pipeline['id']}", json=body), 422, "validation_error")


def test_pipeline_update_of_another_org_is_404(lio):
    globex = default_pipeline(lio, as_="globex")
    error_of(lio.put(f"/pipelines/update/{globex['id']}", json={"name": "Mine"}), 404, "not_found")
    error_of(lio.get(f"/pipelines/stages/{globex['id']}"), 404, "not_found")


def test_pipeline_update_validation_and_401(lio):
    default = default_pipeline(lio)
    error_of(lio.put(f"/pipelines/update/{default['id']}", json={"name": "a"}), 422, "validation_error")
    error_of(lio.put(f"/pipelines/update/{default['id']}", json={"name": "ab"}, as_=None), 401, "unauthorized")
    error_of(lio.get(f"/pipelines/stages/{default['id']}", as_=None), 401, "unauthorized")


def test_pipeline_delete_rules(lio):
    default = default_pipeline(lio)
    error_of(lio.delete("/pipelines/delete", json={"ids": [default["id"]]}), 403, "forbidden")
    empty = lio.data(lio.post("/pipelines/add", json={"name": "Empty"}), 201)
    assert lio.data(lio.delete("/pipelines/delete", json={"ids": [empty["id"]]}, prefix=V1)) == {"deleted": 1}
    error_of(lio.get(f"/pipelines/stages/{empty['id']}"), 404, "not_found")


def test_pipeline_delete_with_deals_is_409(lio):
    pipeline = lio.data(lio.post("/pipelines/add", json={"name": "Busy"}), 201)
    lead = lio.data(lio.get("/lead/list"))[0]
    lio.data(lio.post("/lead/deal/add", json={"lead_id": lead["id"], "pipeline_id": pipeline["id"],
                                              "stage_id": pipeline["stages"][0]["id"], "title": "Busy deal",
                                              "value": 10, "expected_close_date": "2026-08-01"}), 201)
    error_of(lio.delete("/pipelines/delete", json={"ids": [pipeline["id"]]}), 409, "conflict")


def test_pipeline_delete_of_another_org_is_404_and_validation(lio):
    globex = default_pipeline(lio, as_="globex")
    error_of(lio.delete("/pipelines/delete", json={"ids": [globex["id"]]}), 404, "not_found")
    error_of(lio.delete("/pipelines/delete", json={"ids": []}), 422, "validation_error")
    error_of(lio.delete("/pipelines/delete", json={"ids": [1]}, as_=None), 401, "unauthorized")
