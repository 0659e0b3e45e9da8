"""``POST /api/connect/contacts``: the documented rules and their exact messages."""

import pytest

from app.core import db
from tests.vendors.skarbe._support import (
    ACME,
    CONTACT_ATTRIBUTES,
    CONTACTS,
    DOC_CREATE_BODY,
    GLOBEX,
    freeze,
    sql,
)


def _create(client, body, headers=ACME):
    return client.post(CONTACTS, json=body, headers=headers)


def _error(response):
    assert response.status_code == 400, response.get_json()
    return response.get_json()["error"]


def test_doc_example_request_creates_the_documented_example_response(app, client):
    freeze(app, "2023-01-15T10:30:00Z")
    response = _create(client, DOC_CREATE_BODY)
    assert response.status_code == 200
    body = response.get_json()
    documented = {"email": "jane@techsolutions.test", "firstName": "Jane", "lastName": "Smith",
                  "jobTitle": "Marketing Manager", "companyName": "Tech Solutions Inc",
                  "createdAt": "2023-01-15T10:30:00Z"}
    assert {key: body[key] for key in documented} == documented
    assert isinstance(body["id"], int)
    assert body["leadStatus"] == {"id": 1, "label": "New Lead", "color": "#3B82F6"}


def test_create_answers_200_with_the_contact_as_listed(client):
    created = _create(client, {**DOC_CREATE_BODY, "phoneNumbers": ["+1 415-555-0132"], "note": "Hot"}).get_json()
    assert list(created) == CONTACT_ATTRIBUTES
    assert created["fullName"] == "Jane Smith"
    listed = client.get(CONTACTS, headers=ACME).get_json()
    assert listed[0] == created   # newest first


def test_created_at_comes_from_the_sandbox_clock(app, client):
    freeze(app, "2031-05-06T07:08:09Z")
    assert _create(client, {"firstName": "Tick"}).get_json()["createdAt"] == "2031-05-06T07:08:09Z"


def test_created_contact_is_persisted_and_searchable(client):
    created = _create(client, {"email": "zoe.quark@example.test", "firstName": "Zoe"}).get_json()
    assert [c["id"] for c in client.get(CONTACTS, headers=ACME, query_string={"query": "quark"}).get_json()] \
        == [created["id"]]


def test_ids_are_increasing_integers(client):
    first = _create(client, {"firstName": "One"}).get_json()["id"]
    second = _create(client, {"firstName": "Two"}).get_json()["id"]
    assert second == first + 1


def test_missing_values_are_null(client):
    created = _create(client, {"email": "only@example.test"}).get_json()
    assert created["firstName"] is None and created["fullName"] is None
    assert created["photo"] is None and created["leadStatus"] is None and created["lastActivityAt"] is None


def test_first_name_alone_is_enough(client):
    created = _create(client, {"firstName": "Solo"}).get_json()
    assert (created["email"], created["fullName"]) == (None, "Solo")


def test_every_writable_field_is_returned_but_twitter_url(app, client):
    body = {"email": "max@example.test", "firstName": "Max", "lastName": "Power", "jobTitle": "CEO",
            "companyName": "Power Inc", "phoneNumbers": ["+1 212-555-0100", "+1 212-555-0101"],
            "facebookUrl": "https://facebook.com/max", "instagramUrl": "https://instagram.com/max",
            "linkedinUrl": "https://linkedin.com/in/max", "twitterUrl": "https://twitter.com/max",
            "note": "Met at the fair", "leadStatus": 2}
    created = _create(client, body).get_json()
    for key, value in body.items():
        if key not in ("twitterUrl", "leadStatus"):
            assert created[key] == value, key
    assert created["leadStatus"] == {"id": 2, "label": "Qualified Lead", "color": "#10B981"}


def test_twitter_url_is_stored_but_not_returned(app, client):
    created = _create(client, {"firstName": "Tweety", "twitterUrl": "https://twitter.com/tweety"}).get_json()
    assert "twitterUrl" not in created
    listed = client.get(CONTACTS, headers=ACME, query_string={"query": "Tweety"}).get_json()
    assert listed and "twitterUrl" not in listed[0]
    stored = sql(app, "SELECT twitter_url FROM skarbe_contacts WHERE id = ?", created["id"])
    assert stored == [{"twitter_url": "https://twitter.com/tweety"}]


@pytest.mark.parametrize("phones", ["+1 415-555-0132", ["+1 415-555-0132"], ["+1 415-555-0132", "+44 20 7946 0000"], []])
def test_phone_numbers_string_or_list_is_returned_as_sent(client, phones):
    created = _create(client, {"firstName": "Phil", "phoneNumbers": phones}).get_json()
    assert created["phoneNumbers"] == phones
    listed = client.get(CONTACTS, headers=ACME).get_json()[0]
    assert listed["phoneNumbers"] == phones


def test_unknown_fields_are_ignored(client):
    response = _create(client, {"firstName": "Ivy", "id": 999, "createdAt": "2000-01-01T00:00:00Z",
                                "fullName": "Forged", "workspace": "Globex"})
    assert response.status_code == 200
    created = response.get_json()
    assert created["id"] != 999 and created["fullName"] == "Ivy" and created["createdAt"] != "2000-01-01T00:00:00Z"


