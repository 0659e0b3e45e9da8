"""The generic delivery core: enqueue in the caller's transaction, send, retry on the sandbox clock."""

from datetime import datetime, timezone

import orjson
import pytest

from app.core import clock, db, webhooks
from tests.receiver import Receiver, closed_port, receiver  # noqa: F401

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
RULES = webhooks.policy([10, 20], retry_statuses=[500, 503])


def enqueue(app, url, rules=RULES, event="thing.happened", tenant="t1", body=b'{"x": 1}'):
    with app.test_request_context():
        with db.write():
            return webhooks.enqueue("testvendor", tenant, event, url, body, {"Content-Type": "application/json",
                                                                          "X-Test": "yes"}, rules)


def shown(app, **filters):
    with app.app_context():
        return webhooks.deliveries(**filters)["data"]


def advance(app, seconds):
    with app.app_context():
        clock.advance(seconds)


@pytest.fixture
def frozen(app):
    with app.app_context():
        clock.set_time(T0)


def test_a_delivery_posts_the_body_and_headers_and_succeeds(app, receiver):
    r = receiver()
    enqueue(app, r.url + "/hook?x=1")
    assert webhooks.drain(app)
    assert r.requests[0]["method"] == "POST" and r.requests[0]["path"] == "/hook?x=1"
    assert r.requests[0]["body"] == b'{"x": 1}' and r.requests[0]["headers"]["X-Test"] == "yes"
    (delivery,) = shown(app)
    assert delivery["status"] == "succeeded" and delivery["payload"] == {"x": 1}
    assert [a["response_status"] for a in delivery["attempts"]] == [200]


def test_retries_fall_due_on_the_sandbox_clock(app, receiver, frozen):
    r = receiver([500, 503])
    enqueue(app, r.url)
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "pending" and delivery["next_attempt_at"] == "2026-03-01T12:00:10Z"
    advance(app, 9)
    assert webhooks.drain(app) and len(r.requests) == 1
    advance(app, 1)
    assert webhooks.drain(app) and len(r.requests) == 2
    assert shown(app)[0]["next_attempt_at"] == "2026-03-01T12:00:30Z"
    advance(app, 20)
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "succeeded"
    assert [(a["at"], a["response_status"], a["next_attempt_at"]) for a in delivery["attempts"]] == [
        ("2026-03-01T12:00:00Z", 500, "2026-03-01T12:00:10Z"),
        ("2026-03-01T12:00:10Z", 503, "2026-03-01T12:00:30Z"),
        ("2026-03-01T12:00:30Z", 200, None)]


def test_a_delivery_fails_after_the_last_retry(app, receiver, frozen):
    r = receiver([500, 500, 500, 500])
    enqueue(app, r.url)
    for _ in range(3):
        assert webhooks.drain(app)
        advance(app, 60)
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "failed" and delivery["attempts_made"] == 3 and delivery["next_attempt_at"] is None
    assert len(r.requests) == 3


def test_a_status_the_policy_does_not_retry_fails_at_once(app, receiver, frozen):
    r = receiver([404])
    enqueue(app, r.url)
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "failed" and [a["response_status"] for a in delivery["attempts"]] == [404]


def test_a_refused_connection_is_a_failed_attempt_and_retried(app, frozen):
    enqueue(app, f"http://127.0.0.1:{closed_port()}/hook")
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "pending" and delivery["attempts"][0]["error"] == "connection refused"
    assert delivery["attempts"][0]["response_status"] is None


def test_a_host_outside_the_allowed_hosts_is_never_contacted(app, frozen):
    enqueue(app, "https://example.invalid/hook", rules=webhooks.policy([]))
    assert webhooks.drain(app)
    (delivery,) = shown(app)
    assert delivery["status"] == "failed" and "LEADMOCK_WEBHOOK_HOSTS" in delivery["attempts"][0]["error"]


def test_redirects_are_followed_only_when_the_policy_says_so(app, receiver):
    target = receiver()
    follows = receiver([(307, {"Location": target.url + "/moved"})])
    enqueue(app, follows.url, rules=webhooks.policy([], follow_redirects=True))
    stays = receiver([(307, {"Location": target.url + "/moved"})])
    enqueue(app, stays.url, rules=webhooks.policy([]))
    assert webhooks.drain(app)
    assert target.requests[0]["method"] == "POST" and target.requests[0]["body"] == b'{"x": 1}'
    stayed, followed = shown(app)
    assert followed["status"] == "succeeded" and followed["attempts"][0]["url"] == target.url + "/moved"
    assert stayed["status"] == "failed" and stayed["attempts"][0]["response_status"] == 307
    assert len(target.requests) == 1


def test_a_delivery_rolls_back_with_the_transaction_that_enqueued_it(app):
    with app.test_request_context():
        with pytest.raises(RuntimeError):
            with db.write():
                webhooks.enqueue("testvendor", "t1", "thing.happened", "http://127.0.0.1:9/", b"{}")
                raise RuntimeError("the request failed")
    assert shown(app) == []


def test_deliveries_filter_by_vendor_tenant_event_and_status_newest_first(app, frozen):
    port = closed_port()
    first = enqueue(app, f"http://127.0.0.1:{port}/", tenant="a", event="one")
    second = enqueue(app, f"http://127.0.0.1:{port}/", tenant="b", event="two")
    assert [d["id"] for d in shown(app)] == [second, first]
    assert [d["id"] for d in shown(app, tenant="a")] == [first]
    assert [d["id"] for d in shown(app, event="two", vendor="testvendor")] == [second]
    assert shown(app, vendor="other") == []


@pytest.fixture
def idle(make_app):
    """An app whose dispatcher never started: deliveries enqueued outside a request wait for a claim."""
    other = make_app()
    previous = db._default
    db.use(other.extensions["leadmock.db"])
    clock.set_time(T0)
    with db.write():
        webhooks.enqueue("testvendor", "t1", "thing.happened", f"http://127.0.0.1:{closed_port()}/", b"{}")
    yield other
    db.use(previous)


def test_an_attempt_in_flight_during_a_reset_writes_nothing(idle):
    with idle.app_context():
        (row,) = webhooks._claim(1, 60)        # claimed as the dispatcher would, then the sandbox is reset
        idle.extensions["leadmock.db"].restore_snapshot(db.PRISTINE)
        assert webhooks.attempt(row) is None
        assert db.conn().execute(f"SELECT count(*) FROM {webhooks.ATTEMPTS}").fetchone()[0] == 0
        assert webhooks.deliveries()["data"] == []


def test_a_claimed_delivery_is_claimed_once(idle):
    with idle.app_context():
        assert len(webhooks._claim(5, 60)) == 1
        assert webhooks._claim(5, 60) == []
        assert webhooks.deliveries()["data"][0]["status"] == "sending"


def test_the_stored_headers_and_policy_are_shown(app, frozen):
    enqueue(app, f"http://127.0.0.1:{closed_port()}/")
    (delivery,) = shown(app)
    assert delivery["headers"]["X-Test"] == "yes" and delivery["max_attempts"] == 3
    assert orjson.loads(orjson.dumps(delivery["policy"]))["retry_statuses"] == [500, 503]
