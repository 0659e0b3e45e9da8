"""Target accounts (doc 6.8): accounts, stakeholders, bulk email, outreach plans, ABM reports."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of


@pytest.fixture(autouse=True)
def at_seed_anchor(client):
    """Seeded engagement is dated before the seed anchor (2026-06-15): read it from there."""
    assert client.put("/__admin/clock", json={"now": "2026-06-15T09:00:00Z", "frozen": True}).status_code == 200


def new_company(lio, name="Initech Test", as_="acme"):
    lead = lio.data(lio.post("/lead/add", as_=as_, json={"first_name": "Pat", "last_name": "Lee", "company": name,
                                                         "email": f"pat@{name.split()[0].lower()}.test"}), 201)
    return lead["company_id"]


def accounts(lio, as_="acme", query=""):
    return lio.data(lio.get(f"/target-accounts?limit=100{query}", as_=as_))


def stage(funnel, name):
    return next(s["count"] for s in funnel["stages"] if s["stage"] == name)


@pytest.mark.parametrize("prefix", [API, V1])
def test_seeded_accounts_list_with_computed_health(lio, prefix):
    body = lio.get("/target-accounts?limit=100", prefix=prefix).get_json()
    assert body["total"] == 8 and len(body["data"]) == 8
    assert {a["health"] for a in body["data"]} == {"healthy", "at_risk", "cold"}
    assert len(accounts(lio, as_="globex")) == 3
    ids = [a["id"] for a in body["data"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("query, check", [
    ("&health=healthy", lambda a: a["health"] == "healthy"), ("&tier=1", lambda a: a["tier"] == 1),
    ("&owner_id=142", lambda a: a["owner_id"] == 142)])
def test_list_filters(lio, query, check):
    items = accounts(lio, query=query)
    assert all(check(a) for a in items)
    assert len(items) < 8


def test_list_search_and_sort(lio):
    first = accounts(lio)[0]
    found = accounts(lio, query=f"&search={first['company_name'][:5].upper()}")
    assert first["id"] in [a["id"] for a in found]
    scores = [a["engagement_score"] for a in accounts(lio, query="&sort=-engagement_score")]
    assert scores == sorted(scores, reverse=True)
    fits = [a["icp_fit_score"] for a in accounts(lio, query="&sort=icp_fit_score")]
    assert fits == sorted(fits)
    error_of(lio.get("/target-accounts?sort=company_id;drop"), 422, "validation_error")
    error_of(lio.get("/target-accounts?health=warm"), 422, "validation_error")


def test_create_get_patch_delete_account_moves_the_funnel(lio):
    before = lio.data(lio.get("/reports/abm/funnel"))
    company_id = new_company(lio)
    made = lio.data(lio.post("/target-accounts", json={"company_id": company_id, "tier": 1, "icp_fit_score": 77,
                                                      "owner_id": 143, "estimated_decision_makers": 4}), 201)
    assert made["company_name"] == "Initech Test" and made["health"] == "cold" and made["owner_id"] == 143
    after = lio.data(lio.get("/reports/abm/funnel", prefix=V1))
    assert stage(after, "targeted") == stage(before, "targeted") + 1
    error_of(lio.post("/target-accounts", json={"company_id": company_id}), 409, "conflict")
    patched = lio.data(lio.call("PATCH", f"/target-accounts/{made['id']}", json={"status": "won", "tier": 3}))
    assert patched["status"] == "won" and patched["tier"] == 3 and patched["icp_fit_score"] == 77
    won = lio.data(lio.get("/reports/abm/funnel"))
    assert stage(won, "won") == stage(before, "won") + 1
    assert lio.data(lio.delete(f"/target-accounts/{made['id']}")) == {"deleted": 1}
    error_of(lio.get(f"/target-accounts/{made['id']}"), 404, "not_found")
    assert stage(lio.data(lio.get("/reports/abm/funnel")), "targeted") == stage(before, "targeted")


@pytest.mark.parametrize("body", [{}, {"company_id": "x"}, {"company_id": -3}, {"company_id": 1, "tier": 4},
                                  {"company_id": 1, "icp_fit_score": 101}, {"company_id": 1, "status": "maybe"},
                                  {"company_id": 2**63}])
def test_create_bad_input_is_422(lio, body):
    error_of(lio.post("/target-accounts", json=body), 422, "validation_error")


def test_ids_of_another_org_in_bodies_are_422(lio):
    theirs = new_company(lio, "Globex Side", as_="globex")
    error = error_of(lio.post("/target-accounts", json={"company_id": theirs}), 422, "validation_error")
    assert "company_id" in error["fields"]
    error = error_of(lio.post("/target-accounts", json={"company_id": new_company(lio), "owner_id": 201}), 422,
                     "validation_error")
    assert "owner_id" in error["fields"]
    mine = accounts(lio)[0]
    their_contact = lio.data(lio.get(f"/target-accounts/{accounts(lio, as_='globex')[0]['id']}",
                                     as_="globex"))["contacts"][0]["id"]
    error = error_of(lio.post(f"/target-accounts/{mine['id']}/contacts", json={"contact_id": their_contact}), 422,
                     "validation_error")
    assert "contact_id" in error["fields"]
    error = error_of(lio.post(f"/target-accounts/{mine['id']}/outreach-plans", json={
        "contact_id": their_contact, "channel": "call", "scheduled_at": "2026-12-01T10:00:00Z"}), 422,
        "validation_error")
    assert "contact_id" in error["fields"]


def test_account_of_another_org_is_404_everywhere(lio):
    theirs = accounts(lio, as_="globex")[0]["id"]
    error_of(lio.get(f"/target-accounts/{theirs}"), 404, "not_found")
    error_of(lio.call("PATCH", f"/target-accounts/{theirs}", json={"tier": 1}), 404, "not_found")
    error_of(lio.delete(f"/target-accounts/{theirs}"), 404, "not_found")
    error_of(lio.post(f"/target-accounts/{theirs}/contacts", json={"contact_id": 1}), 404, "not_found")
    error_of(lio.post(f"/target-accounts/{theirs}/send-bulk-email", json={"subject": "s", "body": "b"}), 404,
             "not_found")
    error_of(lio.get(f"/target-accounts/{theirs}/outreach-plans"), 404, "not_found")
    assert len(accounts(lio, as_="globex")) == 3


@pytest.mark.parametrize("method, path", [("GET", "/target-accounts"), ("POST", "/target-accounts"),
                                          ("GET", "/target-accounts/1"), ("PATCH", "/target-accounts/1"),
                                          ("DELETE", "/target-accounts/1"), ("POST", "/target-accounts/1/contacts"),
                                          ("POST", "/target-accounts/1/send-bulk-email"),
                                          ("GET", "/target-accounts/1/outreach-plans"),
                                          ("POST", "/target-accounts/1/outreach-plans"),
                                          ("GET", "/reports/abm/funnel"), ("GET", "/reports/abm/top-engaged")])
def test_routes_need_a_token(lio, method, path):
    assert lio.call(method, path, as_=None, json={}).status_code == 401


def test_detail_has_contacts_with_roles_and_add_contact(lio):
    acme_accounts = accounts(lio)
    one, other = acme_accounts[0], acme_accounts[1]
    detail = lio.data(lio.get(f"/target-accounts/{one['id']}", prefix=V1))
    assert detail["contacts"] and all(c["stakeholder_role"] for c in detail["contacts"])
    assert detail["contact_count"] == len(detail["contacts"])
    moving = lio.data(lio.get(f"/target-accounts/{other['id']}"))["contacts"][0]["id"]
    added = lio.data(lio.post(f"/target-accounts/{one['id']}/contacts",
                              json={"contact_id": moving, "stakeholder_role": "champion"}), 201)
    assert {"id": moving, "role": "champion"} in [{"id": c["id"], "role": c["stakeholder_role"]}
                                                  for c in added["contacts"]]
    error_of(lio.post(f"/target-accounts/{one['id']}/contacts", json={"contact_id": moving}), 409, "conflict")
    error_of(lio.post(f"/target-accounts/{one['id']}/contacts", json={"contact_id": moving,
                                                                     "stakeholder_role": "boss"}), 422,
             "validation_error")


def test_bulk_email_raises_engagement_and_top_engaged(lio):
    items = accounts(lio, query="&sort=engagement_score")
    low = items[0]
    before = lio.data(lio.get("/reports/abm/top-engaged?limit=100"))
    rank_before = [a["id"] for a in before].index(low["id"])
    for _ in range(3):
        sent = lio.data(lio.post(f"/target-accounts/{low['id']}/send-bulk-email", prefix=V1,
                                 json={"subject": "Hello", "body": "News", "mode": "bcc"}))
    assert sent["sent"] == low["contact_count"] and sent["health"] == "healthy"
    assert sent["engagement_score"] > low["engagement_score"]
    after = lio.data(lio.get("/reports/abm/top-engaged?limit=100"))
    assert [a["id"] for a in after].index(low["id"]) < rank_before
    assert [a["engagement_score"] for a in after] == sorted((a["engagement_score"] for a in after), reverse=True)
    assert len(lio.data(lio.get("/reports/abm/top-engaged?limit=2"))) == 2


def test_bulk_email_to_a_subset_and_validation(lio):
    account = accounts(lio)[0]
    contact_ids = [c["id"] for c in lio.data(lio.get(f"/target-accounts/{account['id']}"))["contacts"]]
    sent = lio.data(lio.post(f"/target-accounts/{account['id']}/send-bulk-email",
                             json={"subject": "s", "body": "b", "contact_ids": contact_ids[:1]}))
    assert [r["contact_id"] for r in sent["recipients"]] == contact_ids[:1]
    for body in ({"body": "b"}, {"subject": "", "body": "b"}, {"subject": "s", "body": "b", "mode": "cc"},
                 {"subject": "s", "body": "b", "contact_ids": [999999]}):
        error_of(lio.post(f"/target-accounts/{account['id']}/send-bulk-email", json=body), 422, "validation_error")


def test_outreach_plans_create_list_and_engage(lio):
    account = accounts(lio, query="&health=cold")[0]
    contact = lio.data(lio.get(f"/target-accounts/{account['id']}"))["contacts"][0]["id"]
    plan = lio.data(lio.post(f"/target-accounts/{account['id']}/outreach-plans", json={
        "contact_id": contact, "channel": "meeting", "scheduled_at": "2030-01-02T09:00:00+02:00",
        "assigned_to": 143, "notes": "Exec briefing"}), 201)
    assert plan["scheduled_at"] == "2030-01-02T07:00:00.000Z" and plan["channel"] == "meeting"
    listed = lio.get(f"/target-accounts/{account['id']}/outreach-plans", prefix=V1).get_json()
    assert plan in listed["data"] and listed["total"] == len(listed["data"])
    detail = lio.data(lio.get(f"/target-accounts/{account['id']}"))
    assert detail["health"] == "healthy" and detail["outreach"]["meetings"] >= 1
    for body in ({"contact_id": contact, "channel": "fax", "scheduled_at": "2030-01-02T09:00:00Z"},
                 {"contact_id": contact, "channel": "call"},
                 {"contact_id": contact, "channel": "call", "scheduled_at": "tomorrow"},
                 {"contact_id": contact, "channel": "call", "scheduled_at": "0001-01-01T00:00:00Z"},
                 {"contact_id": contact, "channel": "call", "scheduled_at": "2030-01-02T09:00:00Z",
                  "assigned_to": 201}):
        error_of(lio.post(f"/target-accounts/{account['id']}/outreach-plans", json=body), 422, "validation_error")


def test_health_decays_with_the_sandbox_clock(lio, client):
    healthy = accounts(lio, query="&health=healthy")
    assert healthy
    client.post("/__admin/clock/advance", json={"seconds": 20 * 86400})
    ids = {a["id"] for a in accounts(lio, query="&health=at_risk")}
    assert {a["id"] for a in healthy} <= ids
    client.post("/__admin/clock/advance", json={"seconds": 60 * 86400})
    assert len(accounts(lio, query="&health=cold")) == 8


def test_funnel_counts_are_computed_and_ordered(lio):
    funnel = lio.data(lio.get("/reports/abm/funnel"))
    counts = [s["count"] for s in funnel["stages"]]
    assert [s["stage"] for s in funnel["stages"]] == ["targeted", "engaged", "opportunity", "won"]
    assert counts[0] == 8 and counts == sorted(counts, reverse=True) and counts[3] >= 1
    assert sum(funnel["health"].values()) == 8
    assert stage(lio.data(lio.get("/reports/abm/funnel", as_="globex")), "targeted") == 3
