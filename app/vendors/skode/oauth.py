"""Skode OAuth 2.0 (authorization code grant, RFC 6749): apps, codes and tokens.

- ``authorize`` auto-approves for the app's workspace and answers the URL to
  redirect to (``redirect_uri?code=...&state=...``). A code is single-use and
  valid 10 minutes of sandbox time; it remembers its ``redirect_uri``.
- ``token`` exchanges a code or a refresh token for an access token (1 hour of
  sandbox time). Refresh tokens rotate: each is single-use. Reusing a code is
  ``invalid_grant`` and revokes every token issued from it (RFC 6749 4.1.2);
  reusing a refresh token does the same to its family, every token of the same
  grant (OAuth 2.0 Security BCP, refresh token rotation).
- ``principal_for_token`` turns a live access token into a principal that
  works wherever an API key does.
"""

import hmac
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode

import orjson

from app.core import clock, db
from app.core.errors import Unauthorized
from app.core.rand import ALNUM, token
from app.vendors.skode import store
from app.vendors.skode.constants import (ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_TTL_SECONDS, BODY_NOT_AN_OBJECT,
                                         CODE_TTL_SECONDS,
                                         DEFAULT_SCOPE, GRANT_TYPES, REFRESH_TOKEN_PREFIX, SCOPES, TOKEN_TYPE)
from app.vendors.skode.errors import OAuthError

CLIENTS = "skode_oauth_clients"
CODES = "skode_oauth_codes"
TOKENS = "skode_oauth_tokens"


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {CLIENTS} (client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, name TEXT NOT NULL,"
        " workspace_id TEXT NOT NULL, redirect_uris TEXT NOT NULL)",
        f"CREATE INDEX idx_{CLIENTS}_workspace ON {CLIENTS} (workspace_id)",
        f"CREATE TABLE {CODES} (code TEXT PRIMARY KEY, client_id TEXT NOT NULL, workspace_id TEXT NOT NULL,"
        " redirect_uri TEXT NOT NULL, scope TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)",
        f"CREATE INDEX idx_{CODES}_workspace ON {CODES} (workspace_id)",
        f"CREATE TABLE {TOKENS} (access_token TEXT PRIMARY KEY, refresh_token TEXT NOT NULL UNIQUE,"
        " client_id TEXT NOT NULL, workspace_id TEXT NOT NULL, scope TEXT NOT NULL, code TEXT NOT NULL,"
        " issued_at TEXT NOT NULL, expires_at TEXT NOT NULL, refresh_used INTEGER NOT NULL DEFAULT 0,"
        " revoked INTEGER NOT NULL DEFAULT 0)",
        f"CREATE INDEX idx_{TOKENS}_workspace ON {TOKENS} (workspace_id)",
        f"CREATE INDEX idx_{TOKENS}_code ON {TOKENS} (code)",
    ):
        sdb.execute(sql)


def insert_clients(sdb, clients):
    sdb[CLIENTS].insert_all({**c, "redirect_uris": orjson.dumps(c["redirect_uris"]).decode()} for c in clients)


def clients_by_workspace():
    """``{workspace_id: [{client_id, client_secret, name, redirect_uris}]}`` for /__admin/tenants."""
    out = {}
    for row in db.conn().execute(f"SELECT * FROM {CLIENTS} ORDER BY rowid").fetchall():
        out.setdefault(row["workspace_id"], []).append({
            "client_id": row["client_id"], "client_secret": row["client_secret"], "name": row["name"],
            "redirect_uris": orjson.loads(row["redirect_uris"]),
        })
    return out


def _client(client_id):
    if not isinstance(client_id, str) or not client_id:
        return None
    row = db.conn().execute(f"SELECT * FROM {CLIENTS} WHERE client_id = ?", (client_id,)).fetchone()
    if row is None:
        return None
    return {**dict(row), "redirect_uris": orjson.loads(row["redirect_uris"])}


def _with_query(uri, params):
    return uri + ("&" if "?" in uri else "?") + urlencode(params)


