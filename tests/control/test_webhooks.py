"""``GET /__admin/webhooks/deliveries``: every delivery with its attempts, filtered, newest first."""

import pytest

from app.core import webhooks
from tests.receiver import closed_port, receiver  # noqa: F401

SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
OTHER = {"Authorization": "Bearer sk_live_other_workspace"}


def skode_hook(client, url, headers=SKODE):
    response = client.post("/skode/v1/webhooks", json={"url": url, "events": ["lead.created", "lead.updated"]},
                           headers=headers)
    assert response.status_code == 201, response.json


def test_deliveries_of_both_vendors_filter_by_vendor_tenant_event_and_status(app, client, receiver):
    ok = receiver()
    skode_hook(client, ok.url)
    skode_hook(client, f"http://127.0.0.1:{closed_port()}/", headers=OTHER)
    client.put("/__admin/discko/webhooks/webflow-agency", json={"url": ok.url})
    lead = client.post("/skode/v1/leads", json={"name": "A"}, headers=SKODE).json["data"]
    client.patch(f"/skode/v1/leads/{lead['id']}", json={"name": "B"}, headers=SKODE)
    client.post("/skode/v1/leads", json={"name": "C"}, headers=OTHER)
    client.post("/__admin/discko/webhooks/webflow-agency/test")
    assert webhooks.drain(app)

    everything = client.get("/__admin/webhooks/deliveries").json
    assert everything["total"] == 4
    ids = [d["id"] for d in everything["data"]]
    assert ids == sorted(ids, reverse=True)                                  # newest first
    assert [d["event"] for d in everything["data"]] == ["test", "lead.created", "lead.updated", "lead.created"]

    def listed(**filters):
        return [(d["vendor"], d["event"]) for d in client.get("/__admin/webhooks/deliveries",
                                                               query_string=filters).json["data"]]

    assert listed(vendor="discko") == [("discko", "test")]
    assert listed(vendor="skode", tenant="ws_examplecorp") == [("skode", "lead.updated"), ("skode", "lead.created")]
    assert listed(event="lead.updated") == [("skode", "lead.updated")]
    assert listed(status="pending") == [("skode", "lead.created")]           # Other Workspace: refused, retried
    assert len(listed(status="succeeded")) == 3
    assert listed(status="failed") == []


def test_each_delivery_shows_its_attempts_and_next_attempt(app, client):
    client.put("/__admin/clock", json={"now": "2026-05-01T08:00:00Z"})
    skode_hook(client, f"http://127.0.0.1:{closed_port()}/hook")
    client.post("/skode/v1/leads", json={"name": "A"}, headers=SKODE)
    assert webhooks.drain(app)
    (delivery,) = client.get("/__admin/webhooks/deliveries").json["data"]
    assert delivery["next_attempt_at"] == "2026-05-01T08:01:00Z" and delivery["max_attempts"] == 6
    assert delivery["attempts"] == [{
        "number": 1, "at": "2026-05-01T08:00:00Z", "url": delivery["url"], "response_status": None,
        "response_body": None, "error": "connection refused", "duration_ms": delivery["attempts"][0]["duration_ms"],
        "next_attempt_at": "2026-05-01T08:01:00Z"}]
    one = client.get(f"/__admin/webhooks/deliveries/{delivery['id']}")
    assert one.status_code == 200 and one.json == delivery


def test_an_unknown_delivery_is_404(client):
    response = client.get("/__admin/webhooks/deliveries/999999")
    assert response.status_code == 404 and response.json["error"] == "not_found"


@pytest.mark.parametrize("query", [{"status": "lost"}, {"limit": "0"}, {"limit": "x"}, {"limit": "1001"},
                                   {"limit": "²"}, {"limit": "99999999999999999999"}])
def test_bad_filters_are_422_with_the_admin_body(client, query):
    response = client.get("/__admin/webhooks/deliveries", query_string=query)
    assert response.status_code == 422 and set(response.json) >= {"error", "message"}


def test_limit_keeps_the_newest(app, client):
    skode_hook(client, f"http://127.0.0.1:{closed_port()}/")
    for name in "ABC":
        client.post("/skode/v1/leads", json={"name": name}, headers=SKODE)
    body = client.get("/__admin/webhooks/deliveries", query_string={"limit": 2}).json
    assert body["total"] == 3 and [d["payload"]["data"]["name"] for d in body["data"]] == ["C", "B"]


def test_reset_clears_the_deliveries(app, client):
    skode_hook(client, f"http://127.0.0.1:{closed_port()}/")
    client.post("/skode/v1/leads", json={"name": "A"}, headers=SKODE)
    client.post("/__admin/reset")
    assert client.get("/__admin/webhooks/deliveries").json == {"total": 0, "data": []}
    assert webhooks.drain(app)
    assert client.get("/__admin/webhooks/deliveries").json == {"total": 0, "data": []}


def test_deliveries_need_the_admin_token_when_one_is_set(make_app):
    guarded = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert guarded.get("/__admin/webhooks/deliveries").status_code == 401
    assert guarded.get("/__admin/discko/webhooks/webflow-agency").status_code == 401
    ok = guarded.get("/__admin/webhooks/deliveries", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
