"""Custom lookups (the labels of lead status, source, priority and tags) and saved views.

A lookup has a ``module_name`` (``lead``), a ``type`` (``status``, ``priority``, ``source``,
``tag``, or any other the org defines) and a ``name``. Status, priority and source lookups carry
an integer ``value``: the code a lead stores (``status: 1``), unique per org and type; a lead's
``*_text`` is the name of that lookup, so renaming a status renames every lead's ``status_text``.
Tags are referred to by lookup ``id``.
"""

from app.core import db, freshness
from app.core.errors import Invalid
from app.vendors.lio.common import day_bounds, now_iso

LOOKUPS = "lio_lookups"
CODED = ("status", "priority", "source")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {LOOKUPS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, module_name TEXT NOT NULL,"
        " type TEXT NOT NULL, name TEXT NOT NULL, value INTEGER, color_code TEXT, parent_id INTEGER,"
        " is_active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{LOOKUPS}_org ON {LOOKUPS} (org_id, module_name, type, value)",
    ):
        sdb.execute(sql)
    create_view_tables(sdb)


# -- for other areas (public, stable) ------------------------------------------------------------
def labels(who, module="lead"):
    """``{"status": {code: name}, "priority": {...}, "source": {...}, "tag": {id: {id, name, color_code}}}``
    (kept until the next commit: read it, never change it)."""
    return freshness.cached((LOOKUPS, who["org_id"], module), lambda: _labels(who["org_id"], module))


def _labels(org_id, module):
    out = {kind: {} for kind in (*CODED, "tag")}
    for lookup_id, kind, name, value, color_code in db.conn().execute(   # by position: a Row finds a name by a scan
            f"SELECT id, type, name, value, color_code FROM {LOOKUPS} WHERE org_id = ? AND module_name = ?",
            (org_id, module)):
        if kind in CODED and value is not None:
            out[kind][value] = name
        elif kind == "tag":
            out["tag"][lookup_id] = {"id": lookup_id, "name": name, "color_code": color_code}
    return out


def require(c, who, kind, code, field=None, module="lead"):
    """422 naming ``field`` unless ``code`` is an active ``kind`` lookup value of the org."""
    if code is None:
        return
    if not c.execute(f"SELECT 1 FROM {LOOKUPS} WHERE org_id = ? AND module_name = ? AND type = ? AND value = ?"
                     " AND is_active = 1", (who["org_id"], module, kind, code)).fetchone():
        raise Invalid({field or kind: [f"Unknown {kind} {code}: see /api/custom-lookups/list?type={kind}."]})


def require_tags(c, who, ids, field="tags", module="lead"):
    """422 naming ``field`` unless every id is a tag lookup of the org; returns the ids, de-duplicated."""
    ids = list(dict.fromkeys(ids or []))
    if not ids:
        return []
    found = {r[0] for r in c.execute(
        f"SELECT id FROM {LOOKUPS} WHERE org_id = ? AND module_name = ? AND type = 'tag' AND id IN"
        f" ({', '.join('?' * len(ids))})", [who["org_id"], module, *ids])}
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid({field: [f"Unknown tag id(s): {', '.join(map(str, missing))}."]})
    return ids


def ensure_tags(c, who, names, module="lead"):
    """Tag lookup ids for tag names, creating the missing ones (ingestion's tag strings)."""
    ids = []
    for name in dict.fromkeys(str(n).strip() for n in names or [] if str(n).strip()):
        row = c.execute(f"SELECT id FROM {LOOKUPS} WHERE org_id = ? AND module_name = ? AND type = 'tag'"
                        " AND name = ? COLLATE NOCASE", (who["org_id"], module, name[:50])).fetchone()
        if row is None:
            stamp = now_iso()
            row = [c.execute(f"INSERT INTO {LOOKUPS} (org_id, module_name, type, name, color_code, created_at,"
                             " updated_at) VALUES (?, ?, 'tag', ?, '#64748B', ?, ?)",
                             (who["org_id"], module, name[:50], stamp, stamp)).lastrowid]
        ids.append(row[0])
    return ids


