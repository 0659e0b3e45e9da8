"""Skode state and rules: workspaces, users, API keys, leads and their trash.

A lead is stored as its wire JSON (``doc``) plus real columns for everything
that is filtered, sorted or searched on. A deleted lead moves to
``skode_lead_trash`` for 30 days of sandbox time, then is purged by the
timeline (``core_due``), settled before Skode's next request.

Every function takes the authenticated principal (``who``) explicitly; SQL
only ever names whitelisted columns, request text travels as bound parameters.
"""

from datetime import timedelta

import orjson

from app.core import clock, db, freshness, timeline, undo
from app.core.errors import Forbidden, Invalid, NotFound
from app.core.json import raw
from app.core.paging import fetch_page, frozen, kept
from app.core.rand import token
from app.core.sql import Where, order
from app.vendors.skode import webhooks
from app.vendors.skode.constants import (DEFAULT_SORT, DEFAULT_STATUS, LEAD_ID_PREFIX, PLAN_NAMES, PLANS,
                                         READ_SCOPE, SCOPES, SEARCHABLE, SORT_ORDER, TRASH_DAYS, WRITE_SCOPE)

WORKSPACES = "skode_workspaces"
USERS = "skode_users"
KEYS = "skode_api_keys"
LEADS = "skode_leads"
TRASH = "skode_lead_trash"
COUNTS = "skode_lead_counts"   # leads per (workspace, status), kept by triggers: a list's total without a scan

LEAD_FIELDS = ["name", "email", "phone", "company", "source", "status", "deal_value", "owner_id",
               "tags", "custom_fields"]
NULLABLE_DEFAULTS = {"email": None, "phone": None, "company": None, "source": None, "deal_value": None,
                     "owner_id": None, "status": DEFAULT_STATUS}


def create_tables(sdb):
    undo.create_tables(sdb)   # the counts' triggers pause while a reset replays the undo log
    for sql in (
        f"CREATE TABLE {WORKSPACES} (id TEXT PRIMARY KEY, name TEXT NOT NULL, plan TEXT NOT NULL)",
        f"CREATE TABLE {USERS} (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES {WORKSPACES}(id),"
        " name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL)",
        f"CREATE INDEX idx_{USERS}_workspace ON {USERS} (workspace_id, id)",
        f"CREATE TABLE {KEYS} (key TEXT PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES {WORKSPACES}(id),"
        " plan TEXT NOT NULL, label TEXT NOT NULL)",
        f"CREATE INDEX idx_{KEYS}_workspace ON {KEYS} (workspace_id)",
        f"CREATE TABLE {LEADS} (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, name TEXT NOT NULL,"
        " email TEXT, phone TEXT, company TEXT, source TEXT, status TEXT NOT NULL, deal_value REAL,"
        " owner_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL)",
        f"CREATE INDEX idx_{LEADS}_created ON {LEADS} (workspace_id, created_at, id)",
        f"CREATE INDEX idx_{LEADS}_updated ON {LEADS} (workspace_id, updated_at, id)",
        f"CREATE INDEX idx_{LEADS}_name ON {LEADS} (workspace_id, name COLLATE NOCASE, id)",
        f"CREATE INDEX idx_{LEADS}_deal_value ON {LEADS} (workspace_id, deal_value, id)",
        f"CREATE INDEX idx_{LEADS}_status ON {LEADS} (workspace_id, status, created_at, id)",
        # a status filter with another sort reads its page off an index, not off a sort of every match
        f"CREATE INDEX idx_{LEADS}_status_updated ON {LEADS} (workspace_id, status, updated_at, id)",
        f"CREATE INDEX idx_{LEADS}_status_name ON {LEADS} (workspace_id, status, name COLLATE NOCASE, id)",
        f"CREATE INDEX idx_{LEADS}_status_deal_value ON {LEADS} (workspace_id, status, deal_value, id)",
        f"CREATE INDEX idx_{LEADS}_source ON {LEADS} (workspace_id, source, created_at, id)",
        f"CREATE INDEX idx_{LEADS}_owner ON {LEADS} (workspace_id, owner_id, created_at, id)",
        f"CREATE TABLE {COUNTS} (workspace_id TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,"
        " PRIMARY KEY (workspace_id, status))",
        f"CREATE TRIGGER {COUNTS}_insert AFTER INSERT ON {LEADS} WHEN {undo.LIVE} BEGIN"
        f" INSERT INTO {COUNTS} (workspace_id, status, n) VALUES (new.workspace_id, new.status, 1)"
        " ON CONFLICT (workspace_id, status) DO UPDATE SET n = n + 1; END",
        f"CREATE TRIGGER {COUNTS}_delete AFTER DELETE ON {LEADS} WHEN {undo.LIVE} BEGIN"
        f" UPDATE {COUNTS} SET n = n - 1 WHERE workspace_id = old.workspace_id AND status = old.status; END",
        f"CREATE TRIGGER {COUNTS}_update AFTER UPDATE OF workspace_id, status ON {LEADS} WHEN {undo.LIVE} BEGIN"
        f" UPDATE {COUNTS} SET n = n - 1 WHERE workspace_id = old.workspace_id AND status = old.status;"
        f" INSERT INTO {COUNTS} (workspace_id, status, n) VALUES (new.workspace_id, new.status, 1)"
        " ON CONFLICT (workspace_id, status) DO UPDATE SET n = n + 1; END",
        f"CREATE TABLE {TRASH} (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, doc TEXT NOT NULL,"
        " deleted_at TEXT NOT NULL, purge_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{TRASH}_workspace ON {TRASH} (workspace_id, deleted_at)",
    ):
        sdb.execute(sql)


