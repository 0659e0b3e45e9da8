"""Deals (doc 6.6, 7.2): list filters, add, update, delete, history points; the stage must
belong to the pipeline and the lead to the organization; isolation."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of


@pytest.fixture
def acme(lio):
    pipelines = lio.data(lio.get("/pipelines/list", query_string={"limit": 100}))
    default = next(p for p in pipelines if p["is_default"])
    lead = lio.data(lio.get("/lead/list"))[0]
    return {"pipeline": default, "stages": default["stages"], "lead": lead}


def new_deal(acme, **extra):
    return {"lead_id": acme["lead"]["id"], "pipeline_id": acme["pipeline"]["id"],
            "stage_id": acme["stages"][0]["id"], "title": "Big deal", "value": 1000,
            "expected_close_date": "2026-08-15", **extra}


def history(lio, deal_id):
    from app.vendors.lio.pipelines import store
    from app.vendors.lio.users.store import org_principal

    with lio.client.application.app_context():
        return store.deal_history(org_principal("org_acme"), deal_id)


@pytest.mark.parametrize("prefix", [API, V1])
def test_deal_list_envelope_and_seeded_deals(lio, prefix):
    body = lio.get("/lead/deal/list", prefix=prefix, query_string={"limit": 100}).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    assert 30 <= body["total"] <= 60
    deal = body["data"][0]
    assert set(deal) >= {"id", "lead_id", "pipeline_id", "stage_id", "title", "value", "expected_close_date",
                         "priority", "description", "stage_entered_at"}


def test_deal_list_filters(lio, acme):
    stage = acme["stages"][2]["id"]
    deals = lio.data(lio.get("/lead/deal/list", query_string={"status": str(stage), "limit": 100}))
    assert deals and all(d["stage_id"] == stage for d in deals)
    lead_id = deals[0]["lead_id"]
    by_lead = lio.data(lio.get("/lead/deal/list", query_string={"lead_id": lead_id, "limit": 100}))
    assert by_lead and all(d["lead_id"] == lead_id for d in by_lead)
    by_close = lio.data(lio.get("/lead/deal/list", query_string={"close_from": "2026-07-01", "close_to": "2026-07-31",
                                                                 "limit": 100}))
    assert all(d["expected_close_date"].startswith("2026-07") for d in by_close)
    other = lio.data(lio.post("/pipelines/add", json={"name": "Fresh"}), 201)
    assert lio.data(lio.get("/lead/deal/list", query_string={"pipeline_id": other["id"]})) == []


def test_deal_list_is_per_organization_and_needs_a_token(lio):
    acme = {d["id"] for d in lio.data(lio.get("/lead/deal/list", query_string={"limit": 100}))}
    globex = {d["id"] for d in lio.data(lio.get("/lead/deal/list", as_="globex", query_string={"limit": 100}))}
    assert globex and not acme & globex
    error_of(lio.get("/lead/deal/list", as_=None), 401, "unauthorized")
    error_of(lio.get("/lead/deal/list", query_string={"order_by": "drop table"}), 422, "validation_error")


@pytest.mark.parametrize("prefix", [API, V1])
def test_deal_add_records_a_history_point(lio, acme, prefix):
    deal = lio.data(lio.post("/lead/deal/add", json=new_deal(acme, priority=4, description="Hi"), prefix=prefix), 201)
    assert deal["value"] == 1000 and deal["priority"] == 4 and deal["expected_close_date"] == "2026-08-15"
    assert deal["stage_entered_at"] == deal["created_at"]
    points = history(lio, deal["id"])
    assert [(p["value"], p["probability"], p["weighted_value"]) for p in points] == [(1000, 0.1, 100)]


@pytest.mark.parametrize("change,field", [
    ({"title": "x"}, "title"), ({"title": "y" * 51}, "title"), ({"value": 0}, "value"), ({"value": "lots"}, "value"),
    ({"priority": 5}, "priority"), ({"description": "d" * 1001}, "description"),
    ({"expected_close_date": "someday"}, "expected_close_date"), ({"lead_id": 2**60}, "lead_id"),
    ({"lead_id": 999999}, "lead_id"), ({"pipeline_id": 999999}, "pipeline_id"), ({"stage_id": 999999}, "stage_id"),
])
def test_deal_add_validation(lio, acme, change, field):
    error = error_of(lio.post("/lead/deal/add", json=new_deal(acme, **change)), 422, "validation_error")
    assert field in str(error)


def test_deal_add_missing_fields_and_401(lio, acme):
    body = new_deal(acme)
    del body["expected_close_date"]
    assert "expected_close_date" in str(error_of(lio.post("/lead/deal/add", json=body), 422, "validation_error"))
    error_of(lio.post("/lead/deal/add", json=new_deal(acme), as_=None), 401, "unauthorized")


def test_deal_add_with_a_stage_of_another_pipeline_is_422(lio, acme):
    other = lio.data(lio.post("/pipelines/add", json={"name": "Other"}), 201)
    error = error_of(lio.post("/lead/deal/add", json=new_deal(acme, stage_id=other["stages"][0]["id"])),
                     422, "validation_error")
    assert "stage_id" in str(error)


def test_deal_add_with_other_org_ids_in_the_body_is_422(lio, acme):
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]
    globex_pipeline = lio.data(lio.get("/pipelines/list", as_="globex"))[0]
    assert "lead_id" in str(error_of(lio.post("/lead/deal/add", json=new_deal(acme, lead_id=globex_lead["id"])),
                                     422, "validation_error"))
    body = new_deal(acme, pipeline_id=globex_pipeline["id"], stage_id=globex_pipeline["stages"][0]["id"])
    assert "pipeline_id" in str(error_of(lio.post("/lead/deal/add", json=body), 422, "validation_error"))


def test_deal_add_over_the_pipeline_cap_is_422(lio, acme):
    capped = lio.data(lio.post("/pipelines/add", json={"name": "Capped", "max_deal_limit": 500}), 201)
    body = new_deal(acme, pipeline_id=capped["id"], stage_id=capped["stages"][0]["id"], value=501)
    assert "value" in str(error_of(lio.post("/lead/deal/add", json=body), 422, "validation_error"))


def test_deal_update_value_adds_history_and_other_fields_do_not(lio, acme):
    deal = lio.data(lio.post("/lead/deal/add", json=new_deal(acme)), 201)
    lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"title": "Renamed"}))
    assert len(history(lio, deal["id"])) == 1
    updated = lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"value": 3000}, prefix=V1))
    assert updated["value"] == 3000 and updated["title"] == "Renamed"
    points = history(lio, deal["id"])
    assert [p["value"] for p in points] == [3000, 1000] and points[0]["weighted_value"] == 300


def test_deal_update_stage_resets_stage_entered_at_and_records_probability(lio, client, acme):
    deal = lio.data(lio.post("/lead/deal/add", json=new_deal(acme)), 201)
    client.post("/__admin/clock/advance", json={"seconds": 3600})
    moved = lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"stage_id": acme["stages"][3]["id"]}))
    assert moved["stage_entered_at"] > deal["stage_entered_at"]
    assert history(lio, deal["id"])[0]["probability"] == 0.75


def test_deal_update_rules(lio, acme):
    deal = lio.data(lio.post("/lead/deal/add", json=new_deal(acme)), 201)
    other = lio.data(lio.post("/pipelines/add", json={"name": "Other"}), 201)
    error_of(lio.post(f"/lead/deal/update/{deal['id']}", json={"pipeline_id": other["id"]}), 422, "validation_error")
    error_of(lio.post(f"/lead/deal/update/{deal['id']}", json={"stage_id": other["stages"][0]["id"]}),
             422, "validation_error")
    error_of(lio.post(f"/lead/deal/update/{deal['id']}", json={}), 422, "validation_error")
    error_of(lio.post(f"/lead/deal/update/{deal['id']}", json={"value": -1}), 422, "validation_error")
    moved = lio.data(lio.post(f"/lead/deal/update/{deal['id']}",
                              json={"pipeline_id": other["id"], "stage_id": other["stages"][1]["id"]}))
    assert moved["pipeline_id"] == other["id"]
    error_of(lio.post(f"/lead/deal/update/{deal['id']}", json={"value": 5}, as_=None), 401, "unauthorized")


def test_deal_update_of_another_org_is_404(lio):
    globex_deal = lio.data(lio.get("/lead/deal/list", as_="globex"))[0]
    error_of(lio.post(f"/lead/deal/update/{globex_deal['id']}", json={"value": 5}), 404, "not_found")


def test_deal_delete(lio, acme):
    deal = lio.data(lio.post("/lead/deal/add", json=new_deal(acme)), 201)
    globex_deal = lio.data(lio.get("/lead/deal/list", as_="globex"))[0]
    assert lio.data(lio.delete("/lead/deal/delete", json={"ids": [deal["id"], globex_deal["id"]]})) == {"deleted": 1}
    error_of(lio.delete("/lead/deal/delete", json={"ids": [deal["id"]]}), 404, "not_found")
    error_of(lio.delete("/lead/deal/delete", json={"ids": "all"}), 422, "validation_error")
    error_of(lio.delete("/lead/deal/delete", json={"ids": [1]}, as_=None), 401, "unauthorized")
    assert lio.data(lio.get("/lead/deal/list", as_="globex", query_string={"limit": 100}))
