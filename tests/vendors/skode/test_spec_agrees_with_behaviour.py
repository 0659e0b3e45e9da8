"""Defect 14: what schemathesis found where Skode's spec and behaviour disagreed."""

import pytest

BASE = "/skode/v1"
AUTH = {"Authorization": "Bearer sk_live_your_api_key"}


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_other_methods_on_search_are_405_allowing_post_not_lead_not_found(client, method):
    response = getattr(client, method)(f"{BASE}/leads/search", headers=AUTH)
    assert response.status_code == 405
    assert response.headers["Allow"] == "OPTIONS, POST"
    assert response.json["error"] == "method_not_allowed"


def test_options_on_search_advertises_only_post(client):
    response = client.options(f"{BASE}/leads/search")
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_a_lead_id_merely_starting_with_search_is_still_a_lead_lookup(client):
    response = client.get(f"{BASE}/leads/searchx", headers=AUTH)
    assert response.status_code == 404 and response.json["message"] == "Lead not found: searchx."


def test_null_source_is_accepted_and_documented_as_nullable(client):
    response = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "x", "source": None})
    assert response.status_code == 201 and response.json["data"]["source"] is None
    spec = client.get("/skode/openapi.json").json
    for name in ("LeadCreate", "LeadUpdate"):
        source = spec["components"]["schemas"][name]["properties"]["source"]
        assert source["type"] == "string" and source["nullable"] is True and None in source["enum"]


def test_patch_without_a_body_changes_nothing_and_the_body_is_documented_optional(client):
    before = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    response = client.patch(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert response.status_code == 200 and response.json["data"] == before
    spec = client.get("/skode/openapi.json").json
    assert spec["paths"]["/v1/leads/{lead_id}"]["patch"]["requestBody"]["required"] is False


def test_owner_id_is_not_an_enum_of_one_workspace_users(client):
    spec = client.get("/skode/openapi.json").json
    for name in ("LeadCreate", "LeadUpdate"):
        owner = spec["components"]["schemas"][name]["properties"]["owner_id"]
        assert "enum" not in owner and owner["type"] == "string"
