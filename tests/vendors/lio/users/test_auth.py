"""Login, logout and tokens (doc 2): every documented error, expiry on the sandbox clock, revocation."""

import jwt
import pytest

from tests.vendors.lio.conftest import API, V1, error_of

LOGIN = "/auth/login"


def login(client, email="you@company.com", password="your_password", prefix=API):
    return client.post(prefix + LOGIN, json={"email": email, "password": password})


@pytest.mark.parametrize("prefix", [API, V1])
def test_login_answers_the_documented_flat_body(client, prefix):
    response = login(client, prefix=prefix)
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["success", "access_token", "token_type", "expires_in", "expires_at", "user"]
    assert body["success"] is True and body["token_type"] == "Bearer" and body["expires_in"] == 2592000
    assert body["expires_at"].endswith(".000Z")
    assert body["user"] == {"id": 142, "email": "you@company.com", "name": "Your Name",
                            "organization_id": "org_acme", "role_name": "Admin"}


def test_login_token_works_on_a_bearer_route(client):
    token = login(client).get_json()["access_token"]
    response = client.get(API + "/user/my", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json()["data"]["email"] == "you@company.com"


@pytest.mark.parametrize("body", [{}, {"email": "you@company.com"}, {"password": "x"}, {"email": "", "password": ""}])
def test_login_without_email_and_password_is_400(client, body):
    error_of(client.post(API + LOGIN, json=body), 400, "bad_request")


def test_login_with_wrong_password_is_401(client):
    error_of(login(client, password="wrong"), 401, "unauthorized")


def test_login_with_unknown_email_is_404(client):
    error_of(login(client, email="nobody@nowhere.test"), 404, "not_found")


@pytest.mark.parametrize("email,password", [("inactive@company.com", "inactive_password"),
                                            ("noorg@company.com", "noorg_password")])
def test_login_inactive_or_without_org_is_403(client, email, password):
    error_of(login(client, email=email, password=password), 403, "forbidden")


def test_login_with_malformed_json_is_400(client):
    response = client.post(API + LOGIN, data="{not json", content_type="application/json")
    error_of(response, 400, "bad_request")


def test_missing_token_is_401(lio):
    error_of(lio.get("/user/my", as_=None), 401, "unauthorized")


@pytest.mark.parametrize("value", ["garbage", "Bearer", "Basic abc"])
def test_malformed_token_is_401(client, value):
    error_of(client.get(API + "/user/my", headers={"Authorization": value if " " in value else f"Bearer {value}"}),
             401, "unauthorized")


def test_alg_none_token_is_401(client, lio_tokens):
    claims = jwt.decode(lio_tokens["acme"], options={"verify_signature": False})
    forged = jwt.encode(claims, key=None, algorithm="none")
    error_of(client.get(API + "/user/my", headers={"Authorization": f"Bearer {forged}"}), 401, "unauthorized")


def test_token_signed_with_another_secret_is_401(client, lio_tokens):
    claims = jwt.decode(lio_tokens["acme"], options={"verify_signature": False})
    forged = jwt.encode({**claims, "sub": "201", "org": "org_globex"}, "not-the-secret-but-long-enough-for-hs256!!", algorithm="HS256")
    error_of(client.get(API + "/user/my", headers={"Authorization": f"Bearer {forged}"}), 401, "unauthorized")


def test_token_is_valid_after_29_days_and_401_after_31(client):
    token = login(client).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    client.post("/__admin/clock/advance", json={"seconds": 29 * 86400})
    assert client.get(API + "/user/my", headers=headers).status_code == 200
    client.post("/__admin/clock/advance", json={"seconds": 2 * 86400})
    error_of(client.get(API + "/user/my", headers=headers), 401, "unauthorized")


def test_login_after_the_clock_moved_gives_a_working_token(client):
    client.post("/__admin/clock/advance", json={"seconds": 400 * 86400})
    token = login(client).get_json()["access_token"]
    assert client.get(API + "/user/my", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_logout_revokes_that_token_only(client):
    first = login(client).get_json()["access_token"]
    second = login(client).get_json()["access_token"]
    response = client.post(API + "/auth/logout", headers={"Authorization": f"Bearer {first}"})
    assert response.status_code == 200 and response.get_json()["success"] is True
    error_of(client.get(API + "/user/my", headers={"Authorization": f"Bearer {first}"}), 401, "unauthorized")
    assert client.get(V1 + "/user/my", headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_token_of_a_deleted_user_is_401(lio, client):
    created = lio.data(lio.post("/user/add", json={"first_name": "Tmp", "email": "tmp@acme.test",
                                                    "phone_no": "+1 555", "password": "secret123"}), 201)
    token = login(client, "tmp@acme.test", "secret123").get_json()["access_token"]
    lio.data(lio.post("/user/delete", json={"user_id": created["id"]}))
    error_of(client.get(API + "/user/my", headers={"Authorization": f"Bearer {token}"}), 401, "unauthorized")
