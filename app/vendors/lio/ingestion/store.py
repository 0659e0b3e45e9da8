"""Ingestion state and rules (doc 8): leads pushed with an API key, the key's lead list, hosted web forms.

Leads are written only through ``leads.store``'s public functions; this area owns ``lio_web_forms``.
"""

import html

import orjson

from app.core import db
from app.core.errors import Conflict, NotFound
from app.vendors.lio.activity import store as activity
from app.vendors.lio.leads import store as leads
from app.vendors.lio.lookups import store as lookups
from app.vendors.lio.users import store as users

FORMS = "lio_web_forms"
WEBSITE = 1                      # lead_source of web-form leads
FORM_FIELDS = ("first_name", "last_name", "email", "phone_number", "company", "message")
DDL = (
    f"CREATE TABLE {FORMS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, link TEXT NOT NULL UNIQUE,"
    " title TEXT NOT NULL, fields TEXT NOT NULL, success_message TEXT NOT NULL, created_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{FORMS}_org ON {FORMS} (org_id, id)",
)


def create_tables(sdb):
    for sql in DDL:
        sdb.execute(sql)


def _short(lead):
    return {k: lead[k] for k in ("id", "email", "first_name", "company", "status", "priority", "score",
                                 "created_at")}


def _save(c, who, fields, duplicate=False, merge=False):
    """Create (or merge into the duplicate); returns (wire lead, merged?)."""
    existing = leads.find_duplicate(c, who, fields.get("email"), fields.get("linkedin_url"))
    if existing is not None and merge:
        current = leads.lead_in(c, who, existing)
        if "custom_fields" in fields:
            fields["custom_fields"] = {**current["custom_fields"], **fields["custom_fields"]}
        if "tags" in fields:
            fields["tags"] = [t["id"] for t in current["tags"]] + [t for t in fields["tags"]
                                                                    if t not in {x["id"] for x in current["tags"]}]
        if fields.get("email") and current["email"] and fields["email"].lower() == current["email"].lower():
            fields.pop("email")              # the match itself, not a change
        leads.update_fields(c, who, existing, fields)
        return leads.lead_in(c, who, existing), True
    if existing is not None and not duplicate:
        raise Conflict("A lead with this email or LinkedIn URL already exists in your organization.",
                       details={"lead_id": existing})
    lookups.require(c, who, "status", fields.get("status"), "status")
    lead_id = leads.insert_lead(c, who, fields)
    return leads.lead_in(c, who, lead_id), False


def ingest_lead(who, body):
    """POST /lead: create, 409 on a duplicate, or create anyway / merge; returns (short lead, merged?)."""
    body = dict(body)
    duplicate, merge = body.pop("duplicate", 0) == 1, body.pop("merge", 0) == 1
    fields = {k: v for k, v in body.items() if v is not None or k in ("lead_source",)}
    with db.write() as c:
        if "tags" in fields:
            fields["tags"] = lookups.ensure_tags(c, who, fields["tags"])
        lead, merged = _save(c, who, fields, duplicate, merge)
        activity.record(c, who, "lead", lead["id"], "ingested", {"via": who.get("via"), "merged": merged})
        return _short(lead), merged


def list_ingested(who, args):
    return leads.list_leads(who, args)


# -- hosted web forms ------------------------------------------------------------------------------
def _form(link):
    row = db.conn().execute(f"SELECT * FROM {FORMS} WHERE link = ?", (link,)).fetchone()
    if row is None:
        raise NotFound("web form", link)
    return row


LABELS = {"first_name": "First name", "last_name": "Last name", "email": "Email", "phone_number": "Phone",
          "company": "Company", "message": "Message"}
TYPES = {"email": "email", "phone_number": "tel"}


def render_form(link):
    """The hosted form's HTML page (posts to itself)."""
    row = _form(link)
    e = html.escape
    rows = []
    for name in orjson.loads(row["fields"]):
        label = f'<label for="{e(name)}">{e(LABELS.get(name, name))}</label>'
        if name == "message":
            rows.append(f'<p>{label}<br><textarea id="message" name="message" rows="5"></textarea></p>')
        else:
            rows.append(f'<p>{label}<br><input id="{e(name)}" name="{e(name)}" type="{TYPES.get(name, "text")}"></p>')
    action = "./" + e(link, quote=True)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + e(row["title"]) + "</title></head>"
            "<body><h1>" + e(row["title"]) + "</h1>"
            f'<form method="post" action="{action}">' + "".join(rows)
            + '<p><button type="submit">Submit</button></p></form></body></html>\n')


def submit_form(link, body):
    """A submission: a lead in the FORM's organization; returns (short lead, the form's success page)."""
    row = _form(link)
    who = users.org_principal(row["org_id"])
    fields = {k: v for k, v in body.items() if k in FORM_FIELDS and k != "message" and v is not None}
    if body.get("message"):
        fields["notes"] = body["message"]
    fields["lead_source"] = WEBSITE
    fields["custom_fields"] = {"web_form": link}
    with db.write() as c:
        lead, _ = _save(c, who, fields)
        activity.record(c, who, "lead", lead["id"], "web_form_submitted", {"form": link})
    e = html.escape
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + e(row["title"]) + "</title></head>"
            "<body><h1>" + e(row["title"]) + "</h1><p>" + e(row["success_message"]) + "</p></body></html>\n")
    return _short(lead), page


# -- seed ---------------------------------------------------------------------------------------
def insert_form(sdb, org_id, link, title, success_message, stamp):
    sdb.execute(f"INSERT INTO {FORMS} (org_id, link, title, fields, success_message, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (org_id, link, title, orjson.dumps(list(FORM_FIELDS)).decode(), success_message, stamp))

