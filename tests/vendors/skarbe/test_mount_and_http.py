"""The vendor mounted alone, over real HTTP, as the doc's curl examples call it."""

import json
import urllib.error
import urllib.request

from tests.vendors.skarbe._support import ACME_KEY, GLOBEX_KEY


def _call(base, path, method="GET", key=ACME_KEY, data=None, content_type=None):
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if key:
        request.add_header("X-Api-Key", key)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


def test_vendor_flag_mounts_skarbe_at_the_root(make_app):
    client = make_app(VENDOR="skarbe").test_client()
    response = client.get("/api/connect/me", headers={"X-Api-Key": ACME_KEY})
    assert response.status_code == 200
    assert response.get_json()["workspace"] == {"name": "Acme Corporation"}
    assert client.get("/api/connect/contacts/lead-statuses", headers={"X-Api-Key": ACME_KEY}).status_code == 200
    assert client.get("/nope").get_json() == {"error": "Not found"}
    assert client.get("/skarbe/api/connect/me", headers={"X-Api-Key": ACME_KEY}).status_code == 404


def test_doc_calls_over_http(make_app, live_server):
    base = live_server(make_app(VENDOR="skarbe"))

    # GET https://api.skarbe.com/api/connect/me  (X-Api-Key, Accept: application/json)
    status, headers, body = _call(base, "/api/connect/me")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert body == {"details": {"name": "John Admin", "email": "john@acme.test"},
                    "workspace": {"name": "Acme Corporation"}}

    # GET /api/connect/contacts?query=john
    status, _, contacts = _call(base, "/api/connect/contacts?query=john")
    assert status == 200 and any(c["fullName"] == "John Doe" for c in contacts)

    # POST /api/connect/contacts with the example body (curl -d: form Content-Type)
    example = {"email": "jane@techsolutions.test", "firstName": "Jane", "lastName": "Smith",
               "jobTitle": "Marketing Manager", "companyName": "Tech Solutions Inc", "leadStatus": 1}
    status, _, created = _call(base, "/api/connect/contacts", "POST", data=json.dumps(example).encode(),
                               content_type="application/x-www-form-urlencoded")
    assert status == 200 and created["companyName"] == "Tech Solutions Inc"
    status, _, contacts = _call(base, "/api/connect/contacts")
    assert contacts[0]["id"] == created["id"]

    # The documented errors
    status, _, body = _call(base, "/api/connect/contacts", "POST", data=b'{"lastName": "Smith"}',
                            content_type="application/json")
    assert (status, body) == (400, {"error": "At least email or firstName is required"})
    status, _, body = _call(base, "/api/connect/me", key=None)
    assert (status, body) == (401, {"error": "Unauthorized"})

    # GET /api/connect/contacts/lead-statuses, as Globex
    status, _, statuses = _call(base, "/api/connect/contacts/lead-statuses", key=GLOBEX_KEY)
    assert status == 200 and [s["label"] for s in statuses] == ["New Lead", "Qualified Lead", "Disqualified"]


def test_openapi_spec_describes_the_four_routes(client):
    spec = client.get("/skarbe/openapi.json").get_json()
    assert set(spec["paths"]) == {"/api/connect/contacts", "/api/connect/contacts/lead-statuses", "/api/connect/me"}
    assert set(spec["paths"]["/api/connect/contacts"]) >= {"get", "post"}
    assert spec["components"]["securitySchemes"]["SkarbeKey"] == {"type": "apiKey", "in": "header", "name": "X-Api-Key"}
    assert spec["info"]["title"].startswith("Skarbe API")
    assert "https://api.skarbe.com" in [server["url"] for server in spec["servers"]]
    create = spec["components"]["schemas"]["ContactCreate"]
    assert [branch["required"] for branch in create["anyOf"]] == [["email"], ["firstName"]]
    assert "twitterUrl" in create["properties"]
    assert "twitterUrl" not in spec["components"]["schemas"]["Contact"]["properties"]
    post = spec["paths"]["/api/connect/contacts"]["post"]
    assert post["summary"] == "Create a new contact in your organization."
    assert "Sandbox:" in post["description"]
    assert "200" in post["responses"] and "201" not in post["responses"]