def insert(sdb_or_c, org_id, module, kind, name, value=None, color_code=None, stamp=None):
    """Seed helper: one lookup row."""
    sdb_or_c.execute(f"INSERT INTO {LOOKUPS} (org_id, module_name, type, name, value, color_code, created_at,"
                     " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (org_id, module, kind, name, value, color_code, stamp, stamp))


# -- custom lookups and saved views (doc 6.5) ------------------------------------------------------
import orjson  # noqa: E402

from app.core.errors import Conflict, Forbidden, NotFound  # noqa: E402
from app.core.paging import fetch_page  # noqa: E402
from app.core.sql import Where, order  # noqa: E402

VIEWS = "lio_custom_views"
FIXED = {"priority": range(1, 5), "source": range(1, 6)}  # doc: priority 1-4, source 1-5
VISIBILITY = ("private", "team", "public")
LOOKUP_ORDER = {"id": "id", "name": "name COLLATE NOCASE", "value": "value", "type": "type",
                "created_at": "created_at", "updated_at": "updated_at"}
VIEW_ORDER = {"id": "id", "view_name": "view_name COLLATE NOCASE", "created_at": "created_at",
              "updated_at": "updated_at"}


def create_view_tables(sdb):
    for sql in (
        f"CREATE TABLE {VIEWS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " module_name TEXT NOT NULL, view_name TEXT, visibility TEXT NOT NULL, filters TEXT NOT NULL,"
        " columns TEXT NOT NULL, sorting TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{VIEWS}_org ON {VIEWS} (org_id, module_name)",
    ):
        sdb.execute(sql)


def _lookup_wire(row):
    return {"id": row["id"], "module_name": row["module_name"], "type": row["type"], "name": row["name"],
            "value": row["value"], "color_code": row["color_code"], "parent_id": row["parent_id"],
            "is_active": bool(row["is_active"]), "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _lookup(c, who, lookup_id):
    row = c.execute(f"SELECT * FROM {LOOKUPS} WHERE id = ? AND org_id = ?", (lookup_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("lookup", lookup_id)
    return row


def list_lookups(who, args):
    w = (Where("org_id", who["org_id"]).eq("module_name", args.get("module_name")).eq("type", args.get("type"))
         .eq("parent_id", args.get("parent_id")).contains(("name",), args.get("search_value")))
    if args.get("is_active") is not None:
        w.eq("is_active", int(args["is_active"]))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    page = fetch_page(db.conn(), f"SELECT * FROM {LOOKUPS}", w,
                      order(LOOKUP_ORDER, args["order_by"], args["order_in"], "id"), args["page"], args["limit"])
    return page.map(_lookup_wire)


def _value_taken(c, who, module, kind, value, lookup_id=None):
    row = c.execute(f"SELECT id FROM {LOOKUPS} WHERE org_id = ? AND module_name = ? AND type = ? AND value = ?",
                    (who["org_id"], module, kind, value)).fetchone()
    if row is not None and row["id"] != lookup_id:
        raise Conflict(f"The {kind} value {value} is already used.", details={"field": "value"})


def add_lookup(who, body):
    module, kind, value = body["module_name"], body["type"], body.get("value")
    stamp = now_iso()
    with db.write() as c:
        if kind in FIXED:
            raise Invalid({"type": [f"The {kind} values are fixed by LIO; rename an existing one instead."]})
        if body.get("parent_id") is not None:
            if not c.execute(f"SELECT 1 FROM {LOOKUPS} WHERE id = ? AND org_id = ?",
                             (body["parent_id"], who["org_id"])).fetchone():
                raise Invalid({"parent_id": [f"Unknown lookup {body['parent_id']}."]})
        if kind == "status" and value is None:
            value = c.execute(f"SELECT COALESCE(MAX(value), 0) + 1 FROM {LOOKUPS} WHERE org_id = ?"
                              " AND module_name = ? AND type = 'status'", (who["org_id"], module)).fetchone()[0]
        if value is not None:
            _value_taken(c, who, module, kind, value)
        lookup_id = c.execute(
            f"INSERT INTO {LOOKUPS} (org_id, module_name, type, name, value, color_code, parent_id, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], module, kind, body["name"], value, body.get("color_code"), body.get("parent_id"),
             stamp, stamp)).lastrowid
        return _lookup_wire(_lookup(c, who, lookup_id))


def update_lookup(who, lookup_id, body):
    with db.write() as c:
        row = _lookup(c, who, lookup_id)
        fields = {k: body[k] for k in ("name", "value", "color_code", "is_active") if k in body}
        if "value" in fields and fields["value"] != row["value"]:
            if row["type"] in CODED:
                raise Invalid({"value": [f"A {row['type']} value is the code leads store: it cannot change."]})
            _value_taken(c, who, row["module_name"], row["type"], fields["value"], lookup_id)
        if "is_active" in fields:
            fields["is_active"] = int(fields["is_active"])
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {LOOKUPS} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
                      [*fields.values(), now_iso(), lookup_id, who["org_id"]])
        return _lookup_wire(_lookup(c, who, lookup_id))


def _view_wire(row):
    return {"id": row["id"], "module_name": row["module_name"], "view_name": row["view_name"],
            "visibility": row["visibility"], "filters": orjson.loads(row["filters"]),
            "columns": orjson.loads(row["columns"]), "sorting": orjson.loads(row["sorting"]),
            "user_id": row["user_id"], "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _view(c, who, view_id, owner=False):
    row = c.execute(f"SELECT * FROM {VIEWS} WHERE id = ? AND org_id = ?", (view_id, who["org_id"])).fetchone()
    if row is None or (row["visibility"] == "private" and row["user_id"] != who.get("user_id")):
        raise NotFound("view", view_id)
    if owner and row["user_id"] != who.get("user_id"):
        raise Forbidden("Only the creator of a view may change or delete it.")
    return row


def list_views(who, args):
    w = (Where("org_id", who["org_id"]).eq("module_name", args.get("module_name"))
         .contains(("view_name",), args.get("search_value")))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    base = f"SELECT * FROM {VIEWS} WHERE (visibility != 'private' OR user_id IS {int(who.get('user_id') or 0)})"
    page = fetch_page(db.conn(), f"SELECT * FROM ({base})", w,
                      order(VIEW_ORDER, args["order_by"], args["order_in"], "id"), args["page"], args["limit"])
    return page.map(_view_wire)


def add_view(who, body):
    stamp = now_iso()
    with db.write() as c:
        view_id = c.execute(
            f"INSERT INTO {VIEWS} (org_id, user_id, module_name, view_name, visibility, filters, columns, sorting,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], who.get("user_id"), body["module_name"], body.get("view_name"), body["visibility"],
             orjson.dumps(body.get("filters") or {}).decode(), orjson.dumps(body.get("columns") or []).decode(),
             orjson.dumps(body.get("sorting") or {}).decode(), stamp, stamp)).lastrowid
        return _view_wire(_view(c, who, view_id))


def update_view(who, view_id, body):
    with db.write() as c:
        _view(c, who, view_id, owner=True)
        fields = {k: body[k] for k in ("module_name", "view_name", "visibility") if k in body}
        fields.update({k: orjson.dumps(body[k]).decode() for k in ("filters", "columns", "sorting") if k in body})
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {VIEWS} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
                      [*fields.values(), now_iso(), view_id, who["org_id"]])
        return _view_wire(_view(c, who, view_id))


def delete_view(who, view_id):
    with db.write() as c:
        _view(c, who, view_id, owner=True)
        c.execute(f"DELETE FROM {VIEWS} WHERE id = ? AND org_id = ?", (view_id, who["org_id"]))
        return {"deleted": 1}
