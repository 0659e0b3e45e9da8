"""Skode Leads API: list, get, create, update, delete (the documented examples first)."""

import re

import pytest

from app.vendors.skode.constants import SORTABLE, SOURCES, STATUSES
from tests.vendors.skode.helpers import (AUTH, BASE, EXAMPLE_CORP_LEADS, FROZEN_AT, ISO_UTC, advance, all_leads,
                                         freeze)

LEAD_KEYS = ["id", "name", "email", "phone", "company", "source", "status", "deal_value", "owner_id", "owner",
             "tags", "custom_fields", "created_at", "updated_at"]
DOC_CREATE = {
    "name": "Jane Doe", "email": "jane@example.com", "phone": "+1-555-0123", "company": "Example Corp",
    "source": "website", "deal_value": 25000,
    "custom_fields": {"industry": "Technology", "employees": "50-200"},
}


# -- list ---------------------------------------------------------------------------------
def test_list_doc_example_returns_new_leads_newest_first_in_data_meta_envelope(client):
    response = client.get(f"{BASE}/leads?page=1&per_page=25&status=new&sort=-created_at", headers=AUTH)
    assert response.status_code == 200
    assert response.content_type == "application/json"
    body = response.json
    assert list(body) == ["data", "meta"]
    assert list(body["meta"]) == ["page", "per_page", "total", "total_pages"]
    assert body["meta"]["page"] == 1 and body["meta"]["per_page"] == 25
    assert 0 < len(body["data"]) <= 25
    assert all(lead["status"] == "new" for lead in body["data"])
    created = [lead["created_at"] for lead in body["data"]]
    assert created == sorted(created, reverse=True)


def test_list_defaults_to_25_per_page_sorted_by_newest(client):
    body = client.get(f"{BASE}/leads", headers=AUTH).json
    assert body["meta"] == {"page": 1, "per_page": 25, "total": EXAMPLE_CORP_LEADS, "total_pages": 7}
    assert len(body["data"]) == 25
    created = [lead["created_at"] for lead in body["data"]]
    assert created == sorted(created, reverse=True)


def test_list_lead_has_every_documented_field_in_order(client):
    lead = client.get(f"{BASE}/leads", headers=AUTH).json["data"][0]
    assert list(lead) == LEAD_KEYS
    assert re.match(r"^lead_[A-Za-z0-9]+$", lead["id"])
    assert re.match(ISO_UTC, lead["created_at"]) and re.match(ISO_UTC, lead["updated_at"])


def test_list_pages_cover_every_lead_once(client):
    leads = all_leads(client)
    assert len(leads) == EXAMPLE_CORP_LEADS
    assert len({lead["id"] for lead in leads}) == EXAMPLE_CORP_LEADS


def test_list_last_page_is_partial_and_past_it_is_empty(client):
    last = client.get(f"{BASE}/leads?per_page=100&page=2", headers=AUTH).json
    assert len(last["data"]) == EXAMPLE_CORP_LEADS - 100
    past = client.get(f"{BASE}/leads?per_page=100&page=3", headers=AUTH).json
    assert past["data"] == [] and past["meta"]["total"] == EXAMPLE_CORP_LEADS and past["meta"]["total_pages"] == 2


@pytest.mark.parametrize("per_page", [1, 100])
def test_list_per_page_bounds_are_accepted(client, per_page):
    body = client.get(f"{BASE}/leads?per_page={per_page}", headers=AUTH).json
    assert len(body["data"]) == per_page


@pytest.mark.parametrize("query,field", [
    ("per_page=101", "per_page"), ("per_page=0", "per_page"), ("per_page=abc", "per_page"),
    ("page=0", "page"), ("page=-1", "page"), ("page=1.5", "page"),
    ("status=open", "status"), ("source=tv", "source"), ("sort=email", "sort"),
    ("created_after=yesterday", "created_after"), ("created_before=2026-13-45", "created_before"),
])
def test_list_bad_parameter_is_422_naming_it(client, query, field):
    response = client.get(f"{BASE}/leads?{query}", headers=AUTH)
    assert response.status_code == 422
    assert response.json["error"] == "validation_error"
    assert list(response.json["details"]) == [field]


