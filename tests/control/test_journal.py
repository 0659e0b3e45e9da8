"""The request journal (/__admin/requests) and the access log."""

import json
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from app import create_app
from tests.test_cli import ROOT, get_json, launch, serve  # noqa: F401  (fixtures)

DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
DISCKO_ORG = "8f14e45f-ceea-467a-9575-5cb7b3c3c1d2"
WEBFLOW = {"X-Discko-Key": "dk_test_webflow_agency"}
WEBFLOW_ORG = "550e8400-e29b-41d4-a716-446655440000"
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
SKARBE = {"X-Api-Key": "sk_live_abc123xyz"}
LEAD = "/discko/api/v1/leads/req_xyz789"


def lio_token(client, email="you@company.com", password="your_password"):
    response = client.post("/lio/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200
    return response.get_json()["access_token"]


def journal(client, **filters):
    response = client.get("/__admin/requests", query_string=filters)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["count"] == len(body["requests"])
    return body["requests"]


def count(client, **matcher):
    response = client.post("/__admin/requests/count", json=matcher)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["count"]


# -- what is journaled ----------------------------------------------------------------------
def test_discko_request_is_journaled_with_its_organization(client):
    client.get(LEAD, headers=DISCKO)
    (entry,) = journal(client)
    assert entry["vendor"] == "discko" and entry["tenant"] == DISCKO_ORG
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", LEAD, 200)
    assert json.loads(entry["response_body"])["data"]["id"] == "req_xyz789"
    assert entry["fault"] is None and entry["duration_ms"] > 0
    assert datetime.fromisoformat(entry["real_at"].replace("Z", "+00:00")) <= datetime.now(UTC)


def test_skode_request_is_journaled_with_its_workspace_and_query(client):
    client.get("/skode/v1/leads?per_page=5&status=new", headers=SKODE)
    (entry,) = journal(client)
    assert (entry["vendor"], entry["tenant"]) == ("skode", "ws_examplecorp")
    assert entry["query"] == "per_page=5&status=new" and entry["path"] == "/skode/v1/leads"


def test_lio_requests_are_journaled_with_the_organization_id(client):
    token = lio_token(client)
    client.get("/lio/api/lead/list", headers={"Authorization": f"Bearer {token}"})
    listed, login = journal(client)
    assert (login["path"], login["tenant"]) == ("/lio/api/auth/login", None)   # login is not authenticated
    assert (listed["vendor"], listed["tenant"], listed["status"]) == ("lio", "org_acme", 200)


def test_lio_api_key_request_is_journaled_with_its_organization(client):
    client.post("/lio/api/v1/lead", headers={"x-api-key": "lio_live_globex_ingest"}, json={})
    (entry,) = journal(client)
    assert entry["tenant"] == "org_globex"


def test_skarbe_request_is_journaled_with_its_workspace_id_as_text(client):
    client.get("/skarbe/api/connect/contacts?query=jo", headers=SKARBE)
    (entry,) = journal(client)
    assert (entry["vendor"], entry["tenant"], entry["status"]) == ("skarbe", "1", 200)


def test_request_without_credentials_is_journaled_without_tenant(client):
    response = client.get("/skarbe/api/connect/contacts")
    (entry,) = journal(client)
    assert entry["tenant"] is None and entry["status"] == 401
    assert json.loads(entry["response_body"]) == response.get_json()


def test_unknown_vendor_route_is_journaled_with_the_vendor_404(client):
    client.get("/skode/v1/nothing-here", headers=SKODE)
    (entry,) = journal(client)
    assert (entry["vendor"], entry["status"]) == ("skode", 404)


def test_admin_dashboard_docs_and_specs_are_not_journaled(client):
    for path in ("/", "/__admin/health", "/__admin/tenants", "/discko/openapi.json", "/discko/docs",
                 "/__assets/swagger-ui/swagger-ui.css"):
        client.get(path)
    assert journal(client) == []


def test_one_vendor_mounted_at_the_root_journals_its_paths(make_app):
    solo = make_app(VENDOR="discko").test_client()
    solo.get("/api/v1/leads/req_xyz789", headers=DISCKO)
    solo.get("/")
    (entry,) = journal(solo)
    assert (entry["vendor"], entry["path"], entry["tenant"]) == ("discko", "/api/v1/leads/req_xyz789", DISCKO_ORG)


def test_request_body_is_kept_and_cut_at_64_kib(client):
    client.post("/skode/v1/leads", headers=SKODE, json={"name": "Ada", "email": "ada@example.com"})
    client.post("/skode/v1/leads", headers=SKODE, json={"name": "x" * 100_000})
    big, small = journal(client)
    assert json.loads(small["body"]) == {"name": "Ada", "email": "ada@example.com"}
    assert small["status"] == 201 and json.loads(small["response_body"])["data"]["name"] == "Ada"
    assert len(big["body"]) == 64 * 1024


def test_binary_response_body_is_not_kept(client):
    response = client.get("/lio/api/v1/track/open/trk_open_demo")
    assert response.status_code == 200 and response.mimetype == "image/gif"
    (entry,) = journal(client)
    assert entry["response_body"] is None and entry["status"] == 200


# -- redaction ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, headers, secret", [
    (LEAD, DISCKO, "dk_test_creative_minds"),
    ("/skode/v1/leads", SKODE, "sk_live_your_api_key"),
    ("/skarbe/api/connect/contacts", SKARBE, "sk_live_abc123xyz"),
    ("/lio/api/v1/lead", {"x-api-key": "lio_live_acme_ingest"}, "lio_live_acme_ingest"),
])
def test_credential_headers_are_redacted(client, path, headers, secret):
    client.get(path, headers=headers)
    (entry,) = journal(client)
    name = next(iter(headers))
    assert {key.lower(): value for key, value in entry["headers"].items()}[name.lower()] == "[redacted]"
    assert secret not in json.dumps(entry)


