"""Contacts (doc 6.4): list filters, view, add, update, bulk update, delete; isolation; both prefixes."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

# the contacts area seeds 60 (Acme) and 20 (Globex); the ABM seed adds its stakeholders (23 and 9)
ACME_CONTACTS, GLOBEX_CONTACTS = 83, 29


def contacts(lio, as_="acme", **query):
    return lio.data(lio.get("/contact/list", as_=as_, query_string={"limit": 100, **query}))


def company_ids(lio, as_="acme"):
    return [c["id"] for c in lio.data(lio.get("/company/list", as_=as_, query_string={"limit": 100}))]


def a_tag(lio, as_="acme"):
    """The org's tag ids, as the seeded leads carry them (lookups have no routes in this branch)."""
    leads = lio.data(lio.get("/lead/list", as_=as_, query_string={"limit": 100}))
    return sorted({t["id"] for lead in leads for t in lead["tags"]})


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_list_has_the_list_envelope_and_seeded_contacts(lio, prefix):
    body = lio.get("/contact/list", prefix=prefix).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    assert body["total"] == ACME_CONTACTS and len(body["data"]) == 10
    assert lio.get("/contact/list", as_="globex").get_json()["total"] == GLOBEX_CONTACTS
    contact = body["data"][0]
    assert contact["company_name"] and all(set(t) == {"id", "name", "color_code"} for t in contact["tags"])
    assert any(c["lead_id"] for c in contacts(lio))


def test_contact_list_filters(lio):
    everyone = contacts(lio)
    company_id = everyone[0]["company_id"]
    by_company = contacts(lio, company_id=str(company_id))
    assert by_company and all(c["company_id"] == company_id for c in by_company)
    scored = contacts(lio, lead_score_min=40, lead_score_max=60)
    assert scored and all(40 <= c["lead_score"] <= 60 for c in scored) and len(scored) < 60
    tagged = next(c for c in everyone if c["tags"])
    tag = tagged["tags"][0]["id"]
    with_tag = contacts(lio, tags=str(tag))
    assert with_tag and all(tag in {t["id"] for t in c["tags"]} for c in with_tag) and len(with_tag) < 60
    mine = contacts(lio, my="true")
    assert all(c["user_id"] == 142 for c in mine) and len(mine) < 60
    word = everyone[0]["designation"]
    assert all(word.lower() in (c["name"] + (c["email"] or "") + c["designation"]).lower()
               for c in contacts(lio, search_value=word))
    ranged = contacts(lio, start_date="2026-04-01", end_date="2026-04-30")
    assert all(c["created_at"][:7] == "2026-04" for c in ranged)


def test_contact_list_validation_and_auth(lio):
    error_of(lio.get("/contact/list", query_string={"lead_score_min": 101}), 422, "validation_error")
    error_of(lio.get("/contact/list", query_string={"tags": "x"}), 422, "validation_error")
    error_of(lio.get("/contact/list", as_=None), 401, "unauthorized")


def test_contact_list_of_another_orgs_company_is_empty(lio):
    other = company_ids(lio, "globex")[0]
    assert contacts(lio, company_id=str(other)) == []


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_view(lio, prefix):
    contact = contacts(lio)[0]
    assert lio.data(lio.get(f"/contact/view/{contact['id']}", prefix=prefix)) == contact


