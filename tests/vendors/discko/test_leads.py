"""Discko: the three documented routes and every rule of DESIGN.md section 6."""

import json
import re

import pytest

from tests.vendors.discko.conftest import BASE, CREATIVE, WEBFLOW

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def error_of(response):
    body = response.get_json()
    assert body["success"] is False
    assert TIMESTAMP.match(body["timestamp"])
    assert set(body) == {"success", "error", "timestamp"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


# -- auth ---------------------------------------------------------------------
@pytest.mark.parametrize("headers", [{}, {"X-Discko-Key": ""}, {"X-Discko-Key": "dk_wrong"},
                                     {"Authorization": "Bearer dk_test_webflow_agency"}])
@pytest.mark.parametrize("method,path", [("get", "/leads"), ("get", "/leads/req_abc123"), ("put", "/leads/req_abc123")])
def test_request_without_valid_key_is_401_unauthorized(client, headers, method, path):
    response = getattr(client, method)(BASE + path, headers=headers, json={"status": "WON"})
    assert response.status_code == 401
    assert error_of(response) == {"code": "UNAUTHORIZED", "message": "API key is missing or invalid.", "details": None}


# -- list -----------------------------------------------------------------------
def test_list_contains_documented_lead_byte_for_byte(client, documented):
    response = client.get(f"{BASE}/leads", headers=WEBFLOW)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["success"] is True and set(body) == {"success", "data"}
    lead = next(item for item in body["data"] if item["id"] == "req_abc123")
    assert lead == documented["req_abc123"]
    assert list(lead) == list(documented["req_abc123"])
    # the raw bytes keep key order and the euro sign as is
    raw = response.get_data(as_text=True)
    assert json.dumps(documented["req_abc123"], ensure_ascii=False, separators=(",", ":")) in raw


def test_list_is_newest_date_first(client):
    dates = [lead["date"] for lead in client.get(f"{BASE}/leads", headers=WEBFLOW).get_json()["data"]]
    assert dates == sorted(dates, reverse=True) and len(dates) > 10


def test_list_leaves_out_unfinished_leads(client):
    leads = client.get(f"{BASE}/leads", headers=WEBFLOW).get_json()["data"]
    assert all(lead["completion"] == 100 for lead in leads)
    assert "req_draft001" not in {lead["id"] for lead in leads}


def test_list_shows_locked_lead_with_locked_true(client):
    leads = client.get(f"{BASE}/leads", headers=WEBFLOW).get_json()["data"]
    locked = next(lead for lead in leads if lead["id"] == "req_locked001")
    assert locked["locked"] is True


def test_list_only_shows_own_organization(client):
    webflow = client.get(f"{BASE}/leads", headers=WEBFLOW).get_json()["data"]
    creative = client.get(f"{BASE}/leads", headers=CREATIVE).get_json()["data"]
    assert {lead["source"]["organizationName"] for lead in webflow} == {"WebFlow Agency"}
    assert {lead["source"]["organizationName"] for lead in creative} == {"Creative Minds"}
    assert not {lead["id"] for lead in webflow} & {lead["id"] for lead in creative}


def test_every_lead_has_source_url_and_id_format(client):
    for headers, slug in ((WEBFLOW, "webflow-agency"), (CREATIVE, "creative-minds")):
        for lead in client.get(f"{BASE}/leads", headers=headers).get_json()["data"]:
            assert re.match(r"^req_[a-z0-9]+$", lead["id"])
            assert lead["url"] == f"https://app.discko.io/{slug}/leads/{lead['id']}"
            assert set(lead["source"]) == {"organizationId", "organizationName"}


def test_generated_leads_look_like_discko_leads(client):
    leads = client.get(f"{BASE}/leads", headers=WEBFLOW).get_json()["data"]
    profiles = {lead["contact"]["discProfile"] for lead in leads}
    assert profiles <= {"Dominant", "Influential", "Steady", "Conscientious"} and len(profiles) >= 3
    assert len({lead["category"] for lead in leads}) >= 4
    for lead in leads:
        assert lead["analysis"]["budget"].startswith("€")
        assert lead["analysis"]["fitScoreExplanation"] and lead["contact"]["discProfileExplanation"]
        assert lead["summary"]["categories"] and all(c["summary"] for c in lead["summary"]["categories"])
        assert lead["status"] in {"NEW", "IN_PROGRESS", "WON", "LOST"}


# -- get --------------------------------------------------------------------------
def test_get_documented_lead_returns_it_exactly(client, documented):
    response = client.get(f"{BASE}/leads/req_xyz789", headers=CREATIVE)
    assert response.status_code == 200
    assert response.get_json() == {"success": True, "data": documented["req_xyz789"]}


def test_get_lead_of_other_org_is_404_lead_not_found(client):
    response = client.get(f"{BASE}/leads/req_xyz789", headers=WEBFLOW)
    assert response.status_code == 404
    assert error_of(response) == {
        "code": "LEAD_NOT_FOUND",
        "message": "The requested lead does not exist or is not yet finished.",
        "details": {"lead_id": "req_xyz789"},
    }


def test_get_unknown_lead_is_404_with_lead_id(client):
    response = client.get(f"{BASE}/leads/req_doesnotexist", headers=WEBFLOW)
    assert response.status_code == 404
    assert error_of(response)["details"] == {"lead_id": "req_doesnotexist"}


def test_get_unfinished_lead_is_404(client):
    response = client.get(f"{BASE}/leads/req_draft001", headers=WEBFLOW)
    assert response.status_code == 404
    assert error_of(response)["code"] == "LEAD_NOT_FOUND"


def test_get_locked_lead_is_403_forbidden(client):
    response = client.get(f"{BASE}/leads/req_locked001", headers=WEBFLOW)
    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "FORBIDDEN" and error["message"] == "Access denied to this resource."


# -- put --------------------------------------------------------------------------
def test_put_status_returns_updated_lead_as_documented(client, documented):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, json={"status": "IN_PROGRESS"})
    assert response.status_code == 200
    expected = dict(documented["req_xyz789"], status="IN_PROGRESS")
    assert response.get_json() == {"success": True, "data": expected}
    assert list(response.get_json()["data"]) == list(expected)


