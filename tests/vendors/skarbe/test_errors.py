"""Errors outside the documented rules still answer ``{"error": "<message>"}``."""

import pytest

from app.core import errors
from app.vendors.skarbe import store
from app.vendors.skarbe.errors import render_error
from tests.vendors.skarbe._support import ACME, BASE, CONTACTS, LEAD_STATUSES, ME


@pytest.mark.parametrize("url", ["/skarbe/nope", f"{BASE}/contacts/1", f"{BASE}/leads", "/skarbe/api/connect"])
def test_unknown_route_is_404_in_skarbe_format(client, url):
    response = client.get(url, headers=ACME)
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not found"}


@pytest.mark.parametrize("method,url", [("DELETE", CONTACTS), ("PUT", CONTACTS), ("PATCH", CONTACTS),
                                        ("POST", LEAD_STATUSES), ("DELETE", ME)])
def test_wrong_method_is_405_in_skarbe_format(client, method, url):
    response = client.open(url, method=method, headers=ACME)
    assert response.status_code == 405
    assert response.get_json() == {"error": "Method not allowed"}
    assert "GET" in response.headers["Allow"]


def test_body_over_10_mib_is_413(client):
    body = b'{"note": "' + b"x" * (11 * 1024 * 1024) + b'", "firstName": "Big"}'
    response = client.post(CONTACTS, data=body, headers={**ACME, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.get_json() == {"error": "Payload too large"}


def test_unexpected_exception_is_500_without_traceback(client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(store, "list_contacts", boom)
    response = client.get(CONTACTS, headers=ACME)
    assert response.status_code == 500
    assert response.get_json() == {"error": "Internal server error"}
    assert b"secret" not in response.get_data() and b"Traceback" not in response.get_data()


def test_errors_are_json(client):
    for response in (client.get(ME), client.get("/skarbe/nope"), client.delete(ME)):
        assert response.mimetype == "application/json"


@pytest.mark.parametrize("error,status,message", [
    (errors.InvalidJson(), 400, "Invalid JSON"),
    (errors.BadRequest(), 400, "Bad request"),
    (errors.BadRequest("Custom words"), 400, "Custom words"),
    (errors.Invalid({"firstName": ["Not a valid string."]}), 400, "firstName: Not a valid string."),
    (errors.Invalid({"b": ["Two."], "a": ["One."]}), 400, "a: One.; b: Two."),
    (errors.Invalid({"phoneNumbers": {0: ["Bad."]}}), 400, "phoneNumbers: Bad."),
    (errors.Invalid({"email": ["Not a valid string."]}), 400, "Invalid email"),
    (errors.Invalid({"leadStatus": ["Not a valid integer."]}), 400, "Invalid lead status"),
    (errors.Invalid({"_schema": ["Invalid input type."]}), 400, "Request body must be a JSON object"),
    (errors.Invalid(message="At least email or firstName is required"), 400, "At least email or firstName is required"),
    (errors.InvalidChoice("leadStatus", 9, [1, 2, 3]), 400, "Invalid lead status"),
    (errors.Unauthorized(), 401, "Unauthorized"),
    (errors.NotFound("contact", 5), 404, "Not found"),
    (errors.RouteNotFound(), 404, "Not found"),
    (errors.MethodNotAllowed(allowed=["GET"]), 405, "Method not allowed"),
    (errors.PayloadTooLarge(), 413, "Payload too large"),
    (errors.Internal(), 500, "Internal server error"),
    (errors.Forbidden(), 500, "Internal server error"),
    (errors.Conflict(), 500, "Internal server error"),
    (errors.ApiError(), 500, "Internal server error"),
])
def test_render_error_maps_every_core_error(error, status, message):
    body, got_status, headers = render_error(error)
    assert (body, got_status) == ({"error": message}, status)
    assert headers == error.headers


def test_405_keeps_the_allow_header():
    _, _, headers = render_error(errors.MethodNotAllowed(allowed=["POST", "GET"]))
    assert headers["Allow"] == "GET, POST"