def test_contact_view_of_another_org_is_404(lio):
    other = contacts(lio, "globex")[0]["id"]
    error_of(lio.get(f"/contact/view/{other}"), 404, "not_found")
    error_of(lio.get(f"/contact/view/{other}", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_add(lio, prefix):
    company_id = company_ids(lio)[0]
    lead_id = lio.data(lio.get("/lead/list"))[0]["id"]
    tags = a_tag(lio)[:2]
    contact = lio.data(lio.post("/contact/add", prefix=prefix, json={
        "name": "Ada Lovelace", "company_id": company_id, "email": "ada@newco.test", "designation": "CTO",
        "seniority": "C-Level", "decision_maker": "yes", "lead_id": lead_id, "lead_score": 88, "tags": tags}), 201)
    assert contact["company_id"] == company_id and contact["company_name"]
    assert contact["lead_id"] == lead_id and contact["lead_score"] == 88 and contact["user_id"] == 142
    assert [t["id"] for t in contact["tags"]] == tags
    assert lio.data(lio.get(f"/contact/view/{contact['id']}")) == contact
    assert lio.get("/contact/list").get_json()["total"] == ACME_CONTACTS + 1


@pytest.mark.parametrize("body,field", [
    ({"company_id": 1}, "name"), ({"name": "X"}, "company_id"), ({"name": "", "company_id": 1}, "name"),
    ({"name": "X", "company_id": "1"}, "company_id"), ({"name": "X", "company_id": 1, "lead_score": 101}, "lead_score"),
    ({"name": "X", "company_id": 1, "email": "nope"}, "email"), ({"name": "X", "company_id": 2**60}, "company_id"),
    ({"name": "X", "company_id": 1, "tags": [999999]}, "tags"), ({"name": "X", "company_id": 1, "lead_id": 1}, "lead_id"),
])
def test_contact_add_validation(lio, body, field):
    assert field in error_of(lio.post("/contact/add", json=body), 422, "validation_error")["fields"]


def test_contact_add_with_another_orgs_company_or_lead_is_422(lio):
    other_company = company_ids(lio, "globex")[0]
    other_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]
    error = error_of(lio.post("/contact/add", json={"name": "X", "company_id": other_company}), 422,
                     "validation_error")
    assert "company_id" in error["fields"]
    error = error_of(lio.post("/contact/add", json={"name": "X", "company_id": company_ids(lio)[0],
                                                    "lead_id": other_lead}), 422, "validation_error")
    assert "lead_id" in error["fields"]
    error_of(lio.post("/contact/add", as_=None, json={"name": "X", "company_id": 1}), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_update_is_partial(lio, prefix):
    contact = contacts(lio)[0]
    updated = lio.data(lio.post(f"/contact/update/{contact['id']}", prefix=prefix,
                                json={"lead_score": 7, "company_id": None}))
    assert updated["lead_score"] == 7 and updated["company_id"] is None and updated["company_name"] is None
    assert updated["name"] == contact["name"] and updated["email"] == contact["email"]


def test_contact_update_rules_and_isolation(lio):
    contact = contacts(lio)[0]
    other = contacts(lio, "globex")[0]["id"]
    error_of(lio.post(f"/contact/update/{contact['id']}", json={"lead_score": -1}), 422, "validation_error")
    error = error_of(lio.post(f"/contact/update/{contact['id']}", json={"company_id": company_ids(lio, "globex")[0]}),
                     422, "validation_error")
    assert "company_id" in error["fields"]
    error_of(lio.post(f"/contact/update/{other}", json={"lead_score": 1}), 404, "not_found")
    error_of(lio.post(f"/contact/update/{other}", as_=None, json={"lead_score": 1}), 401, "unauthorized")
    assert lio.data(lio.get(f"/contact/view/{contact['id']}")) == contact


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_bulk_update_by_ids(lio, prefix):
    ids = [c["id"] for c in contacts(lio)][:3]
    company_id = company_ids(lio)[-1]
    tag = a_tag(lio)[0]
    result = lio.data(lio.post("/contact/bulk-update", prefix=prefix, json={
        "contact_ids": ids, "company_id": company_id, "lead_score": 55, "tags": [tag]}))
    assert result == {"updated": 3}
    for contact_id in ids:
        contact = lio.data(lio.get(f"/contact/view/{contact_id}"))
        assert (contact["company_id"], contact["lead_score"], [t["id"] for t in contact["tags"]]) == \
            (company_id, 55, [tag])


def test_contact_bulk_update_select_all_stays_in_the_org(lio):
    globex_before = contacts(lio, "globex")
    low = contacts(lio, lead_score_max=30)
    result = lio.data(lio.post("/contact/bulk-update", json={
        "select_all": True, "filters": {"lead_score_max": 30}, "lead_score": 31}))
    assert result == {"updated": len(low)} and low
    assert contacts(lio, lead_score_max=30) == []
    assert contacts(lio, "globex") == globex_before


def test_contact_bulk_update_ignores_other_orgs_ids(lio):
    other = contacts(lio, "globex")[0]
    assert lio.data(lio.post("/contact/bulk-update", json={"contact_ids": [other["id"]], "lead_score": 1})) == \
        {"updated": 0}
    assert lio.data(lio.get(f"/contact/view/{other['id']}", as_="globex")) == other


@pytest.mark.parametrize("body", [
    {"lead_score": 5}, {"contact_ids": [1], "select_all": True, "lead_score": 5}, {"contact_ids": [1]},
    {"contact_ids": [], "lead_score": 5}, {"contact_ids": [1], "lead_score": 500},
])
def test_contact_bulk_update_validation(lio, body):
    error_of(lio.post("/contact/bulk-update", json=body), 422, "validation_error")


def test_contact_bulk_update_another_orgs_company_is_422_and_auth(lio):
    ids = [c["id"] for c in contacts(lio)][:2]
    error = error_of(lio.post("/contact/bulk-update", json={"contact_ids": ids,
                                                            "company_id": company_ids(lio, "globex")[0]}),
                     422, "validation_error")
    assert "company_id" in error["fields"]
    error_of(lio.post("/contact/bulk-update", as_=None, json={"contact_ids": ids, "lead_score": 1}), 401,
             "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_contact_delete_by_path_id(lio, prefix):
    contact_id = contacts(lio)[0]["id"]
    assert lio.data(lio.delete(f"/contact/delete/{contact_id}", prefix=prefix)) == {"deleted": 1}
    error_of(lio.get(f"/contact/view/{contact_id}"), 404, "not_found")


def test_contact_delete_path_id_plus_ids_and_select_all(lio):
    ids = [c["id"] for c in contacts(lio)][:3]
    assert lio.data(lio.delete(f"/contact/delete/{ids[0]}", json={"ids": ids[1:]})) == {"deleted": 3}
    company_id = contacts(lio)[0]["company_id"]
    at_company = len(contacts(lio, company_id=str(company_id)))
    result = lio.data(lio.delete("/contact/delete/0", json={"select_all": True, "filters": {"company_id": str(company_id)}}))
    assert result == {"deleted": at_company}
    assert lio.get("/contact/list").get_json()["total"] == ACME_CONTACTS - 3 - at_company
    assert lio.get("/contact/list", as_="globex").get_json()["total"] == GLOBEX_CONTACTS


def test_contact_delete_validation_isolation_auth(lio):
    error_of(lio.delete("/contact/delete/0"), 422, "validation_error")
    other = contacts(lio, "globex")[0]["id"]
    error_of(lio.delete(f"/contact/delete/{other}"), 404, "not_found")
    error_of(lio.delete("/contact/delete/0", json={"ids": [other]}), 404, "not_found")
    lio.data(lio.get(f"/contact/view/{other}", as_="globex"))
    error_of(lio.delete(f"/contact/delete/{other}", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("method,path", [("GET", "/contact/view/{big}"), ("POST", "/contact/update/{big}"),
                                         ("DELETE", "/contact/delete/{big}")])
def test_contact_huge_path_ids_are_404(lio, method, path):
    error_of(lio.call(method, path.format(big=10**25), json={}), 404, "not_found")
