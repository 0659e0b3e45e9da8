"""Faults and latency (/__admin/faults) and the Prefer header."""

import pytest

from app import create_app

DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
WEBFLOW = {"X-Discko-Key": "dk_test_webflow_agency"}
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
SKODE_OTHER = {"Authorization": "Bearer sk_live_other_workspace"}
SKARBE = {"X-Api-Key": "sk_live_abc123xyz"}
SKARBE_GLOBEX = {"X-Api-Key": "sk_live_globex_workspace"}
LEAD = "/discko/api/v1/leads/req_xyz789"
SKODE_LEADS = "/skode/v1/leads"
CONTACTS = "/skarbe/api/connect/contacts"
LIO_LEADS = "/lio/api/lead/list"


def add_fault(client, **fault):
    response = client.post("/__admin/faults", json=fault)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def lio_auth(client, email="you@company.com", password="your_password"):
    response = client.post("/lio/api/auth/login", json={"email": email, "password": password})
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def last_entry(client):
    return client.get("/__admin/requests", query_string={"limit": 1}).get_json()["requests"][0]


# -- each vendor's own error body ---------------------------------------------------------------------
def test_fault_with_status_answers_discko_error_envelope(client):
    add_fault(client, vendor="discko", status=503)
    response = client.get(LEAD, headers=DISCKO)
    body = response.get_json()
    assert response.status_code == 503
    assert body["success"] is False and body["error"]["code"] == "INTERNAL_ERROR" and "timestamp" in body


def test_fault_with_401_answers_discko_unauthorized(client):
    add_fault(client, vendor="discko", status=401)
    response = client.get(LEAD, headers=DISCKO)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "UNAUTHORIZED"


def test_fault_with_status_answers_skode_error_body(client):
    add_fault(client, vendor="skode", status=503)
    response = client.get(SKODE_LEADS, headers=SKODE)
    assert response.status_code == 503
    assert set(response.get_json()) == {"error", "message"} and response.get_json()["error"] == "internal_error"


def test_fault_with_429_answers_skode_rate_limit_body_and_retry_after(client):
    add_fault(client, vendor="skode", status=429)
    response = client.get(SKODE_LEADS, headers=SKODE)
    assert response.status_code == 429 and response.get_json()["error"] == "rate_limit_exceeded"
    assert response.headers["Retry-After"] == "60"


def test_fault_with_status_answers_lio_error_body(client):
    headers = lio_auth(client)
    add_fault(client, vendor="lio", status=404)
    response = client.get(LIO_LEADS, headers=headers)
    assert response.status_code == 404
    assert response.get_json()["success"] is False and response.get_json()["error"]["type"] == "not_found"


def test_fault_with_status_answers_skarbe_error_body(client):
    add_fault(client, vendor="skarbe", status=500)
    response = client.get(CONTACTS, headers=SKARBE)
    assert response.status_code == 500 and set(response.get_json()) == {"error"}


def test_fault_without_tenant_applies_even_without_credentials(client):
    add_fault(client, vendor="skarbe", status=502)
    assert client.get(CONTACTS).status_code == 502


def test_fault_leaves_other_vendors_alone(client):
    add_fault(client, vendor="skode", status=503)
    assert client.get(LEAD, headers=DISCKO).status_code == 200


def test_fault_with_body_answers_it_as_is(client):
    add_fault(client, vendor="skode", status=418, body={"teapot": True, "list": [1, 2]})
    response = client.get(SKODE_LEADS, headers=SKODE)
    assert response.status_code == 418 and response.get_json() == {"teapot": True, "list": [1, 2]}


def test_fault_matches_method_and_path_glob(client):
    add_fault(client, vendor="discko", method="put", path="/discko/api/v1/leads/*", status=503)
    assert client.get(LEAD, headers=DISCKO).status_code == 200
    assert client.put(LEAD, headers=DISCKO, json={"status": "WON"}).status_code == 503
    assert client.get(LEAD, headers=DISCKO).get_json()["data"]["status"] == "NEW"    # the PUT never ran
    assert client.put("/discko/api/v1/leads", headers=DISCKO, json={}).status_code != 503


