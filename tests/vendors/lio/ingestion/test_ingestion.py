"""Ingestion (doc 8): lead push with keys, duplicates, lead-list, hosted web forms."""

import json
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

from tests.vendors.lio.conftest import ACME_KEY, API, GLOBEX_KEY, V1

KEY = {"x-api-key": ACME_KEY}
GKEY = {"x-api-key": GLOBEX_KEY}


def push(lio, body, headers=KEY, prefix=V1):
    return lio.post("/lead", as_=None, prefix=prefix, headers=headers, json=body)


def test_doc_curl_example_through_a_live_server(app, live_server):
    base = live_server(app)
    req = urllib.request.Request(base + "/lio/api/v1/lead", method="POST", data=json.dumps(
        {"email": "jane.curl@acme.com", "first_name": "Jane", "company": "Acme Corp", "lead_source": 1}).encode(),
        headers={"x-api-key": ACME_KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        assert resp.status == 201
        body = json.loads(resp.read())
    assert body["success"] is True and body["message"] == "Lead created successfully"
    assert set(body["data"]) == {"id", "email", "first_name", "company", "status", "priority", "score", "created_at"}
    assert body["data"]["status"] == 1 and body["data"]["priority"] == 2 and body["data"]["score"] == 0


def test_push_requires_a_contact_field(lio):
    r = push(lio, {"first_name": "NoContact"})
    assert r.status_code == 422


def test_duplicate_409_then_duplicate_1_then_merge_1(lio):
    assert push(lio, {"email": "dup@x.test", "first_name": "A", "custom_fields": {"a": 1}}).status_code == 201
    r = push(lio, {"email": "DUP@x.test"})
    assert r.status_code == 409 and r.get_json()["success"] is False
    r = push(lio, {"email": "dup@x.test", "duplicate": 1})
    assert r.status_code == 201
    r = push(lio, {"email": "dup@x.test", "merge": 1, "company": "Merged Co", "custom_fields": {"b": 2}})
    assert r.status_code == 200 and r.get_json()["message"] == "Lead updated successfully"
    lead = lio.get(f"/lead/view/{r.get_json()['data']['id']}").get_json()["data"]
    assert lead["company"] == "Merged Co" and lead["custom_fields"] == {"a": 1, "b": 2}


def test_linkedin_duplicate_is_409(lio):
    assert push(lio, {"linkedin_url": "https://linkedin.com/in/x1"}).status_code == 201
    assert push(lio, {"linkedin_url": "https://linkedin.com/in/x1"}).status_code == 409


def test_unknown_fields_and_tags(lio):
    r = push(lio, {"email": "cf@x.test", "utm_source": "google", "custom_fields": {"k": "v"}, "tags": ["Webinar"]})
    assert r.status_code == 201
    lead = lio.get(f"/lead/view/{r.get_json()['data']['id']}").get_json()["data"]
    assert lead["custom_fields"] == {"k": "v", "utm_source": "google"}
    assert [t["name"] for t in lead["tags"]] == ["Webinar"]


def test_ai_score_after_five_seconds(lio, client):
    lead_id = push(lio, {"email": "score@x.test", "job_title": "CTO"}).get_json()["data"]["id"]
    assert lio.get(f"/lead/view/{lead_id}").get_json()["data"]["score"] == 0
    assert client.post("/__admin/clock/advance", json={"seconds": 5}).status_code == 200
    lead = lio.get(f"/lead/view/{lead_id}").get_json()["data"]
    assert 1 <= lead["score"] <= 100 and lead["ai_information"]


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"x-api-key": "lio_live_nope"}, 403),
    ({"x-api-key": "lio_live_acme_expired"}, 403),
    ({"x-api-key": "lio_live_acme_restricted"}, 403),
    ({"x-api-key": "lio_live_acme_restricted", "Origin": "https://app.acme.test"}, 201),
    ({"x-api-key": "lio_live_acme_restricted", "X-Forwarded-For": "203.0.113.10"}, 201),
])
def test_key_rules(lio, headers, status):
    assert push(lio, {"email": f"k{status}@x.test"}, headers=headers).status_code == status


def test_bearer_works_and_both_prefixes(lio):
    r = lio.post("/lead", prefix=API, json={"email": "bearer@x.test"})
    assert r.status_code == 201
    assert lio.get("/lead/lead-list", prefix=V1, as_=None, headers=KEY).status_code == 200
    assert lio.get("/lead/lead-list", prefix=API).status_code == 200


