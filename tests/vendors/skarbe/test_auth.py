"""``X-Api-Key`` authentication: every route needs a known key."""

import pytest

from tests.vendors.skarbe._support import ACME_KEY, CONTACTS, LEAD_STATUSES, ME

ROUTES = [("GET", CONTACTS), ("POST", CONTACTS), ("GET", LEAD_STATUSES), ("GET", ME)]


@pytest.mark.parametrize("method,url", ROUTES)
def test_missing_key_is_401(client, method, url):
    response = client.open(url, method=method, json={"firstName": "Ann"})
    assert response.status_code == 401
    assert response.get_json() == {"error": "Unauthorized"}


@pytest.mark.parametrize("method,url", ROUTES)
def test_unknown_key_is_401(client, method, url):
    response = client.open(url, method=method, json={"firstName": "Ann"}, headers={"X-Api-Key": "sk_live_nope"})
    assert response.status_code == 401
    assert response.get_json() == {"error": "Unauthorized"}


@pytest.mark.parametrize("value", ["", "   ", ACME_KEY.upper(), ACME_KEY + "x"])
def test_empty_or_altered_key_is_401(client, value):
    response = client.get(ME, headers={"X-Api-Key": value})
    assert response.status_code == 401
    assert response.get_json() == {"error": "Unauthorized"}


def test_key_in_another_header_is_401(client):
    response = client.get(ME, headers={"Authorization": f"Bearer {ACME_KEY}"})
    assert response.status_code == 401


def test_unauthorized_create_stores_nothing(client):
    before = len(client.get(CONTACTS, headers={"X-Api-Key": ACME_KEY}).get_json())
    client.post(CONTACTS, json={"firstName": "Ghost"}, headers={"X-Api-Key": "wrong"})
    assert len(client.get(CONTACTS, headers={"X-Api-Key": ACME_KEY}).get_json()) == before


def test_cors_preflight_needs_no_key(client):
    response = client.options(CONTACTS, headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "X-Api-Key, Content-Type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:3000")
