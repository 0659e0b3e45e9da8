"""Skode rate limits: fixed 60-second windows per key on the sandbox clock."""

from app import create_app
from tests.conftest import SCALE, SEED
from tests.vendors.skode.helpers import (AUTH, BASE, CLIENT_ID, CLIENT_SECRET, FREE, FROZEN_WINDOW_END, OTHER, advance,
                                         freeze)


def rate(response):
    return tuple(int(response.headers[f"X-RateLimit-{name}"]) for name in ("Limit", "Remaining", "Reset"))


def test_free_plan_throttling_sequence(client):
    freeze(client)   # 5 s into a window: 55 s left
    for number in range(1, 101):
        response = client.get(f"{BASE}/leads?per_page=1", headers=FREE)
        assert response.status_code == 200, number
        assert rate(response) == (100, 100 - number, FROZEN_WINDOW_END)
    over = client.get(f"{BASE}/leads?per_page=1", headers=FREE)
    assert over.status_code == 429
    assert over.json["error"] == "rate_limit_exceeded" and over.json["message"]
    assert over.headers["Retry-After"] == "55"
    assert rate(over) == (100, 0, FROZEN_WINDOW_END)

    advance(client, 60)
    again = client.get(f"{BASE}/leads?per_page=1", headers=FREE)
    assert again.status_code == 200
    assert rate(again) == (100, 99, FROZEN_WINDOW_END + 60)


def test_retry_after_counts_down_with_the_clock(client):
    freeze(client)
    for _ in range(101):
        client.get(f"{BASE}/leads/lead_abc123", headers=FREE)
    advance(client, 40)
    response = client.get(f"{BASE}/leads/lead_abc123", headers=FREE)
    assert response.status_code == 429 and response.headers["Retry-After"] == "15"


def test_limits_follow_the_plan(client):
    assert rate(client.get(f"{BASE}/leads", headers=AUTH))[0] == 10_000
    assert rate(client.get(f"{BASE}/leads", headers=OTHER))[0] == 1_000
    assert rate(client.get(f"{BASE}/leads", headers=FREE))[0] == 100


def test_limits_are_per_key(client):
    freeze(client)
    for _ in range(101):
        client.get(f"{BASE}/leads/lead_abc123", headers=FREE)
    assert client.get(f"{BASE}/leads/lead_abc123", headers=FREE).status_code == 429
    same_workspace = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert same_workspace.status_code == 200 and rate(same_workspace)[1] == 9_999


def test_error_responses_carry_rate_limit_headers(client):
    freeze(client)
    responses = [
        client.get(f"{BASE}/leads/lead_nope", headers=FREE),                      # 404
        client.get(f"{BASE}/leads?per_page=101", headers=FREE),                   # 422
        client.post(f"{BASE}/leads", headers=FREE, data="{bad json"),             # 400
        client.delete(f"{BASE}/leads/lead_abc123", headers=FREE),                 # 204
    ]
    assert [r.status_code for r in responses] == [404, 422, 400, 204]
    assert [rate(r)[1] for r in responses] == [99, 98, 97, 96]


def test_unauthenticated_requests_count_per_client_ip_but_always_answer_401(client):
    freeze(client)
    for number in range(1, 101):
        response = client.get(f"{BASE}/leads", headers={"Authorization": f"Bearer wrong_{number}"})
        assert response.status_code == 401
        assert rate(response) == (100, 100 - number, FROZEN_WINDOW_END)
    response = client.get(f"{BASE}/leads")
    assert response.status_code == 401 and response.json["error"] == "unauthorized"
    assert rate(response) == (100, 0, FROZEN_WINDOW_END) and "Retry-After" not in response.headers
    assert client.get(f"{BASE}/leads", headers=FREE).status_code == 200   # keys have their own windows


def test_cors_preflight_is_neither_authenticated_nor_counted(client):
    freeze(client)
    preflight = client.options(f"{BASE}/leads", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:3000")
    response = client.get(f"{BASE}/leads", headers={**FREE, "Origin": "http://localhost:3000"})
    assert rate(response)[1] == 99
    assert "X-RateLimit-Remaining" in response.headers["Access-Control-Expose-Headers"]


def test_token_endpoint_is_not_rate_limited(client):
    response = client.post(f"{BASE}/oauth/token", json={"grant_type": "refresh_token", "refresh_token": "x",
                                                        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    assert response.status_code == 400
    assert "X-RateLimit-Limit" not in response.headers


def test_counters_are_shared_between_processes_on_one_database(make_app):
    first = make_app()
    second = create_app({"DATABASE": first.extensions["leadmock.db"].path, "SEED": SEED, "SCALE": SCALE})
    a, b = first.test_client(), second.test_client()
    freeze(a)
    remaining = [rate((a if n % 2 else b).get(f"{BASE}/leads/lead_abc123", headers=FREE))[1] for n in range(6)]
    assert remaining == [99, 98, 97, 96, 95, 94]


def test_reset_starts_every_window_again(client):
    freeze(client)
    for _ in range(3):
        client.get(f"{BASE}/leads/lead_abc123", headers=FREE)
    assert client.post("/__admin/reset").status_code == 200
    freeze(client)
    assert rate(client.get(f"{BASE}/leads/lead_abc123", headers=FREE))[1] == 99


def test_counters_are_kept_off_the_main_database_and_shared_by_apps_on_it(make_app):
    first = make_app()
    path = first.extensions["leadmock.db"].path
    second = create_app({"DATABASE": path, "SEED": SEED, "SCALE": SCALE})
    freeze(first.test_client())
    before = first.extensions["leadmock.db"].conn().execute("SELECT count(*) FROM skode_rate_windows").fetchone()[0]
    for n in range(50):
        (first if n % 2 else second).test_client().get(f"{BASE}/leads/lead_abc123", headers=FREE)
    windows = first.extensions["leadmock.db"].conn().execute("SELECT count(*) FROM skode_rate_windows").fetchone()[0]
    assert windows - before == 1     # one window opened, not one row write per request
    assert rate(second.test_client().get(f"{BASE}/leads/lead_abc123", headers=FREE))[1] == 49
