"""The sandbox clock only takes instants every vendor can represent: years 1970 to 9000.

Before, ``PUT /__admin/clock`` stored a year-999 instant (answering 500) and every vendor then
answered 500, even after a restart; an instant near 9999-12-31 overflowed on Skode's DELETE, the
OAuth authorize page and ``clock/advance``.
"""

import pytest

from app.core import clock

SET_AT = "2026-01-13T10:30:00Z"
DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
SKARBE = {"X-Api-Key": "sk_live_abc123xyz"}


def assert_refused_and_clock_kept(client, response):
    assert response.status_code == 400, response.get_json()
    body = response.get_json()
    assert body["error"] == "bad_request" and "1970-01-01T00:00:00Z" in body["message"]
    assert "9000-12-31T23:59:59Z" in body["message"]
    assert client.get("/__admin/clock").get_json()["now"] == SET_AT


def assert_vendors_answer(client):
    assert client.get("/skode/v1/leads", headers=SKODE).status_code == 200
    assert client.get("/discko/api/v1/leads").get_json()["timestamp"] == SET_AT  # an error body with a timestamp
    created = client.post("/skarbe/api/connect/contacts", headers=SKARBE, json={"firstName": "Clock"})
    assert created.status_code == 200


@pytest.mark.parametrize("now", [
    "0999-06-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
    "9001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00",
])
@pytest.mark.parametrize("frozen", [True, False])
def test_put_clock_outside_1970_to_9000_is_400_and_stores_nothing(client, now, frozen):
    client.put("/__admin/clock", json={"now": SET_AT})
    assert_refused_and_clock_kept(client, client.put("/__admin/clock", json={"now": now, "frozen": frozen}))
    assert_vendors_answer(client)


@pytest.mark.parametrize("now", ["1970-01-01T00:00:00Z", "9000-12-31T23:59:59Z"])
def test_put_clock_at_either_end_of_the_range_is_accepted(client, now):
    response = client.put("/__admin/clock", json={"now": now})
    assert response.status_code == 200 and response.get_json()["now"] == now
    assert client.get("/__admin/clock").get_json()["now"] == now


def test_vendors_work_at_the_last_instant_of_the_range(client):
    client.put("/__admin/clock", json={"now": "9000-12-31T23:59:59Z"})
    assert client.delete("/skode/v1/leads/lead_abc123", headers=SKODE).status_code == 204  # 30-day trash
    authorize = client.get("/skode/oauth/authorize", query_string={
        "response_type": "code", "client_id": "skode_demo_client",
        "redirect_uri": "http://localhost:3000/callback", "state": "s"})
    assert authorize.status_code == 302
    assert client.post("/skarbe/api/connect/contacts", headers=SKARBE, json={"firstName": "Late"}).status_code == 200
    assert client.get("/discko/api/v1/leads").get_json()["timestamp"] == "9000-12-31T23:59:59Z"


@pytest.mark.parametrize("start, seconds", [
    ("9000-12-31T23:59:59Z", 1),
    ("9000-12-31T00:00:00Z", 100 * 365 * 86400),
    ("1970-01-01T00:00:00Z", -1),
    ("1971-01-01T00:00:00Z", -100 * 365 * 86400),
])
def test_advance_past_either_end_of_the_range_is_400_and_keeps_the_clock(client, start, seconds):
    client.put("/__admin/clock", json={"now": start})
    response = client.post("/__admin/clock/advance", json={"seconds": seconds})
    assert response.status_code == 400 and response.get_json()["error"] == "bad_request"
    assert client.get("/__admin/clock").get_json()["now"] == start


def test_advance_of_a_running_clock_past_the_range_is_400_and_keeps_the_offset(client):
    client.put("/__admin/clock", json={"now": "8950-01-01T00:00:00Z", "frozen": False})
    before = client.get("/__admin/clock").get_json()
    response = client.post("/__admin/clock/advance", json={"seconds": 60 * 365 * 86400})
    assert response.status_code == 400
    after = client.get("/__admin/clock").get_json()
    assert after["frozen"] is False and after["now"][:4] == "8950"
    assert abs(after["offset_seconds"] - before["offset_seconds"]) < 60


def test_advance_up_to_the_last_instant_is_accepted(client):
    client.put("/__admin/clock", json={"now": "9000-12-31T23:59:00Z"})
    response = client.post("/__admin/clock/advance", json={"seconds": 59})
    assert response.status_code == 200 and response.get_json()["now"] == "9000-12-31T23:59:59Z"


@pytest.mark.parametrize("raw", [b'{"seconds": NaN}', b'{"seconds": Infinity}', b'{"seconds": 1e400}',
                                 b'{"seconds": 123456789012345678901234567890}'])
def test_advance_with_non_finite_or_huge_seconds_is_refused(client, raw):
    client.put("/__admin/clock", json={"now": SET_AT})
    response = client.post("/__admin/clock/advance", data=raw, content_type="application/json")
    assert response.status_code in (400, 422) and response.is_json
    assert client.get("/__admin/clock").get_json()["now"] == SET_AT


def test_set_time_refuses_an_out_of_range_instant_without_writing(app):
    with app.app_context():
        clock.set_time(clock.parse_iso(SET_AT))
        with pytest.raises(clock.OutOfRange):
            clock.set_time(clock.parse_iso("0999-06-01T00:00:00Z"))
        with pytest.raises(clock.OutOfRange):
            clock.advance(1e12)
        assert clock.state()["now"] == SET_AT
