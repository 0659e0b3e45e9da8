"""Organizations, users, roles, API keys and tokens: who may call LIO, and as whom.

Every function takes the principal ``who`` (``{"org_id", "user_id", ...}``) explicitly.
Other areas call only the functions under "for other areas".
"""

import functools
import os

import jwt
import orjson
from werkzeug.security import check_password_hash

from app.core import clock, db, freshness, rand
from app.core.errors import BadRequest, Conflict, Forbidden, Invalid, NotFound, Unauthorized
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import day_bounds, iso, now_iso
from app.vendors.lio.constants import (JWT_ALGORITHM, JWT_SECRET_DEFAULT, KEY_INVALID, KEY_NOT_ALLOWED, LOGIN_INACTIVE, LOGIN_INVALID,
                                       LOGIN_MISSING, LOGIN_NO_ACCOUNT, LOGIN_NO_ORG, TOKEN_INVALID,
                                       TOKEN_LIFETIME, TOKEN_REVOKED, USER_INACTIVE)

ORGS = "lio_orgs"
ROLES = "lio_roles"
USERS = "lio_users"
KEYS = "lio_api_keys"
REVOKED = "lio_revoked_tokens"

USER_ORDER = {"id": "u.id", "first_name": "u.first_name COLLATE NOCASE", "last_name": "u.last_name COLLATE NOCASE",
              "email": "u.email", "created_at": "u.created_at", "updated_at": "u.updated_at"}
ROLE_ORDER = {"id": "id", "name": "name COLLATE NOCASE", "created_at": "created_at"}
USER_SELECT = (f"SELECT u.*, r.name AS role_name FROM {USERS} u LEFT JOIN {ROLES} r ON r.id = u.role_id")
SECRET_ENV = "LEADMOCK_LIO_JWT_SECRET"


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {ORGS} (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)",
        f"CREATE TABLE {ROLES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL REFERENCES {ORGS}(id),"
        " name TEXT NOT NULL, description TEXT, state_id INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL)",
        f"CREATE UNIQUE INDEX idx_{ROLES}_name ON {ROLES} (org_id, name COLLATE NOCASE)",
        f"CREATE TABLE {USERS} (id INTEGER PRIMARY KEY, org_id TEXT REFERENCES {ORGS}(id),"
        " email TEXT NOT NULL COLLATE NOCASE UNIQUE, password_hash TEXT NOT NULL, first_name TEXT NOT NULL,"
        " last_name TEXT, phone_no TEXT, role_id INTEGER REFERENCES lio_roles(id) ON DELETE SET NULL,"
        " language TEXT NOT NULL DEFAULT 'en', timezone TEXT NOT NULL DEFAULT 'UTC',"
        " state_id INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{USERS}_org ON {USERS} (org_id, id)",
        f"CREATE TABLE {KEYS} (key TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES {ORGS}(id), name TEXT NOT NULL,"
        " allowed_domains TEXT NOT NULL DEFAULT '[]', allowed_ips TEXT NOT NULL DEFAULT '[]', expires_at TEXT)",
        f"CREATE TABLE {REVOKED} (jti TEXT PRIMARY KEY, exp INTEGER NOT NULL)",
    ):
        sdb.execute(sql)


# -- tokens ------------------------------------------------------------------------------------
def _secret():
    return os.environ.get(SECRET_ENV) or JWT_SECRET_DEFAULT


def issue_token(user, now=None):
    """``(token, expires_at)`` for a user row (``id``, ``org_id``) at the sandbox instant ``now``."""
    now = (now or clock.now()).replace(microsecond=0)      # exp is whole seconds: so is expires_at
    expires = now + TOKEN_LIFETIME
    claims = {"sub": str(user["id"]), "org": user["org_id"], "jti": rand.token(24),
              "iat": int(now.timestamp()), "exp": int(expires.timestamp())}
    return jwt.encode(claims, _secret(), algorithm=JWT_ALGORITHM), expires


def claims_of(value):
    """The claims of a token whose signature and algorithm verify (no time checks); 401 otherwise.
    A pure function of the token and the secret: the last verified ones are kept (read them, never
    change them); a refused token is checked again each time."""
    return _verified_claims(value, _secret())


