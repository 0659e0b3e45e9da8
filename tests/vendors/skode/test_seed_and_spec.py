"""Skode seed data (deterministic, realistic, well-known tenants), tenants, counts and the spec."""

import re
from collections import Counter

from app.core import db
from app.core.rand import Rand
from app.vendors import skode
from app.vendors.skode import seed, store
from tests.vendors.skode.helpers import AUTH, BASE, all_leads


def _seeded_dump(scale):
    database = db.Database(":memory:")
    previous = db._default
    db.use(database)
    try:
        sdb = database.utils()
        skode.VENDOR.create_tables(sdb)
        skode.VENDOR.seed(sdb, Rand(42, "skode"), scale, lambda n: None)
        return "\n".join(database.conn().iterdump())
    finally:
        db.use(previous)


def test_seed_is_deterministic():
    assert _seeded_dump(450) == _seeded_dump(450)


def test_seed_scale_beyond_the_well_known_goes_to_generated_workspaces_of_100():
    dump = _seeded_dump(400)   # 150 + 50 well-known, then 2 x 100
    assert "sk_live_ws_0001" in dump and "sk_live_ws_0002" in dump and "sk_live_ws_0003" not in dump


def test_seed_uses_no_real_clock_or_global_random():
    source = open(seed.__file__).read() + open(store.__file__).read()
    assert "datetime.now" not in source and "import random" not in source


def test_example_corp_has_a_realistic_spread(client):
    leads = all_leads(client)
    assert len(leads) == 151
    assert len(Counter(lead["status"] for lead in leads)) == 6
    assert len(Counter(lead["source"] for lead in leads)) == 9
    assert len({lead["owner_id"] for lead in leads if lead["owner_id"]}) == 5
    assert sum(1 for lead in leads if lead["tags"]) > 50
    assert all(lead["custom_fields"].get("industry") for lead in leads)
    assert len({lead["created_at"][:7] for lead in leads}) >= 10            # spread over a year
    assert sum(1 for lead in leads if lead["deal_value"] is None) > 0
    assert all(re.match(r"^lead_[a-z0-9]+$", lead["id"]) for lead in leads)
    assert all(lead["updated_at"] >= lead["created_at"] for lead in leads)


def test_tenants_list_workspaces_keys_plans_and_oauth_client(client):
    tenants = client.get("/__admin/tenants").json["skode"]
    by_name = {tenant["name"]: tenant for tenant in tenants}
    example = by_name["Example Corp"]
    assert example["id"] == "ws_examplecorp" and example["plan"] == "Enterprise"
    assert [(k["key"], k["plan"], k["rate_limit_per_minute"]) for k in example["api_keys"]] == [
        ("sk_live_your_api_key", "Enterprise", 10000), ("sk_live_your_api_key_here", "Enterprise", 10000),
        ("sk_test_free_plan", "Free", 100)]
    assert example["oauth_clients"][0]["client_id"] == "skode_demo_client"
    assert example["oauth_clients"][0]["redirect_uris"] == ["http://localhost:3000/callback",
                                                            "http://127.0.0.1:3000/callback"]
    assert "sk_live_your_api_key" in example["credentials"].values()
    assert "skode_demo_secret" in example["credentials"].values()
    other = by_name["Other Workspace"]
    assert other["plan"] == "Pro" and other["api_keys"][0]["key"] == "sk_live_other_workspace"
    assert all(user["id"].startswith("user_") for tenant in tenants for user in tenant["users"])


def test_counts_is_a_dict_of_numbers(app, client):
    with app.app_context():
        counts = skode.VENDOR.counts()
    assert counts["workspaces"] == 3 and counts["leads"] == 151 + 51 + 100 and counts["trashed_leads"] == 0


def test_dashboard_shows_skode(client):
    page = client.get("/").get_data(as_text=True)
    assert "sk_live_your_api_key" in page and "skode_demo_client" in page


def test_spec_documents_every_route_with_summaries_and_envelopes(client):
    spec = client.get("/skode/openapi.json").json
    paths = spec["paths"]
    assert set(paths) == {"/v1/leads", "/v1/leads/{lead_id}", "/v1/leads/search", "/v1/oauth/token",
                          "/oauth/authorize", "/v1/webhooks", "/v1/webhooks/{webhook_id}"}
    for path, item in paths.items():
        for method, operation in item.items():
            if method in ("get", "post", "patch", "delete"):
                assert operation["summary"], (path, method)
    schemas = spec["components"]["schemas"]
    assert set(schemas["LeadListEnvelope"]["properties"]) == {"data", "meta"}
    assert set(schemas["LeadEnvelope"]["properties"]) == {"data"}
    assert "Sandbox:" in paths["/v1/leads"]["get"]["description"]
    assert paths["/v1/oauth/token"]["post"]["security"] == []
    assert spec["servers"][1]["url"] == "https://api.skodeai.com"


def test_spec_response_for_delete_is_204(client):
    operation = client.get("/skode/openapi.json").json["paths"]["/v1/leads/{lead_id}"]["delete"]
    assert "204" in operation["responses"]


def test_list_response_matches_its_schema_fields(client):
    spec = client.get("/skode/openapi.json").json
    lead_props = set(spec["components"]["schemas"]["Lead"]["properties"])
    lead = client.get(f"{BASE}/leads", headers=AUTH).json["data"][0]
    assert set(lead) == lead_props


def test_spec_demo_values_equal_the_fixtures():
    from app.core.seeding import fixture
    from app.vendors.skode.constants import DEMO_CLIENT_ID, DEMO_REDIRECT_URIS, DEMO_USER_IDS

    workspaces = fixture("skode", "workspaces")
    example = next(w for w in workspaces if w["name"] == "Example Corp")
    assert [user["id"] for user in example["users"]] == DEMO_USER_IDS
    client = fixture("skode", "oauth_clients")[0]
    assert client["client_id"] == DEMO_CLIENT_ID and client["redirect_uris"] == DEMO_REDIRECT_URIS


def test_owner_enum_in_the_spec_is_documentation_only(client):
    other = {"Authorization": "Bearer sk_live_other_workspace"}
    response = client.post(f"{BASE}/leads", headers=other, json={"name": "Theirs", "owner_id": "user_stu901"})
    assert response.status_code == 201 and response.json["data"]["owner"]["name"] == "Tomás Ruiz"


def test_spec_declares_bearer_and_oauth_security(client):
    spec = client.get("/skode/openapi.json").json
    schemes = spec["components"]["securitySchemes"]
    assert schemes["SkodeBearer"]["scheme"] == "bearer"
    assert schemes["SkodeOAuth"]["flows"]["authorizationCode"]["tokenUrl"] == "/skode/v1/oauth/token"
