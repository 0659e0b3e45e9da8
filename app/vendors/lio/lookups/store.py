"""Custom lookups (the labels of lead status, source, priority and tags) and saved views.

A lookup has a ``module_name`` (``lead``), a ``type`` (``status``, ``priority``, ``source``,
``tag``, or any other the org defines) and a ``name``. Status, priority and source lookups carry
an integer ``value``: the code a lead stores (``status: 1``), unique per org and type; a lead's
``*_text`` is the name of that lookup, so renaming a status renames every lead's ``status_text``.
Tags are referred to by lookup ``id``.
"""

from app.core import db
from app.core.errors import Invalid
from app.vendors.lio.common import now_iso

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


# -- for other areas (public, stable) ------------------------------------------------------------
def labels(who, module="lead"):
    """``{"status": {code: name}, "priority": {...}, "source": {...}, "tag": {id: {id, name, color_code}}}``."""
    out = {kind: {} for kind in (*CODED, "tag")}
    for row in db.conn().execute(
            f"SELECT id, type, name, value, color_code FROM {LOOKUPS} WHERE org_id = ? AND module_name = ?",
            (who["org_id"], module)):
        if row["type"] in CODED and row["value"] is not None:
            out[row["type"]][row["value"]] = row["name"]
        elif row["type"] == "tag":
            out["tag"][row["id"]] = {"id": row["id"], "name": row["name"], "color_code": row["color_code"]}
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
