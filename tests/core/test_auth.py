"""core.auth: api_key (401 missing, the lookup decides the rest), first_of, origin_host, client_ip."""

import pytest
from flask import Flask

from app.core import auth
from app.core.errors import Forbidden, Unauthorized

KEYS = {"good": {"id": "tenant"}}


def lookup(key):
    if key == "restricted":
        raise Forbidden("restricted key")
    return KEYS.get(key)


@pytest.fixture
def request_with():
    app = Flask(__name__)

    def context(headers=None, remote_addr="192.0.2.7"):
        return app.test_request_context("/", headers=headers or {}, environ_base={"REMOTE_ADDR": remote_addr})

    return context


def run(request_with, authenticator, headers=None):
    with request_with(headers):
        return authenticator()


# -- api_key --------------------------------------------------------------------------
def test_api_key_returns_what_the_lookup_found(request_with):
    assert run(request_with, auth.api_key("X-Api-Key", lookup), {"X-Api-Key": " good "}) == {"id": "tenant"}


@pytest.mark.parametrize("headers", [{}, {"X-Api-Key": ""}, {"X-Api-Key": "   "}])
def test_api_key_missing_is_401(request_with, headers):
    with pytest.raises(Unauthorized):
        run(request_with, auth.api_key("X-Api-Key", lookup), headers)


def test_api_key_the_lookup_does_not_know_is_401_when_it_answers_none(request_with):
    with pytest.raises(Unauthorized):
        run(request_with, auth.api_key("X-Api-Key", lookup), {"X-Api-Key": "unknown"})


def test_api_key_refused_by_the_lookup_is_its_403(request_with):
    with pytest.raises(Forbidden):
        run(request_with, auth.api_key("X-Api-Key", lookup), {"X-Api-Key": "restricted"})


# -- first_of -------------------------------------------------------------------------
def by(name):
    def authenticate():
        if auth.header("X-Api-Key" if name == "key" else "Authorization") is None:
            raise Unauthorized(f"missing {name}")
        return name

    return authenticate


KEY_OR_BEARER = auth.first_of(("x-api-key", by("key")), ("Authorization", by("bearer")))


@pytest.mark.parametrize("headers,expected", [
    ({"X-Api-Key": "k"}, "key"),
    ({"Authorization": "Bearer t"}, "bearer"),
    ({"X-Api-Key": "k", "Authorization": "Bearer t"}, "key"),     # the first present decides
    ({"X-Api-Key": "", "Authorization": "Bearer t"}, "bearer"),   # an empty header is absent
])
def test_first_of_runs_the_authenticator_of_the_first_credential_present(request_with, headers, expected):
    assert run(request_with, KEY_OR_BEARER, headers) == expected


def test_first_of_without_any_credential_answers_the_first_authenticators_401(request_with):
    with pytest.raises(Unauthorized, match="missing key"):
        run(request_with, KEY_OR_BEARER)


def test_first_of_does_not_fall_back_when_the_chosen_authenticator_refuses(request_with):
    refusing = auth.first_of(("x-api-key", auth.api_key("x-api-key", lookup)), ("Authorization", by("bearer")))
    with pytest.raises(Forbidden):
        run(request_with, refusing, {"X-Api-Key": "restricted", "Authorization": "Bearer t"})


# -- origin_host / client_ip --------------------------------------------------------------
@pytest.mark.parametrize("headers,host", [
    ({"Origin": "https://App.Example.COM:8443"}, "app.example.com"),
    ({"Referer": "https://shop.example.org/cart?x=1"}, "shop.example.org"),
    ({"Origin": "https://a.test", "Referer": "https://b.test/"}, "a.test"),
    ({"Origin": "null", "Referer": "https://b.test/page"}, "b.test"),        # opaque origin: the Referer
    ({"Origin": "http://[::1"}, None),                                        # unparseable
    ({"Referer": "not a url"}, None),
    ({}, None),
])
def test_origin_host_is_the_lowercase_host_of_origin_else_referer(request_with, headers, host):
    with request_with(headers):
        assert auth.origin_host() == host


@pytest.mark.parametrize("headers,ip", [
    ({"X-Forwarded-For": " 203.0.113.10 , 10.0.0.1"}, "203.0.113.10"),
    ({"X-Forwarded-For": "2001:db8::1"}, "2001:db8::1"),
    ({"X-Forwarded-For": ""}, "192.0.2.7"),
    ({}, "192.0.2.7"),
])
def test_client_ip_is_the_first_forwarded_address_else_the_peer(request_with, headers, ip):
    with request_with(headers):
        assert auth.client_ip() == ip
