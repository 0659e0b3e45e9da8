"""core.clock: ``now()`` is read once per request; moving the clock is seen by the next one."""

import threading

from app.core import clock

FROZEN = "2026-03-16T09:00:00Z"
MOVED = "2030-01-01T00:00:00Z"
DISCKO_LEADS = "/discko/api/v1/leads"


def set_from_another_connection(app, iso):
    """Freeze the clock at ``iso`` from another thread (its own connection, no request)."""
    def run():
        with app.app_context():
            clock.set_time(clock.parse_iso(iso))
        app.extensions["leadmock.db"].close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def test_two_reads_in_one_request_are_equal_though_another_connection_moved_the_clock(app):
    set_from_another_connection(app, FROZEN)
    with app.test_request_context("/"):
        first = clock.now()
        set_from_another_connection(app, MOVED)
        assert clock.now() == first == clock.parse_iso(FROZEN)
    with app.app_context():
        assert clock.now() == clock.parse_iso(MOVED)       # outside a request: read every time


def test_moving_the_clock_inside_a_request_is_seen_by_that_request(app):
    with app.test_request_context("/"):
        clock.set_time(clock.parse_iso(FROZEN))
        assert clock.now() == clock.parse_iso(FROZEN)
        clock.advance(60)
        assert clock.iso(clock.now()) == "2026-03-16T09:01:00Z"
        clock.reset()
        assert clock.now() != clock.parse_iso("2026-03-16T09:01:00Z")   # real time again


def test_the_control_planes_advance_is_visible_to_the_next_request(client):
    client.put("/__admin/clock", json={"now": FROZEN})
    assert client.get(DISCKO_LEADS).get_json()["timestamp"] == FROZEN
    client.post("/__admin/clock/advance", json={"seconds": 90})
    assert client.get(DISCKO_LEADS).get_json()["timestamp"] == "2026-03-16T09:01:30Z"
