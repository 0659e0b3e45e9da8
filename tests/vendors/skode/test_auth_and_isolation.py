"""Skode authentication (API keys) and tenant isolation."""

import pytest

from tests.vendors.skode.helpers import (AUTH, AUTH_HERE, BASE, EXAMPLE_CORP_LEADS, FREE, OTHER, OTHER_WORKSPACE_LEADS,
                                         all_leads)


@pytest.mark.parametrize("headers", [AUTH, AUTH_HERE, FREE])
def test_example_corp_keys_see_example_corp(client, headers):
    response = client.get(f"{BASE}/leads/lead_abc123", headers=headers)
    assert response.status_code == 200
    assert client.get(f"{BASE}/leads", headers=headers).json["meta"]["total"] == EXAMPLE_CORP_LEADS


def test_other_workspace_key_sees_other_workspace(client):
    assert client.get(f"{BASE}/leads", headers=OTHER).json["meta"]["total"] == OTHER_WORKSPACE_LEADS
    assert client.get(f"{BASE}/leads/lead_xyz789", headers=OTHER).json["data"]["name"] == "John Smith"


def test_generated_workspace_key_works(client):
    body = client.get(f"{BASE}/leads", headers={"Authorization": "Bearer sk_live_ws_0001"}).json
    assert body["meta"]["total"] == 100


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Bearer sk_live_nope"},
    {"Authorization": "Basic c2tfbGl2ZV95b3VyX2FwaV9rZXk6"}, {"Authorization": "sk_live_your_api_key"},
    {"X-Api-Key": "sk_live_your_api_key"},
])
def test_missing_or_unknown_credentials_are_401(client, headers):
    response = client.get(f"{BASE}/leads", headers=headers)
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized" and response.json["message"]
    assert set(response.json) == {"error", "message"}


@pytest.mark.parametrize("method,path", [
    ("get", "/leads"), ("post", "/leads"), ("get", "/leads/lead_abc123"), ("patch", "/leads/lead_abc123"),
    ("delete", "/leads/lead_abc123"), ("post", "/leads/search"),
])
def test_every_route_needs_credentials(client, method, path):
    response = getattr(client, method)(BASE + path, json={"name": "x", "query": "x"})
    assert response.status_code == 401


def test_bearer_scheme_is_case_insensitive(client):
    assert client.get(f"{BASE}/leads", headers={"Authorization": "bearer sk_live_your_api_key"}).status_code == 200


def test_other_workspace_cannot_get_example_corp_lead(client):
    response = client.get(f"{BASE}/leads/lead_abc123", headers=OTHER)
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_other_workspace_cannot_update_example_corp_lead(client):
    before = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    assert client.patch(f"{BASE}/leads/lead_abc123", headers=OTHER, json={"status": "lost"}).status_code == 404
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"] == before


def test_other_workspace_cannot_delete_example_corp_lead(client):
    assert client.delete(f"{BASE}/leads/lead_abc123", headers=OTHER).status_code == 404
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).status_code == 200


def test_lists_never_mix_workspaces(client):
    mine = {lead["id"] for lead in all_leads(client)}
    theirs = {lead["id"] for lead in all_leads(client, headers=OTHER)}
    assert not mine & theirs
    assert "lead_abc123" in mine and "lead_xyz789" in theirs


def test_lead_created_in_one_workspace_is_invisible_to_the_other(client):
    lead = client.post(f"{BASE}/leads", headers=OTHER, json={"name": "Private"}).json["data"]
    assert client.get(f"{BASE}/leads/{lead['id']}", headers=AUTH).status_code == 404
    assert client.get(f"{BASE}/leads/{lead['id']}", headers=OTHER).status_code == 200


def test_filter_by_other_workspace_owner_finds_nothing(client):
    body = client.get(f"{BASE}/leads?owner_id=user_pqr678", headers=AUTH).json
    assert body["meta"]["total"] == 0