def test_lio_login_password_and_returned_token_are_redacted(client):
    token = lio_token(client)
    (entry,) = journal(client)
    assert json.loads(entry["body"]) == {"email": "you@company.com", "password": "[redacted]"}
    assert json.loads(entry["response_body"])["access_token"] == "[redacted]"
    assert "your_password" not in json.dumps(entry) and token not in json.dumps(entry)


def test_skode_oauth_form_secrets_are_redacted(client):
    client.post("/skode/v1/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "rt_secret_value",
                                                "client_id": "skode_demo_client",
                                                "client_secret": "skode_demo_secret"})
    (entry,) = journal(client)
    assert "skode_demo_secret" not in entry["body"] and "rt_secret_value" not in entry["body"]
    assert "client_id=skode_demo_client" in entry["body"] and "client_secret=%5Bredacted%5D" in entry["body"]


def test_nested_and_truncated_json_secrets_are_redacted(client):
    client.post("/skode/v1/leads", headers=SKODE,
                json={"name": "Ada", "custom": {"api_key": "nested_secret_1"}, "pad": "x" * 70_000})
    client.post("/skode/v1/leads", headers=SKODE,
                json={"name": "Ada", "pad": "x" * 70_000, "token": "tail_secret_2"})
    cut_off, nested = journal(client)
    assert "nested_secret_1" not in nested["body"] and '"api_key":"[redacted]"' in nested["body"]
    assert "tail_secret_2" not in cut_off["body"]


# -- filters and verification ---------------------------------------------------------------------------
def test_filters_by_vendor_method_path_status_and_tenant(client):
    client.get(LEAD, headers=DISCKO)
    client.put(LEAD, headers=DISCKO, json={"status": "WON"})
    client.get("/discko/api/v1/leads/req_abc123", headers=WEBFLOW)
    client.get("/skode/v1/leads", headers=SKODE)
    client.get("/skode/v1/leads/lead_nope", headers=SKODE)
    assert [e["vendor"] for e in journal(client)] == ["skode", "skode", "discko", "discko", "discko"]  # newest first
    assert len(journal(client, vendor="discko")) == 3
    assert [e["method"] for e in journal(client, method="put")] == ["PUT"]
    assert {e["path"] for e in journal(client, path="/skode/v1/leads*")} == {"/skode/v1/leads",
                                                                             "/skode/v1/leads/lead_nope"}
    assert [e["path"] for e in journal(client, status=404)] == ["/skode/v1/leads/lead_nope"]
    assert [e["path"] for e in journal(client, tenant=WEBFLOW_ORG)] == ["/discko/api/v1/leads/req_abc123"]
    assert len(journal(client, vendor="discko", tenant=DISCKO_ORG, limit=1)) == 1


def test_since_keeps_requests_received_from_that_real_time(client):
    client.get(LEAD, headers=DISCKO)
    later = datetime.now(UTC) + timedelta(seconds=1)
    assert len(journal(client, since=(later - timedelta(hours=1)).isoformat())) == 1
    assert journal(client, since=later.strftime("%Y-%m-%dT%H:%M:%SZ")) == []


