"""Companies (doc 6.4): list filters, stats, view, similar, add (JSON and multipart), update, enrich,
delete; isolation between organizations; both prefixes."""

import io

import pytest

from tests.vendors.lio.conftest import API, V1, error_of


def first(lio, as_="acme", **query):
    return lio.data(lio.get("/company/list", as_=as_, query_string={"limit": 100, **query}))


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_list_has_the_list_envelope(lio, prefix):
    body = lio.get("/company/list", prefix=prefix).get_json()
    assert list(body) == ["success", "message", "data", "total", "page", "limit"]
    assert body["total"] == 30 and len(body["data"]) == 10
    ids = [c["id"] for c in body["data"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("query,check", [
    ({"my": "true"}, lambda c: c["user_id"] == 142),
    ({"industry": "health,soft"}, lambda c: c["industry_type"] in ("Healthcare", "Software")),
    ({"search_value": "a"}, lambda c: "a" in (c["company_name"] + c["website"] + c["city"]).lower()),
    ({"employee_size": "1-10,11-50"}, lambda c: c["employee_size"] in ("1-10", "11-50")),
    ({"start_date": "2026-01-01", "end_date": "2026-03-31"}, lambda c: "2026-01" <= c["created_at"][:7] <= "2026-03"),
])
def test_company_list_filters(lio, query, check):
    companies = first(lio, **query)
    assert companies and all(check(c) for c in companies)
    assert len(companies) < 30


def test_company_list_by_company_id_and_bad_order(lio):
    ids = [c["id"] for c in first(lio)][:2]
    assert sorted(c["id"] for c in first(lio, company_id=f"{ids[0]},{ids[1]}")) == sorted(ids)
    error_of(lio.get("/company/list", query_string={"order_by": "password"}), 422, "validation_error")


def test_company_list_requires_a_token(lio):
    error_of(lio.get("/company/list", as_=None), 401, "unauthorized")


def test_company_list_shows_only_the_orgs_companies(lio):
    acme = {c["id"] for c in first(lio)}
    globex = {c["id"] for c in first(lio, as_="globex")}
    assert acme and globex and not acme & globex


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_stats_change_after_a_new_company(lio, prefix):
    before = lio.data(lio.get("/company/stats", prefix=prefix))
    assert before["total"] == 30 and sum(g["count"] for g in before["by_industry"]) == 30
    lio.data(lio.post("/company/add", json={"company_name": "Statsy", "industry_type": "Aerospace",
                                           "employee_size": "11-50", "rating": 5}), 201)
    after = lio.data(lio.get("/company/stats", prefix=prefix))
    assert after["total"] == 31
    assert {"name": "Aerospace", "count": 1} in after["by_industry"]
    assert after["average_rating"] >= before["average_rating"]
    assert lio.data(lio.get("/company/stats", query_string={"industry": "aerospace"}))["total"] == 1


def test_company_stats_count_linked_leads_and_contacts(lio):
    stats = lio.data(lio.get("/company/stats"))
    before = stats["contacts_linked"]
    assert before == lio.get("/contact/list").get_json()["total"] and stats["leads_linked"] > 0
    new = lio.data(lio.post("/company/add", json={"company_name": "Linked Co"}), 201)
    lio.data(lio.post("/contact/add", json={"name": "Lin", "company_id": new["id"]}), 201)
    lio.data(lio.post("/lead/add", json={"first_name": "Li", "last_name": "Nk", "company": "Linked Co"}), 201)
    only = lio.data(lio.get("/company/stats", query_string={"company_id": str(new["id"])}))
    assert (only["total"], only["contacts_linked"], only["leads_linked"]) == (1, 1, 1)
    assert lio.data(lio.get("/company/stats"))["contacts_linked"] == before + 1


def test_company_stats_validation_and_auth(lio):
    error_of(lio.get("/company/stats", query_string={"start_date": "yesterday"}), 422, "validation_error")
    error_of(lio.get("/company/stats", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_view(lio, prefix):
    company = first(lio)[0]
    assert lio.data(lio.get(f"/company/view/{company['id']}", prefix=prefix)) == company


def test_company_view_of_another_org_is_404(lio):
    other = first(lio, as_="globex")[0]["id"]
    error_of(lio.get(f"/company/view/{other}"), 404, "not_found")
    error_of(lio.get(f"/company/view/{other}", as_=None), 401, "unauthorized")


def test_company_similar_never_returns_itself_nor_another_orgs(lio):
    acme = {c["id"]: c for c in first(lio)}
    for company_id, company in list(acme.items())[:5]:
        similar = lio.data(lio.get(f"/company/similar/{company_id}", query_string={"limit": 100}))
        assert similar and company_id not in {s["id"] for s in similar}
        assert all(s["id"] in acme for s in similar)
        assert all(s["industry_type"] == company["industry_type"] or s["employee_size"] == company["employee_size"]
                   for s in similar)
        ranks = [2 * (s["industry_type"] == company["industry_type"]) + (s["employee_size"] == company["employee_size"])
                 for s in similar]
        assert ranks == sorted(ranks, reverse=True)


def test_company_similar_limit_isolation_and_auth(lio):
    company_id = first(lio)[0]["id"]
    assert len(lio.data(lio.get(f"/company/similar/{company_id}", prefix=V1, query_string={"limit": 2}))) == 2
    error_of(lio.get(f"/company/similar/{company_id}", query_string={"limit": 0}), 422, "validation_error")
    error_of(lio.get(f"/company/similar/{company_id}", as_="globex"), 404, "not_found")
    error_of(lio.get(f"/company/similar/{company_id}", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_add_json(lio, prefix):
    company = lio.data(lio.post("/company/add", prefix=prefix, json={
        "company_name": "Initech", "city": "Austin", "country": "USA", "website": "https://initech.test",
        "employee_size": "51-200", "industry_type": "Software", "rating": 4}), 201)
    assert company["company_name"] == "Initech" and company["user_id"] == 142 and company["enriched_at"] is None
    assert lio.data(lio.get(f"/company/view/{company['id']}")) == company


def test_company_add_multipart_with_a_logo(lio):
    company = lio.data(lio.post("/company/add", content_type="multipart/form-data", data={
        "company_name": "Logo Co", "rating": "2",
        "company_logo": (io.BytesIO(b"\x89PNG\r\n\x1a\nfake"), "logo.png", "image/png")}), 201)
    assert company["rating"] == 2
    assert company["company_logo"].startswith("https://") and company["company_logo"].endswith(".png")


def test_company_add_rejects_a_non_image_logo(lio):
    response = lio.post("/company/add", content_type="multipart/form-data", data={
        "company_name": "Text Co", "company_logo": (io.BytesIO(b"hello"), "logo.txt", "text/plain")})
    assert "company_logo" in error_of(response, 422, "validation_error")["fields"]


@pytest.mark.parametrize("body", [{}, {"company_name": ""}, {"company_name": "X", "rating": 6},
                                  {"company_name": "X", "rating": 0}, {"company_name": 5},
                                  {"company_name": "X", "contact_email": "not-an-email"}])
def test_company_add_validation(lio, body):
    error_of(lio.post("/company/add", json=body), 422, "validation_error")


def test_company_add_name_taken_in_the_org_is_409_but_free_in_another(lio):
    name = first(lio)[0]["company_name"]
    error_of(lio.post("/company/add", json={"company_name": name.upper()}), 409, "conflict")
    lio.data(lio.post("/company/add", as_="globex", json={"company_name": name}), 201)
    error_of(lio.post("/company/add", as_=None, json={"company_name": "Nope"}), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_update_is_partial(lio, prefix):
    company = first(lio)[0]
    updated = lio.data(lio.post(f"/company/update/{company['id']}", prefix=prefix, json={"city": "Oslo"}))
    assert updated["city"] == "Oslo" and updated["company_name"] == company["company_name"]
    assert updated["industry_type"] == company["industry_type"]


def test_company_update_rules_and_isolation(lio):
    a, b = first(lio)[:2]
    error_of(lio.post(f"/company/update/{a['id']}", json={"company_name": b["company_name"]}), 409, "conflict")
    error_of(lio.post(f"/company/update/{a['id']}", json={"rating": 9}), 422, "validation_error")
    error_of(lio.post(f"/company/update/{a['id']}", as_="globex", json={"city": "X"}), 404, "not_found")
    error_of(lio.post(f"/company/update/{a['id']}", as_=None, json={"city": "X"}), 401, "unauthorized")
    assert lio.data(lio.get(f"/company/view/{a['id']}"))["city"] == a["city"]


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_enrich_fills_missing_firmographics_deterministically(lio, prefix):
    bare = lio.data(lio.post("/company/add", json={"company_name": "Bare", "website": "https://bare.test"}), 201)
    enriched = lio.data(lio.post("/company/enrich", prefix=prefix, json={"company_id": bare["id"]}))
    assert enriched["enriched_at"] and enriched["industry_type"] and enriched["employee_size"]
    assert 1 <= enriched["rating"] <= 5 and enriched["summary"] and enriched["contact_email"] == "info@bare.test"
    assert enriched["website"] == "https://bare.test"
    twin = lio.data(lio.post("/company/add", as_="globex", json={"company_name": "Bare",
                                                                 "website": "https://bare.test"}), 201)
    again = lio.data(lio.post("/company/enrich", as_="globex", json={"company_id": twin["id"]}))
    assert (again["industry_type"], again["employee_size"], again["rating"]) == \
        (enriched["industry_type"], enriched["employee_size"], enriched["rating"])


def test_company_enrich_keeps_existing_values(lio):
    company = first(lio)[0]
    enriched = lio.data(lio.post("/company/enrich", json={"company_id": company["id"]}))
    assert enriched["industry_type"] == company["industry_type"] and enriched["rating"] == company["rating"]
    assert enriched["enriched_at"]


def test_company_enrich_validation_isolation_auth(lio):
    error_of(lio.post("/company/enrich", json={}), 422, "validation_error")
    error_of(lio.post("/company/enrich", json={"company_id": "x"}), 422, "validation_error")
    other = first(lio, as_="globex")[0]["id"]
    error_of(lio.post("/company/enrich", json={"company_id": other}), 404, "not_found")
    error_of(lio.post("/company/enrich", as_=None, json={"company_id": other}), 401, "unauthorized")


@pytest.mark.parametrize("prefix", [API, V1])
def test_company_delete_by_path_id_unlinks_leads_and_contacts(lio, prefix):
    contact = lio.data(lio.get("/contact/list"))[0]
    company_id = contact["company_id"]
    leads = lio.data(lio.get("/lead/list", query_string={"limit": 100}))
    assert lio.data(lio.delete(f"/company/delete/{company_id}", prefix=prefix)) == {"deleted": 1}
    error_of(lio.get(f"/company/view/{company_id}"), 404, "not_found")
    assert lio.data(lio.get(f"/contact/view/{contact['id']}"))["company_id"] is None
    for lead in leads:
        if lead["company_id"] == company_id:
            assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["company_id"] is None


def test_company_delete_path_id_plus_body_ids(lio):
    ids = [c["id"] for c in first(lio)][:3]
    assert lio.data(lio.delete(f"/company/delete/{ids[0]}", json={"ids": ids[1:]})) == {"deleted": 3}
    assert lio.data(lio.get("/company/list"))  # others remain
    assert lio.get("/company/list").get_json()["total"] == 27


def test_company_delete_select_all_with_filters_stays_in_the_org(lio):
    globex_total = lio.get("/company/list", as_="globex").get_json()["total"]
    software = lio.get("/company/list", query_string={"industry": "Software"}).get_json()["total"]
    deleted = lio.data(lio.delete("/company/delete/0", json={"select_all": True, "filters": {"industry": "Software"}}))
    assert deleted == {"deleted": software}
    assert lio.get("/company/list", as_="globex").get_json()["total"] == globex_total


def test_company_delete_validation_isolation_auth(lio):
    error_of(lio.delete("/company/delete/0"), 422, "validation_error")
    error_of(lio.delete("/company/delete/0", json={"ids": ["a"]}), 422, "validation_error")
    other = first(lio, as_="globex")[0]["id"]
    error_of(lio.delete(f"/company/delete/{other}"), 404, "not_found")
    error_of(lio.delete("/company/delete/0", json={"ids": [other]}), 404, "not_found")
    lio.data(lio.get(f"/company/view/{other}", as_="globex"))
    error_of(lio.delete(f"/company/delete/{other}", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("path", ["/company/view/{big}", "/company/similar/{big}", "/company/update/{big}",
                                  "/company/delete/{big}"])
def test_company_huge_path_ids_are_404(lio, path):
    method = "POST" if "update" in path else "DELETE" if "delete" in path else "GET"
    error_of(lio.call(method, path.format(big=10**25), json={}), 404, "not_found")
