"""Users and roles (doc 6.1): profile, list, add, update, change password, delete; isolation."""

import pytest

from tests.vendors.lio.conftest import API, V1, error_of

NEW = {"first_name": "Nina", "last_name": "New", "email": "nina@acme.test", "phone_no": "+1 555 0100",
       "password": "secret123"}


@pytest.mark.parametrize("prefix", [API, V1])
def test_user_my_is_the_callers_profile(lio, prefix):
    me = lio.data(lio.get("/user/my", prefix=prefix))
    assert me["id"] == 142 and me["organization_id"] == "org_acme" and me["role_name"] == "Admin"
    assert "password" not in me and "password_hash" not in me


def test_user_list_shows_only_the_callers_org(lio):
    body = lio.get("/user/list", query_string={"limit": 100}).get_json()
    assert body["total"] == len(body["data"]) and body["page"] == 1 and body["limit"] == 100
    assert {u["organization_id"] for u in body["data"]} == {"org_acme"}
    globex = lio.data(lio.get("/user/list", as_="globex"))
    assert {u["organization_id"] for u in globex} == {"org_globex"}


def test_user_list_filters_by_state_and_search(lio):
    inactive = lio.data(lio.get("/user/list", query_string={"state_id": "0"}))
    assert [u["email"] for u in inactive] == ["inactive@company.com"]
    found = lio.data(lio.get("/user/list", query_string={"search_value": "RILEY"}))
    assert [u["email"] for u in found] == ["rep@company.com"]


@pytest.mark.parametrize("query", [{"order_by": "password_hash"}, {"limit": 0}, {"limit": 101}, {"page": 0},
                                   {"order_in": "sideways"}, {"state_id": "1;DROP"}])
def test_user_list_with_bad_parameters_is_422(lio, query):
    error = error_of(lio.get("/user/list", query_string=query), 422, "validation_error")
    assert set(error["fields"]) == set(query)


def test_user_add_then_login_with_the_password(lio, client):
    user = lio.data(lio.post("/user/add", json=NEW), 201)
    assert user["email"] == NEW["email"] and user["organization_id"] == "org_acme"
    login = client.post(API + "/auth/login", json={"email": NEW["email"], "password": NEW["password"]})
    assert login.status_code == 200


def test_user_add_with_taken_email_is_409_conflict(lio):
    error_of(lio.post("/user/add", json={**NEW, "email": "rep@company.com"}), 409, "conflict")


def test_user_add_missing_fields_is_422_naming_them(lio):
    error = error_of(lio.post("/user/add", json={"first_name": "X"}), 422, "validation_error")
    assert {"email", "phone_no", "password"} <= set(error["fields"])


def test_user_add_with_other_orgs_role_is_422(lio):
    globex_role = lio.data(lio.get("/role/list", as_="globex"))[0]["id"]
    error = error_of(lio.post("/user/add", json={**NEW, "role_id": globex_role}), 422, "validation_error")
    assert "role_id" in error["fields"]


def test_user_update_changes_the_user(lio):
    updated = lio.data(lio.post("/user/update/143", json={"first_name": "Rita", "email": "rep@company.com",
                                                          "phone_no": "+1 555 0199", "timezone": "Europe/Paris"}))
    assert updated["first_name"] == "Rita" and updated["timezone"] == "Europe/Paris"
    assert lio.data(lio.get("/user/list", query_string={"search_value": "Rita"}))[0]["id"] == 143


def test_user_update_of_other_org_is_404(lio):
    error_of(lio.post("/user/update/201", json={"first_name": "Hack", "email": "x@y.test", "phone_no": "1"}),
             404, "not_found")
    assert lio.data(lio.get("/user/my", as_="globex"))["first_name"] == "Grace"


def test_change_password_then_login_with_the_new_one(lio, client):
    body = {"current_password": "your_password", "new_password": "n3w_password", "confirm_password": "n3w_password"}
    lio.data(lio.post("/user/change-password", json=body))
    assert client.post(API + "/auth/login", json={"email": "you@company.com", "password": "your_password"}
                       ).status_code == 401
    assert client.post(API + "/auth/login", json={"email": "you@company.com", "password": "n3w_password"}
                       ).status_code == 200


@pytest.mark.parametrize("body,field", [
    ({"current_password": "wrong", "new_password": "abcdef1", "confirm_password": "abcdef1"}, "current_password"),
    ({"current_password": "your_password", "new_password": "abcdef1", "confirm_password": "abcdef2"},
     "confirm_password")])
def test_change_password_rules_are_422(lio, body, field):
    assert field in error_of(lio.post("/user/change-password", json=body), 422, "validation_error")["fields"]


def test_user_delete_of_other_org_is_404_and_keeps_the_user(lio):
    error_of(lio.post("/user/delete", json={"user_id": 201}), 404, "not_found")
    assert lio.data(lio.get("/user/my", as_="globex"))["id"] == 201


def test_user_delete_unassigns_their_leads(lio):
    leads = lio.data(lio.get("/lead/list", query_string={"assigned_to": "143", "limit": 100}))
    assert leads
    assert lio.data(lio.post("/user/delete", json={"user_id": 143})) == {"deleted": 1}
    assert lio.data(lio.get("/lead/view/%d" % leads[0]["id"]))["assigned_to"] is None


def test_role_add_and_list(lio):
    role = lio.data(lio.post("/role/add", json={"name": "Closer", "description": "Closes deals"}), 201)
    names = [r["name"] for r in lio.data(lio.get("/role/list", query_string={"limit": 100}))]
    assert role["name"] in names
    assert "Closer" not in [r["name"] for r in lio.data(lio.get("/role/list", as_="globex"))]


def test_role_add_with_taken_name_is_409(lio):
    error_of(lio.post("/role/add", json={"name": "admin"}), 409, "conflict")
