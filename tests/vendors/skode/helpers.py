"""Shared values for the Skode tests."""

BASE = "/skode/v1"
KEY = "sk_live_your_api_key"
AUTH = {"Authorization": f"Bearer {KEY}"}
AUTH_HERE = {"Authorization": "Bearer sk_live_your_api_key_here"}
FREE = {"Authorization": "Bearer sk_test_free_plan"}
OTHER = {"Authorization": "Bearer sk_live_other_workspace"}
EXAMPLE_CORP, OTHER_WORKSPACE = "ws_examplecorp", "ws_otherworkspace"
EXAMPLE_CORP_LEADS, OTHER_WORKSPACE_LEADS = 151, 51
CLIENT_ID, CLIENT_SECRET = "skode_demo_client", "skode_demo_secret"
REDIRECT_URI = "http://localhost:3000/callback"
# 5 seconds into a rate-limit window (epoch 1773651600 is a multiple of 60)
FROZEN_AT = "2026-03-16T09:00:05Z"
FROZEN_WINDOW_END = 1773651660
ISO_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


def freeze(client, now=FROZEN_AT):
    response = client.put("/__admin/clock", json={"now": now, "frozen": True})
    assert response.status_code == 200, response.json


def advance(client, seconds):
    response = client.post("/__admin/clock/advance", json={"seconds": seconds})
    assert response.status_code == 200, response.json


def all_leads(client, headers=AUTH, **params):
    """Every lead of the key's workspace matching ``params`` (walks the pages)."""
    leads, page = [], 1
    while True:
        response = client.get(f"{BASE}/leads", headers=headers,
                              query_string={**params, "page": page, "per_page": 100})
        assert response.status_code == 200, response.json
        leads += response.json["data"]
        if page >= response.json["meta"]["total_pages"]:
            return leads
        page += 1