def test_put_status_persists(client):
    client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, json={"status": "WON"})
    assert client.get(f"{BASE}/leads/req_xyz789", headers=CREATIVE).get_json()["data"]["status"] == "WON"
    listed = client.get(f"{BASE}/leads", headers=CREATIVE).get_json()["data"]
    assert next(lead for lead in listed if lead["id"] == "req_xyz789")["status"] == "WON"


def test_put_without_content_type_still_reads_json(client):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, data='{"status": "LOST"}',
                          content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and response.get_json()["data"]["status"] == "LOST"


@pytest.mark.parametrize("status", ["INVALID_VALUE", "won", "", "CLOSED"])
def test_put_with_unknown_status_returns_invalid_status(client, status):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, json={"status": status})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "INVALID_STATUS",
        "message": "Status must be one of: NEW, IN_PROGRESS, WON, LOST.",
        "details": {"provided": status, "allowed": ["NEW", "IN_PROGRESS", "WON", "LOST"]},
    }
    assert client.get(f"{BASE}/leads/req_xyz789", headers=CREATIVE).get_json()["data"]["status"] == "NEW"


@pytest.mark.parametrize("raw", ["{bad", '{"status": "WON"', "status=WON", "\xff\xfe"])
def test_put_with_malformed_json_returns_invalid_json(client, raw):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, data=raw, content_type="application/json")
    assert response.status_code == 400
    assert error_of(response) == {"code": "INVALID_JSON", "message": "Request body is not valid JSON.", "details": None}


@pytest.mark.parametrize("body,field", [
    ({}, "status"), ({"status": None}, "status"), ({"status": 3}, "status"), ({"status": ["WON"]}, "status"),
    ([{"status": "WON"}], "_schema"), ("WON", "_schema"), (5, "_schema"),
])
def test_put_with_bad_body_shape_returns_validation_error_naming_field(client, body, field):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE, json=body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "VALIDATION_ERROR" and error["message"] == "Request validation failed."
    assert field in error["details"]


