"""Hostile input never reaches SQL as text and never answers 5xx: 422, 400 or a literal match."""

import pytest

from tests.vendors.skode.helpers import AUTH, BASE, EXAMPLE_CORP_LEADS

JSON = {**AUTH, "Content-Type": "application/json"}


def still_intact(client):
    assert client.get(f"{BASE}/leads", headers=AUTH).json["meta"]["total"] == EXAMPLE_CORP_LEADS


@pytest.mark.parametrize("sort", [
    "name; DROP TABLE skode_leads", "created_at DESC", "created_at, (SELECT 1)", "-", "", "--name", "name--",
    "id", "workspace_id", "doc", "1", "random()", "-created_at;", "CREATED_AT", " name",
])
def test_hostile_sort_is_422(client, sort):
    response = client.get(f"{BASE}/leads", headers=AUTH, query_string={"sort": sort})
    assert response.status_code == 422 and list(response.json["details"]) == ["sort"]
    still_intact(client)


@pytest.mark.parametrize("name,value", [
    ("status", "new' OR '1'='1"), ("status", "NEW"), ("source", "website; --"),
    ("created_after", "2026-01-01' OR 1=1 --"), ("created_before", "now()"),
    ("per_page", "1; DROP TABLE skode_leads"), ("page", "1 OR 1=1"),
])
def test_hostile_enum_number_and_date_filters_are_422(client, name, value):
    response = client.get(f"{BASE}/leads", headers=AUTH, query_string={name: value})
    assert response.status_code == 422 and list(response.json["details"]) == [name]
    still_intact(client)


@pytest.mark.parametrize("owner", ["' OR 1=1 --", "user_abc123' OR '1'='1", "%", "_", "\x00", "user_%"])
def test_hostile_owner_filter_matches_literally(client, owner):
    response = client.get(f"{BASE}/leads", headers=AUTH, query_string={"owner_id": owner})
    assert response.status_code == 200 and response.json["meta"]["total"] == 0
    still_intact(client)


@pytest.mark.parametrize("page", ["99999999999999999999999", "2147483648", "-0", "1e3", " "])
def test_absurd_pages_are_422(client, page):
    assert client.get(f"{BASE}/leads", headers=AUTH, query_string={"page": page}).status_code == 422


def test_last_allowed_page_is_empty(client):
    body = client.get(f"{BASE}/leads?page=2147483647&per_page=100", headers=AUTH).json
    assert body["data"] == [] and body["meta"]["total"] == EXAMPLE_CORP_LEADS


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "2026-02-30",
                                   "2026-01-01T25:00:00Z", "\x00"])
def test_out_of_range_dates_are_422(client, value):
    response = client.get(f"{BASE}/leads", headers=AUTH, query_string={"created_after": value})
    assert response.status_code == 422


@pytest.mark.parametrize("fields", [["name) OR 1=1 --"], ["doc"], ["workspace_id"], [1], [None], "name"])
def test_hostile_search_fields_are_422(client, fields):
    response = client.post(f"{BASE}/leads/search", headers=AUTH, json={"query": "a", "fields": fields})
    assert response.status_code == 422 and "fields" in response.json["details"]


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,                                   # nesting beyond any parser's stack
    '{"name": "x", "custom_fields": {"a": ' + "[" * 5000 + "]" * 5000 + "}}",
    '{"name": "\\ud800"}',                                             # lone surrogate
    '{"name": "x", "deal_value": ' + "9" * 5000 + "}",                 # beyond a double
    '{"name": "x", "deal_value": NaN}',
    b'{"name": "\xff\xfe"}',                                           # not UTF-8
])
def test_unparseable_bodies_are_400_invalid_json(client, body):
    response = client.post(f"{BASE}/leads", headers=JSON, data=body)
    assert response.status_code == 400 and response.json["error"] == "invalid_json"
    still_intact(client)


def test_hostile_strings_are_stored_and_returned_verbatim(client):
    name = "Robert'); DROP TABLE skode_leads;-- \x00 \u202e ☃ 🦄"
    lead = client.post(f"{BASE}/leads", headers=AUTH, json={
        "name": name, "custom_fields": {"'; --": "<script>alert(1)</script>", "n": 18446744073709551615},
        "tags": ["%", "_", "\\"]}).json["data"]
    assert lead["name"] == name
    fetched = client.get(f"{BASE}/leads/{lead['id']}", headers=AUTH).json["data"]
    assert fetched == lead
    assert fetched["custom_fields"]["n"] == 18446744073709551615
    assert client.get(f"{BASE}/leads", headers=AUTH).json["meta"]["total"] == EXAMPLE_CORP_LEADS + 1


@pytest.mark.parametrize("lead_id", ["' OR '1'='1", "lead_abc123' --", "%", "lead_abc12_", "..%2F..%2Fetc"])
def test_hostile_lead_ids_are_404(client, lead_id):
    assert client.get(f"{BASE}/leads/{lead_id}", headers=AUTH).status_code == 404
    assert client.delete(f"{BASE}/leads/{lead_id}", headers=AUTH).status_code == 404
    still_intact(client)


def test_huge_numbers_are_kept_finite(client):
    response = client.post(f"{BASE}/leads", headers=JSON, data='{"name": "x", "deal_value": 1e308}')
    assert response.status_code == 201 and response.json["data"]["deal_value"] == 1e308
    assert client.get(f"{BASE}/leads?sort=-deal_value&per_page=1", headers=AUTH).json["data"][0]["deal_value"] == 1e308
