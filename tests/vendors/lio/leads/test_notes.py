"""Lead custom fields, notes and follow-ups (doc 6.5, 7.1): per lead, never across organizations."""

import pytest

from tests.vendors.lio.conftest import V1, error_of


def first_lead(lio, as_="acme"):
    return lio.data(lio.get("/lead/list", as_=as_, query_string={"order_by": "id", "order_in": "ASC"}))[0]


def test_update_custom_fields_merges(lio):
    lead = first_lead(lio)
    lio.data(lio.post("/lead/update-custom-fields", json={"lead_id": lead["id"], "custom_fields": {"a": 1}}))
    out = lio.data(lio.post("/lead/update-custom-fields", json={"lead_id": lead["id"], "custom_fields": {"b": "x"}}))
    assert out["custom_fields"]["a"] == 1 and out["custom_fields"]["b"] == "x"
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["custom_fields"] == out["custom_fields"]


def test_custom_field_sets_one_value_and_null_without_value(lio):
    lead = first_lead(lio)
    out = lio.data(lio.post("/lead/custom-field", json={"lead_id": lead["id"], "field_name": "budget",
                                                        "field_value": "10k"}, prefix=V1))
    assert out["custom_fields"]["budget"] == "10k"
    out = lio.data(lio.post("/lead/custom-field", json={"lead_id": lead["id"], "field_name": "other"}))
    assert out["custom_fields"]["other"] is None and out["custom_fields"]["budget"] == "10k"


@pytest.mark.parametrize("path,body", [
    ("/lead/update-custom-fields", {"custom_fields": {"a": 1}}),
    ("/lead/update-custom-fields", {"lead_id": 80001, "custom_fields": "x"}),
    ("/lead/custom-field", {"lead_id": 80001}),
    ("/lead/custom-field", {"lead_id": 80001, "field_name": ""}),
    ("/lead/note/add", {"lead_id": 80001}),
    ("/lead/note/add", {"lead_id": -1, "title": "t"}),
    ("/lead/follow-up/add", {"lead_id": 80001, "follow_up_date": "tomorrow"}),
    ("/lead/follow-up/add", {"lead_id": 80001, "follow_up_date": "2026-07-01T10:00:00Z", "status": 7}),
])
def test_bad_bodies_are_422(lio, path, body):
    error_of(lio.post(path, json=body), 422, "validation_error")


@pytest.mark.parametrize("path", ["/lead/note/list", "/lead/follow-up/list"])
def test_lists_need_a_lead_id(lio, path):
    error_of(lio.get(path), 422, "validation_error")


def test_note_add_then_list_moves_last_activity(lio):
    lead = first_lead(lio)
    note = lio.data(lio.post("/lead/note/add", json={"lead_id": lead["id"], "title": "Call", "note": "Went well"}),
                    201)
    assert note["title"] == "Call" and note["lead_id"] == lead["id"] and note["user_id"] == 142
    listed = lio.get("/lead/note/list", query_string={"lead_id": lead["id"]}, prefix=V1).get_json()
    assert note in listed["data"] and listed["total"] >= 1
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["last_activity_at"] == note["created_at"]


def test_follow_up_add_defaults_status_and_filters(lio):
    lead = first_lead(lio)
    fu = lio.data(lio.post("/lead/follow-up/add", json={"lead_id": lead["id"],
                                                        "follow_up_date": "2026-07-01T12:00:00+02:00"}), 201)
    assert fu["status"] == 1 and fu["follow_up_date"] == "2026-07-01T10:00:00.000Z"
    done = lio.data(lio.post("/lead/follow-up/add", json={"lead_id": lead["id"], "status": 3, "notes": "n",
                                                          "follow_up_date": "2026-07-02T10:00:00"}), 201)
    ids = [f["id"] for f in lio.data(lio.get("/lead/follow-up/list",
                                             query_string={"lead_id": lead["id"], "status": 3}))]
    assert done["id"] in ids and fu["id"] not in ids
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["last_activity_at"] == done["created_at"]


@pytest.mark.parametrize("method,path,body", [
    ("POST", "/lead/update-custom-fields", {"custom_fields": {"a": 1}}),
    ("POST", "/lead/custom-field", {"field_name": "a"}),
    ("POST", "/lead/note/add", {"title": "t"}),
    ("POST", "/lead/follow-up/add", {"follow_up_date": "2026-07-01T10:00:00Z"}),
])
def test_other_org_lead_in_body_is_404(lio, method, path, body):
    globex = first_lead(lio, as_="globex")
    error_of(lio.call(method, path, json={"lead_id": globex["id"], **body}), 404, "not_found")


@pytest.mark.parametrize("path", ["/lead/note/list", "/lead/follow-up/list"])
def test_other_org_lead_list_is_404(lio, path):
    globex = first_lead(lio, as_="globex")
    error_of(lio.get(path, query_string={"lead_id": globex["id"]}), 404, "not_found")


def test_notes_need_a_token(lio):
    assert lio.get("/lead/note/list", as_=None, query_string={"lead_id": 80001}).status_code == 401
    assert lio.post("/lead/note/add", as_=None, json={"lead_id": 80001, "title": "t"}).status_code == 401
