"""Lead state and rules: the org's leads, their filters, bulk actions, scoring and imports.

Every function takes the principal ``who`` ({org_id, user_id, ...}) explicitly. Other areas call
only the functions under "for other areas"; they never name the tables.
"""

import hashlib

import orjson

from app.core import clock, db, timeline, undo
from app.core.errors import Conflict, Invalid, NotFound
from app.core.json import raw
from app.core.paging import fetch_page, frozen, kept
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity          # lower areas only: see AREAS
from app.vendors.lio.common import day_bounds, iso, now_iso
from app.vendors.lio.companies import store as companies
from app.vendors.lio.constants import AI_SCORE_DELAY, DEFAULT_PRIORITY, DEFAULT_STATUS
from app.vendors.lio.lookups import store as lookups
from app.vendors.lio.users import store as users

LEADS = "lio_leads"
NOTES = "lio_lead_notes"
FOLLOW_UPS = "lio_lead_follow_ups"
DOCUMENTS = "lio_lead_documents"
FIRST_LEAD_ID = 80001
COUNTS = "lio_lead_counts"   # leads per org, kept by triggers: an unfiltered list's total without a scan

# the only text from a request that reaches ORDER BY, through this map
LEAD_ORDER = {
    "id": "id", "first_name": "first_name COLLATE NOCASE", "last_name": "last_name COLLATE NOCASE",
    "email": "email", "company": "company COLLATE NOCASE", "score": "score", "priority": "priority",
    "status": "status", "lead_source": "lead_source", "estimated_value": "estimated_value",
    "created_at": "created_at", "updated_at": "updated_at", "last_activity_at": "last_activity_at",
}
SEARCHED = ("first_name", "last_name", "email", "company", "phone_number")
TEXT_FIELDS = ("first_name", "last_name", "email", "phone_number", "company", "job_title", "industry", "website",
               "address", "city", "state", "country", "pin_code", "linkedin_url", "notes")
NUMBER_FIELDS = ("status", "priority", "lead_source", "estimated_value", "assigned_to")
DDL = (
    f"CREATE TABLE {LEADS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, first_name TEXT, last_name TEXT,"
    " email TEXT, phone_number TEXT, company TEXT,"
    " company_id INTEGER REFERENCES lio_companies(id) ON DELETE SET NULL, job_title TEXT, industry TEXT,"
    " website TEXT, address TEXT, city TEXT, state TEXT, country TEXT, pin_code TEXT,"
    " status INTEGER NOT NULL, priority INTEGER NOT NULL, lead_source INTEGER, score INTEGER NOT NULL DEFAULT 0,"
    " estimated_value REAL, assigned_to INTEGER REFERENCES lio_users(id) ON DELETE SET NULL, linkedin_url TEXT,"
    " tags TEXT NOT NULL DEFAULT '[]', custom_fields TEXT NOT NULL DEFAULT '{}', notes TEXT,"
    " ai_information TEXT NOT NULL DEFAULT '{}', profile_image TEXT, last_activity_at TEXT,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{LEADS}_org ON {LEADS} (org_id, id)",
    f"CREATE TABLE {COUNTS} (org_id TEXT PRIMARY KEY, n INTEGER NOT NULL)",
    f"CREATE TRIGGER {COUNTS}_insert AFTER INSERT ON {LEADS} WHEN {undo.LIVE} BEGIN"
    f" INSERT INTO {COUNTS} (org_id, n) VALUES (new.org_id, 1) ON CONFLICT (org_id) DO UPDATE SET n = n + 1; END",
    f"CREATE TRIGGER {COUNTS}_delete AFTER DELETE ON {LEADS} WHEN {undo.LIVE} BEGIN"
    f" UPDATE {COUNTS} SET n = n - 1 WHERE org_id = old.org_id; END",
    f"CREATE TRIGGER {COUNTS}_update AFTER UPDATE OF org_id ON {LEADS} WHEN {undo.LIVE} BEGIN"
    f" UPDATE {COUNTS} SET n = n - 1 WHERE org_id = old.org_id;"
    f" INSERT INTO {COUNTS} (org_id, n) VALUES (new.org_id, 1) ON CONFLICT (org_id) DO UPDATE SET n = n + 1; END",
    f"CREATE INDEX idx_{LEADS}_email ON {LEADS} (org_id, email COLLATE NOCASE)",
    f"CREATE INDEX idx_{LEADS}_linkedin ON {LEADS} (org_id, linkedin_url)",
    f"CREATE INDEX idx_{LEADS}_created ON {LEADS} (org_id, created_at, id)",
    f"CREATE INDEX idx_{LEADS}_score ON {LEADS} (org_id, score, id)",
    f"CREATE INDEX idx_{LEADS}_status ON {LEADS} (org_id, status, id)",
    f"CREATE INDEX idx_{LEADS}_assigned ON {LEADS} (org_id, assigned_to, id)",
    f"CREATE INDEX idx_{LEADS}_company ON {LEADS} (company_id)",
    f"CREATE TABLE {NOTES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    f" lead_id INTEGER NOT NULL REFERENCES {LEADS}(id) ON DELETE CASCADE, user_id INTEGER, title TEXT NOT NULL,"
    " note TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{NOTES}_lead ON {NOTES} (org_id, lead_id, id)",
    f"CREATE TABLE {FOLLOW_UPS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    f" lead_id INTEGER NOT NULL REFERENCES {LEADS}(id) ON DELETE CASCADE, user_id INTEGER,"
    " follow_up_date TEXT NOT NULL, notes TEXT, status INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{FOLLOW_UPS}_lead ON {FOLLOW_UPS} (org_id, lead_id, id)",
    f"CREATE TABLE {DOCUMENTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    f" lead_id INTEGER NOT NULL REFERENCES {LEADS}(id) ON DELETE CASCADE, user_id INTEGER,"
    " file_name TEXT NOT NULL, mime_type TEXT, size INTEGER NOT NULL, document_type TEXT, description TEXT,"
    " content BLOB, created_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{DOCUMENTS}_lead ON {DOCUMENTS} (org_id, lead_id, id)",
)