def test_list_names_each_bad_parameter(client):
    response = client.get(f"{BASE}/leads?per_page=101&sort=bogus&status=x", headers=AUTH)
    assert response.status_code == 422
    assert set(response.json["details"]) == {"per_page", "sort", "status"}


@pytest.mark.parametrize("status", STATUSES)
def test_list_filter_by_each_status_returns_only_that_status(client, status):
    leads = all_leads(client, status=status)
    assert leads and all(lead["status"] == status for lead in leads)


@pytest.mark.parametrize("source", SOURCES)
def test_list_filter_by_each_source_returns_only_that_source(client, source):
    leads = all_leads(client, source=source)
    assert leads and all(lead["source"] == source for lead in leads)


def test_list_filter_by_each_owner_returns_only_their_leads(client):
    users = client.get("/__admin/tenants").json["skode"][0]["users"]
    for user in users:
        leads = all_leads(client, owner_id=user["id"])
        assert leads and all(lead["owner_id"] == user["id"] and lead["owner"]["id"] == user["id"] for lead in leads)


def test_list_filter_by_unknown_owner_is_empty(client):
    body = client.get(f"{BASE}/leads?owner_id=user_nobody", headers=AUTH).json
    assert body["data"] == [] and body["meta"]["total"] == 0 and body["meta"]["total_pages"] == 0


def test_list_created_after_is_inclusive_and_created_before_exclusive(client):
    leads = all_leads(client)
    middle = sorted(lead["created_at"] for lead in leads)[len(leads) // 2]
    after = all_leads(client, created_after=middle)
    before = all_leads(client, created_before=middle)
    assert all(lead["created_at"] >= middle for lead in after)
    assert all(lead["created_at"] < middle for lead in before)
    assert len(after) + len(before) == len(leads)
    assert any(lead["created_at"] == middle for lead in after)


def test_list_created_range_with_offset_and_date_only(client):
    window = all_leads(client, created_after="2026-01-01", created_before="2026-02-01T01:00:00+01:00")
    assert window
    assert all("2026-01-01T00:00:00Z" <= lead["created_at"] < "2026-02-01T00:00:00Z" for lead in window)


@pytest.mark.parametrize("column", SORTABLE)
def test_list_sorts_by_each_column_both_ways(client, column):
    def key(lead):
        value = lead[column]
        if column == "name":
            return value.lower()
        return (value is not None, value) if column == "deal_value" else value

    ascending = all_leads(client, sort=column)
    descending = all_leads(client, sort="-" + column)
    assert [key(lead) for lead in ascending] == sorted(key(lead) for lead in ascending)
    assert [key(lead) for lead in descending] == sorted((key(lead) for lead in descending), reverse=True)


def test_list_filters_combine(client):
    leads = all_leads(client, status="new", source="website")
    assert leads and all(lead["status"] == "new" and lead["source"] == "website" for lead in leads)


# -- get ----------------------------------------------------------------------------------
def test_get_documented_lead_abc123(client):
    response = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert response.status_code == 200
    lead = response.json["data"]
    assert list(response.json) == ["data"]
    assert lead["id"] == "lead_abc123" and lead["name"] == "Jane Doe" and lead["email"] == "jane@example.com"
    assert lead["owner"] == {"id": "user_abc123", "name": "Alex Morgan", "email": "alex.morgan@example.com"}
    assert lead["custom_fields"] == {"industry": "Technology", "employees": "50-200"}


def test_get_unknown_lead_is_404_not_found(client):
    response = client.get(f"{BASE}/leads/lead_doesnotexist", headers=AUTH)
    assert response.status_code == 404
    assert response.json == {"error": "not_found", "message": "Lead not found: lead_doesnotexist."}


# -- create -------------------------------------------------------------------------------
def test_create_doc_example_answers_201_with_location_and_data(client):
    freeze(client)
    response = client.post(f"{BASE}/leads", headers=AUTH, json=DOC_CREATE)
    assert response.status_code == 201
    lead = response.json["data"]
    assert {k: lead[k] for k in DOC_CREATE} == DOC_CREATE
    assert lead["status"] == "new" and lead["tags"] == [] and lead["owner_id"] is None and lead["owner"] is None
    assert lead["created_at"] == lead["updated_at"] == FROZEN_AT
    assert re.match(r"^lead_[a-z0-9]+$", lead["id"])
    assert response.headers["Location"] == f"{BASE}/leads/{lead['id']}"
    again = client.get(response.headers["Location"], headers=AUTH)
    assert again.status_code == 200 and again.json["data"] == lead


def test_created_lead_is_listed_first(client):
    freeze(client, "2027-01-01T00:00:00Z")
    lead = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "Newest Lead"}).json["data"]
    body = client.get(f"{BASE}/leads", headers=AUTH).json
    assert body["data"][0]["id"] == lead["id"]
    assert body["meta"]["total"] == EXAMPLE_CORP_LEADS + 1