# -- principals ---------------------------------------------------------------------
def principal(workspace_id, name, plan, bucket, scopes, via):
    """What authentication yields: the workspace plus the rate-limit bucket and scopes."""
    return {"id": workspace_id, "name": name, "plan": plan, "limit": PLANS[plan], "bucket": bucket,
            "scopes": tuple(scopes), "via": via}


def principal_for_key(key):
    """The principal of an API key (None when unknown), kept until the next commit."""
    def read():
        row = db.conn().execute(
            f"SELECT k.workspace_id, k.plan, w.name FROM {KEYS} k JOIN {WORKSPACES} w ON w.id = k.workspace_id"
            " WHERE k.key = ?", (key,),
        ).fetchone()
        if row is None:
            return None
        return principal(row["workspace_id"], row["name"], row["plan"], "key:" + key, SCOPES, "api_key")

    return freshness.cached((KEYS, key), read)


def workspace(workspace_id):
    row = db.conn().execute(f"SELECT id, name, plan FROM {WORKSPACES} WHERE id = ?", (workspace_id,)).fetchone()
    return dict(row) if row else None


def _require(who, scope):
    if scope not in who["scopes"]:
        raise Forbidden(f"The access token lacks the {scope} scope.")


# -- leads ----------------------------------------------------------------------------------
def _owner(c, workspace_id, owner_id):
    if owner_id is None:
        return None
    row = c.execute(f"SELECT id, name, email FROM {USERS} WHERE id = ? AND workspace_id = ?",
                    (owner_id, workspace_id)).fetchone()
    if row is None:
        raise Invalid({"owner_id": [f"Unknown user {owner_id!r}: must be a user of this workspace."]})
    return dict(row)


def build_doc(lead, owner):
    """The wire shape, keys in documented order."""
    return {
        "id": lead["id"], "name": lead["name"], "email": lead.get("email"), "phone": lead.get("phone"),
        "company": lead.get("company"), "source": lead.get("source"),
        "status": lead.get("status") or DEFAULT_STATUS, "deal_value": lead.get("deal_value"),
        "owner_id": lead.get("owner_id"), "owner": owner, "tags": list(lead.get("tags") or []),
        "custom_fields": dict(lead.get("custom_fields") or {}),
        "created_at": lead["created_at"], "updated_at": lead["updated_at"],
    }