@functools.lru_cache(maxsize=1024)
def _verified_claims(value, secret):
    try:
        claims = jwt.decode(value, secret, algorithms=[JWT_ALGORITHM],
                            options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                                     "require": ["sub", "org", "jti", "exp"]})
    except jwt.PyJWTError:
        raise Unauthorized(TOKEN_INVALID) from None
    if (not isinstance(claims["exp"], int) or isinstance(claims["exp"], bool)
            or not str(claims["sub"]).isdigit() or len(str(claims["sub"])) > 15):
        raise Unauthorized(TOKEN_INVALID)
    return claims


def principal_for_token(claims):
    """The principal of a verified, unexpired token; 401 when revoked or the user is gone/inactive
    (kept until the next commit: a logout or a user change is one)."""
    key = ("lio_principal", str(claims["jti"]), str(claims["sub"]), claims["org"], claims["exp"])
    return freshness.cached(key, lambda: _token_principal(claims))


def _token_principal(claims):
    c = db.conn()
    if c.execute(f"SELECT 1 FROM {REVOKED} WHERE jti = ?", (str(claims["jti"]),)).fetchone():
        raise Unauthorized(TOKEN_REVOKED)
    row = c.execute(f"{USER_SELECT} WHERE u.id = ?", (int(claims["sub"]),)).fetchone()
    if row is None or row["org_id"] is None or row["org_id"] != claims["org"]:
        raise Unauthorized(TOKEN_INVALID)
    if row["state_id"] != 1:
        raise Unauthorized(USER_INACTIVE)
    return {"org_id": row["org_id"], "user_id": row["id"], "role_name": row["role_name"], "via": "jwt",
            "jti": str(claims["jti"]), "exp": claims["exp"]}


def principal_for_key(key, host=None, ip=None):
    """The principal of an API key; 403 when unknown, expired, or restricted and not allowed here."""
    row = db.conn().execute(f"SELECT * FROM {KEYS} WHERE key = ?", (key,)).fetchone()
    if row is None or (row["expires_at"] and row["expires_at"] <= now_iso()):
        raise Forbidden(KEY_INVALID)
    domains, ips = orjson.loads(row["allowed_domains"]), orjson.loads(row["allowed_ips"])
    if (domains or ips) and not ((host and host in domains) or (ip and ip in ips)):
        raise Forbidden(KEY_NOT_ALLOWED)
    return {"org_id": row["org_id"], "user_id": None, "role_name": None, "via": "api_key", "key": key}


def login(body):
    """Doc 2.1: 400 without both, 404 unknown email, 401 wrong password, 403 inactive/no org."""
    email, password = body.get("email"), body.get("password")
    if not email or not password:
        raise BadRequest(LOGIN_MISSING)
    row = db.conn().execute(f"{USER_SELECT} WHERE u.email = ?", (email.strip(),)).fetchone()
    if row is None:
        raise NotFound(message=LOGIN_NO_ACCOUNT)
    if not check_password_hash(row["password_hash"], password):
        raise Unauthorized(LOGIN_INVALID)
    if row["state_id"] != 1:
        raise Forbidden(LOGIN_INACTIVE)
    if row["org_id"] is None:
        raise Forbidden(LOGIN_NO_ORG)
    value, expires = issue_token(row)
    return {"access_token": value, "token_type": "Bearer", "expires_in": int(TOKEN_LIFETIME.total_seconds()),
            "expires_at": iso(expires),
            "user": {"id": row["id"], "email": row["email"], "name": _name(row), "organization_id": row["org_id"],
                     "role_name": row["role_name"]}}


def logout(who):
    """Revoke the token of this request only (its ``jti`` joins the deny-list)."""
    with db.write() as c:
        c.execute(f"INSERT OR IGNORE INTO {REVOKED} (jti, exp) VALUES (?, ?)", (who["jti"], who["exp"]))
    return {"logged_out": True}


# -- users -------------------------------------------------------------------------------------
def _name(row):
    return " ".join(part for part in (row["first_name"], row["last_name"]) if part)