def test_create_with_every_optional_field(client):
    body = {**DOC_CREATE, "status": "qualified", "owner_id": "user_def456", "tags": ["vip", "q2"],
            "deal_value": 1234.5}
    lead = client.post(f"{BASE}/leads", headers=AUTH, json=body).json["data"]
    assert lead["status"] == "qualified" and lead["tags"] == ["vip", "q2"] and lead["deal_value"] == 1234.5
    assert lead["owner"] == {"id": "user_def456", "name": "Priya Shah", "email": "priya.shah@example.com"}


def test_create_without_name_is_422_naming_name(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"email": "a@b.co"})
    assert response.status_code == 422
    assert response.json["error"] == "validation_error"
    assert list(response.json["details"]) == ["name"]


@pytest.mark.parametrize("name", ["", "   ", None, 42, ["Jane"]])
def test_create_with_bad_name_is_422(client, name):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": name})
    assert response.status_code == 422 and "name" in response.json["details"]


def test_create_names_each_bad_field(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={
        "name": "Ok", "email": "not-an-email", "phone": 5550123, "company": ["x"], "source": "tv",
        "deal_value": "25000", "status": "won", "tags": "a,b", "custom_fields": ["x"], "owner_id": 7,
    })
    assert response.status_code == 422
    assert set(response.json["details"]) == {"email", "phone", "company", "source", "deal_value", "status", "tags",
                                             "custom_fields", "owner_id"}
    assert all(isinstance(messages, list) for messages in response.json["details"].values())


@pytest.mark.parametrize("value", [-1, -0.01, True, "1", None])
def test_create_deal_value_must_be_a_non_negative_number_or_null(client, value):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "X", "deal_value": value})
    if value is None:
        assert response.status_code == 201 and response.json["data"]["deal_value"] is None
    else:
        assert response.status_code == 422 and list(response.json["details"]) == ["deal_value"]


def test_create_tags_must_be_strings(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "X", "tags": ["ok", 3]})
    assert response.status_code == 422 and "tags" in response.json["details"]


def test_create_unknown_field_is_422(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "X", "nickname": "Y"})
    assert response.status_code == 422
    assert response.json["details"] == {"nickname": ["Unknown field."]}


def test_create_ignores_read_only_fields(client):
    freeze(client)
    response = client.post(f"{BASE}/leads", headers=AUTH, json={
        "name": "X", "id": "lead_mine", "created_at": "2000-01-01T00:00:00Z", "updated_at": "x", "owner": {"id": 1}})
    assert response.status_code == 201
    lead = response.json["data"]
    assert lead["id"] != "lead_mine" and lead["created_at"] == FROZEN_AT and lead["owner"] is None


def test_create_with_unknown_owner_is_422(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "X", "owner_id": "user_nobody"})
    assert response.status_code == 422 and list(response.json["details"]) == ["owner_id"]


def test_create_with_owner_of_other_workspace_is_422(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "X", "owner_id": "user_pqr678"})
    assert response.status_code == 422 and list(response.json["details"]) == ["owner_id"]