def create_tables(sdb):
    undo.create_tables(sdb)   # the counts' triggers pause while a reset replays the undo log
    for sql in DDL:
        sdb.execute(sql)


# -- wire shape ----------------------------------------------------------------------------------
def wire(row, labels):
    """The doc-11 Lead, with ``status_text``, ``priority_text``, ``lead_source_text`` and tags resolved."""
    row = dict(zip(row.keys(), row))      # a Row finds a column by name scanning them all: once here
    tag_ids = orjson.loads(row["tags"])
    return {
        "id": row["id"], "first_name": row["first_name"], "last_name": row["last_name"], "email": row["email"],
        "phone_number": row["phone_number"], "company": row["company"], "company_id": row["company_id"],
        "job_title": row["job_title"], "industry": row["industry"], "website": row["website"],
        "address": row["address"], "city": row["city"], "state": row["state"], "country": row["country"],
        "pin_code": row["pin_code"], "status": row["status"], "status_text": labels["status"].get(row["status"]),
        "priority": row["priority"], "priority_text": labels["priority"].get(row["priority"]),
        "lead_source": row["lead_source"], "lead_source_text": labels["source"].get(row["lead_source"]),
        "score": row["score"], "estimated_value": row["estimated_value"], "assigned_to": row["assigned_to"],
        "linkedin_url": row["linkedin_url"],
        "tags": [labels["tag"][t] for t in tag_ids if t in labels["tag"]],
        "custom_fields": orjson.loads(row["custom_fields"]), "notes": row["notes"],
        "ai_information": orjson.loads(row["ai_information"]), "profile_image": row["profile_image"],
        "last_activity_at": row["last_activity_at"], "created_at": row["created_at"], "updated_at": row["updated_at"],
    }


