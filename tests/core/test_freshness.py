"""Values kept until the next commit (clock, credentials) follow every commit, from any connection."""

from app import create_app
from tests.conftest import SCALE, SEED

SKODE_KEY = "Bearer sk_live_fresh_key"


def test_a_clock_moved_by_another_process_is_seen_at_once(make_app):
    first = make_app()
    second = create_app({"DATABASE": first.extensions["leadmock.db"].path, "SEED": SEED, "SCALE": SCALE})
    a, b = first.test_client(), second.test_client()
    assert a.get("/__admin/clock").json["frozen"] is False
    b.put("/__admin/clock", json={"now": "2030-01-02T03:04:05Z", "frozen": True})
    assert a.get("/__admin/clock").json["now"] == "2030-01-02T03:04:05Z"
    b.post("/__admin/clock/advance", json={"seconds": 60})
    assert a.get("/__admin/clock").json["now"] == "2030-01-02T03:05:05Z"


def test_a_key_added_or_removed_elsewhere_is_honoured_on_the_next_request(make_app):
    app = make_app()
    client = app.test_client()
    headers = {"Authorization": SKODE_KEY}
    assert client.get("/skode/v1/leads/lead_abc123", headers=headers).status_code == 401
    other = app.extensions["leadmock.db"].__class__(app.extensions["leadmock.db"].path)
    with other.write() as c:
        c.execute("INSERT INTO skode_api_keys (key, workspace_id, plan, label) "
                  "VALUES ('sk_live_fresh_key', 'ws_examplecorp', 'enterprise', 'fresh')")
    assert client.get("/skode/v1/leads/lead_abc123", headers=headers).status_code == 200
    with other.write() as c:
        c.execute("DELETE FROM skode_api_keys WHERE key = 'sk_live_fresh_key'")
    assert client.get("/skode/v1/leads/lead_abc123", headers=headers).status_code == 401


def test_a_reset_brings_back_the_clock_kept_before_it(client):
    client.put("/__admin/clock", json={"now": "2030-01-02T03:04:05Z", "frozen": True})
    assert client.get("/__admin/clock").json["frozen"] is True
    client.post("/__admin/reset")
    assert client.get("/__admin/clock").json["frozen"] is False


def _clock_row(app):
    from app.core import db, freshness
    with app.app_context():
        return freshness.cached("test_clock_row", lambda: db.conn().execute(
            "SELECT frozen_at FROM core_clock WHERE id = 1").fetchone()[0])


def _other_writer(app, sql):
    other = app.extensions["leadmock.db"].__class__(app.extensions["leadmock.db"].path)
    with other.write() as c:
        c.execute(sql)


def test_within_one_request_scope_the_database_is_checked_once(make_app):
    from app.core import freshness
    app = make_app()
    freshness.begin()
    try:
        assert _clock_row(app) is None
        _other_writer(app, "UPDATE core_clock SET frozen_at = '2030-01-01T00:00:00Z'")
        assert _clock_row(app) is None           # the scope's first look stands
        freshness.begin()                       # the next request looks again
        assert _clock_row(app) == "2030-01-01T00:00:00Z"
    finally:
        freshness.end()
    _other_writer(app, "UPDATE core_clock SET frozen_at = NULL")
    assert _clock_row(app) is None              # outside a scope every read checks


def test_a_request_sees_its_own_writes_through_the_cache(make_app):
    from app.core import db, freshness
    app = make_app()
    freshness.begin()
    try:
        assert _clock_row(app) is None
        with app.app_context(), db.write() as c:
            c.execute("UPDATE core_clock SET frozen_at = '2031-01-01T00:00:00Z'")
        assert _clock_row(app) == "2031-01-01T00:00:00Z"
    finally:
        freshness.end()


def test_a_key_removed_between_two_vendor_requests_is_refused_on_the_second(make_app):
    app = make_app()
    client = app.test_client()
    headers = {"Authorization": "Bearer sk_live_your_api_key"}
    assert client.get("/skode/v1/leads/lead_abc123", headers=headers).status_code == 200
    _other_writer(app, "DELETE FROM skode_api_keys WHERE key = 'sk_live_your_api_key'")
    assert client.get("/skode/v1/leads/lead_abc123", headers=headers).status_code == 401