def test_put_lead_of_other_org_is_404_and_changes_nothing(client):
    response = client.put(f"{BASE}/leads/req_abc123", headers=CREATIVE, json={"status": "WON"})
    assert response.status_code == 404 and error_of(response)["code"] == "LEAD_NOT_FOUND"
    assert client.get(f"{BASE}/leads/req_abc123", headers=WEBFLOW).get_json()["data"]["status"] == "NEW"


def test_put_unfinished_lead_is_404(client):
    response = client.put(f"{BASE}/leads/req_draft001", headers=WEBFLOW, json={"status": "WON"})
    assert response.status_code == 404


def test_put_locked_lead_is_403(client):
    response = client.put(f"{BASE}/leads/req_locked001", headers=WEBFLOW, json={"status": "WON"})
    assert response.status_code == 403 and error_of(response)["code"] == "FORBIDDEN"


# -- outside the documented routes -----------------------------------------------
def test_unknown_route_is_404_in_discko_format(client):
    response = client.get(f"{BASE}/contacts", headers=WEBFLOW)
    assert response.status_code == 404
    assert error_of(response)["code"] == "NOT_FOUND"


def test_wrong_method_is_405_in_discko_format(client):
    response = client.delete(f"{BASE}/leads/req_abc123", headers=WEBFLOW)
    assert response.status_code == 405
    assert error_of(response)["code"] == "METHOD_NOT_ALLOWED"
    assert "PUT" in response.headers["Allow"]


def test_body_over_10_mib_is_413_in_discko_format(client):
    response = client.put(f"{BASE}/leads/req_xyz789", headers=CREATIVE,
                          data=b'{"status": "' + b"x" * (10 * 1024 * 1024 + 10) + b'"}',
                          content_type="application/json")
    assert response.status_code == 413
    assert error_of(response)["code"] == "PAYLOAD_TOO_LARGE"


def test_error_timestamp_follows_sandbox_clock(client):
    client.put("/__admin/clock", json={"now": "2025-12-18T10:30:00Z"})
    response = client.get(f"{BASE}/leads")
    assert response.get_json()["timestamp"] == "2025-12-18T10:30:00Z"


def test_unexpected_exception_is_500_internal_error_without_traceback(client, monkeypatch):
    from app.vendors.discko import store

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(store, "list_leads", boom)
    response = client.get(f"{BASE}/leads", headers=WEBFLOW)
    assert response.status_code == 500
    assert error_of(response) == {"code": "INTERNAL_ERROR", "message": "An unexpected error occurred.", "details": None}
    assert b"secret internals" not in response.data and b"Traceback" not in response.data


# -- mounting ---------------------------------------------------------------------
def test_vendor_flag_mounts_discko_at_root_with_real_paths(make_app, documented):
    root = make_app(VENDOR="discko").test_client()
    response = root.get("/api/v1/leads/req_xyz789", headers=CREATIVE)
    assert response.status_code == 200 and response.get_json()["data"] == documented["req_xyz789"]
    assert root.get("/discko/api/v1/leads", headers=CREATIVE).status_code == 404
    assert root.get("/api/v1/nowhere", headers=CREATIVE).get_json()["error"]["code"] == "NOT_FOUND"
    assert root.get("/openapi.json").get_json()["paths"].keys() >= {"/api/v1/leads", "/api/v1/leads/{lead_id}"}


def test_cors_preflight_allows_discko_key_header(client):
    response = client.options(f"{BASE}/leads", headers={
        "Origin": "http://localhost:5173", "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "X-Discko-Key, Content-Type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:5173")
    assert "x-discko-key" in response.headers["Access-Control-Allow-Headers"].lower()
    assert "PUT" in response.headers["Access-Control-Allow-Methods"]


def test_cors_headers_on_actual_response(client):
    response = client.get(f"{BASE}/leads", headers={**WEBFLOW, "Origin": "http://localhost:5173"})
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:5173")
