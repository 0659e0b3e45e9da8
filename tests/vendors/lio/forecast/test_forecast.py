"""Forecast (doc 6.7): deal forecast and history, pipeline forecast, contributors, at-risk,
accuracy (JSON and CSV); a new deal moves the forecast; the clock makes a deal at-risk."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

NOW = "2026-06-15T09:00:00Z"


@pytest.fixture
def frozen(client):
    assert client.put("/__admin/clock", json={"now": NOW, "frozen": True}).status_code == 200


@pytest.fixture
def acme(lio):
    pipelines = lio.data(lio.get("/pipelines/list", query_string={"limit": 100}))
    default = next(p for p in pipelines if p["is_default"])
    lead = lio.data(lio.get("/lead/list", query_string={"assigned_to": "true"}))[0]
    return {"pipeline": default, "stages": default["stages"], "lead": lead}


def add_deal(lio, acme, stage=2, **extra):
    body = {"lead_id": acme["lead"]["id"], "pipeline_id": acme["pipeline"]["id"],
            "stage_id": acme["stages"][stage]["id"], "title": "Forecast deal", "value": 10000,
            "expected_close_date": "2026-08-20", **extra}
    return lio.data(lio.post("/lead/deal/add", json=body), 201)


def period(forecast, label):
    return next(p for p in forecast["periods"] if p["period"] == label)


@pytest.mark.parametrize("prefix", [API, V1])
def test_deal_forecast_weighted_value_and_trend(lio, acme, frozen, prefix):
    deal = add_deal(lio, acme)
    first = lio.data(lio.get(f"/forecast/deal/{deal['id']}", prefix=prefix))
    assert (first["weighted_value"], first["close_month"], first["trend"]) == (5000, "2026-08", "flat")
    lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"stage_id": acme["stages"][3]["id"]}))
    up = lio.data(lio.get(f"/forecast/deal/{deal['id']}"))
    assert (up["weighted_value"], up["trend"], up["previous_weighted_value"]) == (7500, "up", 5000)
    lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"value": 2000}))
    assert lio.data(lio.get(f"/forecast/deal/{deal['id']}"))["trend"] == "down"


def test_deal_forecast_isolation_and_401(lio):
    globex = lio.data(lio.get("/lead/deal/list", as_="globex"))[0]
    error_of(lio.get(f"/forecast/deal/{globex['id']}"), 404, "not_found")
    error_of(lio.get(f"/forecast/deal/{globex['id']}/history"), 404, "not_found")
    error_of(lio.get(f"/forecast/deal/{globex['id']}", as_=None), 401, "unauthorized")
    error_of(lio.get(f"/forecast/deal/{globex['id']}/history", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_deal_history_grows_with_a_value_change(lio, acme, prefix):
    deal = add_deal(lio, acme)
    lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"value": 12000}))
    lio.data(lio.post(f"/lead/deal/update/{deal['id']}", json={"expected_close_date": "2026-09-01"}))
    points = lio.data(lio.get(f"/forecast/deal/{deal['id']}/history", prefix=prefix))
    assert [p["value"] for p in points] == [12000, 12000, 10000]
    assert points[0]["expected_close_date"] == "2026-09-01" and points[1]["weighted_value"] == 6000
    assert len(lio.data(lio.get(f"/forecast/deal/{deal['id']}/history", query_string={"limit": 1}))) == 1
    error_of(lio.get(f"/forecast/deal/{deal['id']}/history", query_string={"limit": 0}), 422, "validation_error")


@pytest.mark.parametrize("prefix", [API, V1])
def test_pipeline_forecast_periods_start_at_the_sandbox_month(lio, frozen, prefix):
    forecast = lio.data(lio.get("/forecast/pipeline", prefix=prefix))
    assert [p["period"] for p in forecast["periods"]] == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
                                                          "2026-11"]
    assert sum(p["weighted_value"] for p in forecast["periods"]) > 0
    assert all(p["best_case_value"] >= p["won_value"] + p["weighted_value"] - 0.01 for p in forecast["periods"])
    quarterly = lio.data(lio.get("/forecast/pipeline", query_string={"period": "quarterly", "months": 7}))
    assert [p["period"] for p in quarterly["periods"]] == ["2026-Q2", "2026-Q3", "2026-Q4"]


def test_a_new_deal_moves_the_pipeline_forecast(lio, acme, frozen):
    query = {"pipeline_id": acme["pipeline"]["id"]}
    before = period(lio.data(lio.get("/forecast/pipeline", query_string=query)), "2026-08")
    add_deal(lio, acme)
    after = period(lio.data(lio.get("/forecast/pipeline", query_string=query)), "2026-08")
    assert round(after["weighted_value"] - before["weighted_value"], 2) == 5000
    assert round(after["best_case_value"] - before["best_case_value"], 2) == 10000
    assert after["deal_count"] == before["deal_count"] + 1


def test_pipeline_forecast_validation_isolation_and_401(lio):
    for query in ({"period": "weekly"}, {"months": 0}, {"months": 25}, {"pipeline_id": "x"}):
        error_of(lio.get("/forecast/pipeline", query_string=query), 422, "validation_error")
    globex = lio.data(lio.get("/pipelines/list", as_="globex"))[0]
    error = error_of(lio.get("/forecast/pipeline", query_string={"pipeline_id": globex["id"]}), 422,
                     "validation_error")
    assert "pipeline_id" in str(error)
    error_of(lio.get("/forecast/pipeline", as_=None), 401, "unauthorized")


def test_contributors_list_the_deals_of_the_month(lio, acme, frozen):
    deal = add_deal(lio, acme, value=900000)
    body = lio.get("/forecast/pipeline/contributors", query_string={"period_month": "2026-08"}).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    assert body["data"][0]["deal_id"] == deal["id"]
    assert all(c["expected_close_date"].startswith("2026-08") for c in body["data"])
    page2 = lio.data(lio.get("/forecast/pipeline/contributors", prefix=V1,
                             query_string={"period_month": "2026-08", "limit": 1, "page": 2}))
    assert len(page2) == (1 if body["total"] > 1 else 0)


def test_contributors_validation_and_401(lio):
    for query in ({}, {"period_month": "2026-13"}, {"period_month": "August"}, {"period_month": "2026-08", "limit": 0}):
        error_of(lio.get("/forecast/pipeline/contributors", query_string=query), 422, "validation_error")
    error_of(lio.get("/forecast/pipeline/contributors", query_string={"period_month": "2026-08"}, as_=None),
             401, "unauthorized")


def test_a_deal_past_its_close_date_becomes_at_risk(lio, client, acme, frozen):
    deal = add_deal(lio, acme, expected_close_date="2026-06-20", stage=0)
    ids = {r["deal_id"] for r in lio.data(lio.get("/forecast/at-risk", query_string={"limit": 100}))}
    assert deal["id"] not in ids
    client.post("/__admin/clock/advance", json={"seconds": 10 * 86400})
    risky = {r["deal_id"]: r for r in lio.data(lio.get("/forecast/at-risk", query_string={"limit": 100}))}
    assert [r["code"] for r in risky[deal["id"]]["reasons"]] == ["past_due"]
    assert risky[deal["id"]]["days_past_due"] == 5
    client.post("/__admin/clock/advance", json={"seconds": 10 * 86400})      # 20 days > Prospecting's 14
    risky = {r["deal_id"]: r for r in lio.data(lio.get("/forecast/at-risk", query_string={"limit": 100}))}
    assert [r["code"] for r in risky[deal["id"]]["reasons"]] == ["past_due", "stalled"]


@pytest.mark.parametrize("prefix", [API, V1])
def test_at_risk_filters(lio, acme, frozen, prefix):
    everything = lio.data(lio.get("/forecast/at-risk", prefix=prefix, query_string={"limit": 100}))
    assert everything and all(r["reasons"] for r in everything)
    mine = lio.data(lio.get("/forecast/at-risk", query_string={"owner": "me", "limit": 100}))
    assert all(r["owner_id"] == 142 for r in mine) and len(mine) < len(everything)
    stage = everything[0]["stage_id"]
    by_stage = lio.data(lio.get("/forecast/at-risk", query_string={"status": str(stage), "limit": 100}))
    assert by_stage and all(r["stage_id"] == stage for r in by_stage)
    assert len(lio.data(lio.get("/forecast/at-risk", query_string={"limit": 1}))) == 1


def test_at_risk_validation_isolation_and_401(lio):
    for query in ({"owner": "them"}, {"limit": 101}, {"status": "a,b"}):
        error_of(lio.get("/forecast/at-risk", query_string=query), 422, "validation_error")
    globex = lio.data(lio.get("/pipelines/list", as_="globex"))[0]
    error_of(lio.get("/forecast/at-risk", query_string={"pipeline_id": globex["id"]}), 422, "validation_error")
    error_of(lio.get("/forecast/at-risk", as_=None), 401, "unauthorized")
    globex_ids = {d["id"] for d in lio.data(lio.get("/lead/deal/list", as_="globex", query_string={"limit": 100}))}
    assert not globex_ids & {r["deal_id"] for r in lio.data(lio.get("/forecast/at-risk", query_string={"limit": 100}))}


@pytest.mark.parametrize("prefix", [API, V1])
def test_accuracy_json_has_one_row_per_past_month(lio, frozen, prefix):
    rows = lio.data(lio.get("/forecast/accuracy", prefix=prefix, query_string={"months": 4}))
    assert [r["month"] for r in rows] == ["2026-02", "2026-03", "2026-04", "2026-05"]
    assert any(r["actual"] > 0 for r in rows) and any(r["forecast"] > 0 for r in rows)
    assert all(r["accuracy"] is None or 0 <= r["accuracy"] <= 1 for r in rows)


def test_accuracy_csv(lio, frozen):
    response = lio.get("/forecast/accuracy", query_string={"months": 3, "format": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "month,forecast,actual,variance,accuracy,deals_won"
    assert [line.split(",")[0] for line in lines[1:]] == ["2026-03", "2026-04", "2026-05"]


def test_accuracy_validation_isolation_and_401(lio):
    for query in ({"format": "xml"}, {"months": 0}, {"months": "x"}):
        error_of(lio.get("/forecast/accuracy", query_string=query), 422, "validation_error")
    globex = lio.data(lio.get("/pipelines/list", as_="globex"))[0]
    error_of(lio.get("/forecast/accuracy", query_string={"pipeline_id": globex["id"]}), 422, "validation_error")
    error_of(lio.get("/forecast/accuracy", as_=None), 401, "unauthorized")
