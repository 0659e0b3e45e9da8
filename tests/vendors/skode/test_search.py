"""Skode lead search: ``POST /v1/leads/search``."""

import pytest

from tests.vendors.skode.helpers import AUTH, BASE, EXAMPLE_CORP_LEADS, OTHER


def search(client, body, headers=AUTH):
    return client.post(f"{BASE}/leads/search", headers=headers, json=body)


def test_search_doc_example_matches_email_or_company(client):
    response = search(client, {"query": "example.com", "fields": ["email", "company"]})
    assert response.status_code == 200
    body = response.json
    assert list(body) == ["data", "meta"]
    ids = [lead["id"] for lead in body["data"]]
    assert "lead_abc123" in ids
    for lead in body["data"]:
        assert "example.com" in (lead["email"] or "").lower() + "|" + (lead["company"] or "").lower()


def test_search_is_case_insensitive(client):
    ids = [lead["id"] for lead in search(client, {"query": "JANE doe"}).json["data"]]
    assert "lead_abc123" in ids


def test_search_defaults_to_all_six_fields(client):
    by_status = search(client, {"query": "unqualified", "per_page": 100}).json
    assert by_status["meta"]["total"] > 0
    assert all("unqualified" in lead["status"] or "unqualified" in (lead["name"] or "").lower()
               for lead in by_status["data"])
    by_source = search(client, {"query": "referral", "fields": ["source"]}).json
    listed = client.get(f"{BASE}/leads?source=referral", headers=AUTH).json
    assert by_source["meta"]["total"] == listed["meta"]["total"] > 0
    by_phone = search(client, {"query": "555-0123"}).json
    assert "lead_abc123" in [lead["id"] for lead in by_phone["data"]]


def test_search_only_looks_in_the_chosen_fields(client):
    def ids(fields):
        return [lead["id"] for lead in search(client, {"query": "jane@", "fields": fields}).json["data"]]

    assert "lead_abc123" in ids(["email"])
    assert "lead_abc123" not in ids(["name"])


def test_search_paginates_in_the_list_envelope(client):
    everything = search(client, {"query": "e", "per_page": 100}).json
    total = everything["meta"]["total"]
    assert total > 10
    page2 = search(client, {"query": "e", "page": 2, "per_page": 5}).json
    assert page2["meta"] == {"page": 2, "per_page": 5, "total": total, "total_pages": -(-total // 5)}
    assert [lead["id"] for lead in page2["data"]] == [lead["id"] for lead in everything["data"][5:10]]


def test_search_results_are_newest_first(client):
    created = [lead["created_at"] for lead in search(client, {"query": "a", "per_page": 100}).json["data"]]
    assert created == sorted(created, reverse=True)


def test_search_without_match_is_an_empty_list(client):
    body = search(client, {"query": "zzzz-no-such-lead"}).json
    assert body == {"data": [], "meta": {"page": 1, "per_page": 25, "total": 0, "total_pages": 0}}


def test_search_sees_only_the_callers_workspace(client):
    other = search(client, {"query": "example.com"}, headers=OTHER).json
    assert [lead["id"] for lead in other["data"]] == ["lead_xyz789"]
    mine = search(client, {"query": "John Smith", "fields": ["name"]}).json
    assert "lead_xyz789" not in [lead["id"] for lead in mine["data"]]


@pytest.mark.parametrize("body,field", [
    ({}, "query"), ({"query": ""}, "query"), ({"query": None}, "query"), ({"query": 42}, "query"),
    ({"query": "x", "fields": ["notes"]}, "fields"), ({"query": "x", "fields": "email"}, "fields"),
    ({"query": "x", "fields": []}, "fields"), ({"query": "x", "per_page": 101}, "per_page"),
    ({"query": "x", "page": 0}, "page"), ({"query": "x", "page": "2"}, "page"),
    ({"query": "x", "sort": "name"}, "sort"),
])
def test_search_bad_body_is_422_naming_the_field(client, body, field):
    response = search(client, body)
    assert response.status_code == 422
    assert response.json["error"] == "validation_error" and field in response.json["details"]


def test_search_with_malformed_json_is_400(client):
    response = client.post(f"{BASE}/leads/search", headers=AUTH, data='{"query": ')
    assert response.status_code == 400 and response.json["error"] == "invalid_json"


@pytest.mark.parametrize("query", ["%", "_", "\\", "%%", "a%b", "' OR 1=1 --", "\"; DROP TABLE skode_leads; --"])
def test_search_wildcards_and_quotes_match_literally(client, query):
    response = search(client, {"query": query})
    assert response.status_code == 200 and response.json["meta"]["total"] == 0
    assert client.get(f"{BASE}/leads", headers=AUTH).json["meta"]["total"] == EXAMPLE_CORP_LEADS


def test_search_special_characters_find_the_literal_lead(client):
    lead = client.post(f"{BASE}/leads", headers=AUTH,
                       json={"name": "100% Real_Deal \\ O'Brien & Co"}).json["data"]
    for query in ["%", "_", "\\", "0% r", "l_d", "o'brien"]:
        ids = [found["id"] for found in search(client, {"query": query, "fields": ["name"]}).json["data"]]
        assert ids == [lead["id"]], query


def test_search_with_a_query_longer_than_sqlites_like_limit_is_an_empty_page_not_500(client):
    response = client.post("/skode/v1/leads/search", headers={"Authorization": "Bearer sk_live_your_api_key"},
                           json={"query": "a" * 60_000})
    assert response.status_code == 200
    assert response.get_json()["data"] == [] and response.get_json()["meta"]["total"] == 0


def test_search_with_a_nul_byte_matches_it_literally_instead_of_everything(client):
    assert search(client, {"query": "\x00zzzzqqqq"}).json["meta"]["total"] == 0
    created = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "Nul\x00Byte Ltd"}).json["data"]
    found = search(client, {"query": "l\x00by", "fields": ["name"]}).json
    assert [lead["id"] for lead in found["data"]] == [created["id"]]