def test_create_with_malformed_json_is_400_invalid_json(client):
    response = client.post(f"{BASE}/leads", headers={**AUTH, "Content-Type": "application/json"}, data="{name: x")
    assert response.status_code == 400
    assert response.json == {"error": "invalid_json", "message": "Request body is not valid JSON."}


def test_create_reads_json_without_content_type(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, data='{"name": "Curl User"}')
    assert response.status_code == 201 and response.json["data"]["name"] == "Curl User"


@pytest.mark.parametrize("body", ["[]", "null", "42", '"Jane"'])
def test_create_with_non_object_body_is_422(client, body):
    response = client.post(f"{BASE}/leads", headers={**AUTH, "Content-Type": "application/json"}, data=body)
    assert response.status_code == 422 and response.json["error"] == "validation_error"


# -- update -------------------------------------------------------------------------------
def test_update_doc_example_changes_only_sent_fields_and_moves_updated_at(client):
    before = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    freeze(client)
    response = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH,
                            json={"status": "qualified", "deal_value": 50000})
    assert response.status_code == 200
    after = response.json["data"]
    assert after["status"] == "qualified" and after["deal_value"] == 50000
    assert after["updated_at"] == FROZEN_AT != before["updated_at"]
    unchanged = [k for k in LEAD_KEYS if k not in ("status", "deal_value", "updated_at")]
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"] == after


def test_update_moves_updated_at_on_each_change(client):
    freeze(client)
    first = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={"phone": "+1-555-0000"}).json["data"]
    advance(client, 90)
    second = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={"phone": "+1-555-0001"}).json["data"]
    assert second["updated_at"] > first["updated_at"]


def test_update_with_empty_object_changes_nothing(client):
    before = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    response = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={})
    assert response.status_code == 200 and response.json["data"] == before


def test_update_can_clear_nullable_fields_and_replace_collections(client):
    lead = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={
        "email": None, "owner_id": None, "tags": ["renewal"], "custom_fields": {"tier": "gold"}}).json["data"]
    assert lead["email"] is None and lead["owner_id"] is None and lead["owner"] is None
    assert lead["tags"] == ["renewal"] and lead["custom_fields"] == {"tier": "gold"}


def test_update_owner_embeds_the_new_owner(client):
    lead = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={"owner_id": "user_ghi789"}).json["data"]
    assert lead["owner"]["name"] == "Marcus Chen"


@pytest.mark.parametrize("body,field", [
    ({"name": None}, "name"), ({"name": ""}, "name"), ({"status": None}, "status"), ({"status": "won"}, "status"),
    ({"tags": None}, "tags"), ({"custom_fields": None}, "custom_fields"), ({"owner_id": "user_nobody"}, "owner_id"),
    ({"color": "red"}, "color"),
])
def test_update_with_bad_field_is_422_and_changes_nothing(client, body, field):
    before = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    response = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json=body)
    assert response.status_code == 422 and list(response.json["details"]) == [field]
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"] == before


def test_update_unknown_lead_is_404(client):
    response = client.patch(f"{BASE}/leads/lead_nope", headers=AUTH, json={"status": "lost"})
    assert response.status_code == 404 and response.json["error"] == "not_found"


# -- delete -------------------------------------------------------------------------------
def test_delete_doc_example_answers_204_with_empty_body(client):
    response = client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert response.status_code == 204
    assert response.data == b""
    assert "Content-Type" not in response.headers


def test_deleted_lead_answers_404_to_get_patch_and_delete(client):
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).status_code == 404
    assert client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH, json={"status": "lost"}).status_code == 404
    assert client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH).status_code == 404
    assert client.get(f"{BASE}/leads", headers=AUTH).json["meta"]["total"] == EXAMPLE_CORP_LEADS - 1


def test_create_update_delete_round_trip(client):
    lead = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "Round Trip"}).json["data"]
    url = f"{BASE}/leads/{lead['id']}"
    assert client.patch(url, headers=AUTH, json={"status": "contacted"}).json["data"]["status"] == "contacted"
    assert client.delete(url, headers=AUTH).status_code == 204
    assert client.get(url, headers=AUTH).status_code == 404
