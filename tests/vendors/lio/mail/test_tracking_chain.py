"""Send (mail) → open pixel (intent) → email_opened → alert → hot lead → notification (issue 10)."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

GIF_MAGIC = b"GIF89a"


def new_lead(lio, **fields):
    return lio.data(lio.post("/lead/add", json={"first_name": "Opal", "last_name": "Opener",
                                                "email": "opal.opener@tracking.test", **fields}), 201)


def send_to(lio, lead, prefix=API):
    return lio.data(lio.post("/inbox/send", prefix=prefix, json={
        "config_id": 1, "to": lead["email"], "subject": "Our pricing", "body": "Hi Opal", "lead_id": lead["id"]}), 201)


def open_pixel(client, token, prefix=V1):
    response = client.get(f"{prefix}/track/open/{token}")        # public: no credential
    assert response.status_code == 200 and response.mimetype == "image/gif"
    assert response.data.startswith(GIF_MAGIC)
    return response


@pytest.mark.parametrize("prefix", [API, V1])
def test_sent_message_opened_three_times_makes_a_hot_lead_and_notifies(lio, client, prefix):
    lead = new_lead(lio, assigned_to=142)
    token = send_to(lio, lead)["tracking_token"]
    open_pixel(client, token, prefix=prefix)
    alerts = lio.data(lio.get(f"/intent-alert/lead/{lead['id']}"))
    assert alerts == []                                       # one open is a signal, not yet an alert
    hot = [h["lead_id"] for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100"))]
    assert lead["id"] not in hot
    open_pixel(client, token, prefix=prefix)
    open_pixel(client, token, prefix=prefix)
    alerts = lio.data(lio.get(f"/intent-alert/lead/{lead['id']}"))
    assert [a["signal_type"] for a in alerts] == ["email_opened_3x"]
    assert alerts[0]["assigned_to_id"] == 142
    hot = {h["lead_id"]: h for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100"))}
    assert lead["id"] in hot
    assert set(hot[lead["id"]]["signal_types"]) == {"email_opened", "email_opened_3x"}
    assert hot[lead["id"]]["signal_count"] == 4
    notes = lio.data(lio.get("/notification/list?type_id=2&limit=100"))
    mine = [n for n in notes if n["type"] == "hot_lead" and n["data"].get("lead_id") == lead["id"]]
    assert len(mine) == 1 and mine[0]["data"]["alert_id"] == alerts[0]["id"]


def test_reply_to_a_lead_message_is_tracked_too(lio, client):
    lead = new_lead(lio)
    sent = send_to(lio, lead)
    reply = lio.data(lio.post(f"/inbox/reply/{sent['id']}", json={"config_id": 1, "body": "Following up"}), 201)
    assert reply["tracking_token"] != sent["tracking_token"]
    open_pixel(client, reply["tracking_token"], prefix=API)
    feed = lio.data(lio.get(f"/feed/list?model_type=lead&model_id={lead['id']}&limit=100"))
    assert any(f["action"] == "intent_signal" and f["data"]["signal_type"] == "email_opened" for f in feed)


def test_message_to_no_lead_opens_record_nothing(lio, client):
    sent = lio.data(lio.post("/inbox/send", json={"config_id": 1, "to": "nobody@x.test", "subject": "S",
                                                  "body": "B"}), 201)
    before = lio.get("/intent-alert/list").get_json()["total"]
    for _ in range(3):
        open_pixel(client, sent["tracking_token"], prefix=V1)
    assert lio.get("/intent-alert/list").get_json()["total"] == before


def test_tracked_opens_stay_in_the_senders_org(lio, client):
    lead = new_lead(lio)
    token = send_to(lio, lead)["tracking_token"]
    for _ in range(3):
        open_pixel(client, token)
    hot = [h["lead_id"] for h in lio.data(lio.get("/intent-alert/hot-leads?limit=100", as_="globex"))]
    assert lead["id"] not in hot
    globex_notes = lio.data(lio.get("/notification/list?type_id=2&limit=100", as_="globex"))
    assert all(n["data"].get("lead_id") != lead["id"] for n in globex_notes)
    error_of(lio.get(f"/intent-alert/lead/{lead['id']}", as_="globex"), 404, "not_found")