def test_null_fields_are_accepted(client):
    created = _create(client, {"firstName": "Nia", "lastName": None, "leadStatus": None, "phoneNumbers": None})
    assert created.status_code == 200
    assert created.get_json()["leadStatus"] is None


# -- the documented rules and messages --------------------------------------------------
@pytest.mark.parametrize("body", [{}, {"lastName": "Smith", "jobTitle": "CTO"}, {"email": None, "firstName": None},
                                  {"email": "", "firstName": ""}, {"email": ""}])
def test_neither_email_nor_first_name_is_400(client, body):
    assert _error(_create(client, body)) == "At least email or firstName is required"


def test_empty_body_is_400_at_least_email_or_first_name(client):
    response = client.post(CONTACTS, headers=ACME)
    assert _error(response) == "At least email or firstName is required"


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "@acme.test", "john@", "john doe@acme.test",
                                   "john@@acme.test", "john@acme..test", ".john@acme.test", 5, True, ["a@b.co"]])
def test_invalid_email_is_400(client, email):
    assert _error(_create(client, {"email": email, "firstName": "John"})) == "Invalid email"


def test_invalid_email_without_first_name_is_400_invalid_email(client):
    assert _error(_create(client, {"email": "nope"})) == "Invalid email"


def test_empty_email_with_first_name_is_invalid_email(client):
    assert _error(_create(client, {"email": "", "firstName": "Jo"})) == "Invalid email"


@pytest.mark.parametrize("email", ["a+tag@sub.example.co.uk", "o'neil@example.test", "josé@exämple.de"])
def test_unusual_but_valid_emails_are_accepted(client, email):
    assert _create(client, {"email": email}).get_json()["email"] == email


@pytest.mark.parametrize("status", [99, 0, -1, 4, "abc", "1", 1.5, True, {"id": 1}])
def test_unknown_or_malformed_lead_status_is_400(client, status):
    assert _error(_create(client, {"firstName": "Lee", "leadStatus": status})) == "Invalid lead status"


def test_lead_status_of_another_workspace_is_checked_per_workspace(app, client):
    # Statuses are per workspace: a Globex status row must not validate an Acme contact.
    with app.app_context():
        with db.write() as c:
            c.execute("INSERT INTO skarbe_lead_statuses (workspace_id, id, type, label, color, sort_order)"
                      " VALUES (2, 7, 'lead', 'Globex Only', '#000000', 4)")
    assert _create(client, {"firstName": "Gus", "leadStatus": 7}, GLOBEX).status_code == 200
    assert _error(_create(client, {"firstName": "Ann", "leadStatus": 7})) == "Invalid lead status"


@pytest.mark.parametrize("field,value", [("firstName", 5), ("lastName", ["Smith"]), ("jobTitle", {"a": 1}),
                                         ("note", False), ("phoneNumbers", {}), ("phoneNumbers", [1, 2]),
                                         ("phoneNumbers", 5), ("linkedinUrl", 3.14)])
def test_wrong_type_is_400_naming_the_field(client, field, value):
    message = _error(_create(client, {"email": "ok@example.test", field: value}))
    assert message.startswith(f"{field}: ")


def test_lone_surrogate_is_400_invalid_json_not_500(client):
    response = client.post(CONTACTS, data=b'{"firstName": "\\ud800"}', headers=ACME)
    assert response.status_code == 400 and _error(response) == "Invalid JSON"


@pytest.mark.parametrize("data", [b"{", b'{"firstName": "Ann",}', b"firstName=Ann", b"\xff\xfe"])
def test_malformed_json_is_400_invalid_json(client, data):
    assert _error(client.post(CONTACTS, data=data, headers={**ACME, "Content-Type": "application/json"})) \
        == "Invalid JSON"


@pytest.mark.parametrize("data", [b"[]", b'[{"firstName": "Ann"}]', b'"Ann"', b"42", b"null"])
def test_body_that_is_not_an_object_is_400(client, data):
    assert _error(client.post(CONTACTS, data=data, headers={**ACME, "Content-Type": "application/json"})) \
        == "Request body must be a JSON object"


def test_json_body_is_read_whatever_the_content_type(client):
    # curl -d sends application/x-www-form-urlencoded
    response = client.post(CONTACTS, data=b'{"firstName": "Curl"}',
                           headers={**ACME, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200
    assert response.get_json()["firstName"] == "Curl"


def test_rejected_create_stores_nothing(client):
    before = len(client.get(CONTACTS, headers=ACME).get_json())
    _create(client, {"email": "bad", "firstName": "X"})
    _create(client, {"firstName": "X", "leadStatus": 42})
    assert len(client.get(CONTACTS, headers=ACME).get_json()) == before


def test_contact_created_by_acme_is_invisible_to_globex(client):
    created = _create(client, {"firstName": "Secretive", "email": "secret@acme.test"}).get_json()
    globex = client.get(CONTACTS, headers=GLOBEX).get_json()
    assert created["id"] not in [c["id"] for c in globex]
    assert client.get(CONTACTS, headers=GLOBEX, query_string={"query": "Secretive"}).get_json() == []
    assert len(globex) == 40
