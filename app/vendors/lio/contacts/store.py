"""Contacts: people at the org's companies, optionally linked to a lead (doc 6.4).

ABM, calls and meetings refer to contacts through :func:`require` and :func:`basic`.
"""

import orjson

from app.core import db
from app.core.errors import Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import delete_target, day_bounds, now_iso
from app.vendors.lio.companies import store as companies     # lower areas only: see AREAS
from app.vendors.lio.leads import store as leads
from app.vendors.lio.lookups import store as lookups

CONTACTS = "lio_contacts"
CONTACT_ORDER = {"id": "id", "name": "name COLLATE NOCASE", "email": "email COLLATE NOCASE",
                 "lead_score": "lead_score", "created_at": "created_at", "updated_at": "updated_at"}
SEARCHED = ("name", "email", "designation")
TEXT_FIELDS = ("name", "email", "phone_number", "designation", "seniority", "decision_maker", "linkedin_url")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {CONTACTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " name TEXT NOT NULL, email TEXT, phone_number TEXT,"
        " company_id INTEGER REFERENCES lio_companies(id) ON DELETE SET NULL,"
        " lead_id INTEGER REFERENCES lio_leads(id) ON DELETE SET NULL, designation TEXT, seniority TEXT,"
        " decision_maker TEXT, linkedin_url TEXT, lead_score INTEGER NOT NULL DEFAULT 0, status INTEGER,"
        " tags TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{CONTACTS}_org ON {CONTACTS} (org_id, id)",
        f"CREATE INDEX idx_{CONTACTS}_company ON {CONTACTS} (org_id, company_id)",
        f"CREATE INDEX idx_{CONTACTS}_lead ON {CONTACTS} (lead_id)",
    ):
        sdb.execute(sql)


def count_by_company(c, who):
    """``{company_id: number of the org's contacts there}`` (company stats)."""
    return dict(c.execute(f"SELECT company_id, count(*) FROM {CONTACTS} WHERE org_id = ? AND company_id IS NOT NULL"
                          " GROUP BY company_id", (who["org_id"],)).fetchall())


companies.count_linked("leads_linked", leads.count_by_company)      # company stats count through these
companies.count_linked("contacts_linked", count_by_company)


# -- wire shape -------------------------------------------------------------------------------------
def wire(c, who, row, tags=None):
    """The doc-11 Contact plus ``company_name`` and tags resolved to ``{id, name, color_code}``."""
    tags = lookups.labels(who)["tag"] if tags is None else tags
    out = {k: row[k] for k in ("id", "user_id", "name", "email", "phone_number", "company_id")}
    out["company_name"] = companies.name_of(c, who, row["company_id"]) if row["company_id"] else None
    out.update({k: row[k] for k in ("lead_id", "designation", "seniority", "decision_maker", "linkedin_url",
                                    "lead_score", "status")})
    out["tags"] = [tags[t] for t in orjson.loads(row["tags"]) if t in tags]
    out["created_at"], out["updated_at"] = row["created_at"], row["updated_at"]
    return out