def test_globex_never_sees_or_merges_acme_leads(lio):
    acme = push(lio, {"email": "iso@x.test"}).get_json()["data"]["id"]
    r = push(lio, {"email": "iso@x.test", "merge": 1, "company": "Globex"}, headers=GKEY)
    assert r.status_code == 201 and r.get_json()["data"]["id"] != acme
    ids = [x["id"] for x in lio.get("/lead/lead-list?limit=100&search_value=iso@x.test", prefix=V1, as_=None,
                                      headers=GKEY).get_json()["data"]]
    assert acme not in ids and len(ids) == 1
    assert lio.get(f"/lead/view/{acme}").get_json()["data"]["company"] is None


def test_lead_list_paging_and_order(lio):
    r = lio.get("/lead/lead-list?page=2&limit=3&order_by=id&order_in=asc", prefix=V1, as_=None, headers=KEY)
    body = r.get_json()
    assert r.status_code == 200 and body["page"] == 2 and body["limit"] == 3 and len(body["data"]) == 3
    assert [x["id"] for x in body["data"]] == sorted(x["id"] for x in body["data"])
    assert lio.get("/lead/lead-list?order_by=nope", prefix=V1, as_=None, headers=KEY).status_code == 422
    assert lio.get("/lead/lead-list", prefix=V1, as_=None).status_code == 401


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "inputs": []})
        elif tag in ("input", "textarea") and self.forms:
            self.forms[-1]["inputs"].append(attrs.get("name"))


def test_web_form_as_a_browser(app, live_server, lio):
    base = live_server(app)
    url = base + "/lio/api/v1/web-form/acme-contact-us"
    with urllib.request.urlopen(url) as resp:
        assert resp.headers["Content-Type"].startswith("text/html")
        page = resp.read().decode()
    assert "Contact us" in page
    parser = Forms()
    parser.feed(page)
    (form,) = parser.forms
    assert form["attrs"]["method"] == "post"
    assert set(form["inputs"]) >= {"first_name", "last_name", "email", "phone_number", "company", "message"}
    action = urllib.parse.urljoin(url, form["attrs"]["action"])
    data = urllib.parse.urlencode({"first_name": "Web", "last_name": "Visitor", "email": "web@visitor.test",
                                   "phone_number": "", "company": "Visitor Inc", "message": "Call me"}).encode()
    with urllib.request.urlopen(urllib.request.Request(action, data=data, method="POST")) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/html")
    leads = lio.get("/lead/list?search_value=web@visitor.test").get_json()["data"]
    assert len(leads) == 1
    assert leads[0]["company"] == "Visitor Inc" and leads[0]["notes"] == "Call me" and leads[0]["lead_source"] == 1
    assert lio.get("/lead/list?search_value=web@visitor.test", as_="globex").get_json()["data"] == []


def test_web_form_json_post_and_errors(lio):
    for prefix in (V1, API):
        assert lio.get("/web-form/globex-demo-request", as_=None, prefix=prefix).status_code == 200
    r = lio.post("/web-form/globex-demo-request", as_=None, prefix=API, json={"email": "demo@g.test"})
    assert r.status_code == 201 and r.get_json()["data"]["email"] == "demo@g.test"
    assert lio.post("/web-form/globex-demo-request", as_=None, json={"email": "demo@g.test"}).status_code == 409
    assert lio.post("/web-form/globex-demo-request", as_=None, json={"first_name": "x"}).status_code == 422
    r = lio.get("/web-form/nope", as_=None, prefix=V1)
    assert r.status_code == 404 and r.get_json()["success"] is False
    assert lio.post("/web-form/nope", as_=None, json={"email": "a@b.test"}).status_code == 404
    assert lio.get("/lead/list?search_value=demo@g.test", as_="globex").get_json()["total"] == 1


def test_custom_values_beyond_64_bits_never_break_the_lead(lio):
    r = lio.post("/lead", as_=None, prefix=V1, headers=KEY, content_type="application/json",
                 data='{"email": "huge@x.test", "zz": 1180591620717411303424}')
    assert r.status_code in (201, 422)
    if r.status_code == 201:
        assert lio.get(f"/lead/view/{r.get_json()['data']['id']}").status_code == 200
