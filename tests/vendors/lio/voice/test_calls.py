"""Calls: voice token, agent calls on the sandbox clock, list/get/recording/transcript."""

from datetime import datetime

import jwt
import pytest

from tests.vendors.lio.conftest import V1

PROMPT = "You are a friendly SDR for Acme. Ask about their CRM migration timeline."


def _lead_with_phone(lio, as_="acme"):
    leads = lio.data(lio.get("/lead/list?limit=100", as_=as_))
    return next(lead for lead in leads if lead["phone_number"])


def _advance(client, seconds):
    assert client.post("/__admin/clock/advance", json={"seconds": seconds}).status_code == 200


def _sandbox_now(client):
    return datetime.fromisoformat(client.get("/__admin/clock").get_json()["now"].replace("Z", "+00:00")).timestamp()


def test_voice_token_decodes_and_expires_in_an_hour_of_sandbox_time(lio, client):
    from app.vendors.lio.users import store
    _advance(client, 86400 * 3)                        # the sandbox clock, not the real one, sets exp
    now = _sandbox_now(client)
    out = lio.data(lio.post("/call/voice-token"))
    assert out["ttl"] == 3600 and out["identity"] == "user_142"
    claims = jwt.decode(out["token"], store._secret(), algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False})
    assert claims["identity"] == "user_142" and claims["sub"] == "142"
    assert abs(claims["exp"] - (now + 3600)) <= 2
    assert datetime.fromisoformat(out["expires_at"].replace("Z", "+00:00")).timestamp() == claims["exp"]
    _advance(client, 3601)
    assert _sandbox_now(client) > claims["exp"]
    assert lio.post("/call/voice-token", as_=None).status_code == 401


def test_agent_call_runs_on_the_clock_and_completes_with_transcript(lio, client):
    lead = _lead_with_phone(lio)
    wallet_before = lio.data(lio.get("/voice/wallet"))["balance"]
    call = lio.data(lio.post("/call/agent/initiate", json={"system_prompt": PROMPT, "lead_id": lead["id"],
                                                           "first_message": "Hi!", "language": "en-US"}), 201)
    assert call["status"] == "queued" and call["direction"] == "outbound"
    assert call["to_number"] == lead["phone_number"] and call["transcript"] is None
    assert call["from_number"] in [n["phone_number"] for n in lio.data(lio.get("/voice/my-numbers"))]
    assert lio.get(f"/call/{call['id']}/recording").status_code == 409
    assert lio.get(f"/call/{call['id']}/transcript").status_code == 409
    _advance(client, 30)
    assert lio.data(lio.get(f"/call/{call['id']}"))["status"] == "in_progress"
    _advance(client, 270)
    done = lio.data(lio.get(f"/call/{call['id']}", prefix=V1))
    assert done["status"] == "completed" and 50 <= done["duration_sec"] < 170
    assert lead["first_name"] in done["transcript"] and "Hi!" in done["transcript"]
    assert lio.data(lio.get(f"/call/{call['id']}/recording"))["recording_url"] == done["recording_url"]
    assert lio.data(lio.get(f"/call/{call['id']}/transcript"))["transcript"] == done["transcript"]
    assert lio.data(lio.get("/voice/wallet"))["balance"] == pytest.approx(wallet_before - done["price"])
    assert done["price"] > 0


def test_agent_call_duration_is_deterministic_from_the_prompt(lio, client):
    lead = _lead_with_phone(lio)
    ids = [lio.data(lio.post("/call/agent/initiate", json={"system_prompt": PROMPT, "lead_id": lead["id"]}), 201)["id"]
           for _ in range(2)]
    _advance(client, 300)
    durations = {lio.data(lio.get(f"/call/{i}"))["duration_sec"] for i in ids}
    assert len(durations) == 1


def test_agent_call_fails_when_the_wallet_cannot_pay(lio, client):
    globex = lio.data(lio.get("/voice/available-numbers?type=toll_free&limit=2", as_="globex"))
    for n in globex:
        lio.data(lio.post("/voice/purchase-number", json={"phoneNumber": n["phone_number"]}, as_="globex"), 201)
    assert lio.data(lio.get("/voice/wallet", as_="globex"))["balance"] == pytest.approx(0.70)
    lead = _lead_with_phone(lio, "globex")
    # 0.70 covers the first calls (0.05–0.15 each), then the wallet runs dry and later calls fail.
    ids = [lio.data(lio.post("/call/agent/initiate", as_="globex",
                             json={"system_prompt": f"{PROMPT} {i}", "lead_id": lead["id"]}), 201)["id"]
           for i in range(12)]
    _advance(client, 300)
    statuses = [lio.data(lio.get(f"/call/{i}", as_="globex"))["status"] for i in ids]
    assert "failed" in statuses and "completed" in statuses
    assert lio.data(lio.get("/voice/wallet", as_="globex"))["balance"] >= 0


def test_agent_call_validation(lio):
    lead = _lead_with_phone(lio)
    other = _lead_with_phone(lio, "globex")
    assert lio.post("/call/agent/initiate", json={"lead_id": lead["id"]}).status_code == 422
    assert lio.post("/call/agent/initiate", json={"system_prompt": PROMPT}).status_code == 422
    r = lio.post("/call/agent/initiate", json={"system_prompt": PROMPT, "lead_id": other["id"]})
    assert r.status_code == 422 and "lead_id" in r.get_json()["error"]["fields"]
    r = lio.post("/call/agent/initiate", json={"system_prompt": PROMPT, "contact_id": 999999})
    assert r.status_code == 422 and "contact_id" in r.get_json()["error"]["fields"]
    both = {"system_prompt": PROMPT, "lead_id": lead["id"], "contact_id": 1}
    assert lio.post("/call/agent/initiate", json=both).status_code == 422
    bad_lang = {"system_prompt": PROMPT, "lead_id": lead["id"], "language": "english please"}
    assert lio.post("/call/agent/initiate", json=bad_lang).status_code == 422
    assert lio.post("/call/agent/initiate", json={"system_prompt": PROMPT, "lead_id": lead["id"]},
                    as_=None).status_code == 401


def test_call_list_filters_and_isolation(lio):
    acme = lio.data(lio.get("/call/list?status=completed"))
    assert len(acme) == 3 and all(c["transcript"] and c["recording_url"] for c in acme)
    lead_id = acme[0]["lead_id"]
    assert [c["id"] for c in lio.data(lio.get(f"/call/list?lead_id={lead_id}", prefix=V1))] == [acme[0]["id"]]
    assert lio.data(lio.get("/call/list?status=queued")) == []
    globex = lio.data(lio.get("/call/list", as_="globex"))
    assert len(globex) == 1
    assert lio.get(f"/call/{globex[0]['id']}").status_code == 404
    assert lio.get(f"/call/{globex[0]['id']}/recording").status_code == 404
    assert lio.get("/call/list?status=done").status_code == 422
    assert lio.get("/call/list", as_=None).status_code == 401