def row_for(workspace_id, doc):
    """The ``skode_leads`` row of a wire-shaped lead."""
    value = doc["deal_value"]
    return {
        "id": doc["id"], "workspace_id": workspace_id, "name": doc["name"], "email": doc["email"],
        "phone": doc["phone"], "company": doc["company"], "source": doc["source"], "status": doc["status"],
        "deal_value": None if value is None else float(value), "owner_id": doc["owner_id"],
        "created_at": doc["created_at"], "updated_at": doc["updated_at"], "doc": orjson.dumps(doc).decode(),
    }


def _write_row(c, row, replace=False):
    columns = list(row)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    c.execute(f"{verb} INTO {LEADS} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
              [row[column] for column in columns])


def _doc(c, who, lead_id):
    row = c.execute(f"SELECT doc FROM {LEADS} WHERE id = ? AND workspace_id = ?", (lead_id, who["id"])).fetchone()
    if row is None:
        raise NotFound("lead", lead_id)
    return orjson.loads(row[0])


def _instant(value):
    """A ``created_after``/``created_before`` datetime as a comparable stored timestamp
    (rounded up to the whole second: stored timestamps have no fractions)."""
    if value.microsecond:
        value = value.replace(microsecond=0) + timedelta(seconds=1)
    return f"{value.year:04d}-{value:%m-%dT%H:%M:%S}Z"


def _sort(sort):
    """The ORDER BY text of a ``sort`` value (``name`` or ``-name``)."""
    sort = sort or DEFAULT_SORT
    return order(SORT_ORDER, sort.lstrip("-"), "DESC" if sort.startswith("-") else "ASC", field="sort")


def _leads_page(where, sort, page, per_page, total=None):
    """A :class:`Page` of stored wire JSON, embedded unparsed in the response."""
    return fetch_page(db.conn(), f"SELECT doc FROM {LEADS}", where, _sort(sort), page, per_page, total).map(
        lambda row: raw(row[0]))


def _kept_total(workspace_id, status):
    """How many leads the workspace has (with ``status``, unless None), from the kept counts."""
    sql, params = f"SELECT coalesce(sum(n), 0) FROM {COUNTS} WHERE workspace_id = ?", [workspace_id]
    if status is not None:
        sql, params = sql + " AND status = ?", params + [status]
    return db.conn().execute(sql, params).fetchone()[0]


def list_leads(who, args):
    """One :class:`Page` of the workspace's leads (kept until the next commit)."""
    _require(who, READ_SCOPE)
    return kept((LEADS, who["id"], frozen(args)), lambda: _list_leads(who, args))


def _list_leads(who, args):
    created_after, created_before = args.get("created_after"), args.get("created_before")
    where = (Where("workspace_id", who["id"]).eq("status", args.get("status")).eq("source", args.get("source"))
             .between("created_at", _instant(created_after) if created_after is not None else None))
    if args.get("owner_id") is not None:      # "" is a value here: it matches no lead
        where.where("owner_id = ?", args["owner_id"])
    if created_before is not None:
        where.where("created_at < ?", _instant(created_before))
    total = None
    if all(args.get(name) is None for name in ("source", "owner_id", "created_after", "created_before")):
        total = _kept_total(who["id"], args.get("status") or None)   # "" filters nothing, as in Where.eq
    return _leads_page(where, args.get("sort"), args["page"], args["per_page"], total)


def search_leads(who, body):
    """Case-insensitive substring search over the chosen fields (all six by default): a :class:`Page`."""
    _require(who, READ_SCOPE)
    fields = [name for name in SEARCHABLE if name in (body.get("fields") or SEARCHABLE)]
    where = Where("workspace_id", who["id"]).contains(fields, body["query"])   # column names from SEARCHABLE only
    return _leads_page(where, DEFAULT_SORT, body["page"], body["per_page"])


