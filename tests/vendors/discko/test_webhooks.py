"""Discko's webhook: URL per organization (admin), `test` and `lead.unlocked`, Discko's retry rules."""

import orjson
import pytest

from app.core import webhooks
from tests.receiver import closed_port, receiver  # noqa: F401
from tests.vendors.discko.conftest import BASE, CREATIVE, WEBFLOW

ADMIN = "/__admin/discko"
WEBFLOW_ID = "550e8400-e29b-41d4-a716-446655440000"


def set_url(client, url, org="webflow-agency"):
    response = client.put(f"{ADMIN}/webhooks/{org}", json={"url": url})
    assert response.status_code == 200, response.json
    return response.json


def deliveries(client, **filters):
    response = client.get("/__admin/webhooks/deliveries", query_string={"vendor": "discko", **filters})
    assert response.status_code == 200, response.json
    return response.json["data"]


def freeze(client):
    assert client.put("/__admin/clock", json={"now": "2026-02-01T10:00:00Z"}).status_code == 200


def advance(client, seconds):
    assert client.post("/__admin/clock/advance", json={"seconds": seconds}).status_code == 200


def test_the_webhook_url_is_set_read_and_removed_by_id_or_slug(client):
    shown = set_url(client, "https://hooks.example.com/discko", org=WEBFLOW_ID)
    assert shown["url"] == "https://hooks.example.com/discko" and shown["organizationId"] == WEBFLOW_ID
    assert client.get(f"{ADMIN}/webhooks/webflow-agency").json["url"] == "https://hooks.example.com/discko"
    assert client.get(f"{ADMIN}/webhooks/creative-minds").json["url"] is None
    assert client.delete(f"{ADMIN}/webhooks/webflow-agency").json["url"] is None
    assert client.get(f"{ADMIN}/webhooks/webflow-agency").json["url"] is None


@pytest.mark.parametrize("body", [{"url": "ftp://example.com"}, {"url": "not a url"}, {"url": 3}, {}, [1]])
def test_a_bad_url_is_422_with_the_admin_body(client, body):
    response = client.put(f"{ADMIN}/webhooks/webflow-agency", json=body)
    assert response.status_code == 422
    assert response.json["error"] == "validation_error" and set(response.json) >= {"error", "message"}


def test_an_unknown_organization_is_404(client):
    response = client.put(f"{ADMIN}/webhooks/nobody", json={"url": "https://example.com"})
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_the_test_event_is_delivered_as_documented(app, client, receiver):
    r = receiver()
    set_url(client, r.url + "/discko")
    response = client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert response.status_code == 202 and response.json["event"] == "test"
    assert webhooks.drain(app)
    (request,) = r.requests
    assert request["method"] == "POST" and request["path"] == "/discko"
    assert "X-Skode-Signature" not in request["headers"] and request["headers"]["Content-Type"] == "application/json"
    payload = orjson.loads(request["body"])
    assert list(payload) == ["date", "event", "data"] and payload["event"] == "test"
    assert payload["data"]["organizationId"] == WEBFLOW_ID
    assert deliveries(client)[0]["status"] == "succeeded"


def test_the_test_event_without_a_url_is_409(client):
    response = client.post(f"{ADMIN}/webhooks/creative-minds/test")
    assert response.status_code == 409 and response.json["error"] == "conflict"


def test_unlocking_a_lead_sends_lead_unlocked_with_the_full_lead(app, client, receiver):
    r = receiver()
    set_url(client, r.url)
    assert client.get(f"{BASE}/leads/req_locked001", headers=WEBFLOW).status_code == 403
    response = client.post(f"{ADMIN}/leads/req_locked001/unlock")
    assert response.status_code == 200 and response.json["lead"]["locked"] is False
    assert webhooks.drain(app)
    payload = r.json(0)
    assert payload["event"] == "lead.unlocked" and payload["data"]["id"] == "req_locked001"
    lead = client.get(f"{BASE}/leads/req_locked001", headers=WEBFLOW)
    assert lead.status_code == 200 and payload["data"] == lead.json["data"]


def test_unlocking_without_a_url_unlocks_and_sends_nothing(client):
    response = client.post(f"{ADMIN}/leads/req_locked001/unlock")
    assert response.status_code == 200 and response.json["delivery_id"] is None
    assert deliveries(client) == []