def _row(c, who, lead_id):
    row = c.execute(f"SELECT * FROM {LEADS} WHERE id = ? AND org_id = ?", (lead_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("lead", lead_id)
    return row


# -- filters: ONE function for the list and every select_all bulk action ----------------------------
def _where(who, f):
    w = (Where("org_id", who["org_id"]).contains(SEARCHED, f.get("search_value"))
         .between("score", f.get("score_min"), f.get("score_max"))
         .any_of("lead_source", f.get("lead_source")).any_of("priority", f.get("priority"))
         .any_of("status", f.get("state_id")).any_of("status", f.get("status"))
         .contains(("company",), f.get("company")).contains(("city",), f.get("city"))
         .contains(("state",), f.get("state")).contains(("country",), f.get("country")))
    assigned = f.get("assigned_to")
    if assigned == "true":
        w.eq("assigned_to", who.get("user_id") or -1)
    elif assigned:
        w.any_of("assigned_to", assigned)
    if f.get("unassigned"):
        w.where("assigned_to IS NULL")
    for start, end in (("start_date", "end_date"), ("created_from", "created_to")):
        low, high = day_bounds(f, start, end)
        w.between("created_at", low, high)
    return w


def _target(who, body):
    """``ids`` or ``select_all`` + ``filters`` (the schema allows exactly one)."""
    if body.get("ids"):
        return Where("org_id", who["org_id"]).any_of("id", body["ids"])
    return _where(who, body.get("filters") or {})


def list_leads(who, args):
    """One :class:`Page` of the org's leads, each as its serialized wire JSON (kept until the next commit)."""
    return kept((LEADS, who["org_id"], who.get("user_id"), frozen(args)), lambda: _list_leads(who, args))


def _list_leads(who, args):
    labels = lookups.labels(who)
    where = _where(who, args)
    total = None
    if where.sql == "org_id = ?":   # no filter: the kept count
        row = db.conn().execute(f"SELECT n FROM {COUNTS} WHERE org_id = ?", (who["org_id"],)).fetchone()
        total = row[0] if row else 0
    page = fetch_page(db.conn(), f"SELECT * FROM {LEADS}", where,
                      order(LEAD_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"], total)
    return page.map(lambda row: raw(orjson.dumps(wire(row, labels))))


def get_lead(who, lead_id):
    """One lead as its serialized wire JSON (kept until the next commit)."""
    return kept((LEADS, who["org_id"], lead_id),
                lambda: raw(orjson.dumps(wire(_row(db.conn(), who, lead_id), lookups.labels(who)))))


# -- create and update --------------------------------------------------------------------------
def _email_taken(c, who, email, except_id=None):
    row = c.execute(f"SELECT id FROM {LEADS} WHERE org_id = ? AND email = ? COLLATE NOCASE AND id IS NOT ?",
                    (who["org_id"], email, except_id)).fetchone()
    return row is not None


def _check(c, who, fields, lead_id=None):
    """The cross-record rules of add and update: unique email, lookups, the assignee, tags."""
    if fields.get("email") and _email_taken(c, who, fields["email"], lead_id):
        raise Conflict("A lead with this email already exists in your organization.", details={"field": "email"})
    lookups.require(c, who, "status", fields.get("status"), "status")
    if fields.get("assigned_to") is not None:
        users.require_user(c, who, fields["assigned_to"])
    if fields.get("tags") is not None:
        fields["tags"] = lookups.require_tags(c, who, fields["tags"])


def _columns(fields):
    """The table columns of validated lead fields (JSON ones encoded)."""
    out = {k: fields[k] for k in (*TEXT_FIELDS, *NUMBER_FIELDS, "company_id") if k in fields}
    for name in ("tags", "custom_fields", "ai_information"):
        if name in fields:
            out[name] = orjson.dumps(fields[name]).decode()
    return out


def insert_lead(c, who, fields, now=None):
    """Insert a lead from validated fields (no rule checks) and schedule its AI score; returns its id."""
    now = now or clock.now()
    stamp = iso(now)
    fields = {"status": DEFAULT_STATUS, "priority": DEFAULT_PRIORITY, **fields}
    if fields.get("company"):
        fields["company_id"] = companies.ensure(c, who, fields["company"])
    columns = {"org_id": who["org_id"], **_columns(fields), "created_at": stamp, "updated_at": stamp}
    lead_id = c.execute(f"INSERT INTO {LEADS} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        list(columns.values())).lastrowid
    timeline.schedule(c, "lio", "lead_score", str(lead_id), now + AI_SCORE_DELAY)
    activity.record(c, who, "lead", lead_id, "created")
    if fields.get("assigned_to") and fields["assigned_to"] != who.get("user_id"):
        activity.notify(c, who, "assignment", "A lead was assigned to you", {"lead_ids": [lead_id]},
                        user_id=fields["assigned_to"])
    return lead_id


def create_lead(who, body):
    with db.write() as c:
        fields = dict(body)
        fields.pop("ai_information", None)          # read-only on create
        _check(c, who, fields)
        lead_id = insert_lead(c, who, fields)
        return wire(_row(c, who, lead_id), lookups.labels(who))


def update_row(c, who, row, fields):
    """Apply validated ``fields`` to a lead row: ``custom_fields`` and ``ai_information`` merge."""
    fields = dict(fields)
    for name in ("custom_fields", "ai_information"):
        if name in fields:
            fields[name] = {**orjson.loads(row[name]), **(fields[name] or {})}
    if "company" in fields:
        fields["company_id"] = companies.ensure(c, who, fields["company"]) if fields["company"] else None
    columns = _columns(fields)
    if not columns:
        return
    sets = ", ".join(f"{name} = ?" for name in columns)
    c.execute(f"UPDATE {LEADS} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
              [*columns.values(), now_iso(), row["id"], who["org_id"]])


def update_lead(who, lead_id, body):
    with db.write() as c:
        row = _row(c, who, lead_id)
        fields = dict(body)
        _check(c, who, fields, lead_id)
        update_row(c, who, row, fields)
        if "assigned_to" in fields and fields["assigned_to"] not in (None, row["assigned_to"], who.get("user_id")):
            activity.notify(c, who, "assignment", "A lead was assigned to you", {"lead_ids": [lead_id]},
                            user_id=fields["assigned_to"])
        activity.record(c, who, "lead", lead_id, "updated", {"fields": sorted(fields)})
        return wire(_row(c, who, lead_id), lookups.labels(who))


def delete_leads(who, body):
    w = _target(who, body)
    with db.write() as c:
        count = c.execute(f"DELETE FROM {LEADS} WHERE {w.sql}", w.params).rowcount
        if body.get("ids") and count == 0:
            raise NotFound("lead", body["ids"][0], message="None of the given leads exist in your organization.")
        activity.record(c, who, "lead", None, "deleted", {"count": count})
    return {"deleted": count}


# -- bulk actions ----------------------------------------------------------------------------------
def _bulk_update(c, who, body, sets, params):
    w = _target(who, body)
    return c.execute(f"UPDATE {LEADS} SET {sets}, updated_at = ? WHERE {w.sql}",
                     [*params, now_iso(), *w.params]).rowcount


def change_status(who, body):
    with db.write() as c:
        lookups.require(c, who, "status", body["status"], "status")
        count = _bulk_update(c, who, body, "status = ?", [body["status"]])
        activity.record(c, who, "lead", None, "status_changed", {"status": body["status"], "count": count})
    return {"updated": count}


def assign_user(who, body):
    assignee = body["assigned_to"]
    with db.write() as c:
        if assignee is not None:
            users.require_user(c, who, assignee)
        w = _target(who, body)
        ids = [r[0] for r in c.execute(f"SELECT id FROM {LEADS} WHERE {w.sql} ORDER BY id LIMIT 100", w.params)]
        count = _bulk_update(c, who, body, "assigned_to = ?", [assignee])
        activity.record(c, who, "lead", None, "assigned", {"assigned_to": assignee, "count": count})
        if count and assignee is not None and assignee != who.get("user_id"):
            activity.notify(c, who, "assignment", f"{count} lead(s) were assigned to you", {"lead_ids": ids},
                            user_id=assignee)
    return {"updated": count}


def set_tags(who, body, replace):
    """``assign-tags`` adds the tags to each lead's; ``set-assign-tags`` replaces them."""
    with db.write() as c:
        tags = lookups.require_tags(c, who, body["tags"])
        w = _target(who, body)
        rows = c.execute(f"SELECT id, tags FROM {LEADS} WHERE {w.sql}", w.params).fetchall()
        stamp = now_iso()
        updates = []
        for row in rows:
            new = tags if replace else list(dict.fromkeys([*orjson.loads(row["tags"]), *tags]))
            updates.append((orjson.dumps(new).decode(), stamp, row["id"]))
        c.executemany(f"UPDATE {LEADS} SET tags = ?, updated_at = ? WHERE id = ?", updates)
        activity.record(c, who, "lead", None, "tags_set" if replace else "tags_added",
                        {"tags": tags, "count": len(rows)})
    return {"updated": len(rows)}


# -- AI score (5 s of sandbox time after creation) ---------------------------------------------------
def ai_score(row):
    """A deterministic score 1-100 and ``ai_information`` for a lead row (no model, no network)."""
    basis = "|".join(str(row[k] or "") for k in ("email", "first_name", "last_name", "company", "job_title"))
    digest = int.from_bytes(hashlib.sha256(basis.encode("utf-8", "surrogatepass")).digest()[:4], "big")
    filled = sum(1 for k in ("email", "phone_number", "company", "job_title", "linkedin_url") if row[k])
    score = max(1, min(100, 20 + filled * 12 + digest % 21))
    intent = "high" if score >= 70 else "medium" if score >= 45 else "low"
    return score, {"score_reason": f"{filled} of 5 key fields present; profile fit computed from title and company.",
                   "buying_intent": intent, "persona": (row["job_title"] or "Unknown role"),
                   "scored_at": now_iso()}


@timeline.handler("lio", "lead_score")
def _score_lead(c, lead_id):
    row = c.execute(f"SELECT * FROM {LEADS} WHERE id = ?", (int(lead_id),)).fetchone()
    if row is None:                       # deleted before it was scored
        return
    score, info = ai_score(row)
    merged = {**orjson.loads(row["ai_information"]), **info}
    c.execute(f"UPDATE {LEADS} SET score = ?, ai_information = ? WHERE id = ?",
              (score, orjson.dumps(merged).decode(), row["id"]))


# -- for other areas (public, stable) ------------------------------------------------------------
def require(c, who, lead_id, field="lead_id"):
    """422 naming ``field`` unless ``lead_id`` is a lead of ``who``'s org (deals, meetings, calls, ...)."""
    if not c.execute(f"SELECT 1 FROM {LEADS} WHERE id = ? AND org_id = ?", (lead_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown lead {lead_id}: must be a lead of your organization."]})


def find_duplicate(c, who, email=None, linkedin_url=None):
    """The id of the org's lead with this email (case-insensitively) or LinkedIn URL, or None."""
    if email:
        row = c.execute(f"SELECT id FROM {LEADS} WHERE org_id = ? AND email = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                        (who["org_id"], email)).fetchone()
        if row:
            return row[0]
    if linkedin_url:
        row = c.execute(f"SELECT id FROM {LEADS} WHERE org_id = ? AND linkedin_url = ? ORDER BY id LIMIT 1",
                        (who["org_id"], linkedin_url)).fetchone()
        if row:
            return row[0]
    return None


def update_fields(c, who, lead_id, fields):
    """Apply validated lead ``fields`` to the org's lead (rules checked: unique email, lookups,
    assignee, tags; ``custom_fields``/``ai_information`` merge); 404 when not the org's."""
    row = _row(c, who, lead_id)
    fields = dict(fields)
    _check(c, who, fields, lead_id)
    update_row(c, who, row, fields)
    activity.record(c, who, "lead", lead_id, "updated", {"fields": sorted(fields)})


def create_fields(c, who, fields):
    """Insert a lead from validated ``fields`` with the rules of ``lead/add`` checked; returns its id."""
    fields = dict(fields)
    fields.pop("ai_information", None)
    _check(c, who, fields)
    return insert_lead(c, who, fields)


def lead_in(c, who, lead_id):
    """The wire lead (for other areas' responses); 404 when not the org's."""
    return wire(_row(c, who, lead_id), lookups.labels(who))


def count_by_company(c, who):
    """``{company_id: number of the org's leads linked to it}`` (company stats)."""
    return dict(c.execute(f"SELECT company_id, count(*) FROM {LEADS} WHERE org_id = ? AND company_id IS NOT NULL"
                          " GROUP BY company_id", (who["org_id"],)).fetchall())


def assignees(c, who, lead_ids):
    """``{lead_id: assigned_to}`` for the org's leads among ``lead_ids`` (deal owners)."""
    ids = list(lead_ids)
    if not ids:
        return {}
    w = Where("org_id", who["org_id"]).any_of("id", ids)
    return dict(c.execute(f"SELECT id, assigned_to FROM {LEADS} WHERE {w.sql}", w.params).fetchall())


def dashboard_rows(c, who, low=None, high=None):
    """The org's leads (id, status, lead_source, estimated_value, company_id, created_at), optionally
    created in ``[low, high]`` (dashboards)."""
    w = Where("org_id", who["org_id"]).between("created_at", low, high)
    return [dict(r) for r in c.execute(
        f"SELECT id, status, lead_source, estimated_value, company_id, created_at FROM {LEADS}"
        f" WHERE {w.sql} ORDER BY id", w.params).fetchall()]


def search_brief(c, who, text, limit):
    """The org's leads matching ``text`` (name, email, company, phone), brief, newest first (global search)."""
    w = Where("org_id", who["org_id"]).contains(SEARCHED, text)
    return [dict(r) for r in c.execute(
        f"SELECT id, first_name, last_name, email, company, status FROM {LEADS} WHERE {w.sql}"
        " ORDER BY id DESC LIMIT ?", [*w.params, limit]).fetchall()]


def export_rows(c, who, filters, keep=None, limit=None):
    """The org's leads matching a loaded lead-list query ``filters`` (its filters, ``order_by`` and
    ``order_in``; paging ignored) as wire leads; only ids in ``keep`` when given; at most ``limit`` (exports)."""
    labels = lookups.labels(who)
    w = _where(who, filters)
    by = order(LEAD_ORDER, filters.get("order_by", "id"), filters.get("order_in", "DESC"))
    out = []
    for row in c.execute(f"SELECT * FROM {LEADS} WHERE {w.sql} ORDER BY {by}", w.params):
        if keep is None or row["id"] in keep:
            out.append(wire(row, labels))
            if limit is not None and len(out) >= limit:
                break
    return out
