"""Skode OAuth 2.0 authorization code flow: authorize, token, refresh, expiry."""

from urllib.parse import parse_qs, urlsplit

import json

import pytest

from tests.vendors.skode.helpers import BASE, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, advance, freeze

AUTHORIZE = "/skode/oauth/authorize"
TOKEN = f"{BASE}/oauth/token"


def authorize(client, **overrides):
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "state": "xyz123"}
    params.update(overrides)
    return client.get(AUTHORIZE, query_string={k: v for k, v in params.items() if v is not None})


def code_from(response):
    assert response.status_code == 302, response.data
    return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]


def exchange(client, code, as_form=False, **overrides):
    body = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, "redirect_uri": REDIRECT_URI, **overrides}
    return client.post(TOKEN, data=body) if as_form else client.post(TOKEN, json=body)


def refresh(client, refresh_token, **overrides):
    return client.post(TOKEN, json={"grant_type": "refresh_token", "refresh_token": refresh_token,
                                    "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **overrides})


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_full_round_trip(client):
    freeze(client)
    redirect = authorize(client)
    location = urlsplit(redirect.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    assert parse_qs(location.query)["state"] == ["xyz123"]
    code = code_from(redirect)

    response = exchange(client, code)
    assert response.status_code == 200
    token = response.json
    assert list(token) == ["access_token", "token_type", "expires_in", "refresh_token", "scope"]
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    assert token["scope"] == "leads:read leads:write"
    assert response.headers["Cache-Control"] == "no-store"

    api = client.get(f"{BASE}/leads/lead_abc123", headers=bearer(token["access_token"]))
    assert api.status_code == 200 and api.json["data"]["name"] == "Jane Doe"

    renewed = refresh(client, token["refresh_token"])
    assert renewed.status_code == 200
    assert renewed.json["access_token"] != token["access_token"]
    assert renewed.json["refresh_token"] != token["refresh_token"]
    assert client.get(f"{BASE}/leads", headers=bearer(renewed.json["access_token"])).status_code == 200

    reused = exchange(client, code)
    assert reused.status_code == 400
    assert reused.json["error"] == "invalid_grant" and reused.json["error_description"]
    assert set(reused.json) == {"error", "error_description"}


def test_reusing_a_code_revokes_the_tokens_issued_from_it(client):
    code = code_from(authorize(client))
    token = exchange(client, code).json
    renewed = refresh(client, token["refresh_token"]).json
    assert exchange(client, code).json["error"] == "invalid_grant"
    for access in (token["access_token"], renewed["access_token"]):
        response = client.get(f"{BASE}/leads", headers=bearer(access))
        assert response.status_code == 401 and response.json["error"] == "unauthorized"


def test_token_endpoint_accepts_a_form_body(client):
    response = exchange(client, code_from(authorize(client)), as_form=True)
    assert response.status_code == 200 and response.json["token_type"] == "Bearer"


def test_token_endpoint_reads_json_sent_with_the_form_content_type(client):
    """``curl -d '{...}'`` sends JSON labelled application/x-www-form-urlencoded."""
    body = {"grant_type": "authorization_code", "code": code_from(authorize(client)), "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, "redirect_uri": REDIRECT_URI}
    response = client.post(TOKEN, data=json.dumps(body), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and response.json["token_type"] == "Bearer"


def test_token_endpoint_accepts_a_multipart_form_and_ignores_unknown_parameters(client):
    body = {"grant_type": "authorization_code", "code": code_from(authorize(client)), "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, "redirect_uri": REDIRECT_URI, "state": "ignored"}
    response = client.post(TOKEN, data=body, content_type="multipart/form-data")
    assert response.status_code == 200 and response.json["token_type"] == "Bearer"


def test_token_body_credentials_win_over_http_basic(client):
    code = code_from(authorize(client))
    response = client.post(TOKEN, json={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
                                        "client_secret": "wrong", "redirect_uri": REDIRECT_URI},
                           auth=(CLIENT_ID, CLIENT_SECRET))
    assert response.status_code == 401 and response.json["error"] == "invalid_client"


def test_token_endpoint_accepts_http_basic_client_credentials(client):
    code = code_from(authorize(client))
    response = client.post(TOKEN, json={"grant_type": "authorization_code", "code": code,
                                        "redirect_uri": REDIRECT_URI},
                           auth=(CLIENT_ID, CLIENT_SECRET))
    assert response.status_code == 200


def test_access_token_expires_after_an_hour_of_sandbox_time(client):
    freeze(client)
    access = exchange(client, code_from(authorize(client))).json["access_token"]
    advance(client, 3599)
    assert client.get(f"{BASE}/leads", headers=bearer(access)).status_code == 200
    advance(client, 2)   # 3601 s after issue
    response = client.get(f"{BASE}/leads", headers=bearer(access))
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized" and "expired" in response.json["message"]


def test_refresh_token_still_works_after_the_access_token_expired(client):
    freeze(client)
    token = exchange(client, code_from(authorize(client))).json
    advance(client, 3601)
    renewed = refresh(client, token["refresh_token"])
    assert renewed.status_code == 200
    assert client.get(f"{BASE}/leads", headers=bearer(renewed.json["access_token"])).status_code == 200


def test_refresh_token_is_single_use(client):
    token = exchange(client, code_from(authorize(client))).json
    assert refresh(client, token["refresh_token"]).status_code == 200
    again = refresh(client, token["refresh_token"])
    assert again.status_code == 400 and again.json["error"] == "invalid_grant"


def test_reusing_a_refresh_token_revokes_its_whole_token_family(client):
    """Defect 16 (OAuth 2.0 Security BCP, refresh token rotation): a replayed refresh token
    means it leaked, so every token descending from the same grant stops working."""
    token = exchange(client, code_from(authorize(client))).json
    renewed = refresh(client, token["refresh_token"]).json
    newest = refresh(client, renewed["refresh_token"]).json
    unrelated = exchange(client, code_from(authorize(client))).json
    assert refresh(client, token["refresh_token"]).json["error"] == "invalid_grant"   # the replay
    for access in (token["access_token"], renewed["access_token"], newest["access_token"]):
        response = client.get(f"{BASE}/leads", headers=bearer(access))
        assert response.status_code == 401 and "revoked" in response.json["message"]
    again = refresh(client, newest["refresh_token"])
    assert again.status_code == 400 and again.json["error"] == "invalid_grant"
    assert client.get(f"{BASE}/leads", headers=bearer(unrelated["access_token"])).status_code == 200
    assert refresh(client, unrelated["refresh_token"]).status_code == 200


def test_refresh_can_narrow_the_scope_but_not_widen_it(client):
    token = exchange(client, code_from(authorize(client, scope="leads:read"))).json
    assert token["scope"] == "leads:read"
    wider = refresh(client, token["refresh_token"], scope="leads:read leads:write")
    assert wider.status_code == 400 and wider.json["error"] == "invalid_scope"


def test_code_expires_after_ten_minutes_of_sandbox_time(client):
    freeze(client)
    code = code_from(authorize(client))
    advance(client, 601)
    response = exchange(client, code)
    assert response.status_code == 400 and response.json["error"] == "invalid_grant"


def test_code_is_valid_just_before_ten_minutes(client):
    freeze(client)
    code = code_from(authorize(client))
    advance(client, 599)
    assert exchange(client, code).status_code == 200


def test_redirect_uri_must_match_the_one_used_at_authorize(client):
    code = code_from(authorize(client))
    response = exchange(client, code, redirect_uri="http://127.0.0.1:3000/callback")
    assert response.status_code == 400 and response.json["error"] == "invalid_grant"


def test_access_token_works_like_an_api_key_for_writes(client):
    access = exchange(client, code_from(authorize(client))).json["access_token"]
    response = client.post(f"{BASE}/leads", headers=bearer(access), json={"name": "Via OAuth"})
    assert response.status_code == 201
    assert client.get(f"{BASE}/leads/{response.json['data']['id']}",
                      headers={"Authorization": "Bearer sk_live_your_api_key"}).status_code == 200


def test_read_only_token_cannot_write(client):
    access = exchange(client, code_from(authorize(client, scope="leads:read"))).json["access_token"]
    assert client.get(f"{BASE}/leads", headers=bearer(access)).status_code == 200
    response = client.patch(f"{BASE}/leads/lead_abc123", headers=bearer(access), json={"status": "lost"})
    assert response.status_code == 403 and response.json["error"] == "forbidden"


def test_access_token_has_rate_limit_headers_at_the_workspace_plan(client):
    access = exchange(client, code_from(authorize(client))).json["access_token"]
    response = client.get(f"{BASE}/leads", headers=bearer(access))
    assert response.headers["X-RateLimit-Limit"] == "10000"


# -- authorize errors --------------------------------------------------------------------
@pytest.mark.parametrize("overrides,error", [
    ({"client_id": "unknown_client"}, "invalid_client"),
    ({"client_id": None}, "invalid_request"),
    ({"redirect_uri": "https://evil.example/callback"}, "invalid_request"),
    ({"redirect_uri": "http://localhost:3000/callback/../steal"}, "invalid_request"),
    ({"redirect_uri": None}, "invalid_request"),
    ({"response_type": "token"}, "unsupported_response_type"),
    ({"response_type": None}, "invalid_request"),
    ({"client_id": None, "redirect_uri": None, "response_type": None, "state": None}, "invalid_request"),
])
def test_authorize_refusals_are_400_without_redirect(client, overrides, error):
    response = authorize(client, **overrides)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert response.json["error"] == error and response.json["message"]


def test_authorize_accepts_the_second_registered_redirect_uri(client):
    response = authorize(client, redirect_uri="http://127.0.0.1:3000/callback")
    assert response.headers["Location"].startswith("http://127.0.0.1:3000/callback?code=")


def test_authorize_without_state_sends_no_state(client):
    location = authorize(client, state=None).headers["Location"]
    assert set(parse_qs(urlsplit(location).query)) == {"code"}


def test_authorize_with_unknown_scope_redirects_with_invalid_scope(client):
    response = authorize(client, scope="admin")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["xyz123"] and "code" not in query


def test_authorize_needs_no_api_key(client):
    assert authorize(client).status_code == 302


# -- token errors --------------------------------------------------------------------------
@pytest.mark.parametrize("body,status,error", [
    ({"client_secret": "wrong"}, 401, "invalid_client"),
    ({"client_id": "unknown_client"}, 401, "invalid_client"),
    ({"client_secret": None}, 401, "invalid_client"),
    ({"grant_type": "password"}, 400, "unsupported_grant_type"),
    ({"grant_type": None}, 400, "invalid_request"),
    ({"code": None}, 400, "invalid_request"),
    ({"code": 123}, 400, "invalid_request"),
    ({"redirect_uri": None}, 400, "invalid_request"),
    ({"code": "not-a-code"}, 400, "invalid_grant"),
])
def test_token_errors_follow_rfc_6749(client, body, status, error):
    code = code_from(authorize(client))
    payload = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
               "client_secret": CLIENT_SECRET, "redirect_uri": REDIRECT_URI, **body}
    response = client.post(TOKEN, json={k: v for k, v in payload.items() if v is not None})
    assert response.status_code == status
    assert response.json["error"] == error and response.json["error_description"]
    assert set(response.json) == {"error", "error_description"}


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", '"text"'])
def test_token_with_unreadable_body_is_invalid_request(client, data):
    response = client.post(TOKEN, data=data, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"] == "invalid_request"


def test_token_with_empty_body_is_invalid_request(client):
    response = client.post(TOKEN)
    assert response.status_code == 400 and response.json["error"] == "invalid_request"


def test_refresh_token_of_another_client_or_unknown_is_invalid_grant(client):
    response = refresh(client, "sk_refresh_unknown")
    assert response.status_code == 400 and response.json["error"] == "invalid_grant"


def test_token_endpoint_needs_no_api_key_and_ignores_one(client):
    code = code_from(authorize(client))
    response = client.post(TOKEN, headers={"Authorization": "Bearer garbage"},
                           json={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
                                 "client_secret": CLIENT_SECRET, "redirect_uri": REDIRECT_URI})
    assert response.status_code == 200
