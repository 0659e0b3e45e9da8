"""Lead notes, follow-ups and custom fields (doc 6.5, 7.1): state and rules, no Flask."""

from datetime import timezone

from app.core import db
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity
from app.vendors.lio.common import iso, now_iso
from app.vendors.lio.leads.store import FOLLOW_UPS, LEADS, NOTES, _row, lead_in, update_row

NOTE_ORDER = {"id": "id", "created_at": "created_at"}
FOLLOW_UP_ORDER = {"id": "id", "follow_up_date": "follow_up_date", "created_at": "created_at"}


def _touch(c, who, lead_id, action, data):
    c.execute(f"UPDATE {LEADS} SET last_activity_at = ? WHERE id = ? AND org_id = ?",
              (now_iso(), lead_id, who["org_id"]))
    activity.record(c, who, "lead", lead_id, action, data)


def _owned(c, who, lead_id):
    """404 when the lead is not the org's (list and add answer the same)."""
    return _row(c, who, lead_id)


def set_custom_fields(who, lead_id, fields):
    with db.write() as c:
        row = _owned(c, who, lead_id)
        update_row(c, who, row, {"custom_fields": fields})
        activity.record(c, who, "lead", lead_id, "custom_fields_updated", {"fields": sorted(fields)})
        return lead_in(c, who, lead_id)


def _note(row):
    return {k: row[k] for k in ("id", "lead_id", "user_id", "title", "note", "created_at", "updated_at")}


def list_notes(who, args):
    c = db.conn()
    _owned(c, who, args["lead_id"])
    w = Where("org_id", who["org_id"]).eq("lead_id", args["lead_id"])
    return fetch_page(c, f"SELECT * FROM {NOTES}", w, order(NOTE_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"]).map(_note)


def add_note(who, body):
    with db.write() as c:
        _owned(c, who, body["lead_id"])
        stamp = now_iso()
        note_id = c.execute(f"INSERT INTO {NOTES} (org_id, lead_id, user_id, title, note, created_at, updated_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (who["org_id"], body["lead_id"], who.get("user_id"), body["title"], body.get("note"),
                             stamp, stamp)).lastrowid
        _touch(c, who, body["lead_id"], "note_added", {"note_id": note_id})
        return _note(c.execute(f"SELECT * FROM {NOTES} WHERE id = ?", (note_id,)).fetchone())


def _utc(value):
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return iso(value.astimezone(timezone.utc))


def _follow_up(row):
    return {k: row[k] for k in ("id", "lead_id", "user_id", "follow_up_date", "notes", "status", "created_at",
                                "updated_at")}


def list_follow_ups(who, args):
    c = db.conn()
    _owned(c, who, args["lead_id"])
    w = Where("org_id", who["org_id"]).eq("lead_id", args["lead_id"])
    if args.get("status"):
        w.eq("status", args["status"])
    return fetch_page(c, f"SELECT * FROM {FOLLOW_UPS}", w, order(FOLLOW_UP_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"]).map(_follow_up)


def add_follow_up(who, body):
    with db.write() as c:
        _owned(c, who, body["lead_id"])
        stamp = now_iso()
        fid = c.execute(f"INSERT INTO {FOLLOW_UPS} (org_id, lead_id, user_id, follow_up_date, notes, status,"
                        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (who["org_id"], body["lead_id"], who.get("user_id"), _utc(body["follow_up_date"]),
                         body.get("notes"), body.get("status", 1), stamp, stamp)).lastrowid
        _touch(c, who, body["lead_id"], "follow_up_added", {"follow_up_id": fid})
        return _follow_up(c.execute(f"SELECT * FROM {FOLLOW_UPS} WHERE id = ?", (fid,)).fetchone())