def _scope(requested):
    """The normalized scope string, or None when it names an unknown scope."""
    if requested is None or requested == "":
        return DEFAULT_SCOPE
    names = requested.split()
    if not names or any(name not in SCOPES for name in names):
        return None
    return " ".join(name for name in SCOPES if name in names)


# -- authorize -------------------------------------------------------------------------
def authorize(args):
    """Auto-approve the request; the URL to redirect the browser to.

    Unknown client, missing/unregistered ``redirect_uri`` or a ``response_type``
    other than ``code`` never redirect (400). An unknown scope redirects with
    ``error=invalid_scope`` as RFC 6749 4.1.2.1 says.
    """
    def refuse(code, description):
        return OAuthError(code, description, rfc_body=False)

    client = _client(args.get("client_id"))
    if client is None:
        raise refuse("invalid_client", "Unknown client_id.")
    redirect_uri = args.get("redirect_uri")
    if not redirect_uri:
        raise refuse("invalid_request", "redirect_uri is required.")
    if redirect_uri not in client["redirect_uris"]:
        raise refuse("invalid_request", "redirect_uri is not registered for this client.")
    if args.get("response_type") != "code":
        raise refuse("unsupported_response_type", "response_type must be code.")
    state = args.get("state")
    scope = _scope(args.get("scope"))
    if scope is None:
        params = {"error": "invalid_scope", "error_description": f"Known scopes: {', '.join(SCOPES)}."}
        return _with_query(redirect_uri, params | ({"state": state} if state is not None else {}))
    now = clock.now()
    code = token(32, ALNUM)
    with db.write() as c:
        c.execute(f"INSERT INTO {CODES} (code, client_id, workspace_id, redirect_uri, scope, expires_at)"
                  " VALUES (?, ?, ?, ?, ?, ?)",
                  (code, client["client_id"], client["workspace_id"], redirect_uri, scope,
                   clock.iso(now + timedelta(seconds=CODE_TTL_SECONDS))))
    return _with_query(redirect_uri, {"code": code} | ({"state": state} if state is not None else {}))


# -- token -------------------------------------------------------------------------------
def _string(params, name, required=True):
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise OAuthError("invalid_request", f"{name} is required.")
        return None
    if not isinstance(value, str):
        raise OAuthError("invalid_request", f"{name} must be a string.")
    return value


def _authenticate_client(params):
    client_id = _string(params, "client_id", required=False)
    secret = _string(params, "client_secret", required=False)
    client = _client(client_id)
    if client is None or secret is None or not hmac.compare_digest(secret.encode(), client["client_secret"].encode()):
        raise OAuthError("invalid_client", "Client authentication failed: unknown client_id or wrong "
                                           "client_secret.", status=401)
    return client


def _issue(c, client, workspace_id, scope, code, now):
    access = ACCESS_TOKEN_PREFIX + token(40, ALNUM)
    refresh = REFRESH_TOKEN_PREFIX + token(40, ALNUM)
    c.execute(f"INSERT INTO {TOKENS} (access_token, refresh_token, client_id, workspace_id, scope, code,"
              " issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              (access, refresh, client["client_id"], workspace_id, scope, code, clock.iso(now),
               clock.iso(now + timedelta(seconds=ACCESS_TOKEN_TTL_SECONDS))))
    return {"access_token": access, "token_type": TOKEN_TYPE, "expires_in": ACCESS_TOKEN_TTL_SECONDS,
            "refresh_token": refresh, "scope": scope}


def _invalid_grant(description):
    return OAuthError("invalid_grant", description)


