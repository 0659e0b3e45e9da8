"""Skarbe state and rules: workspaces, their API keys, lead statuses and contacts.

Every row carries its ``workspace_id`` and every query filters on it. A
contact is stored column by column (camelCase on the wire, snake_case here);
``phone_numbers`` is JSON so that a string stays a string and a list a list.
The ``search_*`` columns hold the casefolded first name, last name and email
that ``?query=`` matches against.
"""

import re

import orjson

from app.core import clock, db
from app.core.errors import Invalid
from app.core.sql import Where
from app.vendors.skarbe.constants import (
    EMAIL_OR_FIRST_NAME_REQUIRED,
    INVALID_EMAIL,
    INVALID_LEAD_STATUS,
    KEY_HEADER,
    WRITABLE,
)

WORKSPACES = "skarbe_workspaces"
KEYS = "skarbe_api_keys"
STATUSES = "skarbe_lead_statuses"
CONTACTS = "skarbe_contacts"

# Permissive on purpose: ASCII or Unicode local part with the RFC 5322 atom
# characters, and a domain of at least two dot-separated labels.
EMAIL = re.compile(
    r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W_](?:[\w-]*[^\W_])?"
)

_CONTACT_SELECT = f"""
SELECT c.id, c.email, c.photo, c.first_name, c.last_name, c.job_title, c.company_name,
       c.phone_numbers, c.facebook_url, c.instagram_url, c.linkedin_url, c.note,
       c.last_activity_at, c.created_at, s.id AS status_id, s.label, s.color
FROM {CONTACTS} c
LEFT JOIN {STATUSES} s ON s.workspace_id = c.workspace_id AND s.id = c.lead_status_id
WHERE """
_NEWEST_FIRST = " ORDER BY c.created_at DESC, c.id DESC"
_SEARCHED = ("c.search_first", "c.search_last", "c.search_email")


def create_tables(sdb):
    sdb.execute(f"CREATE TABLE {WORKSPACES} (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    sdb.execute(
        f"CREATE TABLE {KEYS} (api_key TEXT PRIMARY KEY, workspace_id INTEGER NOT NULL"
        f" REFERENCES {WORKSPACES}(id), user_name TEXT NOT NULL, user_email TEXT NOT NULL)"
    )
    sdb.execute(f"CREATE INDEX {KEYS}_workspace ON {KEYS} (workspace_id)")
    sdb.execute(
        f"CREATE TABLE {STATUSES} (workspace_id INTEGER NOT NULL REFERENCES {WORKSPACES}(id),"
        " id INTEGER NOT NULL, type TEXT NOT NULL, label TEXT NOT NULL, color TEXT NOT NULL,"
        " sort_order INTEGER NOT NULL, PRIMARY KEY (workspace_id, id))"
    )
    sdb.execute(
        f"CREATE TABLE {CONTACTS} (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        f" workspace_id INTEGER NOT NULL REFERENCES {WORKSPACES}(id),"
        " email TEXT, photo TEXT, first_name TEXT, last_name TEXT, job_title TEXT, company_name TEXT,"
        " phone_numbers TEXT, facebook_url TEXT, instagram_url TEXT, linkedin_url TEXT, twitter_url TEXT,"
        " note TEXT, last_activity_at TEXT, created_at TEXT NOT NULL, lead_status_id INTEGER,"
        " search_first TEXT, search_last TEXT, search_email TEXT)"
    )
    sdb.execute(f"CREATE INDEX {CONTACTS}_workspace_created ON {CONTACTS} (workspace_id, created_at)")


# -- auth -----------------------------------------------------------------------
def workspace_for_key(key):
    """The principal for an API key: its workspace and the user who made the key."""
    row = db.conn().execute(
        f"SELECT w.id, w.name, k.user_name, k.user_email FROM {KEYS} k"
        f" JOIN {WORKSPACES} w ON w.id = k.workspace_id WHERE k.api_key = ?",
        (key,),
    ).fetchone()
    return dict(row) if row else None


# -- reads ----------------------------------------------------------------------
def _contact(row):
    first, last = row["first_name"], row["last_name"]
    phones = row["phone_numbers"]
    return {
        "id": row["id"],
        "email": row["email"],
        "photo": row["photo"],
        "firstName": first,
        "lastName": last,
        "fullName": f"{first or ''} {last or ''}".strip() or None,
        "jobTitle": row["job_title"],
        "companyName": row["company_name"],
        "phoneNumbers": orjson.loads(phones) if phones is not None else None,
        "facebookUrl": row["facebook_url"],
        "instagramUrl": row["instagram_url"],
        "linkedinUrl": row["linkedin_url"],
        "note": row["note"],
        "lastActivityAt": row["last_activity_at"],
        "createdAt": row["created_at"],
        "leadStatus": (
            {"id": row["status_id"], "label": row["label"], "color": row["color"]}
            if row["status_id"] is not None else None
        ),
    }


def list_contacts(workspace, query=None):
    """The workspace's contacts, newest first; ``query`` matches first name, last name
    or email as a case-insensitive literal substring."""
    where = Where("c.workspace_id", workspace["id"]).contains(_SEARCHED, query.casefold() if query else None)
    rows = db.conn().execute(_CONTACT_SELECT + where.sql + _NEWEST_FIRST, where.params).fetchall()
    return [_contact(row) for row in rows]