def test_count_verifies_exactly_one_put_to_a_lead(client):
    client.get(LEAD, headers=DISCKO)
    client.put(LEAD, headers=DISCKO, json={"status": "IN_PROGRESS"})
    assert count(client, method="PUT", path=LEAD) == 1
    assert count(client, vendor="discko", path=LEAD) == 2
    assert count(client, method="DELETE", path=LEAD) == 0
    assert count(client) == 2


@pytest.mark.parametrize("query", [{"vendor": "acme"}, {"status": "abc"}, {"status": "700"}, {"limit": "0"},
                                   {"limit": "10001"}, {"since": "yesterday"}, {"method": "GET /"}])
def test_bad_filter_is_400_with_plain_error(client, query):
    response = client.get("/__admin/requests", query_string=query)
    assert response.status_code == 400
    assert set(response.get_json()) == {"error", "message"}


@pytest.mark.parametrize("body", [{"vendr": "discko"}, {"status": "x"}, [1, 2], {"since": 5}])
def test_bad_count_matcher_is_400(client, body):
    response = client.post("/__admin/requests/count", json=body)
    assert response.status_code == 400 and "message" in response.get_json()


def test_get_one_request_by_id_and_unknown_id_is_404(client):
    client.get(LEAD, headers=DISCKO)
    (entry,) = journal(client)
    assert client.get(f"/__admin/requests/{entry['id']}").get_json() == entry
    response = client.get(f"/__admin/requests/{entry['id'] + 1000}")
    assert response.status_code == 404 and response.get_json()["error"] == "not_found"


def test_delete_forgets_every_request_and_ids_keep_increasing(client):
    client.get(LEAD, headers=DISCKO)
    client.get(LEAD, headers=DISCKO)
    first = journal(client)[0]["id"]
    assert client.delete("/__admin/requests").get_json() == {"deleted": 2}
    assert journal(client) == []
    client.get(LEAD, headers=DISCKO)
    assert journal(client)[0]["id"] > first


def test_reset_clears_the_journal(client):
    client.get(LEAD, headers=DISCKO)
    assert client.post("/__admin/reset").status_code == 200
    assert journal(client) == [] and count(client) == 0


# -- bound, size 0, sharing ---------------------------------------------------------------------------
def test_journal_keeps_only_the_newest_journal_size_entries(make_app):
    small = make_app(JOURNAL_SIZE=5).test_client()
    for index in range(12):
        small.get(f"/discko/api/v1/leads/req_{index}", headers=DISCKO)
    entries = journal(small, limit=100)
    assert [e["path"] for e in entries] == [f"/discko/api/v1/leads/req_{index}" for index in range(11, 6, -1)]
    assert count(small) == 5
    assert small.get(f"/__admin/requests/{entries[-1]['id'] - 1}").status_code == 404


def test_journal_size_0_records_nothing(make_app):
    off = make_app(JOURNAL_SIZE=0).test_client()
    assert off.get(LEAD, headers=DISCKO).status_code == 200
    assert journal(off) == [] and count(off) == 0


def test_two_apps_on_one_database_share_one_journal(make_app):
    first = make_app()
    second = create_app({"DATABASE": first.config["DATABASE"], "QUIET": True})
    first.test_client().get(LEAD, headers=DISCKO)
    second.test_client().get("/skode/v1/leads", headers=SKODE)
    seen = [(e["vendor"], e["id"], e["real_at"]) for e in journal(first.test_client())]
    assert seen == [(e["vendor"], e["id"], e["real_at"]) for e in journal(second.test_client())]
    assert [vendor for vendor, _, _ in seen] == ["skode", "discko"] and seen[0][2] > seen[1][2]


def test_memory_database_keeps_its_journal_in_memory(tmp_path):
    memory = create_app({"DATABASE": ":memory:", "SCALE": 0, "QUIET": True}).test_client()
    memory.get("/skarbe/api/connect/contacts")
    assert [e["status"] for e in journal(memory)] == [401]


# -- access log --------------------------------------------------------------------------------------
def test_access_log_prints_one_line_per_vendor_request(make_app, capsys):
    loud = make_app(QUIET=False).test_client()
    loud.get(LEAD, headers=DISCKO)
    loud.get("/__admin/health")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    method, path, status, ms, vendor, tenant = lines[0].split()
    assert (method, path, status, vendor, tenant) == ("GET", LEAD, "200", "discko", DISCKO_ORG)
    assert ms.endswith("ms")