def _wire(row):
    return {"id": row["id"], "first_name": row["first_name"], "last_name": row["last_name"], "name": _name(row),
            "email": row["email"], "phone_no": row["phone_no"], "role_id": row["role_id"],
            "role_name": row["role_name"], "organization_id": row["org_id"], "language": row["language"],
            "timezone": row["timezone"], "state_id": row["state_id"], "created_at": row["created_at"],
            "updated_at": row["updated_at"]}


def _user(c, who, user_id):
    row = c.execute(f"{USER_SELECT} WHERE u.id = ? AND u.org_id = ?", (user_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("user", user_id)
    return row


def me(who):
    if who.get("user_id") is None:
        raise NotFound("user", None)
    return _wire(_user(db.conn(), who, who["user_id"]))


def list_users(who, args):
    w = (Where("u.org_id", who["org_id"]).any_of("u.role_id", args.get("role_id"))
         .any_of("u.state_id", args.get("state_id"))
         .contains(("u.first_name", "u.last_name", "u.email"), args.get("search_value")))
    _date_range(w, "u.created_at", args)
    page = fetch_page(db.conn(), USER_SELECT, w, order(USER_ORDER, args["order_by"], args["order_in"], "u.id"),
                      args["page"], args["limit"])
    return page.map(_wire)


def _date_range(w, column, args):
    low, high = day_bounds(args)
    return w.between(column, low, high)


def _check_role(c, who, role_id):
    if role_id is not None and not c.execute(f"SELECT 1 FROM {ROLES} WHERE id = ? AND org_id = ?",
                                             (role_id, who["org_id"])).fetchone():
        raise Invalid({"role_id": [f"Unknown role {role_id}: must be a role of your organization."]})


def _check_email(c, email, user_id=None):
    row = c.execute(f"SELECT id FROM {USERS} WHERE email = ?", (email,)).fetchone()
    if row is not None and row["id"] != user_id:
        raise Conflict("A user with this email already exists.", details={"field": "email"})


def add_user(who, body):
    stamp = now_iso()
    with db.write() as c:
        _check_email(c, body["email"])
        _check_role(c, who, body.get("role_id"))
        cursor = c.execute(
            f"INSERT INTO {USERS} (org_id, email, password_hash, first_name, last_name, phone_no, role_id,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], body["email"], rand.password_hash(body["password"]), body["first_name"],
             body.get("last_name"), body["phone_no"], body.get("role_id"), stamp, stamp))
        return _wire(_user(c, who, cursor.lastrowid))


def update_user(who, user_id, body):
    fields = {k: body[k] for k in ("first_name", "last_name", "email", "phone_no", "language", "timezone")
              if k in body}
    with db.write() as c:
        _user(c, who, user_id)
        if "email" in fields:
            _check_email(c, fields["email"], user_id)
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {USERS} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
                      [*fields.values(), now_iso(), user_id, who["org_id"]])
        return _wire(_user(c, who, user_id))


def change_password(who, body):
    if body["new_password"] != body["confirm_password"]:
        raise Invalid({"confirm_password": ["Must match new_password."]})
    with db.write() as c:
        row = _user(c, who, who["user_id"])
        if not check_password_hash(row["password_hash"], body["current_password"]):
            raise Invalid({"current_password": ["Current password is incorrect."]})
        c.execute(f"UPDATE {USERS} SET password_hash = ?, updated_at = ? WHERE id = ?",
                  (rand.password_hash(body["new_password"]), now_iso(), who["user_id"]))
    return {"changed": True}


def delete_user(who, user_id):
    if user_id == who.get("user_id"):
        raise Invalid({"user_id": ["You cannot remove yourself."]})
    with db.write() as c:
        _user(c, who, user_id)
        c.execute(f"DELETE FROM {USERS} WHERE id = ? AND org_id = ?", (user_id, who["org_id"]))
    return {"deleted": 1}


# -- roles -------------------------------------------------------------------------------------
def _role_wire(row):
    return {"id": row["id"], "name": row["name"], "description": row["description"], "state_id": row["state_id"],
            "created_at": row["created_at"]}