def _from_code(c, client, params, now):
    code = _string(params, "code")
    redirect_uri = _string(params, "redirect_uri")
    row = c.execute(f"SELECT * FROM {CODES} WHERE code = ?", (code,)).fetchone()
    if row is None or row["client_id"] != client["client_id"]:
        raise _invalid_grant("The authorization code is invalid.")
    if row["used_at"] is not None:
        # RFC 6749 4.1.2: deny, and revoke every token issued from this code.
        # Returned, not raised: the revocation must be committed.
        c.execute(f"UPDATE {TOKENS} SET revoked = 1 WHERE code = ?", (code,))
        return _invalid_grant("The authorization code has already been used.")
    if row["expires_at"] <= clock.iso(now):
        raise _invalid_grant("The authorization code has expired.")
    if row["redirect_uri"] != redirect_uri:
        raise _invalid_grant("redirect_uri does not match the one used at authorization.")
    c.execute(f"UPDATE {CODES} SET used_at = ? WHERE code = ?", (clock.iso(now), code))
    return _issue(c, client, row["workspace_id"], row["scope"], code, now)


def _from_refresh(c, client, params, now):
    refresh = _string(params, "refresh_token")
    row = c.execute(f"SELECT * FROM {TOKENS} WHERE refresh_token = ?", (refresh,)).fetchone()
    if row is None or row["client_id"] != client["client_id"] or row["revoked"]:
        raise _invalid_grant("The refresh token is invalid.")
    if row["refresh_used"]:
        # OAuth 2.0 Security BCP (refresh token rotation): a replay means the token leaked;
        # revoke its whole family (every token of the same grant). Returned: must commit.
        c.execute(f"UPDATE {TOKENS} SET revoked = 1 WHERE code = ?", (row["code"],))
        return _invalid_grant("The refresh token has already been used.")
    scope = row["scope"]
    requested = _string(params, "scope", required=False)
    if requested is not None:
        narrowed = _scope(requested)
        if narrowed is None or not set(narrowed.split()) <= set(scope.split()):
            raise OAuthError("invalid_scope", "The requested scope exceeds the one originally granted.")
        scope = narrowed
    c.execute(f"UPDATE {TOKENS} SET refresh_used = 1 WHERE access_token = ?", (row["access_token"],))
    return _issue(c, client, row["workspace_id"], scope, row["code"], now)


def _grant_type(params):
    grant_type = _string(params, "grant_type")
    if grant_type not in GRANT_TYPES:
        raise OAuthError("unsupported_grant_type", f"grant_type must be one of: {', '.join(GRANT_TYPES)}.")
    return grant_type


def refusal(messages, params):
    """The RFC 6749 error for a token request its schema refused, as :func:`exchange` would
    answer it: ``messages`` are marshmallow's ``{field: [...]}``, ``params`` the parameters sent."""
    if not isinstance(params, Mapping) or "_schema" in messages:
        return OAuthError("invalid_request", BODY_NOT_AN_OBJECT)
    try:
        _grant_type(params)
        _authenticate_client(params)
        for name in messages:                       # what is left: values of the wrong type
            _string(params, name, required=False)
    except OAuthError as error:
        return error
    return OAuthError("invalid_request", BODY_NOT_AN_OBJECT)


def exchange(params):
    """The token endpoint: ``params`` as sent (JSON or form), answers the token response."""
    grant_type = _grant_type(params)
    client = _authenticate_client(params)
    now = clock.now()
    handler = _from_code if grant_type == "authorization_code" else _from_refresh
    with db.write() as c:
        outcome = handler(c, client, params, now)
    if isinstance(outcome, OAuthError):
        raise outcome
    return outcome


# -- using a token ----------------------------------------------------------------------------
def principal_for_token(access_token):
    """The principal of a live access token; None when unknown; 401 when expired or revoked."""
    row = db.conn().execute(
        f"SELECT t.*, w.name AS workspace_name, w.plan FROM {TOKENS} t JOIN {store.WORKSPACES} w"
        " ON w.id = t.workspace_id WHERE t.access_token = ?", (access_token,),
    ).fetchone()
    if row is None:
        return None
    if row["revoked"]:
        raise Unauthorized("The access token has been revoked.")
    if row["expires_at"] <= clock.iso(clock.now()):
        raise Unauthorized("The access token has expired.")
    return store.principal(row["workspace_id"], row["workspace_name"], row["plan"],
                           "oauth:" + row["client_id"], row["scope"].split(), "oauth")
