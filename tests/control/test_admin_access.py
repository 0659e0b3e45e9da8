"""Who may call ``/__admin``: health is always open; the token guards the rest; other origins are refused.

Before, ``LEADMOCK_ADMIN_TOKEN`` also closed ``/__admin/health`` (Docker's HEALTHCHECK failed), and
CORS reflected any origin on ``/__admin`` so any web page could reset the sandbox or read every
credential.
"""

import pytest

FOREIGN = "http://evil.example"
PREFLIGHT = {"Origin": FOREIGN, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}
DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}


# -- the admin token --------------------------------------------------------------------
@pytest.fixture
def guarded(make_app):
    return make_app(ADMIN_TOKEN="s3cret").test_client()


def test_health_answers_without_the_admin_token(guarded):
    response = guarded.get("/__admin/health")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"
    assert guarded.get("/__admin/health/").status_code == 200


@pytest.mark.parametrize("method, path", [
    ("GET", "/__admin/tenants"), ("POST", "/__admin/reset"), ("GET", "/__admin/clock"),
    ("POST", "/__admin/snapshots/mine"), ("GET", "/__admin/skode/trash"),
])
def test_every_other_admin_route_needs_the_token(guarded, method, path):
    response = guarded.open(path, method=method)
    assert response.status_code == 401 and response.get_json()["error"] == "unauthorized"


# -- same origin by default -------------------------------------------------------------
def test_admin_preflight_from_another_origin_is_refused_without_cors_headers(client):
    response = client.options("/__admin/reset", headers=PREFLIGHT)
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("method, path", [
    ("POST", "/__admin/reset"), ("GET", "/__admin/tenants"), ("PUT", "/__admin/clock"),
    ("GET", "/__admin/health"), ("POST", "/__admin/skode/trash/lead_abc123/restore"),
])
def test_admin_request_from_another_origin_is_403_and_does_nothing(client, method, path):
    client.put("/discko/api/v1/leads/req_xyz789", headers=DISCKO, json={"status": "WON"})
    response = client.open(path, method=method, headers={"Origin": FOREIGN}, json={"now": "2020-01-01T00:00:00Z"})
    assert response.status_code == 403 and response.get_json()["error"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert client.get("/discko/api/v1/leads/req_xyz789", headers=DISCKO).get_json()["data"]["status"] == "WON"
    assert client.get("/__admin/clock").get_json()["frozen"] is False


@pytest.mark.parametrize("origin", ["null", "http://localhost.evil.example", "http://localhost:3000"])
def test_admin_refuses_look_alike_and_opaque_origins(client, origin):
    assert client.post("/__admin/reset", headers={"Origin": origin}).status_code == 403


def test_the_dashboard_own_origin_and_clients_without_origin_may_call_admin(client):
    # the test client's host is "localhost": the dashboard's fetch sends that origin
    assert client.post("/__admin/reset", headers={"Origin": "http://localhost"}).status_code == 200
    assert client.post("/__admin/reset").status_code == 200  # curl, scripts, test suites


def test_admin_cors_origins_opens_admin_to_the_listed_origins_only(make_app):
    opened = make_app(ADMIN_CORS_ORIGINS="http://localhost:3000, https://tools.example").test_client()
    preflight = opened.options("/__admin/reset", headers={**PREFLIGHT, "Origin": "https://tools.example"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://tools.example"
    response = opened.get("/__admin/tenants", headers={"Origin": "http://localhost:3000"})
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    refused = opened.get("/__admin/tenants", headers={"Origin": FOREIGN})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers


def test_admin_cors_origins_star_opens_admin_to_every_origin(make_app):
    opened = make_app(ADMIN_CORS_ORIGINS="*").test_client()
    response = opened.get("/__admin/tenants", headers={"Origin": FOREIGN})
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] in ("*", FOREIGN)


def test_admin_cors_origins_reads_the_environment(monkeypatch, make_app):
    monkeypatch.setenv("LEADMOCK_ADMIN_CORS_ORIGINS", "https://tools.example")
    opened = make_app().test_client()
    assert opened.get("/__admin/tenants", headers={"Origin": "https://tools.example"}).status_code == 200


def test_vendor_routes_keep_cors_for_any_origin(client):
    preflight = client.options("/skode/v1/leads", headers=PREFLIGHT)
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] in ("*", FOREIGN)
    response = client.get("/discko/api/v1/leads", headers={**DISCKO, "Origin": FOREIGN})
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] in ("*", FOREIGN)
    assert "X-RateLimit-Limit" in client.get("/skode/v1/leads", headers={
        "Authorization": "Bearer sk_live_your_api_key", "Origin": FOREIGN}).headers["Access-Control-Expose-Headers"]
