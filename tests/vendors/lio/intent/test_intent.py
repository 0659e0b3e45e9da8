"""Intent signals, alerts, hot leads and the public tracking pixel and click."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

LEAD = 80001


def globex_lead(lio):
    return lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]


def notifications(app, since_id=0):
    with app.app_context():
        from app.core import db
        return [tuple(r) for r in db.conn().execute(
            "SELECT type, user_id, org_id FROM lio_notifications WHERE id > ? ORDER BY id", (since_id,))]


@pytest.mark.parametrize("path,prefix", [("/intent-alert/signal", API), ("/intent-alert/signal", V1),
                                         ("/intent-signal", V1), ("/intent-signal", API)])
def test_signal_is_logged_under_both_paths_and_prefixes(lio, path, prefix):
    data = lio.data(lio.post(path, prefix=prefix, json={"lead_id": LEAD, "signal_type": "form_submitted",
                                                        "signal_detail": {"form": "contact"}, "source": "web"}), 201)
    assert data["lead_id"] == LEAD and data["signal_type"] == "form_submitted" and data["weight"] == 15
    assert data["signal_detail"] == {"form": "contact"} and data["alert"] is None


def test_alert_signal_raises_alert_and_notifies_assignee(lio, app):
    lead = lio.data(lio.get(f"/lead/view/{LEAD}"))
    before = len(notifications(app))
    data = lio.data(lio.post("/intent-signal", prefix=V1, json={"lead_id": LEAD, "signal_type": "demo_requested",
                                                                "occurred_at": "2026-06-14T10:00:00Z"}), 201)
    assert data["occurred_at"] == "2026-06-14T10:00:00.000Z"
    alert = data["alert"]
    assert alert["signal_type"] == "demo_requested" and alert["assigned_to_id"] == lead["assigned_to"]
    assert notifications(app)[before:] == [("hot_lead", lead["assigned_to"], "org_acme")]
    listed = lio.data(lio.get(f"/intent-alert/list?lead_id={LEAD}"))
    assert alert["id"] in [a["id"] for a in listed]


@pytest.mark.parametrize("body,field", [
    ({"lead_id": LEAD, "signal_type": "telepathy"}, "signal_type"),
    ({"signal_type": "manual"}, "lead_id"),
    ({"lead_id": "x", "signal_type": "manual"}, "lead_id"),
    ({"lead_id": 2**60, "signal_type": "manual"}, "lead_id"),
    ({"lead_id": LEAD, "signal_type": "manual", "signal_detail": "text"}, "signal_detail"),
    ({"lead_id": LEAD, "signal_type": "manual", "occurred_at": "0001-01-01T00:00:00Z"}, "occurred_at"),
])
def test_signal_validation_is_422(lio, body, field):
    error = error_of(lio.post("/intent-signal", prefix=V1, json=body), 422, "validation_error")
    assert field in str(error)


def test_signal_on_other_orgs_lead_is_422_naming_lead_id(lio):
    error = error_of(lio.post("/intent-signal", prefix=V1, json={"lead_id": globex_lead(lio), "signal_type": "manual"}),
                     422, "validation_error")
    assert "lead_id" in str(error)


@pytest.mark.parametrize("method,path,prefix", [
    ("POST", "/intent-signal", V1), ("POST", "/intent-alert/signal", API), ("GET", "/intent-alert/list", API),
    ("GET", f"/intent-alert/lead/{LEAD}", API), ("POST", "/intent-alert/acknowledge/1", API),
    ("GET", "/intent-alert/hot-leads", API)])
def test_intent_routes_need_a_token(lio, method, path, prefix):
    assert lio.call(method, path, as_=None, prefix=prefix, json={}).status_code == 401


def test_alerts_are_isolated_and_acknowledged(lio):
    alert = lio.data(lio.post("/intent-signal", prefix=V1,
                              json={"lead_id": LEAD, "signal_type": "pricing_page_visit"}), 201)["alert"]
    assert lio.data(lio.get("/intent-alert/list", as_="globex")) == [] or all(
        a["id"] != alert["id"] for a in lio.data(lio.get("/intent-alert/list", as_="globex")))
    error_of(lio.post(f"/intent-alert/acknowledge/{alert['id']}", as_="globex"), 404, "not_found")
    error_of(lio.get(f"/intent-alert/lead/{LEAD}", as_="globex"), 404, "not_found")
    done = lio.data(lio.post(f"/intent-alert/acknowledge/{alert['id']}", prefix=V1))
    assert done["is_acknowledged"] is True and done["acknowledged_by"] == 142
    again = lio.data(lio.post(f"/intent-alert/acknowledge/{alert['id']}", as_="rep"))
    assert again["acknowledged_at"] == done["acknowledged_at"] and again["acknowledged_by"] == 142
    error_of(lio.post("/intent-alert/acknowledge/999999999"), 404, "not_found")
    unacked = lio.data(lio.get(f"/intent-alert/list?lead_id={LEAD}&is_acknowledged=false"))
    assert alert["id"] not in [a["id"] for a in unacked]


def test_lead_alerts_page_and_list_filters(lio):
    for kind in ("demo_requested", "reply_received", "manual"):
        lio.post("/intent-signal", prefix=V1, json={"lead_id": LEAD, "signal_type": kind})
    body = lio.get(f"/intent-alert/lead/{LEAD}?limit=1&page=1").get_json()
    assert body["success"] and len(body["data"]) == 1 and body["total"] >= 2
    assert lio.data(lio.get("/intent-alert/list?from_date=2000-01-01&to_date=2000-01-02")) == []
    error_of(lio.get("/intent-alert/list?lead_id=abc"), 422, "validation_error")
    error_of(lio.get(f"/intent-alert/lead/{LEAD}?limit=0"), 422, "validation_error")
    error_of(lio.get("/intent-alert/lead/99999999999999999999"), 404, "not_found")


def test_hot_leads_rank_by_weight_and_filter(lio):
    lio.data(lio.post("/intent-signal", prefix=V1, json={"lead_id": 80005, "signal_type": "demo_requested"}), 201)
    lio.data(lio.post("/intent-signal", prefix=V1, json={"lead_id": 80005, "signal_type": "reply_received"}), 201)
    hot = lio.data(lio.get("/intent-alert/hot-leads?limit=100"))
    scores = [h["intent_score"] for h in hot]
    assert scores == sorted(scores, reverse=True)
    top = next(h for h in hot if h["lead_id"] == 80005)
    assert top["intent_score"] >= 70 and top["lead"]["id"] == 80005
    only = lio.data(lio.get("/intent-alert/hot-leads?signal_type=reply_received&limit=100"))
    assert all("reply_received" in h["signal_types"] for h in only) and 80005 in [h["lead_id"] for h in only]
    owner = top["assigned_to_id"]
    if owner:
        mine = lio.data(lio.get(f"/intent-alert/hot-leads?assigned_to_id={owner}&limit=100"))
        assert all(h["assigned_to_id"] == owner for h in mine)
    assert all(h["lead_id"] != 80005 for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100", as_="globex")))
    error_of(lio.get("/intent-alert/hot-leads?signal_type=bogus"), 422, "validation_error")
    error_of(lio.get("/intent-alert/hot-leads?limit=1000"), 422, "validation_error")


def test_non_alert_signals_alone_do_not_make_a_lead_hot(lio):
    lio.data(lio.post("/intent-signal", prefix=V1, json={"lead_id": 80009, "signal_type": "manual"}), 201)
    assert 80009 not in [h["lead_id"] for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100"))]


def test_open_pixel_three_times_makes_lead_hot_and_notifies(lio, app):
    before = len(notifications(app))
    for n in range(3):
        r = lio.get("/track/open/trk_open_demo", as_=None, prefix=V1 if n else API)
        assert r.status_code == 200 and r.content_type == "image/gif" and r.data.startswith(b"GIF8")
    with app.app_context():
        from app.core import db
        kinds = [r[0] for r in db.conn().execute(
            "SELECT signal_type FROM lio_intent_signals WHERE lead_id = ? AND source = 'email_tracking'", (LEAD,))]
    assert kinds.count("email_opened") == 3 and kinds.count("email_opened_3x") == 1
    alerts = lio.data(lio.get(f"/intent-alert/lead/{LEAD}?limit=100"))
    assert alerts[0]["signal_type"] == "email_opened_3x"
    hot = lio.data(lio.get("/intent-alert/hot-leads?signal_type=email_opened_3x&limit=100"))
    assert LEAD in [h["lead_id"] for h in hot]
    assert [n[0] for n in notifications(app)[before:]] == ["hot_lead"]
    lio.get("/track/open/trk_open_demo", as_=None, prefix=V1)           # a 4th open: no second 3x
    assert len(lio.data(lio.get(f"/intent-alert/lead/{LEAD}?limit=100"))) == len(alerts)


def test_unknown_open_token_still_returns_the_gif(lio):
    for token in ("nope", "x" * 500, "%00"):
        r = lio.get(f"/track/open/{token}", as_=None, prefix=V1)
        assert r.status_code == 200 and r.content_type == "image/gif" and r.data.startswith(b"GIF8")


def test_click_redirects_only_to_stored_url_and_records(lio, app):
    for prefix in (V1, API):
        r = lio.get("/track/click/trk_click_demo?url=https://evil.test/&redirect=https://evil.test", as_=None,
                    prefix=prefix)
        assert r.status_code == 302 and r.headers["Location"] == "https://acme.test/pricing"
    with app.app_context():
        from app.core import db
        n = db.conn().execute("SELECT count(*) FROM lio_intent_signals WHERE lead_id = ? AND"
                              " signal_type = 'link_clicked'", (LEAD,)).fetchone()[0]
    assert n == 2


def test_unknown_click_token_is_404_without_location(lio):
    for token in ("nope", "trk_open_demo"):
        r = lio.get(f"/track/click/{token}?url=https://evil.test/", as_=None, prefix=V1)
        error_of(r, 404, "not_found")
        assert "Location" not in r.headers


def test_register_token_for_other_areas(app, lio):
    from app.core import db
    from app.core.errors import Invalid
    from app.vendors.lio.intent import store
    acme = {"org_id": "org_acme", "user_id": 142}
    with app.app_context(), db.write() as c:
        store.register_token(c, acme, "trk_new", LEAD, "https://acme.test/x")
        with pytest.raises(Invalid):
            store.register_token(c, acme, "trk_new", LEAD)
        with pytest.raises(Invalid):
            store.register_token(c, {"org_id": "org_globex", "user_id": 201}, "trk_g", LEAD)
        with pytest.raises(Invalid):
            store.register_token(c, acme, "trk_bad_url", LEAD, "javascript:alert(1)")
    r = lio.get("/track/click/trk_new", as_=None, prefix=V1)
    assert r.status_code == 302 and r.headers["Location"] == "https://acme.test/x"


def test_old_and_future_signals_do_not_make_a_lead_hot(lio):
    for when in ("2020-01-01T00:00:00Z", "9000-01-01T00:00:00Z"):
        lio.data(lio.post("/intent-signal", prefix=V1, json={"lead_id": 80011, "signal_type": "demo_requested",
                                                             "occurred_at": when}), 201)
    assert 80011 not in [h["lead_id"] for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100"))]
