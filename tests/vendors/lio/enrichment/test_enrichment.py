"""Lead enrichment (doc 6.3)."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of


def new_lead(lio, **fields):
    return lio.data(lio.post("/lead/add", json={"first_name": "Ada", "last_name": "Lovelace", "email": "ada.lovelace@engines.test",
                                                **fields}), 201)


@pytest.mark.parametrize("prefix", [API, V1])
def test_enrich_is_deterministic_and_never_empty(lio, prefix):
    body = {"email": "grace.hopper@navy.test", "company": "Navy"}
    one = lio.data(lio.post("/lead-enrichment/enrich", json=body, prefix=prefix))
    two = lio.data(lio.post("/lead-enrichment/enrich", json=body, prefix=prefix))
    assert one["status"] == "enriched" and one["profile"] == two["profile"]
    assert one["id"] != two["id"]
    assert one["profile"]["email"] == "grace.hopper@navy.test"
    assert one["profile"]["full_name"] == "Grace Hopper"
    other = lio.data(lio.post("/lead-enrichment/enrich", json={"domain": "other.test"}))
    assert other["profile"] != one["profile"]


def test_enrich_fills_only_the_missing_fields_of_a_lead(lio):
    lead = new_lead(lio, job_title="Countess")
    out = lio.data(lio.post("/lead-enrichment/enrich", json={"lead_id": lead["id"]}))
    assert "job_title" not in out["filled_fields"] and "phone_number" in out["filled_fields"]
    assert out["lead"]["job_title"] == "Countess"
    assert out["lead"]["phone_number"] == out["profile"]["phone_number"]
    again = lio.data(lio.get(f"/lead/view/{lead['id']}"))
    assert again["industry"] == out["profile"]["industry"]
    assert lio.data(lio.post("/lead-enrichment/enrich", json={"lead_id": lead["id"]}))["filled_fields"] == []


def test_name_only_is_not_found(lio):
    out = lio.data(lio.post("/lead-enrichment/enrich", json={"name": "Nobody"}))
    assert out["status"] == "not_found" and out["profile"] is None


@pytest.mark.parametrize("body", [{}, {"email": ""}, {"lead_id": -1}, {"lead_id": "x"}, {"email": "not-an-email"},
                                  {"lead_id": 2**63}])
def test_enrich_bad_input_is_422(lio, body):
    error_of(lio.post("/lead-enrichment/enrich", json=body), 422, "validation_error")


def test_enrich_lead_of_other_org_is_422(lio):
    lead = new_lead(lio)
    error = error_of(lio.post("/lead-enrichment/enrich", json={"lead_id": lead["id"]}, as_="globex"), 422,
                     "validation_error")
    assert "lead_id" in str(error)


@pytest.mark.parametrize("path", ["/lead-enrichment/linkedin-leads/recent", "/lead-enrichment/job/1",
                                  "/lead-enrichment/linkedin-leads/1"])
def test_routes_need_a_token(lio, path):
    assert lio.get(path, as_=None).status_code == 401
    assert lio.post("/lead-enrichment/enrich", json={"email": "a@b.test"}, as_=None).status_code == 401


def test_bulk_enrich_completes_and_fills_matching_leads(lio, client):
    lead = new_lead(lio)
    job = lio.data(lio.post("/lead-enrichment/enrich/bulk", prefix=V1, json={
        "leads": [{"email": "ada.lovelace@engines.test"}, {"domain": "x.test"}, {"name": "Only Name"}],
        "group_id": "g1"}), 202)
    assert job["type"] == "enrichment" and job["status"] == "queued"
    pending = lio.data(lio.get(f"/lead-enrichment/job/{job['id']}"))
    assert pending["results"] is None
    client.post("/__admin/clock/advance", json={"seconds": 10})
    done = lio.data(lio.get(f"/lead-enrichment/job/{job['id']}"))
    assert done["status"] == "completed"
    assert done["result"] == {"total": 3, "enriched": 2, "failed": 1}
    assert [r["status"] for r in done["results"]] == ["enriched", "enriched", "not_found"]
    assert done["results"][0]["lead_id"] == lead["id"]
    filled = lio.data(lio.get(f"/lead/view/{lead['id']}"))
    assert filled["job_title"] == done["results"][0]["profile"]["job_title"]
    error_of(lio.get(f"/lead-enrichment/job/{job['id']}", as_="globex"), 404, "not_found")


@pytest.mark.parametrize("leads", [[], [{}], [{"email": "a@b.test"}, {"group": "x"}], [{"email": "a@b.test"}] * 501,
                                   "nope"])
def test_bulk_enrich_bad_input_is_422_naming_the_index(lio, leads):
    error = error_of(lio.post("/lead-enrichment/enrich/bulk", json={"leads": leads}), 422, "validation_error")
    if leads and isinstance(leads, list) and len(leads) == 2:
        assert "1" in str(error)


def test_job_of_another_type_is_404(lio):
    imports = lio.data(lio.get("/import-job/list?type=lead_import"))
    assert imports
    error_of(lio.get(f"/lead-enrichment/job/{imports[0]['id']}"), 404, "not_found")


def test_recent_linkedin_leads_are_newest_first_searchable_and_per_org(lio):
    page = lio.get("/lead-enrichment/linkedin-leads/recent?limit=100").get_json()
    items = page["data"]
    assert len(items) >= 10
    assert [i["created_at"] for i in items] == sorted((i["created_at"] for i in items), reverse=True)
    word = items[0]["company"][:4]
    found = lio.data(lio.get(f"/lead-enrichment/linkedin-leads/recent?search={word}", prefix=V1))
    assert found and all(word.lower() in str(i).lower() for i in found)
    one = lio.data(lio.get(f"/lead-enrichment/linkedin-leads/{items[0]['id']}"))
    assert one == items[0]
    error_of(lio.get(f"/lead-enrichment/linkedin-leads/{items[0]['id']}", as_="globex"), 404, "not_found")
    theirs = lio.data(lio.get("/lead-enrichment/linkedin-leads/recent", as_="globex"))
    assert not {i["id"] for i in theirs} & {i["id"] for i in items}
    error_of(lio.get("/lead-enrichment/linkedin-leads/recent?limit=0"), 422, "validation_error")