def get_lead(who, lead_id):
    """The stored wire JSON, answered as is (unparsed)."""
    _require(who, READ_SCOPE)
    row = db.conn().execute(f"SELECT doc FROM {LEADS} WHERE id = ? AND workspace_id = ?",
                            (lead_id, who["id"])).fetchone()
    if row is None:
        raise NotFound("lead", lead_id)
    return raw(row[0])


def create_lead(who, body):
    """Create a lead from validated fields; returns it whole."""
    _require(who, WRITE_SCOPE)
    stamp = clock.iso(clock.now())
    lead = {**NULLABLE_DEFAULTS, **{k: v for k, v in body.items() if k in LEAD_FIELDS},
            "id": LEAD_ID_PREFIX + token(14), "created_at": stamp, "updated_at": stamp}
    with db.write() as c:
        doc = build_doc(lead, _owner(c, who["id"], lead.get("owner_id")))
        _write_row(c, row_for(who["id"], doc))
        webhooks.emit(c, who["id"], "lead.created", doc)
    return doc


def update_lead(who, lead_id, body):
    """Change only the fields sent; ``updated_at`` moves when anything was sent."""
    _require(who, WRITE_SCOPE)
    changes = {k: v for k, v in body.items() if k in LEAD_FIELDS}
    with db.write() as c:
        doc = _doc(c, who, lead_id)
        if not changes:
            return doc
        lead = {**doc, **changes, "updated_at": clock.iso(clock.now())}
        owner = _owner(c, who["id"], lead["owner_id"]) if "owner_id" in changes else doc["owner"]
        assigned = doc["owner_id"] != lead["owner_id"]
        doc = build_doc(lead, owner)
        _write_row(c, row_for(who["id"], doc), replace=True)
        webhooks.emit(c, who["id"], "lead.updated", doc)
        if assigned:
            webhooks.emit(c, who["id"], "lead.assigned", doc)
    return doc


@timeline.handler("skode", "purge")
def _purge(c, lead_id):
    """Due 30 sandbox days after the delete: the trashed lead is gone for good."""
    c.execute(f"DELETE FROM {TRASH} WHERE id = ?", (lead_id,))


def delete_lead(who, lead_id):
    """Move the lead to the trash (restorable for 30 days of sandbox time); ``lead.deleted`` carries it as it was."""
    _require(who, WRITE_SCOPE)
    now = clock.now()
    purge_at = now + timedelta(days=TRASH_DAYS)
    with db.write() as c:
        doc = _doc(c, who, lead_id)
        c.execute(f"INSERT INTO {TRASH} (id, workspace_id, doc, deleted_at, purge_at) VALUES (?, ?, ?, ?, ?)",
                  (lead_id, who["id"], orjson.dumps(doc).decode(), clock.iso(now), clock.iso(purge_at)))
        c.execute(f"DELETE FROM {LEADS} WHERE id = ? AND workspace_id = ?", (lead_id, who["id"]))
        timeline.schedule(c, "skode", "purge", lead_id, purge_at)
        webhooks.emit(c, who["id"], "lead.deleted", doc)


# -- trash (admin) ---------------------------------------------------------------------
def trash(workspace_id=None):
    """Trashed leads (of one workspace, or all), newest deletion first."""
    if workspace_id is not None and workspace(workspace_id) is None:
        raise NotFound("workspace", workspace_id, message=f"No Skode workspace {workspace_id!r}.")
    sql = f"SELECT id, workspace_id, doc, deleted_at, purge_at FROM {TRASH}"
    params = ()
    if workspace_id is not None:
        sql += " WHERE workspace_id = ?"
        params = (workspace_id,)
    rows = db.conn().execute(sql + " ORDER BY deleted_at DESC, id", params).fetchall()
    data = [{"id": r["id"], "workspace_id": r["workspace_id"], "deleted_at": r["deleted_at"],
             "purge_at": r["purge_at"], "lead": orjson.loads(r["doc"])} for r in rows]
    return {"workspace": workspace_id, "total": len(data), "data": data}