def _row(c, who, contact_id):
    if not 0 < contact_id < 2**63:                                   # SQLite integers: 404, not an overflow
        raise NotFound("contact", contact_id)
    row = c.execute(f"SELECT * FROM {CONTACTS} WHERE id = ? AND org_id = ?", (contact_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("contact", contact_id)
    return row


def _where(who, f):
    w = (Where("org_id", who["org_id"]).contains(SEARCHED, f.get("search_value"))
         .any_of("company_id", f.get("company_id")).any_of("lead_id", f.get("lead_id"))
         .between("lead_score", f.get("lead_score_min"), f.get("lead_score_max"))
         .any_of("status", f.get("status")))
    if f.get("my"):
        w.eq("user_id", who.get("user_id") or -1)
    for tag in f.get("tags") or []:
        w.where(f"EXISTS (SELECT 1 FROM json_each({CONTACTS}.tags) WHERE value = ?)", tag)
    low, high = day_bounds(f)
    return w.between("created_at", low, high)


def list_contacts(who, args):
    c = db.conn()
    tags = lookups.labels(who)["tag"]
    page = fetch_page(c, f"SELECT * FROM {CONTACTS}", _where(who, args),
                      order(CONTACT_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(lambda row: wire(c, who, row, tags))


def get_contact(who, contact_id):
    c = db.conn()
    return wire(c, who, _row(c, who, contact_id))


def _check(c, who, fields):
    """The cross-record rules: company, lead, status and tags of the org."""
    if fields.get("company_id") is not None:
        companies.require(c, who, fields["company_id"])
    if fields.get("lead_id") is not None:
        leads.require(c, who, fields["lead_id"])
    if fields.get("status") is not None:
        lookups.require(c, who, "status", fields["status"], "status")
    if fields.get("tags") is not None:
        fields["tags"] = lookups.require_tags(c, who, fields["tags"])


def _columns(fields):
    out = {k: fields[k] for k in (*TEXT_FIELDS, "company_id", "lead_id", "lead_score", "status") if k in fields}
    if "tags" in fields:
        out["tags"] = orjson.dumps(fields["tags"] or []).decode()
    if out.get("lead_score", 0) is None:
        out["lead_score"] = 0
    return out


def create_contact(who, body):
    with db.write() as c:
        fields = dict(body)
        _check(c, who, fields)
        stamp = now_iso()
        columns = {"org_id": who["org_id"], "user_id": who.get("user_id"), **_columns(fields), "created_at": stamp,
                   "updated_at": stamp}
        contact_id = c.execute(f"INSERT INTO {CONTACTS} ({', '.join(columns)}) VALUES"
                               f" ({', '.join('?' * len(columns))})", list(columns.values())).lastrowid
        return wire(c, who, _row(c, who, contact_id))


def update_contact(who, contact_id, body):
    with db.write() as c:
        _row(c, who, contact_id)
        fields = dict(body)
        _check(c, who, fields)
        columns = _columns(fields)
        if columns:
            sets = ", ".join(f"{k} = ?" for k in columns)
            c.execute(f"UPDATE {CONTACTS} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
                      [*columns.values(), now_iso(), contact_id, who["org_id"]])
        return wire(c, who, _row(c, who, contact_id))


def bulk_update(who, body):
    """``contact_ids`` or ``select_all`` + ``filters``; sets ``company_id``, ``lead_score``, ``tags``."""
    fields = {k: body[k] for k in ("company_id", "lead_score", "tags") if k in body}
    with db.write() as c:
        _check(c, who, fields)
        if body.get("contact_ids"):
            w = Where("org_id", who["org_id"]).any_of("id", body["contact_ids"])
        else:
            w = _where(who, body.get("filters") or {})
        columns = _columns(fields)
        sets = "".join(f"{k} = ?, " for k in columns)
        count = c.execute(f"UPDATE {CONTACTS} SET {sets}updated_at = ? WHERE {w.sql}",
                          [*columns.values(), now_iso(), *w.params]).rowcount
    return {"updated": count}


def delete_contacts(who, contact_id, body):
    """The path id (``0`` = none) plus body ``ids``, or ``select_all`` + ``filters``."""
    w = delete_target(who, contact_id, body, _where, "contact")
    with db.write() as c:
        count = c.execute(f"DELETE FROM {CONTACTS} WHERE {w.sql}", w.params).rowcount
        if not body.get("select_all") and count == 0:
            raise NotFound("contact", contact_id or body["ids"][0],
                           message="None of the given contacts exist in your organization.")
    return {"deleted": count}


# -- for other areas (public, stable) ------------------------------------------------------------
def require(c, who, contact_id, field="contact_id"):
    """422 naming ``field`` unless ``contact_id`` is a contact of ``who``'s org."""
    if not c.execute(f"SELECT 1 FROM {CONTACTS} WHERE id = ? AND org_id = ?", (contact_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown contact {contact_id}: must be a contact of your organization."]})


def basic(c, who, contact_id):
    """``{"id", "name", "email", "phone_number", "company_id", "lead_id"}`` of the org's contact, or None."""
    row = c.execute(f"SELECT id, name, email, phone_number, company_id, lead_id FROM {CONTACTS}"
                    " WHERE id = ? AND org_id = ?", (contact_id, who["org_id"])).fetchone()
    return dict(row) if row else None


def seed_contact(c, org_id, name, email, company_id, designation, created_at, lead_id=None, user_id=None):
    """Insert one contact while seeding (ABM seeds its stakeholders before this area has a seed); its id."""
    return c.execute(f"INSERT INTO {CONTACTS} (org_id, user_id, name, email, company_id, lead_id, designation,"
                     " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (org_id, user_id, name, email, company_id, lead_id, designation, created_at,
                      created_at)).lastrowid


def count_created(c, who, low=None, high=None):
    """How many of the org's contacts were created in ``[low, high]`` (dashboards)."""
    w = Where("org_id", who["org_id"]).between("created_at", low, high)
    return c.execute(f"SELECT count(*) FROM {CONTACTS} WHERE {w.sql}", w.params).fetchone()[0]


def search_brief(c, who, text, limit):
    """The org's contacts matching ``text`` (name, email, phone), brief, newest first (global search)."""
    w = Where("org_id", who["org_id"]).contains(("name", "email", "phone_number"), text)
    return [dict(r) for r in c.execute(f"SELECT id, name, email, company_id FROM {CONTACTS} WHERE {w.sql}"
                                       " ORDER BY id DESC LIMIT ?", [*w.params, limit]).fetchall()]


def export_rows(c, who, filters, limit=None):
    """The org's contacts matching a loaded contact-list query ``filters`` (its filters, ``order_by``
    and ``order_in``; paging ignored) as wire contacts, at most ``limit`` (exports)."""
    tags = lookups.labels(who)["tag"]
    w = _where(who, filters)
    by = order(CONTACT_ORDER, filters.get("order_by", "id"), filters.get("order_in", "DESC"))
    sql = f"SELECT * FROM {CONTACTS} WHERE {w.sql} ORDER BY {by}" + (" LIMIT ?" if limit is not None else "")
    return [wire(c, who, r, tags) for r in c.execute(sql, [*w.params, *([limit] if limit is not None else [])])]