def test_unlocking_a_lead_that_is_not_locked_is_409_and_an_unknown_one_404(client):
    assert client.post(f"{ADMIN}/leads/req_abc123/unlock").status_code == 409
    assert client.post(f"{ADMIN}/leads/req_nope/unlock").json["error"] == "not_found"


def test_the_lead_stays_locked_for_the_other_organization_url(app, client, receiver):
    r = receiver()
    set_url(client, r.url, org="creative-minds")
    client.post(f"{ADMIN}/leads/req_locked001/unlock")         # a WebFlow Agency lead
    assert webhooks.drain(app) and r.requests == []
    assert deliveries(client, tenant="8f14e45f-ceea-467a-9575-5cb7b3c3c1d2") == []
    assert client.get(f"{BASE}/leads/req_locked001", headers=CREATIVE).status_code == 404


def test_retryable_statuses_are_retried_after_1_2_4_up_to_128_seconds(app, client, receiver):
    freeze(client)
    r = receiver([500, 502, 503, 504, 408, 413, 429, 500, 500])
    set_url(client, r.url)
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert webhooks.drain(app)
    for delay in (1, 2, 4, 8, 16, 32, 64, 128):
        if delay > 1:
            advance(client, delay - 1)
            assert webhooks.drain(app)
        before = len(r.requests)
        advance(client, 1)
        assert webhooks.drain(app)
        assert len(r.requests) == before + 1
    (delivery,) = deliveries(client)
    assert delivery["status"] == "failed" and delivery["attempts_made"] == 9
    assert [a["response_status"] for a in delivery["attempts"]] == [500, 502, 503, 504, 408, 413, 429, 500, 500]
    assert delivery["attempts"][-1]["at"] == "2026-02-01T10:04:15Z"        # 1 + 2 + ... + 128 = 255 s


def test_a_receiver_that_recovers_succeeds_on_the_retry(app, client, receiver):
    freeze(client)
    r = receiver([503])
    set_url(client, r.url)
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert webhooks.drain(app)
    advance(client, 1)
    assert webhooks.drain(app)
    (delivery,) = deliveries(client)
    assert delivery["status"] == "succeeded" and [a["response_status"] for a in delivery["attempts"]] == [503, 200]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 501])
def test_other_error_answers_are_not_retried(app, client, receiver, status):
    freeze(client)
    r = receiver([status])
    set_url(client, r.url)
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert webhooks.drain(app)
    advance(client, 600)
    assert webhooks.drain(app)
    (delivery,) = deliveries(client)
    assert delivery["status"] == "failed" and len(r.requests) == 1


def test_redirects_are_followed(app, client, receiver):
    target = receiver()
    r = receiver([(308, {"Location": target.url + "/final"})])
    set_url(client, r.url)
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert webhooks.drain(app)
    assert target.requests[0]["path"] == "/final" and orjson.loads(target.requests[0]["body"])["event"] == "test"
    assert deliveries(client)[0]["status"] == "succeeded"


def test_a_refused_connection_is_retried(app, client):
    freeze(client)
    set_url(client, f"http://127.0.0.1:{closed_port()}/")
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert webhooks.drain(app)
    (delivery,) = deliveries(client)
    assert delivery["status"] == "pending" and delivery["next_attempt_at"] == "2026-02-01T10:00:01Z"


def test_reset_clears_the_url_and_the_deliveries(client):
    set_url(client, f"http://127.0.0.1:{closed_port()}/")
    client.post(f"{ADMIN}/webhooks/webflow-agency/test")
    assert client.post("/__admin/reset").status_code == 200
    assert deliveries(client) == [] and client.get(f"{ADMIN}/webhooks/webflow-agency").json["url"] is None


def test_removing_the_url_cancels_the_retries_still_due(app, client, receiver):
    freeze(client)
    r = receiver([503] * 9)
    set_url(client, r.url)
    assert client.post(f"{ADMIN}/webhooks/webflow-agency/test").status_code in (200, 202)
    assert webhooks.drain(app) and len(r.requests) == 1
    client.delete(f"{ADMIN}/webhooks/webflow-agency")
    advance(client, 3600)
    assert webhooks.drain(app) and len(r.requests) == 1
    (delivery,) = deliveries(client)
    assert delivery["status"] == "cancelled" and delivery["next_attempt_at"] is None
