"""Skode webhooks: endpoints per workspace, lead events delivered, signed and retried on Skode's schedule."""

import hashlib
import hmac
import threading
import time

import orjson
import pytest

from app.core import webhooks
from tests.receiver import closed_port, receiver  # noqa: F401
from tests.vendors.skode.helpers import AUTH, BASE, OTHER, advance, freeze

SECRET = "whsec_test_secret"


def subscribe(client, url, events=("lead.created",), secret=SECRET, headers=AUTH):
    body = {"url": url, "events": list(events)}
    if secret is not None:
        body["secret"] = secret
    response = client.post(f"{BASE}/webhooks", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json["data"]


def deliveries(client, **filters):
    response = client.get("/__admin/webhooks/deliveries", query_string={"vendor": "skode", **filters})
    assert response.status_code == 200, response.json
    return response.json["data"]


def create_lead(client, name="Webhook Lead", headers=AUTH, **fields):
    response = client.post(f"{BASE}/leads", json={"name": name, **fields}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json["data"]


def test_create_webhook_answers_201_with_the_endpoint_and_location(client):
    hook = subscribe(client, "https://example.com/hooks", ["lead.created", "lead.updated", "lead.created"])
    assert hook["id"].startswith("wh_") and hook["url"] == "https://example.com/hooks"
    assert hook["events"] == ["lead.created", "lead.updated"] and hook["secret"] == SECRET
    listed = client.get(f"{BASE}/webhooks", headers=AUTH).json
    assert [h["id"] for h in listed["data"]] == [hook["id"]] and listed["meta"]["total"] == 1
    assert client.get(f"{BASE}/webhooks/{hook['id']}", headers=AUTH).json["data"] == hook


def test_delete_webhook_answers_204_and_it_is_gone(client):
    hook = subscribe(client, "https://example.com/hooks")
    response = client.delete(f"{BASE}/webhooks/{hook['id']}", headers=AUTH)
    assert response.status_code == 204 and response.data == b""
    assert client.get(f"{BASE}/webhooks/{hook['id']}", headers=AUTH).status_code == 404
    assert client.delete(f"{BASE}/webhooks/{hook['id']}", headers=AUTH).json["error"] == "not_found"


@pytest.mark.parametrize("url", ["http://example.com/hooks", "ftp://example.com/x", "not a url", "https://",
                                 "http://localhost.evil.com/x", "https://exa mple.com/"])
def test_a_url_that_is_not_https_or_local_http_is_422(client, url):
    response = client.post(f"{BASE}/webhooks", json={"url": url, "events": ["lead.created"]}, headers=AUTH)
    assert response.status_code == 422
    assert response.json["error"] == "validation_error" and "url" in response.json["details"]


@pytest.mark.parametrize("url", ["http://localhost:3000/hook", "http://127.0.0.1/hook", "https://hooks.example.com"])
def test_https_and_local_http_urls_are_accepted(client, url):
    assert subscribe(client, url)["url"] == url


@pytest.mark.parametrize("events", [["lead.exploded"], [], "lead.created", ["lead.created", 3]])
def test_unknown_or_missing_events_are_422(client, events):
    response = client.post(f"{BASE}/webhooks", json={"url": "https://example.com/h", "events": events}, headers=AUTH)
    assert response.status_code == 422
    assert response.json["error"] == "validation_error" and "events" in response.json["details"]


def test_one_workspace_never_sees_or_deletes_anothers_endpoints(client):
    hook = subscribe(client, "https://example.com/hooks")
    assert client.get(f"{BASE}/webhooks", headers=OTHER).json["data"] == []
    assert client.get(f"{BASE}/webhooks/{hook['id']}", headers=OTHER).status_code == 404
    response = client.delete(f"{BASE}/webhooks/{hook['id']}", headers=OTHER)
    assert response.status_code == 404 and response.json["error"] == "not_found"
    assert client.get(f"{BASE}/webhooks/{hook['id']}", headers=AUTH).status_code == 200


def test_webhook_routes_need_credentials(client):
    assert client.get(f"{BASE}/webhooks").json["error"] == "unauthorized"


def test_lead_created_is_delivered_with_a_signature_that_verifies(app, client, receiver):
    r = receiver()
    subscribe(client, r.url + "/skode")
    lead = create_lead(client)
    assert webhooks.drain(app)
    (request,) = r.requests
    body = request["body"]
    # the receiver example of the Skode docs: hex HMAC-SHA256 of the raw body, compared in constant time
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request["headers"]["X-Skode-Signature"], expected)
    assert request["headers"]["Content-Type"] == "application/json"
    event = orjson.loads(body)
    assert event["id"].startswith("evt_") and event["event"] == "lead.created" and event["data"] == lead
    assert event["created_at"] == lead["created_at"]
    (delivery,) = deliveries(client)
    assert delivery["status"] == "succeeded" and delivery["tenant"] == "ws_examplecorp"


def test_without_a_secret_there_is_no_signature_header(app, client, receiver):
    r = receiver()
    subscribe(client, r.url, secret=None)
    create_lead(client)
    assert webhooks.drain(app)
    assert "X-Skode-Signature" not in r.requests[0]["headers"]


def test_update_delete_and_assign_send_their_events_to_subscribers_only(app, client, receiver):
    everything = receiver()
    only_deletes = receiver()
    subscribe(client, everything.url, ["lead.created", "lead.updated", "lead.deleted", "lead.assigned"])
    subscribe(client, only_deletes.url, ["lead.deleted"])
    lead = create_lead(client)
    client.patch(f"{BASE}/leads/{lead['id']}", json={"status": "qualified"}, headers=AUTH)
    client.patch(f"{BASE}/leads/{lead['id']}", json={"owner_id": "user_def456"}, headers=AUTH)
    client.delete(f"{BASE}/leads/{lead['id']}", headers=AUTH)
    assert webhooks.drain(app)
    events = sorted((e["event"], e["data"]["status"], e["data"]["owner_id"] or "-")
                    for e in map(orjson.loads, (q["body"] for q in everything.requests)))
    assert events == [("lead.assigned", "qualified", "user_def456"), ("lead.created", "new", "-"),
                      ("lead.deleted", "qualified", "user_def456"), ("lead.updated", "qualified", "-"),
                      ("lead.updated", "qualified", "user_def456")]
    assert [orjson.loads(q["body"])["event"] for q in only_deletes.requests] == ["lead.deleted"]


def test_events_of_one_workspace_never_reach_anothers_endpoint(app, client, receiver):
    r = receiver()
    subscribe(client, r.url, headers=OTHER)
    create_lead(client)                  # Example Corp
    assert webhooks.drain(app)
    assert r.requests == [] and deliveries(client, tenant="ws_otherworkspace") == []


def test_a_failing_receiver_is_retried_after_1_5_30_120_minutes_and_24_hours_then_failed(app, client, receiver):
    freeze(client, "2026-03-16T09:00:00Z")
    r = receiver([500] * 6)
    subscribe(client, r.url)
    create_lead(client)
    assert webhooks.drain(app)
    for gap in (60, 300, 1800, 7200, 86400):
        advance(client, gap - 1)
        assert webhooks.drain(app)
        before = len(r.requests)
        advance(client, 1)
        assert webhooks.drain(app)
        assert len(r.requests) == before + 1
    (delivery,) = deliveries(client)
    assert delivery["status"] == "failed" and delivery["next_attempt_at"] is None
    assert [a["at"] for a in delivery["attempts"]] == [
        "2026-03-16T09:00:00Z", "2026-03-16T09:01:00Z", "2026-03-16T09:06:00Z", "2026-03-16T09:36:00Z",
        "2026-03-16T11:36:00Z", "2026-03-17T11:36:00Z"]
    assert {a["response_status"] for a in delivery["attempts"]} == {500}
    advance(client, 10 * 86400)
    assert webhooks.drain(app) and len(r.requests) == 6


def test_a_receiver_that_recovers_gets_the_same_event_again(app, client, receiver):
    freeze(client, "2026-03-16T09:00:00Z")
    r = receiver([503, 404])          # Skode retries any answer outside 2xx
    subscribe(client, r.url)
    create_lead(client)
    assert webhooks.drain(app)
    advance(client, 60)
    assert webhooks.drain(app)
    advance(client, 300)
    assert webhooks.drain(app)
    assert len({q["body"] for q in r.requests}) == 1 and len(r.requests) == 3
    (delivery,) = deliveries(client)
    assert delivery["status"] == "succeeded" and [a["response_status"] for a in delivery["attempts"]] == [503, 404, 200]


def test_a_redirect_is_not_followed_and_is_retried(app, client, receiver):
    freeze(client, "2026-03-16T09:00:00Z")
    target = receiver()
    r = receiver([(302, {"Location": target.url})])
    subscribe(client, r.url)
    create_lead(client)
    assert webhooks.drain(app)
    (delivery,) = deliveries(client)
    assert target.requests == [] and delivery["status"] == "pending"
    assert delivery["attempts"][0]["response_status"] == 302


def test_an_unreachable_receiver_never_fails_the_lead_request(app, client):
    subscribe(client, f"http://127.0.0.1:{closed_port()}/hook")
    lead = create_lead(client)
    assert client.get(f"{BASE}/leads/{lead['id']}", headers=AUTH).status_code == 200
    assert webhooks.drain(app)
    (delivery,) = deliveries(client)
    assert delivery["attempts"][0]["error"] == "connection refused" and delivery["status"] == "pending"


def test_a_refused_lead_write_sends_nothing(app, client, receiver):
    r = receiver()
    subscribe(client, r.url)
    response = client.post(f"{BASE}/leads", json={"name": "X", "owner_id": "user_nobody"}, headers=AUTH)
    assert response.status_code == 422
    assert webhooks.drain(app) and r.requests == [] and deliveries(client) == []


def test_reset_clears_endpoints_and_deliveries(app, client):
    subscribe(client, f"http://127.0.0.1:{closed_port()}/hook")
    create_lead(client)
    assert client.post("/__admin/reset").status_code == 200
    assert client.get(f"{BASE}/webhooks", headers=AUTH).json["data"] == []
    assert deliveries(client) == []


def test_deleting_an_endpoint_cancels_its_retries(app, client, receiver):
    freeze(client, "2026-03-16T09:00:00Z")
    r = receiver([500] * 6)
    endpoint = subscribe(client, r.url)
    kept = subscribe(client, r.url + "?kept=1")
    create_lead(client)
    assert webhooks.drain(app) and len(r.requests) == 2
    assert client.delete(f"{BASE}/webhooks/{endpoint['id']}", headers=AUTH).status_code == 204
    advance(client, 60)
    assert webhooks.drain(app)
    assert len(r.requests) == 3             # only the endpoint still subscribed is retried
    by_endpoint = {d["endpoint"]: d for d in deliveries(client)}
    assert by_endpoint[endpoint["id"]]["status"] == "cancelled"
    assert by_endpoint[endpoint["id"]]["next_attempt_at"] is None
    assert len(by_endpoint[endpoint["id"]]["attempts"]) == 1
    assert by_endpoint[kept["id"]]["status"] == "pending"
    assert [d["endpoint"] for d in deliveries(client, status="cancelled")] == [endpoint["id"]]


def test_a_delivery_in_flight_when_its_endpoint_is_deleted_is_recorded_and_not_retried(app, client, receiver):
    freeze(client, "2026-03-16T09:00:00Z")
    r = receiver([500] * 6)
    r.gate = threading.Event()
    endpoint = subscribe(client, r.url)
    create_lead(client)
    deadline = time.monotonic() + 5
    while not r.requests and time.monotonic() < deadline:      # the first attempt is in flight, held
        time.sleep(0.01)
    assert client.delete(f"{BASE}/webhooks/{endpoint['id']}", headers=AUTH).status_code == 204
    r.gate.set()
    assert webhooks.drain(app)
    advance(client, 3600)
    assert webhooks.drain(app) and len(r.requests) == 1
    (delivery,) = deliveries(client)
    assert delivery["status"] == "cancelled" and [a["response_status"] for a in delivery["attempts"]] == [500]
