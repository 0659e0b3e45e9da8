"""Integrations (doc 6.14): connected apps, HubSpot properties and imports, Slack, Teams."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

WELL_KNOWN_DAY = "2026-06-14"          # Acme's three well-known HubSpot contacts were created that day
WELL_KNOWN_EMAILS = {"priya.raman@northwind.test", "tomas.ibarra@initech.test", "grace.okafor@umbrella.test"}


def advance(client, seconds=10):
    assert client.post("/__admin/clock/advance", json={"seconds": seconds}).status_code == 200


def run_import(lio, client, body, as_="acme", prefix=API):
    job = lio.data(lio.post("/connected-apps/hubspot/import", json=body, as_=as_, prefix=prefix), 202)
    advance(client)
    return lio.data(lio.get(f"/connected-apps/hubspot/import/{job['id']}/status", as_=as_, prefix=prefix))


# -- connected apps ----------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", [API, V1])
def test_connected_apps_list_each_provider_with_its_status(lio, prefix):
    apps = {a["provider"]: a for a in lio.data(lio.get("/connected-apps/list", prefix=prefix))}
    assert set(apps) == {"hubspot", "slack", "teams"}
    assert all(a["status"] == "connected" and a["is_connected"] for a in apps.values())
    assert apps["hubspot"]["account_id"] == "24816320"


def test_connected_apps_are_per_org(lio):
    apps = {a["provider"]: a for a in lio.data(lio.get("/connected-apps/list", as_="globex"))}
    assert apps["slack"]["is_connected"] and apps["slack"]["account_name"].startswith("Globex")
    assert apps["hubspot"]["status"] == "not_connected" and apps["hubspot"]["account_id"] is None
    assert not apps["teams"]["is_connected"]


@pytest.mark.parametrize("method, path", [
    ("GET", "/connected-apps/list"), ("GET", "/connected-apps/hubspot/properties"),
    ("POST", "/connected-apps/hubspot/import"), ("GET", "/connected-apps/hubspot/import/1/status"),
    ("GET", "/slack/channels"), ("POST", "/slack/test-notification"), ("GET", "/teams/channels")])
@pytest.mark.parametrize("prefix", [API, V1])
def test_routes_need_a_token(lio, method, path, prefix):
    error_of(lio.call(method, path, as_=None, prefix=prefix, json={}), 401, "unauthorized")


# -- HubSpot properties -------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", [API, V1])
def test_properties_hide_read_only_ones_unless_all(lio, prefix):
    visible = lio.data(lio.get("/connected-apps/hubspot/properties", prefix=prefix))
    everything = lio.data(lio.get("/connected-apps/hubspot/properties?all=1", prefix=prefix))
    names = {(p["object_type"], p["name"]) for p in visible}
    assert ("contact", "firstname") in names and ("company", "name") in names
    assert ("contact", "hs_object_id") not in names
    assert all(p["importable"] and not p["hidden"] for p in visible)
    assert names < {(p["object_type"], p["name"]) for p in everything}
    assert any(p["hidden"] for p in everything)
    assert lio.data(lio.get("/connected-apps/hubspot/properties?all=0")) == visible


@pytest.mark.parametrize("query", ["all=2", "all=yes", "all=-1"])
def test_properties_bad_all_is_422(lio, query):
    error = error_of(lio.get(f"/connected-apps/hubspot/properties?{query}"), 422, "validation_error")
    assert "all" in error["fields"]


def test_properties_of_an_org_without_hubspot_is_409(lio):
    error_of(lio.get("/connected-apps/hubspot/properties", as_="globex"), 409, "conflict")


# -- HubSpot import -----------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", [API, V1])
def test_hubspot_import_creates_leads_and_companies_listed_afterwards(lio, client, prefix):
    before = lio.get("/lead/list").get_json()["total"]
    job = lio.data(lio.post("/connected-apps/hubspot/import", prefix=prefix,
                            json={"from": WELL_KNOWN_DAY, "to": WELL_KNOWN_DAY}), 202)
    assert job["type"] == "hubspot_import" and job["status"] == "queued" and job["result"] is None
    assert lio.data(lio.get(f"/connected-apps/hubspot/import/{job['id']}/status"))["status"] == "queued"
    advance(client)
    done = lio.data(lio.get(f"/connected-apps/hubspot/import/{job['id']}/status", prefix=prefix))
    assert done["status"] == "completed" and done["completed_at"]
    result = done["result"]
    assert (result["total"], result["created"], result["duplicate"], result["failed"]) == (3, 3, 0, 0)
    assert (result["companies_created"], result["companies_existing"]) == (2, 0)
    listed = lio.get("/lead/list?limit=100&order_by=id&order_in=DESC").get_json()
    assert listed["total"] == before + 3
    by_email = {lead["email"]: lead for lead in listed["data"]}
    assert WELL_KNOWN_EMAILS <= set(by_email)
    priya = by_email["priya.raman@northwind.test"]
    assert priya["id"] in result["lead_ids"]
    assert (priya["first_name"], priya["job_title"], priya["company"]) == ("Priya", "VP Operations", "Northwind Traders")
    assert priya["custom_fields"]["hubspot_object_id"]
    company = lio.data(lio.get(f"/company/view/{priya['company_id']}"))
    assert company["website"] == "northwind.test" and company["industry_type"] == "Logistics"
    jobs = lio.data(lio.get("/import-job/list?type=hubspot_import"))
    assert [j["id"] for j in jobs] == [job["id"]]
    notes = lio.data(lio.get("/notification/list"))
    assert any(n["type"] == "import_done" and n["data"].get("job_id") == job["id"] for n in notes)
    apps = {a["provider"]: a for a in lio.data(lio.get("/connected-apps/list"))}
    assert apps["hubspot"]["last_synced_at"] > "2026-06-15"


def test_importing_twice_counts_duplicates(lio, client):
    first = run_import(lio, client, {"from": WELL_KNOWN_DAY, "to": WELL_KNOWN_DAY})
    again = run_import(lio, client, {"from": WELL_KNOWN_DAY, "to": WELL_KNOWN_DAY})
    assert first["result"]["created"] == 3
    assert (again["result"]["created"], again["result"]["duplicate"]) == (0, 3)
    assert again["result"]["companies_existing"] == 2 and again["result"]["companies_created"] == 0


def test_import_takes_the_range_and_the_limit(lio, client):
    everything = run_import(lio, client, {"limit": 1000})["result"]
    assert everything["total"] == 40
    assert everything["duplicate"] >= 1 and everything["failed"] >= 1      # seeded on purpose
    assert everything["created"] + everything["duplicate"] + everything["failed"] == 40
    nothing = run_import(lio, client, {"from": "2020-01-01", "to": "2020-12-31"})["result"]
    assert nothing["total"] == 0 and nothing["lead_ids"] == []


def test_import_limit_caps_the_rows(lio, client):
    result = run_import(lio, client, {"limit": 2, "to": WELL_KNOWN_DAY, "from": WELL_KNOWN_DAY})["result"]
    assert result["total"] == 2 and len(result["lead_ids"]) == 2


def test_import_uses_the_given_mapping(lio, client):
    mapping = {"lead": {"firstname": "first_name", "lastname": "last_name", "email": "email", "city": "notes"},
               "company": {"name": "company_name", "country": "country"}}
    result = run_import(lio, client, {"mapping": mapping, "from": WELL_KNOWN_DAY, "to": WELL_KNOWN_DAY})["result"]
    leads = [lio.data(lio.get(f"/lead/view/{lead_id}")) for lead_id in result["lead_ids"]]
    priya = next(lead for lead in leads if lead["first_name"] == "Priya")
    assert priya["notes"] == "Austin" and priya["job_title"] is None and priya["city"] is None
    assert priya["company"] == "Northwind Traders"


@pytest.mark.parametrize("body, field", [
    ({"mapping": {"lead": {"firstname": "first_name", "lastname": "last_name", "email": "favourite_colour"}}},
     "mapping.lead.email"),
    ({"mapping": {"lead": {"firstname": "first_name", "lastname": "last_name", "no_such_prop": "email"}}},
     "mapping.lead.no_such_prop"),
    ({"mapping": {"lead": {"firstname": "first_name", "lastname": "last_name", "hs_object_id": "notes"}}},
     "mapping.lead.hs_object_id"),
    ({"mapping": {"lead": {"firstname": "first_name"}}}, "mapping.lead"),
    ({"mapping": {"lead": {"firstname": "first_name", "lastname": "last_name"}, "company": {"domain": "website"}}},
     "mapping.company"),
    ({"mapping": {"lead": {"firstname": "first_name", "lastname": "last_name"}, "company": {"name": "rating"}}},
     "mapping.company.name"),
    ({"limit": 0}, "limit"), ({"limit": 1001}, "limit"), ({"limit": "5"}, "limit"), ({"limit": 2**63 - 1}, "limit"),
    ({"from": "yesterday"}, "from"), ({"from": "2026-06-15", "to": "2026-06-01"}, "from"),
    ({"mapping": "firstname"}, "mapping"),
])
def test_import_bad_input_is_422_naming_the_field(lio, body, field):
    error = error_of(lio.post("/connected-apps/hubspot/import", json=body), 422, "validation_error")
    assert any(name == field or name.startswith(field + ".") for name in error["fields"]), error["fields"]


def test_import_without_hubspot_connected_is_409(lio):
    error = error_of(lio.post("/connected-apps/hubspot/import", json={}, as_="globex"), 409, "conflict")
    assert "HubSpot" in error["message"]


def test_import_status_of_other_org_or_other_job_type_is_404(lio, client):
    job = lio.data(lio.post("/connected-apps/hubspot/import", json={}), 202)
    error_of(lio.get(f"/connected-apps/hubspot/import/{job['id']}/status", as_="globex"), 404, "not_found")
    error_of(lio.get("/connected-apps/hubspot/import/999999/status"), 404, "not_found")
    other = lio.data(lio.post("/lead-enrichment/enrich/bulk", json={"leads": [{"email": "x@y.test"}]}), 202)
    error_of(lio.get(f"/connected-apps/hubspot/import/{other['id']}/status"), 404, "not_found")


def test_imported_leads_stay_in_their_org(lio, client):
    result = run_import(lio, client, {"from": WELL_KNOWN_DAY, "to": WELL_KNOWN_DAY})["result"]
    for lead_id in result["lead_ids"]:
        error_of(lio.get(f"/lead/view/{lead_id}", as_="globex"), 404, "not_found")
    globex = lio.get("/lead/list?search_value=northwind.test", as_="globex").get_json()
    assert globex["total"] == 0


# -- Slack -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", [API, V1])
def test_slack_channels_are_the_workspace_channels(lio, prefix):
    channels = lio.data(lio.get("/slack/channels", prefix=prefix))
    names = [c["name"] for c in channels]
    assert names == sorted(names) and {"general", "sales", "hot-leads"} <= set(names)
    assert all(c["last_notification"] is None and c["notifications_sent"] == 0 for c in channels)
    assert all(c["channel_id"].startswith("C0") for c in channels)


def test_slack_channels_are_per_org(lio):
    acme = {c["channel_id"] for c in lio.data(lio.get("/slack/channels"))}
    globex = lio.data(lio.get("/slack/channels", as_="globex"))
    assert {c["name"] for c in globex} == {"general", "sales", "alerts"}
    assert not acme & {c["channel_id"] for c in globex}


@pytest.mark.parametrize("prefix", [API, V1])
def test_slack_test_notification_is_recorded_on_the_channel(lio, prefix):
    sent = lio.data(lio.post("/slack/test-notification", prefix=prefix,
                             json={"channel": "#Sales", "event_type": "deal_won"}), 201)
    assert sent["ok"] and sent["channel"] == "sales" and sent["event_type"] == "deal_won"
    assert "Deal won" in sent["text"]
    by_id = lio.data(lio.post("/slack/test-notification", json={"channel": sent["channel_id"]}), 201)
    assert by_id["event_type"] == "test" and by_id["ts"] != sent["ts"]
    sales = next(c for c in lio.data(lio.get("/slack/channels")) if c["name"] == "sales")
    assert sales["notifications_sent"] == 2
    assert sales["last_notification"]["event_type"] == "test"
    channel_row = sales["id"]
    feed = lio.data(lio.get(f"/feed/list?model_type=slack_channel&model_id={channel_row}"))
    assert len([f for f in feed if f["action"] == "test_notification_sent"]) == 2


def test_slack_unknown_channel_is_404(lio):
    error = error_of(lio.post("/slack/test-notification", json={"channel": "#nope"}), 404, "not_found")
    assert "nope" in error["message"]


def test_slack_channel_of_other_org_is_404(lio):
    alerts = next(c for c in lio.data(lio.get("/slack/channels", as_="globex")) if c["name"] == "alerts")
    error_of(lio.post("/slack/test-notification", json={"channel": alerts["channel_id"]}), 404, "not_found")
    error_of(lio.post("/slack/test-notification", json={"channel": "alerts"}), 404, "not_found")


@pytest.mark.parametrize("body", [{}, {"channel": ""}, {"channel": 5}, {"channel": "sales", "event_type": "party"},
                                  {"channel": "x" * 101}])
def test_slack_test_notification_bad_input_is_422(lio, body):
    error_of(lio.post("/slack/test-notification", json=body), 422, "validation_error")


# -- Teams -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", [API, V1])
def test_teams_channels_of_one_team(lio, prefix):
    everything = lio.data(lio.get("/teams/channels", prefix=prefix))
    teams = {c["team_name"]: c["team_id"] for c in everything}
    assert set(teams) == {"Sales", "Marketing", "Customer Success"}
    sales = lio.data(lio.get(f"/teams/channels?team_id={teams['Sales']}", prefix=prefix))
    assert {c["name"] for c in sales} == {"General", "Deals", "Hot leads"}
    assert all(c["team_id"] == teams["Sales"] and c["channel_id"].endswith("@thread.tacv2") for c in sales)


def test_teams_unknown_team_is_404(lio):
    error_of(lio.get("/teams/channels?team_id=not-a-team"), 404, "not_found")


def test_teams_bad_team_id_is_422(lio):
    error_of(lio.get(f"/teams/channels?team_id={'x' * 101}"), 422, "validation_error")


def test_teams_of_an_org_without_teams_is_409_and_never_shows_acme(lio):
    sales = next(c for c in lio.data(lio.get("/teams/channels")) if c["team_name"] == "Sales")
    error_of(lio.get(f"/teams/channels?team_id={sales['team_id']}", as_="globex"), 409, "conflict")


def test_import_without_a_body_takes_the_default_mapping_and_every_record(lio, client):
    job = lio.data(lio.call("POST", "/connected-apps/hubspot/import"), 202)
    advance(client)
    result = lio.data(lio.get(f"/connected-apps/hubspot/import/{job['id']}/status"))["result"]
    assert result["total"] == 40 and result["created"] > 30
