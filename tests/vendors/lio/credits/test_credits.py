"""Credits: balances, the price list, and spending through meeting summaries."""

import json
import threading
import urllib.error
import urllib.request

from tests.vendors.lio.conftest import V1, error_of


def test_credits_shows_the_seeded_balances_per_org(lio):
    assert lio.data(lio.get("/credits"))["balance"] == 1000
    globex = lio.data(lio.get("/credits", as_="globex", prefix=V1))
    assert globex["balance"] == 20 and globex["spent"] == 0 and globex["organization_id"] == "org_globex"


def test_ai_features_lists_prices_under_both_prefixes(lio):
    for prefix in ("/lio/api", V1):
        features = {f["feature"]: f["credits"] for f in lio.data(lio.get("/credits/ai-features", prefix=prefix))}
        assert {"magicpen", "email_generator", "ai_email_draft", "ai_email_bulk", "meeting_summary",
                "ai_dashboard"} <= set(features)
        assert all(price > 0 for price in features.values())


def test_credits_routes_need_a_token(lio):
    error_of(lio.get("/credits", as_=None), 401, "unauthorized")
    error_of(lio.get("/credits/ai-features", as_=None), 401, "unauthorized")


def _globex_held_meeting(lio):
    meetings = lio.data(lio.get("/meeting/list?status=3", as_="globex"))
    return meetings[0]["id"]


def test_summaries_spend_credits_until_insufficient_and_never_go_negative(lio):
    meeting_id = _globex_held_meeting(lio)
    spent = 0
    for _ in range(4):                                   # 4 x 5 = 20
        out = lio.data(lio.post(f"/meeting/{meeting_id}/generate-summary", as_="globex", json={}))
        spent += out["credits_spent"]
        assert out["credits_balance"] == 20 - spent
    error_of(lio.post(f"/meeting/{meeting_id}/generate-summary", as_="globex", json={}), 403, "insufficient_credits")
    credits = lio.data(lio.get("/credits", as_="globex"))
    assert credits["balance"] == 0 and credits["spent"] == 20
    assert [t["feature"] for t in credits["recent_transactions"]] == ["meeting_summary"] * 4
    assert lio.data(lio.get("/credits"))["balance"] == 1000        # Acme untouched


def test_insufficient_credits_stores_no_summary(lio):
    meeting_id = _globex_held_meeting(lio)
    lio.data(lio.post(f"/meeting/{meeting_id}/generate-summary", as_="globex", json={"detail": "detailed"}))
    lio.data(lio.post(f"/meeting/{meeting_id}/generate-summary", as_="globex", json={"detail": "brief"}))
    before = lio.data(lio.get(f"/meeting/view/{meeting_id}", as_="globex"))["summary"]
    error_of(lio.post(f"/meeting/{meeting_id}/generate-summary", as_="globex", json={"detail": "detailed"}),
             403, "insufficient_credits")
    assert lio.data(lio.get("/credits", as_="globex"))["balance"] == 5
    assert lio.data(lio.get(f"/meeting/view/{meeting_id}", as_="globex"))["summary"] == before


def _call(method, url, token, body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_concurrent_summaries_against_a_live_server_never_overspend(live_server, make_app, lio_tokens):
    base, token = live_server(make_app()) + "/lio/api", lio_tokens["globex"]
    meeting_id = _call("GET", f"{base}/meeting/list?status=3", token)[1]["data"][0]["id"]
    statuses = []

    def call():
        statuses.append(_call("POST", f"{base}/meeting/{meeting_id}/generate-summary", token, {})[0])

    threads = [threading.Thread(target=call) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] * 4 + [403] * 6
    credits = _call("GET", f"{base}/credits", token)[1]["data"]
    assert credits["balance"] == 0 and credits["spent"] == 20
