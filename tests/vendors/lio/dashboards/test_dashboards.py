"""Dashboards: numbers over the org's data, saved and AI dashboards, saved queries, global search."""

import pytest

from tests.vendors.lio.conftest import V1, error_of

ZED = {"first_name": "Zebulon", "last_name": "Quasar", "email": "zebulon.quasar@example.com",
       "company": "Quasar Widgets", "estimated_value": 5000}


def _new_lead(lio, **extra):
    return lio.data(lio.post("/lead/add", json={**ZED, **extra}), 201)


def test_overview_moves_when_a_lead_is_created(lio):
    before = lio.data(lio.get("/dashboard/overview"))
    _new_lead(lio)
    after = lio.data(lio.get("/dashboard/overview", prefix=V1))
    assert after["leads_created"] == before["leads_created"] + 1
    assert after["pipeline_value"] == pytest.approx(before["pipeline_value"] + 5000)
    new = {s["status"]: s["count"] for s in after["leads_by_status"]}
    old = {s["status"]: s["count"] for s in before["leads_by_status"]}
    assert new[1] == old.get(1, 0) + 1


def test_stats_respect_the_date_range_and_validate_dates(lio):
    everything = lio.data(lio.get("/dashboard/stats"))
    none = lio.data(lio.get("/dashboard/stats?start_date=1990-01-01&end_date=1990-01-02"))
    assert everything["leads_created"] > 0 and none["leads_created"] == 0 and none["open_deals"] == 0
    error_of(lio.get("/dashboard/stats?start_date=yesterday"), 422, "validation_error")


def test_overview_is_per_org(lio):
    acme = lio.data(lio.get("/dashboard/overview"))
    before = lio.data(lio.get("/dashboard/overview", as_="globex"))
    _new_lead(lio)
    assert lio.data(lio.get("/dashboard/overview", as_="globex")) == before
    assert acme["leads_created"] != before["leads_created"]


def test_lead_aging_buckets_count_the_open_leads(lio):
    aging = lio.data(lio.get("/dashboard/lead-aging"))
    assert [b["bucket"] for b in aging["buckets"]] == ["0-7", "8-30", "31-90", "90+"]
    assert sum(b["count"] for b in aging["buckets"]) == aging["open_leads"]
    _new_lead(lio)
    again = lio.data(lio.get("/dashboard/lead-aging", prefix=V1))
    assert again["buckets"][0]["count"] == aging["buckets"][0]["count"] + 1


def test_top_accounts_rank_by_value_and_honour_limit(lio):
    top = lio.data(lio.get("/dashboard/top-accounts?limit=3"))
    assert len(top) <= 3
    assert [t["total_value"] for t in top] == sorted((t["total_value"] for t in top), reverse=True)
    _new_lead(lio, estimated_value=10**9)
    first = lio.data(lio.get("/dashboard/top-accounts?limit=1", prefix=V1))[0]
    assert first["company_name"] == "Quasar Widgets"
    assert all(t["company_name"] != "Quasar Widgets" for t in lio.data(lio.get("/dashboard/top-accounts", as_="globex")))
    error_of(lio.get("/dashboard/top-accounts?limit=0"), 422, "validation_error")


def test_dashboards_crud_with_a_taken_key_409(lio):
    body = {"dashboard_id": "sales-weekly", "name": "Sales weekly", "scope": "team", "definition": {"widgets": [1]}}
    made = lio.data(lio.post("/dashboards", json=body), 201)
    assert made["dashboard_id"] == "sales-weekly" and made["definition"] == {"widgets": [1]}
    error_of(lio.post("/dashboards", json=body, prefix=V1), 409, "conflict")
    assert [d["id"] for d in lio.data(lio.get("/dashboards?scope=team"))] == [made["id"]]
    assert lio.data(lio.get("/dashboards?scope=personal")) == []
    updated = lio.data(lio.put(f"/dashboards/{made['id']}", json={"name": "Renamed"}, prefix=V1))
    assert updated["name"] == "Renamed" and updated["scope"] == "team"
    other = lio.data(lio.post("/dashboards", json={**body, "dashboard_id": "other"}), 201)
    error_of(lio.put(f"/dashboards/{other['id']}", json={"dashboard_id": "sales-weekly"}), 409, "conflict")
    assert lio.data(lio.delete(f"/dashboards/{made['id']}")) == {"deleted": 1}
    error_of(lio.delete(f"/dashboards/{made['id']}"), 404, "not_found")


