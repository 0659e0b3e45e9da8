"""LIO test fixtures: tokens minted through ``users.store.issue_token`` (not through /login: it is
stateless, so a session-scoped token survives the per-test restore), and a small client helper."""

import pytest

API = "/lio/api"
V1 = "/lio/api/v1"
ACME_ADMIN, ACME_REP, GLOBEX_ADMIN = 142, 143, 201
ACME_KEY, GLOBEX_KEY = "lio_live_acme_ingest", "lio_live_globex_ingest"


@pytest.fixture(scope="session")
def lio_tokens(app):
    from app.core import db
    from app.vendors.lio.users import store

    # session fixtures are set up before the per-test restore: a clock the previous test moved
    # would mint tokens already expired (or not yet valid) for every later test
    app.extensions["leadmock.db"].restore_snapshot(db.PRISTINE)
    with app.app_context():
        return {name: store.issue_token({"id": user_id, "org_id": org})[0]
                for name, user_id, org in (("acme", ACME_ADMIN, "org_acme"), ("rep", ACME_REP, "org_acme"),
                                           ("globex", GLOBEX_ADMIN, "org_globex"))}


class Lio:
    """``lio.get("/lead/list", as_="globex", prefix=V1)``: a LIO call with a user's bearer token."""

    def __init__(self, client, tokens):
        self.client = client
        self.tokens = tokens

    def headers(self, as_):
        return {"Authorization": f"Bearer {self.tokens[as_]}"} if as_ else {}

    def call(self, method, path, as_="acme", prefix=API, headers=None, **kwargs):
        return self.client.open(prefix + path, method=method, headers={**self.headers(as_), **(headers or {})},
                                **kwargs)

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.call("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.call("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)

    def data(self, response, status=200):
        """The ``data`` of a success body, after checking the status and envelope."""
        assert response.status_code == status, response.get_data(as_text=True)
        body = response.get_json()
        assert body["success"] is True
        return body["data"]


@pytest.fixture
def lio(client, lio_tokens):
    return Lio(client, lio_tokens)


def error_of(response, status, kind):
    """The ``error`` object of a LIO error body, after checking status, type and shape."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["success"] is False
    assert body["error"]["type"] == kind
    assert body["error"]["code"] is None
    return body["error"]