def test_quiet_prints_no_access_log(make_app, capsys):
    make_app(QUIET=True).test_client().get(LEAD, headers=DISCKO)
    assert capsys.readouterr().err == ""


def test_served_workers_share_one_journal_and_quiet_silences_the_log(serve, tmp_path):  # noqa: F811
    this_code = {"PYTHONPATH": str(ROOT)}   # this checkout's app, whatever the venv installed
    base = serve("--db", str(tmp_path / "two.sqlite"), "--workers", "2", env={**this_code, "LEADMOCK_QUIET": "0"})
    for _ in range(6):
        assert get_json(base + LEAD, DISCKO)[0] == 200
    status, body = get_json(base + "/__admin/requests")
    assert status == 200 and body["count"] == 6 and len({e["id"] for e in body["requests"]}) == 6
    assert f"GET {LEAD} 200 " in serve.output()
    assert get_json(base + LEAD, DISCKO)[0] == 200
    reset = urllib.request.Request(base + "/__admin/reset", method="POST")
    with urllib.request.urlopen(reset, timeout=10) as response:
        assert response.status == 200
    assert get_json(base + "/__admin/requests")[1]["count"] == 0
    quiet = serve("--db", str(tmp_path / "quiet.sqlite"), "--quiet", env=this_code)
    assert get_json(quiet + LEAD, DISCKO)[0] == 200
    assert get_json(quiet + "/__admin/requests")[1]["count"] == 1
    assert f"GET {LEAD}" not in serve.output()


def test_isolated_tenant_requests_are_journaled_under_its_own_id(client):
    tenant = client.post("/__admin/tenants", json={"vendor": "skode", "like": "sk_live_your_api_key"}).get_json()
    key = tenant["credentials"]["API key (Enterprise, 10,000/min)"]
    client.get("/skode/v1/leads", headers={"Authorization": f"Bearer {key}"})
    assert [e["tenant"] for e in journal(client, vendor="skode")] == [tenant["id"]]
    assert count(client, tenant="ws_examplecorp") == 0


def test_journal_file_of_an_older_layout_is_replaced_and_answers_iso_times(make_app):
    import sqlite3
    first = make_app()
    path = first.config["DATABASE"] + ".journal"
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript("DROP TABLE requests; DROP TABLE meta; PRAGMA user_version = 0;"
                      "CREATE TABLE requests (id INTEGER PRIMARY KEY, at TEXT, real_at TEXT NOT NULL, vendor TEXT,"
                      " tenant TEXT, method TEXT, path TEXT, query TEXT, headers TEXT, body TEXT, status INTEGER,"
                      " response_body TEXT, duration_ms REAL, fault TEXT);"
                      "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
                      "INSERT INTO meta VALUES ('cleared_through', 0), ('cleared_at', '');"
                      "INSERT INTO requests (at, real_at, vendor, method, path, query, headers, status)"
                      " VALUES ('2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000000Z', 'discko', 'GET', '/old',"
                      " '', '{}', 200)")
    old.close()
    client = create_app({"DATABASE": first.config["DATABASE"], "QUIET": True}).test_client()
    client.get(LEAD, headers=DISCKO)
    (entry,) = journal(client)
    assert entry["path"] == LEAD and entry["real_at"].endswith("Z") and entry["at"].endswith("Z")
    assert datetime.fromisoformat(entry["real_at"].replace("Z", "+00:00")) <= datetime.now(UTC)


def test_journal_at_is_the_frozen_sandbox_time_of_the_request(client):
    client.put("/__admin/clock", json={"now": "2031-02-03T04:05:06Z", "frozen": True})
    client.get(LEAD, headers=DISCKO)
    client.post("/__admin/clock/advance", json={"seconds": 3600})
    (entry,) = journal(client)
    assert entry["at"] == "2031-02-03T04:05:06.000Z"


def test_requests_never_wait_for_a_journal_batch_another_process_is_writing(make_app):
    import fcntl
    import os
    import threading
    app = make_app()
    client = app.test_client()
    held = os.open(app.config["DATABASE"] + ".journal-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)          # as another worker writing its batch would
    statuses = []
    worker = threading.Thread(target=lambda: statuses.extend(
        client.get(LEAD, headers=DISCKO).status_code for _ in range(100)), daemon=True)
    try:
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive() and statuses == [200] * 100
    finally:
        fcntl.flock(held, fcntl.LOCK_UN)
        os.close(held)
    assert count(client, path=LEAD) == 100    # written once the lock was free
