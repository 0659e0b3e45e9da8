"""``GET /api/connect/contacts``: a bare array, newest first, searchable by ``query``."""

import pytest

from app.vendors.skarbe.store import EMAIL

from tests.vendors.skarbe._support import ACME, CONTACT_ATTRIBUTES, CONTACTS, GLOBEX


def _get(client, headers=ACME, **params):
    response = client.get(CONTACTS, headers=headers, query_string=params)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_list_is_a_bare_array_of_the_workspace_contacts(client):
    contacts = _get(client)
    assert isinstance(contacts, list)
    assert len(contacts) == 122   # the two documented contacts + 120 generated


def test_list_is_newest_created_first(client):
    created = [contact["createdAt"] for contact in _get(client)]
    assert created == sorted(created, reverse=True)


def test_contact_has_exactly_the_documented_attributes_in_order(client):
    for contact in _get(client):
        assert list(contact) == CONTACT_ATTRIBUTES
        assert isinstance(contact["id"], int)


def test_twitter_url_is_never_listed(client):
    assert all("twitterUrl" not in contact for contact in _get(client))


def test_full_name_is_derived_from_first_and_last_name(client):
    for contact in _get(client):
        expected = f"{contact['firstName'] or ''} {contact['lastName'] or ''}".strip() or None
        assert contact["fullName"] == expected


def test_lead_status_is_an_id_label_color_object_or_null(client):
    statuses = [contact["leadStatus"] for contact in _get(client)]
    assert None in statuses
    assert {status["id"] for status in statuses if status} == {1, 2, 3}
    for status in filter(None, statuses):
        assert list(status) == ["id", "label", "color"]


def test_documented_example_contact_is_listed_as_documented(client):
    john = next(c for c in _get(client, query="john") if c["id"] == 1)
    assert {key: john[key] for key in ("id", "firstName", "lastName", "fullName", "jobTitle", "companyName",
                                       "createdAt", "leadStatus")} == {
        "id": 1, "firstName": "John", "lastName": "Doe", "fullName": "John Doe", "jobTitle": "Developer",
        "companyName": "Acme Corp", "createdAt": "2023-01-15T10:00:00Z",
        "leadStatus": {"id": 1, "label": "New Lead", "color": "#3B82F6"},
    }
    assert john["email"] == "john.doe@acme.test"
    assert john["photo"] is None and john["phoneNumbers"] is None


def test_seeded_contacts_look_real(client):
    contacts = _get(client)
    for key in ("photo", "phoneNumbers", "linkedinUrl", "facebookUrl", "instagramUrl", "note", "lastActivityAt",
                "jobTitle", "companyName"):
        assert any(contact[key] for contact in contacts), key
    assert any(contact["email"] is None for contact in contacts)
    assert all(contact["email"] or contact["firstName"] for contact in contacts)
    assert all(EMAIL.fullmatch(contact["email"]) for contact in contacts if contact["email"])


@pytest.mark.parametrize("query", ["john", "JOHN", "JoHn"])
def test_query_matches_first_name_case_insensitively(client, query):
    found = _get(client, query=query)
    assert 1 in [c["id"] for c in found]
    for contact in found:
        haystack = [contact["firstName"], contact["lastName"], contact["email"]]
        assert any(value and "john" in value.lower() for value in haystack)


@pytest.mark.parametrize("query", ["doe", "DOE"])
def test_query_matches_last_name(client, query):
    assert 1 in [c["id"] for c in _get(client, query=query)]


@pytest.mark.parametrize("query", ["john.doe@acme.test", "@TECHSOLUTIONS.test"])
def test_query_matches_email(client, query):
    found = _get(client, query=query)
    assert found and all(query.lower() in contact["email"] for contact in found)


def test_query_does_not_match_other_fields(client):
    assert _get(client, query="Developer") == []        # John Doe's jobTitle
    assert [c["id"] for c in _get(client, query="Acme Corp")] == []


def test_query_matches_non_ascii_case_insensitively(client):
    client.post(CONTACTS, json={"firstName": "Élodie", "lastName": "Straße"}, headers=ACME)
    assert [c["firstName"] for c in _get(client, query="éLODIE")] == ["Élodie"]
    assert [c["lastName"] for c in _get(client, query="STRASSE")] == ["Straße"]


def test_empty_query_lists_everything(client):
    assert len(_get(client, query="")) == len(_get(client))


def test_results_stay_newest_first(client):
    created = [c["createdAt"] for c in _get(client, query="a")]
    assert len(created) > 10 and created == sorted(created, reverse=True)


@pytest.mark.parametrize("query", ["%", "_", "\\", "%%", "j%n", "j_hn", "'; DROP TABLE skarbe_contacts; --",
                                   "\" OR 1=1 --", "*", "[a-z]"])
def test_hostile_query_is_matched_literally(client, query):
    assert _get(client, query=query) == []
    assert len(_get(client)) == 122   # the table is still there


@pytest.mark.parametrize("name", ["100%", "snake_case", "back\\slash", "Q'uinn"])
def test_special_characters_are_found_literally(client, name):
    created = client.post(CONTACTS, json={"firstName": name}, headers=ACME).get_json()
    assert [c["id"] for c in _get(client, query=name)] == [created["id"]]


def test_percent_and_underscore_are_not_wildcards(client):
    client.post(CONTACTS, json={"firstName": "100%"}, headers=ACME)
    client.post(CONTACTS, json={"firstName": "snake_case"}, headers=ACME)
    assert [c["firstName"] for c in _get(client, query="%")] == ["100%"]
    assert [c["firstName"] for c in _get(client, query="_")] == ["snake_case"]


@pytest.mark.parametrize("length", [5_000, 60_000])
def test_very_long_query_is_200(client, length):
    assert _get(client, query="x" * length) == []


def test_very_long_query_still_matches_a_very_long_name(client):
    name = "Zed" * 20_000   # a 60,000-character pattern: beyond SQLite's LIKE limit
    created = client.post(CONTACTS, json={"firstName": name}, headers=ACME).get_json()
    assert [c["id"] for c in _get(client, query=name.upper())] == [created["id"]]


def test_unknown_query_parameters_are_ignored(client):
    assert len(_get(client, page=2, limit=1)) == 122


def test_globex_sees_only_its_own_contacts(client):
    globex = _get(client, headers=GLOBEX)
    assert len(globex) == 40
    assert not {c["id"] for c in globex} & {c["id"] for c in _get(client)}
    assert _get(client, headers=GLOBEX, query="john.doe@acme.test") == []


def test_query_with_a_nul_byte_matches_it_literally_instead_of_everything(client):
    assert _get(client, query="\x00zzzzqqqq") == []
    created = client.post(CONTACTS, headers=ACME, json={"firstName": "Nul\x00Byte"}).get_json()
    assert [contact["id"] for contact in _get(client, query="L\x00b")] == [created["id"]]