def _get_contact(c, workspace, contact_id):
    where = Where("c.workspace_id", workspace["id"]).eq("c.id", contact_id)
    row = c.execute(_CONTACT_SELECT + where.sql, where.params).fetchone()
    return _contact(row)


def list_lead_statuses(workspace):
    """The workspace's lead statuses in their display order."""
    rows = db.conn().execute(
        f"SELECT id, type, label, color, sort_order FROM {STATUSES} WHERE workspace_id = ? ORDER BY sort_order, id",
        (workspace["id"],),
    ).fetchall()
    return [{"id": r["id"], "type": r["type"], "label": r["label"], "color": r["color"], "order": r["sort_order"]}
            for r in rows]


def me(workspace):
    """The user behind the API key and their workspace."""
    return {"details": {"name": workspace["user_name"], "email": workspace["user_email"]},
            "workspace": {"name": workspace["name"]}}


# -- writes ---------------------------------------------------------------------
def _columns(fields):
    """Columns of a contact from its camelCase fields (writable ones, leadStatus, photo, dates)."""
    row = {column: fields.get(name) for name, column in WRITABLE.items()}
    if row["phone_numbers"] is not None:
        row["phone_numbers"] = orjson.dumps(row["phone_numbers"]).decode()
    row["photo"] = fields.get("photo")
    row["lead_status_id"] = fields.get("leadStatus")
    row["created_at"] = fields["createdAt"]
    row["last_activity_at"] = fields.get("lastActivityAt")
    for key, column in (("search_first", "first_name"), ("search_last", "last_name"), ("search_email", "email")):
        row[key] = row[column].casefold() if row[column] is not None else None
    return row


def create_contact(workspace, fields):
    """Create a contact in the workspace and return it as GET lists it.

    At least a non-empty ``email`` or ``firstName``; a non-null ``email`` must
    look like an address; ``leadStatus`` must be one of the workspace's ids.
    """
    email, first = fields.get("email"), fields.get("firstName")
    if not email and not first:
        raise Invalid({"email": [EMAIL_OR_FIRST_NAME_REQUIRED], "firstName": [EMAIL_OR_FIRST_NAME_REQUIRED]},
                      message=EMAIL_OR_FIRST_NAME_REQUIRED)
    if email is not None and not EMAIL.fullmatch(email):
        raise Invalid({"email": [INVALID_EMAIL]}, message=INVALID_EMAIL)
    row = _columns({**fields, "createdAt": clock.iso(clock.now())})
    row["workspace_id"] = workspace["id"]
    with db.write() as c:
        status = fields.get("leadStatus")
        if status is not None and c.execute(
            f"SELECT 1 FROM {STATUSES} WHERE workspace_id = ? AND id = ?", (workspace["id"], status)
        ).fetchone() is None:
            raise Invalid({"leadStatus": [INVALID_LEAD_STATUS]}, message=INVALID_LEAD_STATUS)
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        contact_id = c.execute(f"INSERT INTO {CONTACTS} ({names}) VALUES ({marks})", list(row.values())).lastrowid
        return _get_contact(c, workspace, contact_id)   # read back in the write: a reset cannot slip between


# -- seeding and the control plane ----------------------------------------------
def insert_workspaces(sdb, workspaces, statuses):
    """Seed helper: workspaces with their key, user and the lead statuses every workspace has."""
    sdb[WORKSPACES].insert_all({"id": w["id"], "name": w["name"]} for w in workspaces)
    sdb[KEYS].insert_all(
        {"api_key": w["api_key"], "workspace_id": w["id"], "user_name": w["user_name"], "user_email": w["user_email"]}
        for w in workspaces
    )
    sdb[STATUSES].insert_all(
        {"workspace_id": w["id"], "id": s["id"], "type": s["type"], "label": s["label"], "color": s["color"],
         "sort_order": s["order"]}
        for w in workspaces for s in statuses
    )


def insert_contacts(sdb, workspace_id, contacts):
    """Seed helper: camelCase contacts (``id`` optional) into one workspace."""
    sdb[CONTACTS].insert_all(
        ({**_columns(contact), "workspace_id": workspace_id, **({"id": contact["id"]} if "id" in contact else {})}
         for contact in contacts),
        batch_size=500,
    )


def tenants():
    rows = db.conn().execute(
        f"SELECT w.id, w.name, min(k.api_key) AS api_key FROM {WORKSPACES} w"
        f" JOIN {KEYS} k ON k.workspace_id = w.id GROUP BY w.id ORDER BY w.id"
    ).fetchall()
    return [{"name": r["name"], "id": r["id"], "credentials": {KEY_HEADER: r["api_key"]}} for r in rows]


def counts():
    c = db.conn()
    return {
        "workspaces": c.execute(f"SELECT count(*) FROM {WORKSPACES}").fetchone()[0],
        "contacts": c.execute(f"SELECT count(*) FROM {CONTACTS}").fetchone()[0],
    }