def test_cors_preflight_is_not_faulted(client):
    add_fault(client, vendor="skode", status=503)
    preflight = client.options(SKODE_LEADS, headers={"Origin": "http://app.test",
                                                     "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200


def test_faulted_answer_still_carries_cors_headers(client):
    add_fault(client, vendor="skode", status=503)
    response = client.get(SKODE_LEADS, headers={**SKODE, "Origin": "http://app.test"})
    assert response.status_code == 503 and response.headers["Access-Control-Allow-Origin"] in ("*", "http://app.test")


# -- times, probability, tenants, delay -----------------------------------------------------------------
def test_fault_with_times_expires_after_that_many_matches(client):
    fault = add_fault(client, vendor="discko", status=500, times=2)
    statuses = [client.get(LEAD, headers=DISCKO).status_code for _ in range(4)]
    assert statuses == [500, 500, 200, 200]
    assert client.get(f"/__admin/faults/{fault['id']}").get_json()["matched"] == 2


def test_matched_requests_are_marked_in_the_journal(client):
    fault = add_fault(client, vendor="discko", status=500, times=1)
    client.get(LEAD, headers=DISCKO)
    client.get(LEAD, headers=DISCKO)
    faulted, clean = client.get("/__admin/requests").get_json()["requests"][::-1]
    assert (faulted["fault"], faulted["status"]) == (fault["id"], 500)
    assert (clean["fault"], clean["status"]) == (None, 200)


def _pattern(client, probability):
    add_fault(client, vendor="discko", status=503, probability=probability)
    return [client.get(LEAD, headers=DISCKO).status_code for _ in range(30)]


def test_probability_draws_repeat_from_run_to_run(make_app):
    first = _pattern(make_app().test_client(), 0.5)
    second = _pattern(make_app().test_client(), 0.5)
    assert first == second
    assert 3 < first.count(503) < 27


def test_probability_0_never_applies(client):
    assert set(_pattern(client, 0)) == {200}


def test_tenant_fault_applies_only_to_that_skode_workspace(client):
    add_fault(client, vendor="skode", tenant="ws_otherworkspace", status=503)
    assert client.get(SKODE_LEADS, headers=SKODE).status_code == 200
    assert client.get(SKODE_LEADS, headers=SKODE_OTHER).status_code == 503


def test_tenant_fault_applies_only_to_that_discko_organization(client):
    add_fault(client, vendor="discko", tenant="550e8400-e29b-41d4-a716-446655440000", status=500)
    assert client.get(LEAD, headers=DISCKO).status_code == 200
    assert client.get("/discko/api/v1/leads/req_abc123", headers=WEBFLOW).status_code == 500


def test_tenant_fault_applies_only_to_that_lio_organization(client):
    add_fault(client, vendor="lio", tenant="org_globex", status=503)
    assert client.get(LIO_LEADS, headers=lio_auth(client)).status_code == 200
    globex = lio_auth(client, "admin@globex.test", "globex_password")
    assert client.get(LIO_LEADS, headers=globex).status_code == 503


def test_tenant_fault_applies_only_to_that_skarbe_workspace(client):
    add_fault(client, vendor="skarbe", tenant=2, status=500)
    assert client.get(CONTACTS, headers=SKARBE).status_code == 200
    assert client.get(CONTACTS, headers=SKARBE_GLOBEX).status_code == 500


def test_tenant_fault_leaves_unauthenticated_requests_to_the_vendor(client):
    add_fault(client, vendor="skarbe", tenant="1", status=503)
    assert client.get(CONTACTS).status_code == 401


def test_delay_alone_slows_the_real_answer(client):
    fault = add_fault(client, vendor="discko", delay_ms=250)
    response = client.get(LEAD, headers=DISCKO)
    assert response.status_code == 200 and response.get_json()["data"]["id"] == "req_xyz789"
    entry = last_entry(client)
    assert entry["duration_ms"] >= 250 and entry["fault"] == fault["id"]


def test_delay_and_status_delay_then_answer_the_fault(client):
    add_fault(client, vendor="skode", tenant="ws_examplecorp", delay_ms=150, status=503)
    assert client.get(SKODE_LEADS, headers=SKODE).status_code == 503
    assert last_entry(client)["duration_ms"] >= 150


def test_fault_created_on_one_app_applies_on_another_sharing_the_database(make_app):
    first = make_app()
    second = create_app({"DATABASE": first.config["DATABASE"], "QUIET": True}).test_client()
    assert second.get(LEAD, headers=DISCKO).status_code == 200        # caches the (empty) faults
    fault = add_fault(first.test_client(), vendor="discko", status=503, times=1)
    assert second.get(LEAD, headers=DISCKO).status_code == 503
    assert first.test_client().get(LEAD, headers=DISCKO).status_code == 200     # used up, on either
    assert first.test_client().get(f"/__admin/faults/{fault['id']}").get_json()["matched"] == 1


def test_fault_applies_to_a_vendor_mounted_at_the_root(make_app):
    solo = make_app(VENDOR="skarbe").test_client()
    add_fault(solo, vendor="skarbe", path="/api/connect/*", status=500)
    assert solo.get("/api/connect/contacts", headers=SKARBE).status_code == 500


# -- Prefer -----------------------------------------------------------------------------------------------
def test_prefer_code_answers_that_status_in_the_vendor_body(client):
    response = client.get(LEAD, headers={**DISCKO, "Prefer": "code=503"})
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "INTERNAL_ERROR"
    assert last_entry(client)["fault"] == "prefer"


def test_prefer_delay_slows_the_real_answer(client):
    response = client.get(SKODE_LEADS, headers={**SKODE, "Prefer": "delay=200"})
    assert response.status_code == 200 and "data" in response.get_json()
    entry = last_entry(client)
    assert entry["duration_ms"] >= 200 and entry["fault"] == "prefer"


def test_prefer_code_and_delay_together(client):
    response = client.get(CONTACTS, headers={**SKARBE, "Prefer": "code=500, delay=100"})
    assert response.status_code == 500 and last_entry(client)["duration_ms"] >= 100


@pytest.mark.parametrize("prefer", ["code=200", "code=abc", "code=600", "delay=99999999", "return=minimal"])
def test_prefer_out_of_range_or_unknown_is_ignored(client, prefer):
    assert client.get(LEAD, headers={**DISCKO, "Prefer": prefer}).status_code == 200
    assert last_entry(client)["fault"] is None


def test_prefer_applies_once_and_leaves_no_fault(client):
    client.get(LEAD, headers={**DISCKO, "Prefer": "code=503"})
    assert client.get(LEAD, headers=DISCKO).status_code == 200
    assert client.get("/__admin/faults").get_json() == {"faults": []}


# -- the routes ----------------------------------------------------------------------------------------
def test_created_fault_is_listed_with_every_field(client):
    fault = add_fault(client, vendor="Skode", method="get", path="/skode/v1/leads*", status=503, times=3)
    assert fault["id"].startswith("flt_")
    assert {key: fault[key] for key in fault if key != "id"} == {
        "vendor": "skode", "method": "GET", "path": "/skode/v1/leads*", "tenant": None, "status": 503,
        "delay_ms": None, "body": None, "probability": 1, "times": 3, "matched": 0}
    assert client.get("/__admin/faults").get_json() == {"faults": [fault]}
    assert client.get(f"/__admin/faults/{fault['id']}").get_json() == fault


@pytest.mark.parametrize("body", [
    {}, {"vendor": "acme", "status": 500}, {"vendor": "skode"}, {"vendor": "skode", "status": 399},
    {"vendor": "skode", "status": 600}, {"vendor": "skode", "status": "503"}, {"vendor": "skode", "delay_ms": -1},
    {"vendor": "skode", "delay_ms": 60001}, {"vendor": "skode", "status": 500, "probability": 1.5},
    {"vendor": "skode", "status": 500, "times": 0}, {"vendor": "skode", "status": 500, "delay": 5},
    {"vendor": "skode", "body": {"a": 1}}, {"vendor": "skode", "status": 500, "method": "GET /x"},
    {"vendor": "skode", "status": 500, "path": ""}, [1],
])
def test_bad_fault_is_400_with_plain_error(client, body):
    response = client.post("/__admin/faults", json=body)
    assert response.status_code == 400 and set(response.get_json()) == {"error", "message"}
    assert client.get("/__admin/faults").get_json() == {"faults": []}


def test_delete_one_fault_then_it_is_gone(client):
    fault = add_fault(client, vendor="discko", status=500)
    response = client.delete(f"/__admin/faults/{fault['id']}")
    assert response.status_code == 204 and response.data == b""
    assert client.get(f"/__admin/faults/{fault['id']}").status_code == 404
    assert client.delete(f"/__admin/faults/{fault['id']}").status_code == 404
    assert client.get(LEAD, headers=DISCKO).status_code == 200


def test_delete_all_faults_counts_them(client):
    add_fault(client, vendor="discko", status=500)
    add_fault(client, vendor="skode", delay_ms=1)
    assert client.delete("/__admin/faults").get_json() == {"deleted": 2}
    assert client.get(LEAD, headers=DISCKO).status_code == 200


def test_reset_clears_the_faults(client):
    add_fault(client, vendor="discko", status=500)
    client.post("/__admin/reset")
    assert client.get("/__admin/faults").get_json() == {"faults": []}
    assert client.get(LEAD, headers=DISCKO).status_code == 200


def test_newest_matching_fault_wins(client):
    add_fault(client, vendor="discko", status=500)
    add_fault(client, vendor="discko", status=502)
    assert client.get(LEAD, headers=DISCKO).status_code == 502


def test_tenant_fault_applies_to_an_isolated_tenant_only(client):
    tenant = client.post("/__admin/tenants", json={"vendor": "skode", "like": "sk_live_your_api_key"}).get_json()
    key = tenant["credentials"]["API key (Enterprise, 10,000/min)"]
    add_fault(client, vendor="skode", tenant=tenant["id"], status=503)
    assert client.get(SKODE_LEADS, headers={"Authorization": f"Bearer {key}"}).status_code == 503
    assert client.get(SKODE_LEADS, headers=SKODE).status_code == 200