def list_roles(who, args):
    w = (Where("org_id", who["org_id"]).any_of("state_id", args.get("state_id"))
         .contains(("name", "description"), args.get("search_value")))
    _date_range(w, "created_at", args)
    page = fetch_page(db.conn(), f"SELECT * FROM {ROLES}", w, order(ROLE_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(_role_wire)


def add_role(who, body):
    with db.write() as c:
        if c.execute(f"SELECT 1 FROM {ROLES} WHERE org_id = ? AND name = ? COLLATE NOCASE",
                     (who["org_id"], body["name"])).fetchone():
            raise Conflict("A role with this name already exists.", details={"field": "name"})
        cursor = c.execute(f"INSERT INTO {ROLES} (org_id, name, description, created_at) VALUES (?, ?, ?, ?)",
                           (who["org_id"], body["name"], body.get("description"), now_iso()))
        return _role_wire(c.execute(f"SELECT * FROM {ROLES} WHERE id = ?", (cursor.lastrowid,)).fetchone())


# -- for other areas (public, stable) ------------------------------------------------------------
def require_user(c, who, user_id, field="assigned_to"):
    """422 naming ``field`` unless ``user_id`` is a user of ``who``'s organization."""
    if not c.execute(f"SELECT 1 FROM {USERS} WHERE id = ? AND org_id = ?", (user_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown user {user_id}: must be a user of your organization."]})


def user_ids(c, org_id):
    """Every user id of an organization (seeding and assignment helpers)."""
    return [r[0] for r in c.execute(f"SELECT id FROM {USERS} WHERE org_id = ? ORDER BY id", (org_id,))]


def user_by_id(c, user_id):
    """``{"id", "org_id", "name", "email", "timezone"}`` of any user (public routes resolve their owner)."""
    row = c.execute(f"SELECT id, org_id, first_name, last_name, email, timezone FROM {USERS} WHERE id = ?",
                    (user_id,)).fetchone()
    return None if row is None else {"id": row["id"], "org_id": row["org_id"], "name": _name(row),
                                     "email": row["email"], "timezone": row["timezone"]}


def principal_of_user(user_id):
    """The principal acting for a user on a public route (booking, web form)."""
    row = db.conn().execute(f"{USER_SELECT} WHERE u.id = ?", (user_id,)).fetchone()
    return {"org_id": row["org_id"], "user_id": row["id"], "role_name": row["role_name"], "via": "public"}


def org_principal(org_id):
    """The principal acting for an organization with no user (web forms, tracking)."""
    return {"org_id": org_id, "user_id": None, "role_name": None, "via": "public"}


def orgs():
    return [dict(r) for r in db.conn().execute(f"SELECT id, name FROM {ORGS} ORDER BY rowid")]


def tenants(passwords):
    """Every organization with its users (and ``passwords`` of the well-known ones) and keys."""
    c = db.conn()
    out = []
    for org in c.execute(f"SELECT id, name FROM {ORGS} ORDER BY rowid").fetchall():
        users = c.execute(f"{USER_SELECT} WHERE u.org_id = ? ORDER BY u.id", (org["id"],)).fetchall()
        keys = c.execute(f"SELECT * FROM {KEYS} WHERE org_id = ? ORDER BY rowid", (org["id"],)).fetchall()
        credentials = {}
        for u in users:
            if u["email"] in passwords:
                credentials[f"login {u['email']}"] = passwords[u["email"]]
        for k in keys:
            credentials[f"x-api-key ({k['name']})"] = k["key"]
        out.append({
            "name": org["name"], "id": org["id"], "credentials": credentials,
            "users": [{"id": u["id"], "email": u["email"], "name": _name(u), "role_name": u["role_name"],
                       "active": u["state_id"] == 1, "password": passwords.get(u["email"])} for u in users],
            "api_keys": [{"key": k["key"], "name": k["name"], "allowed_domains": orjson.loads(k["allowed_domains"]),
                          "allowed_ips": orjson.loads(k["allowed_ips"]), "expires_at": k["expires_at"]}
                         for k in keys],
        })
    return out


def sign_claims(claims):
    """An HS256 JWT of ``claims`` signed with the LIO secret (voice tokens for the calling SDK)."""
    return jwt.encode(claims, _secret(), algorithm=JWT_ALGORITHM)
