"""Notifications and the activity feed: the shared sink every other area writes to.

Other areas call :func:`record` (a feed row about a record) and :func:`notify` (a notification
for a user, or for every user of the org when ``user_id`` is None) inside their own write
transaction, so the effect commits with its cause.
"""

import orjson

from app.core import db
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import now_iso

NOTIFICATIONS = "lio_notifications"
FEED = "lio_feed"
NOTIFICATION_TYPES = {"assignment": 1, "hot_lead": 2, "import_done": 3, "export_done": 4, "booking": 5,
                      "system": 6}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {NOTIFICATIONS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " type_id INTEGER NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}',"
        " is_read INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{NOTIFICATIONS}_org ON {NOTIFICATIONS} (org_id, user_id, is_read, id)",
        f"CREATE TABLE {FEED} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " model_type TEXT NOT NULL, model_id INTEGER, action TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}',"
        " created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{FEED}_model ON {FEED} (org_id, model_type, model_id, id)",
    ):
        sdb.execute(sql)


# -- for other areas (public, stable) ------------------------------------------------------------
def record(c, who, model_type, model_id, action, data=None):
    """A feed row: ``who`` did ``action`` to ``model_type`` ``model_id``."""
    c.execute(f"INSERT INTO {FEED} (org_id, user_id, model_type, model_id, action, data, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?)",
              (who["org_id"], who.get("user_id"), model_type, model_id, action,
               orjson.dumps(data or {}).decode(), now_iso()))


def notify(c, who, kind, title, data=None, user_id=None):
    """A notification of ``kind`` (a key of NOTIFICATION_TYPES) for ``user_id`` (None: the org)."""
    c.execute(f"INSERT INTO {NOTIFICATIONS} (org_id, user_id, type_id, type, title, data, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?)",
              (who["org_id"], user_id, NOTIFICATION_TYPES[kind], kind, title, orjson.dumps(data or {}).decode(),
               now_iso()))


# -- routes ----------------------------------------------------------------------------------------
NOTIFICATION_ORDER = {"id": "id", "created_at": "created_at"}
FEED_ORDER = {"id": "id", "created_at": "created_at"}


def _notification(row):
    return {"id": row["id"], "user_id": row["user_id"], "type_id": row["type_id"], "type": row["type"],
            "title": row["title"], "data": orjson.loads(row["data"]), "is_read": bool(row["is_read"]),
            "created_at": row["created_at"]}


def _feed(row):
    return {"id": row["id"], "user_id": row["user_id"], "model_type": row["model_type"],
            "model_id": row["model_id"], "action": row["action"], "data": orjson.loads(row["data"]),
            "created_at": row["created_at"]}


def _mine(who):
    """The caller's notifications and the org-wide ones (``user_id`` NULL)."""
    return (Where("org_id", who["org_id"])
            .where("(user_id IS NULL OR user_id = ?)", who.get("user_id")))


def list_notifications(who, args):
    w = _mine(who).eq("type_id", args.get("type_id"))
    if args.get("is_read") is not None:
        w = w.where("is_read = ?", int(args["is_read"]))
    page = fetch_page(db.conn(), f"SELECT * FROM {NOTIFICATIONS}", w,
                      order(NOTIFICATION_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_notification)


def mark_read(who, body):
    """Marks the caller's (and org-wide) notifications among ``ids`` read; others' ids are ignored."""
    w = _mine(who).any_of("id", body["ids"]).where("is_read = 0")
    with db.write() as c:
        updated = c.execute(f"UPDATE {NOTIFICATIONS} SET is_read = 1 WHERE {w.sql}", w.params).rowcount
    return {"updated": updated}


def list_feed(who, args):
    w = Where("org_id", who["org_id"]).eq("model_type", args.get("model_type")).eq("model_id", args.get("model_id"))
    page = fetch_page(db.conn(), f"SELECT * FROM {FEED}", w,
                      order(FEED_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_feed)
