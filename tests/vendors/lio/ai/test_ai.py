"""AI tools and AI email drafts (doc 6.9): credits spent per call, drafts → approve → send → sent folder."""

import pytest

from tests.vendors.lio.conftest import V1, error_of


def _leads(lio, as_="acme"):
    return [lead["id"] for lead in lio.data(lio.get("/lead/list", as_=as_, query_string={"limit": 100}))]


def _balance(lio, as_="acme"):
    return lio.data(lio.get("/credits", as_=as_))["balance"]


def _config(lio, as_="acme"):
    return lio.data(lio.get("/mail-configurations/list", as_=as_))[0]["id"]


def test_magicpen_improves_note_with_lead_context_and_spends_one_credit(lio):
    before = _balance(lio)
    out = lio.data(lio.post("/ai-tools/magicpen", json={"noteText": "called him. wants pricing",
                                                          "leadContext": {"first_name": "Ann", "company": "Initech"}}))
    assert "Called him. Wants pricing." in out["improvedText"]
    assert "Ann" in out["improvedText"] and "Initech" in out["improvedText"]
    assert out["credits_spent"] == 1 and _balance(lio) == before - 1 == out["credits_balance"]
    again = lio.data(lio.post("/ai-tools/magicpen", prefix=V1, json={"noteText": "called him. wants pricing",
                                                                     "leadContext": {"first_name": "Ann",
                                                                                     "company": "Initech"}}))
    assert again["improvedText"] == out["improvedText"]


def test_magicpen_validation_and_auth(lio):
    assert "noteText" in error_of(lio.post("/ai-tools/magicpen", json={}), 422, "validation_error")["fields"]
    assert "leadContext" in error_of(lio.post("/ai-tools/magicpen", json={"noteText": "x", "leadContext": 5}),
                                     422, "validation_error")["fields"]
    assert lio.post("/ai-tools/magicpen", as_=None, json={"noteText": "x"}).status_code == 401


def test_email_generator_returns_subject_and_body_and_spends_two(lio):
    before = _balance(lio)
    out = lio.data(lio.post("/ai-tools/email-generator", json={
        "prompt": "introduce our lead scoring", "emailSubject": "", "emailBody": "we help sales teams",
        "leadContext": {"first_name": "Bo", "company": "Umbrella"}}))
    assert out["subject"].startswith("Introduce our lead scoring") and "Umbrella" in out["subject"]
    assert out["body"].startswith("Hi Bo,") and "We help sales teams." in out["body"]
    assert _balance(lio) == before - 2
    kept = lio.data(lio.post("/ai-tools/email-generator", prefix=V1, json={"prompt": "p", "emailSubject": "Mine"}))
    assert kept["subject"] == "Mine"
    assert "prompt" in error_of(lio.post("/ai-tools/email-generator", json={}), 422, "validation_error")["fields"]
    assert lio.post("/ai-tools/email-generator", as_=None, json={"prompt": "p"}).status_code == 401


def test_generate_draft_for_lead_lists_it_and_spends(lio):
    lead_id = _leads(lio)[0]
    before = _balance(lio)
    draft = lio.data(lio.post(f"/ai-email/generate/{lead_id}", json={"persona": "friendly"}), 201)
    assert draft["status"] == "draft" and draft["lead_id"] == lead_id and draft["body"].startswith("Hi ")
    assert _balance(lio) == before - 2
    listed = lio.get(f"/ai-email/drafts/lead/{lead_id}", prefix=V1)
    assert [d["id"] for d in lio.data(listed)] == [draft["id"]] and listed.get_json()["total"] == 1
    assert lio.data(lio.get(f"/ai-email/drafts/lead/{lead_id}?status=sent")) == []


def test_generate_validation_isolation_and_auth(lio):
    lead_id = _leads(lio)[0]
    globex_lead = _leads(lio, "globex")[0]
    assert "persona" in error_of(lio.post(f"/ai-email/generate/{lead_id}", json={"persona": "pirate"}),
                                 422, "validation_error")["fields"]
    before = _balance(lio)
    error_of(lio.post(f"/ai-email/generate/{globex_lead}", json={}), 404, "not_found")
    error_of(lio.get(f"/ai-email/drafts/lead/{globex_lead}"), 404, "not_found")
    error_of(lio.post(f"/ai-email/generate/{2**63}", json={}), 404, "not_found")
    assert _balance(lio) == before
    assert lio.post(f"/ai-email/generate/{lead_id}", as_=None, json={}).status_code == 401
    assert lio.get(f"/ai-email/drafts/lead/{lead_id}", as_=None).status_code == 401


