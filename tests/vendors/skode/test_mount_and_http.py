"""Skode under ``--vendor skode`` (paths as the real API) and over real HTTP."""

import json
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.vendors.skode.helpers import CLIENT_ID, CLIENT_SECRET, KEY, REDIRECT_URI


@pytest.fixture
def solo(make_app):
    return make_app(VENDOR="skode").test_client()


def test_vendor_mount_serves_real_paths(solo):
    headers = {"Authorization": f"Bearer {KEY}"}
    assert solo.get("/v1/leads/lead_abc123", headers=headers).json["data"]["id"] == "lead_abc123"
    created = solo.post("/v1/leads", headers=headers, json={"name": "Solo"})
    assert created.status_code == 201
    assert created.headers["Location"] == f"/v1/leads/{created.json['data']['id']}"
    assert solo.get("/skode/v1/leads", headers=headers).status_code == 404


def test_vendor_mount_oauth_and_admin_paths(solo):
    redirect = solo.get("/oauth/authorize", query_string={
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "state": "s"})
    code = parse_qs(urlsplit(redirect.headers["Location"]).query)["code"][0]
    token = solo.post("/v1/oauth/token", json={"grant_type": "authorization_code", "code": code,
                                               "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                               "redirect_uri": REDIRECT_URI})
    assert token.status_code == 200
    assert solo.get("/__admin/skode/trash").status_code == 200
    spec = solo.get("/openapi.json").json
    assert {"/v1/leads", "/v1/leads/{lead_id}", "/v1/leads/search", "/v1/oauth/token", "/oauth/authorize"} <= set(
        spec["paths"])


def test_vendor_mount_unknown_route_is_skode_404(solo):
    response = solo.get("/v1/nothing-here")
    assert response.status_code == 404 and response.json["error"] == "not_found"


def _call(base, method, path, body=None, key=KEY, content_type="application/json"):
    data = None if body is None else (json.dumps(body).encode() if content_type == "application/json" else body)
    request = urllib.request.Request(base + path, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


def test_documented_examples_over_real_http(app, live_server):
    base = live_server(app) + "/skode/v1"
    # List (curl example)
    status, headers, body = _call(base, "GET", "/leads?page=1&per_page=25&status=new&sort=-created_at")
    assert status == 200 and body["meta"]["per_page"] == 25
    assert all(lead["status"] == "new" for lead in body["data"])
    assert int(headers["X-RateLimit-Limit"]) == 10_000
    # Get (curl example)
    status, _, body = _call(base, "GET", "/leads/lead_abc123")
    assert status == 200 and body["data"]["name"] == "Jane Doe"
    # Create (JavaScript example)
    status, headers, body = _call(base, "POST", "/leads", {
        "name": "Jane Doe", "email": "jane@example.com", "phone": "+1-555-0123", "company": "Example Corp",
        "source": "website", "deal_value": 25000, "custom_fields": {"industry": "Technology", "employees": "50-200"}})
    assert status == 201 and headers["Location"] == f"/skode/v1/leads/{body['data']['id']}"
    assert body["data"]["custom_fields"] == {"industry": "Technology", "employees": "50-200"}
    # Update (curl example; curl -d sends a form content type)
    status, _, body = _call(base, "PATCH", "/leads/lead_abc123", b'{"status": "qualified", "deal_value": 50000}',
                            content_type="application/x-www-form-urlencoded")
    assert status == 200 and body["data"]["status"] == "qualified" and body["data"]["deal_value"] == 50000
    # Search (curl example)
    status, _, body = _call(base, "POST", "/leads/search", {"query": "example.com", "fields": ["email", "company"]})
    assert status == 200 and "lead_abc123" in [lead["id"] for lead in body["data"]]
    # Delete (curl example)
    status, headers, body = _call(base, "DELETE", "/leads/lead_abc123")
    assert status == 204 and body is None and "X-RateLimit-Remaining" in headers
    status, _, body = _call(base, "GET", "/leads/lead_abc123")
    assert status == 404 and body["error"] == "not_found"
    # No key
    status, headers, body = _call(base, "GET", "/leads", key=None)
    assert status == 401 and body["error"] == "unauthorized" and "X-RateLimit-Reset" in headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_oauth_flow_over_real_http(app, live_server):
    root = live_server(app)
    opener = urllib.request.build_opener(_NoRedirect)
    query = f"response_type=code&client_id={CLIENT_ID}&redirect_uri={REDIRECT_URI}&state=abc"
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{root}/skode/oauth/authorize?{query}", timeout=10)
    assert redirect.value.code == 302
    location = redirect.value.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?") and parse_qs(urlsplit(location).query)["state"] == ["abc"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    form = (f"grant_type=authorization_code&code={code}&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
            f"&redirect_uri={REDIRECT_URI}").encode()
    status, headers, token = _call(root, "POST", "/skode/v1/oauth/token", form, key=None,
                                   content_type="application/x-www-form-urlencoded")
    assert status == 200 and headers["Cache-Control"] == "no-store"
    status, _, body = _call(root + "/skode/v1", "GET", "/leads/lead_abc123", key=token["access_token"])
    assert status == 200
