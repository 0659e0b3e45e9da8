"""Leads (doc 6.2, 7.1): list filters and sorting, add, view, update, delete; isolation; AI score."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

JANE = {"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@newco.test", "company": "NewCo Ltd",
        "priority": 3, "lead_source": 1, "tags": []}


@pytest.mark.parametrize("prefix", [API, V1])
def test_lead_list_has_the_list_envelope(lio, prefix):
    body = lio.get("/lead/list", prefix=prefix).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    assert body["limit"] == 10 and len(body["data"]) == 10 and body["total"] >= 100
    ids = [lead["id"] for lead in body["data"]]
    assert ids == sorted(ids, reverse=True)                     # order_by id, DESC by default


def test_lead_list_resolves_labels(lio):
    lead = lio.data(lio.get("/lead/list"))[0]
    assert lead["status_text"] and lead["priority_text"] in ("Low", "Medium", "High", "Urgent")
    assert all(set(tag) == {"id", "name", "color_code"} for tag in lead["tags"])


@pytest.mark.parametrize("query,check", [
    ({"priority": "1,3"}, lambda lead: lead["priority"] in (1, 3)),
    ({"lead_source": "2"}, lambda lead: lead["lead_source"] == 2),
    ({"state_id": "5"}, lambda lead: lead["status"] == 5),
    ({"score_min": 50, "score_max": 60}, lambda lead: 50 <= lead["score"] <= 60),
    ({"unassigned": "true"}, lambda lead: lead["assigned_to"] is None),
    ({"assigned_to": "true"}, lambda lead: lead["assigned_to"] == 142),
    ({"assigned_to": "142,143"}, lambda lead: lead["assigned_to"] in (142, 143)),
    ({"created_from": "2026-05-01", "created_to": "2026-05-31"}, lambda lead: lead["created_at"][:7] == "2026-05"),
])
def test_lead_list_filters(lio, query, check):
    leads = lio.data(lio.get("/lead/list", query_string={**query, "limit": 100}))
    assert leads and all(check(lead) for lead in leads)


def test_lead_list_search_is_a_case_insensitive_substring(lio):
    some = lio.data(lio.get("/lead/list"))[0]
    needle = some["last_name"][1:4].upper()
    found = lio.data(lio.get("/lead/list", query_string={"search_value": needle, "limit": 100}))
    assert some["id"] in [lead["id"] for lead in found]


@pytest.mark.parametrize("value", ["%", "_", "' OR 1=1 --", "\x00zzzz", "a" * 500])
def test_lead_list_search_with_hostile_text_matches_literally(lio, value):
    assert lio.data(lio.get("/lead/list", query_string={"search_value": value})) == []


def test_lead_list_sorts_by_score_ascending(lio):
    leads = lio.data(lio.get("/lead/list", query_string={"order_by": "score", "order_in": "asc", "limit": 50}))
    scores = [lead["score"] for lead in leads]
    assert scores == sorted(scores)


@pytest.mark.parametrize("query", [{"order_by": "password_hash"}, {"order_by": "id; DROP TABLE lio_leads"},
                                   {"limit": 0}, {"limit": 101}, {"page": -1}, {"priority": "x"},
                                   {"created_from": "not-a-date"}, {"score_min": "ten"}])
def test_lead_list_with_bad_parameters_is_422_naming_them(lio, query):
    error = error_of(lio.get("/lead/list", query_string=query), 422, "validation_error")
    assert set(error["fields"]) == set(query)


def test_lead_list_page_past_the_end_is_empty(lio):
    body = lio.get("/lead/list", query_string={"page": 2**31 - 1}).get_json()
    assert body["data"] == [] and body["total"] > 0


def test_lead_add_then_view_under_both_prefixes(lio):
    lead = lio.data(lio.post("/lead/add", json=JANE), 201)
    assert lead["status"] == 1 and lead["priority_text"] == "High" and lead["lead_source_text"] == "Website"
    assert lead["score"] == 0 and lead["company_id"]
    assert lio.data(lio.get(f"/lead/view/{lead['id']}", prefix=V1)) == lead


def test_lead_add_with_taken_email_is_409_conflict(lio):
    lio.data(lio.post("/lead/add", json=JANE), 201)
    error_of(lio.post("/lead/add", json={**JANE, "email": JANE["email"].upper()}), 409, "conflict")


def test_lead_add_same_email_in_another_org_is_fine(lio):
    lio.data(lio.post("/lead/add", json=JANE), 201)
    lio.data(lio.post("/lead/add", json=JANE, as_="globex"), 201)


@pytest.mark.parametrize("body,field", [
    ({"last_name": "Doe"}, "first_name"), ({**JANE, "first_name": "J"}, "first_name"),
    ({**JANE, "last_name": "x" * 51}, "last_name"), ({**JANE, "priority": 5}, "priority"),
    ({**JANE, "lead_source": 0}, "lead_source"), ({**JANE, "email": "nope"}, "email"),
    ({**JANE, "priority": "3"}, "priority"), ({**JANE, "status": 99}, "status"),
    ({**JANE, "assigned_to": 201}, "assigned_to"), ({**JANE, "tags": [999999]}, "tags"),
    ({**JANE, "estimated_value": -1}, "estimated_value")])
def test_lead_add_invalid_is_422_naming_the_field(lio, body, field):
    assert field in error_of(lio.post("/lead/add", json=body), 422, "validation_error")["fields"]


def test_lead_add_with_body_not_an_object_is_4xx(lio):
    assert lio.post("/lead/add", json=[1, 2]).status_code == 422
    assert lio.post("/lead/add", data="{", content_type="application/json").status_code == 400


def test_lead_add_reuses_an_existing_company(lio):
    first = lio.data(lio.post("/lead/add", json=JANE), 201)
    second = lio.data(lio.post("/lead/add", json={**JANE, "email": "other@newco.test", "company": "newco ltd"}), 201)
    assert first["company_id"] == second["company_id"]


def test_lead_gets_its_ai_score_5_seconds_later(lio, client):
    lead = lio.data(lio.post("/lead/add", json=JANE), 201)
    client.post("/__admin/clock/advance", json={"seconds": 4})
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["score"] == 0
    client.post("/__admin/clock/advance", json={"seconds": 2})
    scored = lio.data(lio.get(f"/lead/view/{lead['id']}"))
    assert 1 <= scored["score"] <= 100 and scored["ai_information"]["buying_intent"] in ("low", "medium", "high")


def test_lead_view_of_other_org_is_404(lio):
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]
    error_of(lio.get(f"/lead/view/{globex_lead}"), 404, "not_found")
    error_of(lio.get("/lead/view/999999999"), 404, "not_found")


def test_lead_update_changes_only_sent_fields_and_merges_custom_fields(lio):
    lead = lio.data(lio.post("/lead/add", json={**JANE, "custom_fields": {"a": 1}}), 201)
    updated = lio.data(lio.post(f"/lead/update/{lead['id']}", json={"job_title": "CTO", "custom_fields": {"b": 2},
                                                                     "ai_information": {"note": "x"}}))
    assert updated["job_title"] == "CTO" and updated["first_name"] == "Jane"
    assert updated["custom_fields"] == {"a": 1, "b": 2} and updated["ai_information"]["note"] == "x"


def test_lead_update_to_taken_email_is_409(lio):
    a = lio.data(lio.post("/lead/add", json=JANE), 201)
    lio.data(lio.post("/lead/add", json={**JANE, "email": "b@newco.test"}), 201)
    error_of(lio.post(f"/lead/update/{a['id']}", json={"email": "b@newco.test"}), 409, "conflict")


def test_lead_update_of_other_org_is_404_and_changes_nothing(lio):
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]
    error_of(lio.post(f"/lead/update/{globex_lead['id']}", json={"first_name": "Hacked"}), 404, "not_found")
    assert lio.data(lio.get(f"/lead/view/{globex_lead['id']}", as_="globex"))["first_name"] == globex_lead["first_name"]


def test_lead_delete_removes_own_leads_and_ignores_other_orgs(lio):
    mine = lio.data(lio.post("/lead/add", json=JANE), 201)["id"]
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]
    assert lio.data(lio.delete("/lead/delete", json={"ids": [mine, globex_lead]})) == {"deleted": 1}
    error_of(lio.get(f"/lead/view/{mine}"), 404, "not_found")
    assert lio.get(f"/lead/view/{globex_lead}", as_="globex").status_code == 200


def test_lead_delete_of_only_other_org_ids_is_404(lio):
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]
    error_of(lio.delete("/lead/delete", json={"ids": [globex_lead]}), 404, "not_found")


def test_lead_delete_without_ids_is_422(lio):
    assert "ids" in error_of(lio.delete("/lead/delete", json={}), 422, "validation_error")["fields"]


def test_lead_routes_without_token_are_401(lio):
    for method, path in (("GET", "/lead/list"), ("POST", "/lead/add"), ("GET", "/lead/view/80001")):
        error_of(lio.call(method, path, as_=None, json=JANE), 401, "unauthorized")