def test_bulk_generate_one_draft_per_lead_spending_per_lead(lio):
    ids = _leads(lio)[:3]
    before = _balance(lio)
    out = lio.data(lio.post("/ai-email/bulk-generate", prefix=V1, json={"lead_ids": ids + [ids[0]],
                                                                        "persona": "concise"}), 201)
    assert out["generated"] == 3 and sorted(d["lead_id"] for d in out["drafts"]) == sorted(ids)
    assert _balance(lio) == before - 3
    for lead_id in ids:
        assert len(lio.data(lio.get(f"/ai-email/drafts/lead/{lead_id}"))) == 1


def test_bulk_generate_rejects_other_orgs_leads_and_bad_sizes(lio):
    ids = _leads(lio)[:2]
    globex_lead = _leads(lio, "globex")[0]
    before = _balance(lio)
    err = error_of(lio.post("/ai-email/bulk-generate", json={"lead_ids": ids + [globex_lead]}), 422,
                   "validation_error")
    assert "lead_ids" in err["fields"] and str(globex_lead) in str(err["fields"]["lead_ids"])
    assert lio.data(lio.get(f"/ai-email/drafts/lead/{ids[0]}")) == [] and _balance(lio) == before
    for bad in ([], list(range(1, 502)), ["x"], None):
        assert "lead_ids" in error_of(lio.post("/ai-email/bulk-generate", json={"lead_ids": bad}), 422,
                                      "validation_error")["fields"]
    assert lio.post("/ai-email/bulk-generate", as_=None, json={"lead_ids": ids}).status_code == 401


def test_draft_approve_send_lands_in_sent_folder(lio):
    lead_id = _leads(lio)[0]
    config_id = _config(lio)
    draft = lio.data(lio.post(f"/ai-email/generate/{lead_id}", json={}), 201)
    send = f"/ai-email/draft/{draft['id']}/send"
    error_of(lio.post(send, json={"config_id": config_id}), 409, "conflict")
    approved = lio.data(lio.put(f"/ai-email/draft/{draft['id']}/approve", prefix=V1))
    assert approved["status"] == "approved" and approved["approved_at"]
    assert "config_id" in error_of(lio.post(send, json={}), 422, "validation_error")["fields"]
    sent = lio.data(lio.post(send, json={"config_id": config_id}))
    assert sent["status"] == "sent" and sent["message_id"] and sent["config_id"] == config_id
    messages = lio.data(lio.get(f"/inbox/list?config_id={config_id}&folder=sent&limit=100"))
    message = next(m for m in messages if m["id"] == sent["message_id"])
    assert message["subject"] == draft["subject"] and message["lead_id"] == lead_id and message["tracking_token"]
    error_of(lio.post(send, prefix=V1, json={"config_id": config_id}), 409, "conflict")
    error_of(lio.put(f"/ai-email/draft/{draft['id']}/approve"), 409, "conflict")


def test_draft_routes_isolation_and_auth(lio):
    lead_id = _leads(lio)[0]
    draft = lio.data(lio.post(f"/ai-email/generate/{lead_id}", json={}), 201)
    error_of(lio.put(f"/ai-email/draft/{draft['id']}/approve", as_="globex"), 404, "not_found")
    globex_config = _config(lio, "globex")
    lio.data(lio.put(f"/ai-email/draft/{draft['id']}/approve"))
    error_of(lio.post(f"/ai-email/draft/{draft['id']}/send", as_="globex", json={"config_id": globex_config}),
             404, "not_found")
    assert "config_id" in error_of(lio.post(f"/ai-email/draft/{draft['id']}/send",
                                            json={"config_id": globex_config}), 422, "validation_error")["fields"]
    assert lio.put(f"/ai-email/draft/{draft['id']}/approve", as_=None).status_code == 401
    assert lio.post(f"/ai-email/draft/{draft['id']}/send", as_=None, json={"config_id": 1}).status_code == 401


def test_globex_runs_out_of_credits_and_nothing_is_created(lio):
    lead_id = _leads(lio, "globex")[0]
    assert _balance(lio, "globex") == 20
    for _ in range(10):
        lio.data(lio.post(f"/ai-email/generate/{lead_id}", as_="globex", json={}), 201)
    assert _balance(lio, "globex") == 0
    error_of(lio.post(f"/ai-email/generate/{lead_id}", as_="globex", json={}), 403, "insufficient_credits")
    error_of(lio.post("/ai-email/bulk-generate", as_="globex", json={"lead_ids": [lead_id]}), 403,
             "insufficient_credits")
    error_of(lio.post("/ai-tools/magicpen", as_="globex", json={"noteText": "x"}), 403, "insufficient_credits")
    listed = lio.get(f"/ai-email/drafts/lead/{lead_id}", as_="globex", query_string={"limit": 100})
    assert listed.get_json()["total"] == 10
    assert _balance(lio, "globex") == 0


def test_generate_without_body_uses_the_professional_persona(lio):
    lead_id = _leads(lio)[0]
    draft = lio.data(lio.post(f"/ai-email/generate/{lead_id}"), 201)
    assert draft["persona"] == "professional" and draft["body"].startswith("Dear ")
