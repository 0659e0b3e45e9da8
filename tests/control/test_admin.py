"""The control plane: health, reset, snapshots, clock, tenants, admin token."""

from datetime import datetime, timedelta, timezone

import pytest

from app.core import clock

DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
LEAD = "/discko/api/v1/leads/req_xyz789"


def status_of_lead(client):
    return client.get(LEAD, headers=DISCKO).get_json()["data"]["status"]


def test_health_is_ok(client):
    response = client.get("/__admin/health")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"
    assert "discko" in response.get_json()["vendors"]


def test_reset_undoes_a_change(client):
    client.put(LEAD, headers=DISCKO, json={"status": "WON"})
    assert status_of_lead(client) == "WON"
    response = client.post("/__admin/reset")
    assert response.status_code == 200 and response.get_json()["status"] == "reset"
    assert status_of_lead(client) == "NEW"


def test_reset_restores_the_real_clock(client):
    client.post("/__admin/clock/advance", json={"seconds": 86400 * 40})
    client.post("/__admin/reset")
    assert abs((clock.parse_iso(client.get("/__admin/clock").get_json()["now"])
                - datetime.now(timezone.utc)).total_seconds()) < 5


def test_snapshot_and_restore_a_named_state(client):
    client.put(LEAD, headers=DISCKO, json={"status": "LOST"})
    assert client.post("/__admin/snapshots/lost-state").status_code == 201
    client.put(LEAD, headers=DISCKO, json={"status": "WON"})
    assert client.post("/__admin/snapshots/lost-state/restore").status_code == 200
    assert status_of_lead(client) == "LOST"


def test_restoring_unknown_snapshot_is_404(client):
    response = client.post("/__admin/snapshots/never-saved/restore")
    assert response.status_code == 404 and response.get_json()["error"] == "not_found"


@pytest.mark.parametrize("name", ["../etc", "a b", "x" * 65])
def test_snapshot_with_unsafe_name_is_rejected(client, name):
    assert client.post(f"/__admin/snapshots/{name}").status_code in (404, 422)


def test_clock_can_be_frozen_at_an_instant(client):
    response = client.put("/__admin/clock", json={"now": "2026-01-13T10:30:00Z"})
    assert response.status_code == 200
    assert response.get_json()["now"] == "2026-01-13T10:30:00Z" and response.get_json()["frozen"] is True
    assert client.get("/__admin/clock").get_json()["now"] == "2026-01-13T10:30:00Z"


def test_advancing_the_clock_moves_now_for_every_vendor(client):
    client.put("/__admin/clock", json={"now": "2026-01-13T10:30:00Z"})
    response = client.post("/__admin/clock/advance", json={"seconds": 3600})
    assert response.get_json()["now"] == "2026-01-13T11:30:00Z"
    # Discko's error timestamps read the same clock
    assert client.get("/discko/api/v1/leads").get_json()["timestamp"] == "2026-01-13T11:30:00Z"


def test_advancing_a_running_clock_adds_an_offset(client):
    before = clock.parse_iso(client.get("/__admin/clock").get_json()["now"])
    after = clock.parse_iso(client.post("/__admin/clock/advance", json={"seconds": 7200}).get_json()["now"])
    assert timedelta(seconds=7190) < after - before < timedelta(seconds=7300)


def test_delete_clock_returns_to_real_time(client):
    client.put("/__admin/clock", json={"now": "2020-01-01T00:00:00Z"})
    response = client.delete("/__admin/clock")
    assert response.get_json()["frozen"] is False
    assert clock.parse_iso(response.get_json()["now"]).year >= 2026


@pytest.mark.parametrize("body", [{"now": "yesterday"}, {}, {"now": "2026-01-01T00:00:00Z", "frozen": "yes"}, [1]])
def test_put_clock_with_bad_body_is_422(client, body):
    response = client.put("/__admin/clock", json=body)
    assert response.status_code == 422 and response.get_json()["error"] == "validation_error"


@pytest.mark.parametrize("body", [{"seconds": "60"}, {}, {"seconds": True}, {"seconds": 1e30}])
def test_advance_with_bad_seconds_is_422(client, body):
    assert client.post("/__admin/clock/advance", json=body).status_code == 422


def test_tenants_lists_every_vendor_credential(client):
    tenants = client.get("/__admin/tenants").get_json()
    keys = {t["credentials"]["X-Discko-Key"] for t in tenants["discko"]}
    assert {"dk_test_webflow_agency", "dk_test_creative_minds"} <= keys


def test_unknown_admin_route_is_json_404(client):
    response = client.get("/__admin/nothing-here")
    assert response.status_code == 404 and response.is_json


def test_admin_token_protects_the_control_plane(make_app):
    guarded = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert guarded.get("/__admin/tenants").status_code == 401
    assert guarded.get("/__admin/tenants", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/__admin/tenants", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # vendor routes are not affected
    assert guarded.get("/discko/api/v1/leads", headers=DISCKO).status_code == 200


def test_dashboard_lists_vendors_base_urls_and_credentials(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "/discko" in text and "dk_test_webflow_agency" in text and "/__admin/reset" in text


def test_path_outside_any_vendor_is_json_404(client):
    response = client.get("/no-such-vendor/api")
    assert response.status_code == 404 and response.is_json