def restore(lead_id):
    """Put a trashed lead back as it was; 404 when unknown or already purged."""
    with db.write() as c:
        row = c.execute(f"SELECT workspace_id, doc FROM {TRASH} WHERE id = ?", (lead_id,)).fetchone()
        if row is None:
            raise NotFound("lead", lead_id, message=f"No trashed lead {lead_id!r} (unknown, or purged "
                                                    f"after {TRASH_DAYS} days).")
        doc = orjson.loads(row["doc"])
        _write_row(c, row_for(row["workspace_id"], doc))
        c.execute(f"DELETE FROM {TRASH} WHERE id = ?", (lead_id,))
        timeline.cancel(c, "skode", "purge", lead_id)
    return {"status": "restored", "workspace_id": row["workspace_id"], "lead": doc}


# -- seeding, tenants, counts ------------------------------------------------------------
def insert_workspaces(sdb, workspaces):
    """Seed helper: workspaces with their ``users`` and ``api_keys``."""
    sdb[WORKSPACES].insert_all({"id": w["id"], "name": w["name"], "plan": w["plan"]} for w in workspaces)
    sdb[USERS].insert_all({**u, "workspace_id": w["id"]} for w in workspaces for u in w["users"])
    sdb[KEYS].insert_all({**k, "workspace_id": w["id"]} for w in workspaces for k in w["api_keys"])


def insert_leads(sdb, workspace_id, leads, users):
    """Seed helper: ``leads`` without ``owner``; ``users`` maps id -> user row."""
    def rows():
        for lead in leads:
            owner = users[lead["owner_id"]] if lead.get("owner_id") else None
            owner = {"id": owner["id"], "name": owner["name"], "email": owner["email"]} if owner else None
            yield row_for(workspace_id, build_doc(lead, owner))

    sdb[LEADS].insert_all(rows(), batch_size=500)


def tenants(clients):
    """Every workspace with its keys, plans, users and (from ``clients``) OAuth apps."""
    c = db.conn()
    out = []
    for w in c.execute(f"SELECT id, name, plan FROM {WORKSPACES} ORDER BY rowid").fetchall():
        keys = c.execute(f"SELECT key, plan, label FROM {KEYS} WHERE workspace_id = ? ORDER BY rowid",
                         (w["id"],)).fetchall()
        users = c.execute(f"SELECT id, name, email, role FROM {USERS} WHERE workspace_id = ? ORDER BY rowid",
                          (w["id"],)).fetchall()
        credentials = {}
        for k in keys:
            label = f"API key ({PLAN_NAMES[k['plan']]}, {PLANS[k['plan']]:,}/min)"
            credentials[label if label not in credentials else f"{label} #{len(credentials) + 1}"] = k["key"]
        for client in clients.get(w["id"], []):
            credentials["OAuth client_id"] = client["client_id"]
            credentials["OAuth client_secret"] = client["client_secret"]
        out.append({
            "name": w["name"], "id": w["id"], "plan": PLAN_NAMES[w["plan"]],
            "credentials": credentials,
            "api_keys": [{"key": k["key"], "plan": PLAN_NAMES[k["plan"]], "rate_limit_per_minute": PLANS[k["plan"]],
                          "label": k["label"]} for k in keys],
            "users": [dict(u) for u in users],
            "oauth_clients": clients.get(w["id"], []),
        })
    return out


def counts():
    c = db.conn()
    return {
        "workspaces": c.execute(f"SELECT count(*) FROM {WORKSPACES}").fetchone()[0],
        "users": c.execute(f"SELECT count(*) FROM {USERS}").fetchone()[0],
        "leads": c.execute(f"SELECT count(*) FROM {LEADS}").fetchone()[0],
        "trashed_leads": c.execute(f"SELECT count(*) FROM {TRASH}").fetchone()[0],
    }
