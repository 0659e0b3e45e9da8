"""Skode error bodies: every core error class, routing errors, 413, 500."""

import pytest

from app.core import errors
from app.vendors.skode import store
from app.vendors.skode.errors import OAuthError, render_error
from tests.vendors.skode.helpers import AUTH, BASE


@pytest.mark.parametrize("error,status,code", [
    (errors.InvalidJson(), 400, "invalid_json"),
    (errors.BadRequest(), 400, "bad_request"),
    (errors.Invalid({"name": ["Missing data for required field."]}), 422, "validation_error"),
    (errors.InvalidChoice("status", "won", ["new"]), 422, "validation_error"),
    (errors.Unauthorized(), 401, "unauthorized"),
    (errors.Forbidden(), 403, "forbidden"),
    (errors.NotFound("lead", "lead_x"), 404, "not_found"),
    (errors.RouteNotFound(), 404, "not_found"),
    (errors.MethodNotAllowed(allowed=["GET"]), 405, "method_not_allowed"),
    (errors.Conflict(), 409, "conflict"),
    (errors.PayloadTooLarge(), 413, "payload_too_large"),
    (errors.RateLimited(12), 429, "rate_limit_exceeded"),
    (errors.Internal("secret detail"), 500, "internal_error"),
    (errors.ApiError(), 500, "internal_error"),
])
def test_render_error_maps_every_core_error(error, status, code):
    body, rendered_status, headers = render_error(error)
    assert rendered_status == status
    assert body["error"] == code and isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"error", "message", "details"}
    if code == "internal_error":
        assert "secret" not in body["message"]
    if code == "rate_limit_exceeded":
        assert headers["Retry-After"] == "12"
    if code == "method_not_allowed":
        assert headers["Allow"] == "GET"


def test_render_error_oauth_bodies():
    assert render_error(OAuthError("invalid_grant", "Used."))[:2] == (
        {"error": "invalid_grant", "error_description": "Used."}, 400)
    assert render_error(OAuthError("invalid_client", "No.", status=401))[1] == 401
    assert render_error(OAuthError("invalid_request", "Bad.", rfc_body=False))[:2] == (
        {"error": "invalid_request", "message": "Bad."}, 400)


def test_unknown_route_under_skode_is_404_not_found_json(client):
    response = client.get(f"{BASE}/contacts", headers=AUTH)
    assert response.status_code == 404
    assert response.content_type == "application/json"
    assert response.json["error"] == "not_found" and response.json["message"]


def test_wrong_method_is_405_with_allow(client):
    response = client.put(f"{BASE}/leads/lead_abc123", headers=AUTH, json={"name": "x"})
    assert response.status_code == 405
    assert response.json["error"] == "method_not_allowed"
    assert "PATCH" in response.headers["Allow"]


def test_body_over_10_mib_is_413(client):
    response = client.post(f"{BASE}/leads", headers={**AUTH, "Content-Type": "application/json"},
                           data=b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}')
    assert response.status_code == 413
    assert response.json["error"] == "payload_too_large"


def test_unexpected_exception_is_500_internal_error_without_traceback(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(store, "get_lead", explode)
    response = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert response.status_code == 500
    assert response.json == {"error": "internal_error", "message": "An unexpected error occurred."}
    assert "X-RateLimit-Limit" in response.headers


def test_not_found_message_names_the_lead(client):
    response = client.get(f"{BASE}/leads/lead_missing", headers=AUTH)
    assert response.json["message"] == "Lead not found: lead_missing."