def test_dashboards_validate_and_isolate(lio):
    error_of(lio.post("/dashboards", json={"dashboard_id": "x", "name": "X", "scope": "galaxy"}), 422,
             "validation_error")
    error_of(lio.post("/dashboards", json={"name": "X"}), 422, "validation_error")
    error_of(lio.get("/dashboards?scope=galaxy"), 422, "validation_error")
    made = lio.data(lio.post("/dashboards", json={"dashboard_id": "mine", "name": "Mine"}), 201)
    assert made["scope"] == "personal"
    error_of(lio.put(f"/dashboards/{made['id']}", json={"name": "Theirs"}, as_="globex"), 404, "not_found")
    error_of(lio.delete(f"/dashboards/{made['id']}", as_="globex"), 404, "not_found")
    assert lio.data(lio.get("/dashboards", as_="globex")) == []
    assert lio.data(lio.get("/dashboards", as_="rep")) == []          # personal: its creator's only
    # the same key is free in another org
    lio.data(lio.post("/dashboards", json={"dashboard_id": "mine", "name": "Mine"}, as_="globex"), 201)


def test_ai_dashboard_spends_credits_and_globex_runs_out(lio):
    before = lio.data(lio.get("/credits"))["balance"]
    made = lio.data(lio.post("/ai-dashboards/generate", json={"prompt": "Deals by stage and lead sources"}), 201)
    assert [w["query_id"] for w in made["definition"]["widgets"]] == ["deals_by_stage", "top_sources"]
    assert lio.data(lio.get("/credits"))["balance"] == before - 10
    assert made["id"] in [d["id"] for d in lio.data(lio.get("/dashboards"))]
    for _ in range(2):                                               # Globex: 20 credits = 2 dashboards
        lio.data(lio.post("/ai-dashboards/generate", json={"prompt": "anything"}, as_="globex", prefix=V1), 201)
    error_of(lio.post("/ai-dashboards/generate", json={"prompt": "one more"}, as_="globex"), 403,
             "insufficient_credits")
    assert len(lio.data(lio.get("/dashboards", as_="globex"))) == 2
    assert lio.data(lio.get("/credits", as_="globex"))["balance"] == 0
    error_of(lio.post("/ai-dashboards/generate", json={"prompt": ""}), 422, "validation_error")


def test_queries_list_and_execute_in_each_widget_shape(lio):
    ids = [q["query_id"] for q in lio.data(lio.get("/queries"))]
    assert {"leads_by_status", "deals_by_stage", "top_sources", "leads_created_per_day"} <= set(ids)
    number = lio.data(lio.post("/queries/leads_by_status/execute", json={"widgetType": "number"}))["data"]["value"]
    _new_lead(lio)
    again = lio.data(lio.post("/queries/leads_by_status/execute", json={"widgetType": "number"}, prefix=V1))
    assert again["data"]["value"] == number + 1
    table = lio.data(lio.post("/queries/top_sources/execute", json={"widgetType": "table", "parameters": {"limit": 2}}))
    assert table["data"]["columns"] == ["label", "value"] and len(table["data"]["rows"]) <= 2
    bar = lio.data(lio.post("/queries/deals_by_stage/execute", json={"widgetType": "bar"}))["data"]
    assert len(bar["labels"]) == len(bar["series"][0]["data"])
    pie = lio.data(lio.post("/queries/leads_created_per_day/execute",
                            json={"widgetType": "pie", "parameters": {"start_date": "1990-01-01",
                                                                       "end_date": "1990-01-01"}}))
    assert pie["data"] == {"slices": []}
    error_of(lio.post("/queries/leads_by_status/execute", json={"widgetType": "donut"}), 422, "validation_error")
    error_of(lio.post("/queries/nope/execute", json={}), 404, "not_found")


def test_global_search_finds_a_new_lead_and_never_another_orgs(lio):
    assert lio.data(lio.get("/user/global-search?search_value=zebulon"))["leads"] == []
    lead = _new_lead(lio)
    found = lio.data(lio.get("/user/global-search?search_value=ZEBULON", prefix=V1))
    assert [row["id"] for row in found["leads"]] == [lead["id"]]
    assert set(found) == {"search_value", "leads", "contacts", "companies"}
    other = lio.data(lio.get("/user/global-search?search_value=zebulon", as_="globex"))
    assert other["leads"] == [] and other["companies"] == []
    assert lio.data(lio.get("/user/global-search?search_value=%25'_"))["leads"] == []
    error_of(lio.get("/user/global-search"), 422, "validation_error")


def test_dashboard_routes_need_a_token(lio):
    for method, path in (("get", "/dashboard/overview"), ("get", "/dashboard/stats"), ("get", "/dashboard/lead-aging"),
                         ("get", "/dashboard/top-accounts"), ("get", "/dashboards"), ("post", "/dashboards"),
                         ("put", "/dashboards/1"), ("delete", "/dashboards/1"), ("post", "/ai-dashboards/generate"),
                         ("get", "/queries"), ("post", "/queries/leads_by_status/execute"),
                         ("get", "/user/global-search?search_value=a")):
        error_of(getattr(lio, method)(path, as_=None), 401, "unauthorized")


def test_put_and_execute_accept_an_absent_body(lio):
    made = lio.data(lio.post("/dashboards", json={"dashboard_id": "nobody", "name": "No body"}), 201)
    assert lio.data(lio.put(f"/dashboards/{made['id']}"))["name"] == "No body"
    assert lio.data(lio.post("/queries/leads_by_status/execute"))["widgetType"] == "table"
