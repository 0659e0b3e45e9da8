"""Lead notes, follow-ups, documents, profile image and custom fields (doc 6.5, 7.1): state and rules, no Flask."""

from datetime import timezone

from app.core import db
from app.core.errors import Invalid
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity
from app.vendors.lio.common import iso, now_iso
from app.vendors.lio.leads.store import DOCUMENTS, FOLLOW_UPS, LEADS, NOTES, _row, lead_in, update_row

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


# -- documents and the profile image ---------------------------------------------------------------
IMAGE_MAX = 5 * 1024 * 1024
DOCUMENT_MAX = 10 * 1024 * 1024
DOCUMENT_ORDER = {"id": "id", "created_at": "created_at", "file_name": "file_name COLLATE NOCASE"}
IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
               (b"GIF89a", "image/gif"))


def _image_type(data):
    for magic, mime in IMAGE_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _document(row):
    return {k: row[k] for k in ("id", "lead_id", "user_id", "file_name", "mime_type", "size", "document_type",
                                "description", "created_at")}


def _store_file(c, who, lead_id, name, mime, data, document_type, description):
    return c.execute(f"INSERT INTO {DOCUMENTS} (org_id, lead_id, user_id, file_name, mime_type, size,"
                     " document_type, description, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (who["org_id"], lead_id, who.get("user_id"), name, mime, len(data), document_type,
                      description, data, now_iso())).lastrowid


def upload_profile_image(who, lead_id, storage):
    data = storage.read(IMAGE_MAX + 1)
    if len(data) > IMAGE_MAX:
        raise Invalid({"image": ["The image is larger than 5 MB."]})
    mime = _image_type(data)
    if mime is None:
        raise Invalid({"image": ["Send a PNG, JPEG, GIF or WebP image."]})
    with db.write() as c:
        _owned(c, who, lead_id)
        doc_id = _store_file(c, who, lead_id, (storage.filename or "profile")[:255], mime, data,
                             "profile_image", None)
        url = f"https://files.worksbuddy.sandbox/lio/lead-documents/{doc_id}"
        c.execute(f"UPDATE {LEADS} SET profile_image = ?, updated_at = ? WHERE id = ? AND org_id = ?",
                  (url, now_iso(), lead_id, who["org_id"]))
        activity.record(c, who, "lead", lead_id, "profile_image_uploaded", {"document_id": doc_id})
        return lead_in(c, who, lead_id)


def list_documents(who, args):
    c = db.conn()
    _owned(c, who, args["lead_id"])
    w = Where("org_id", who["org_id"]).eq("lead_id", args["lead_id"])
    return fetch_page(c, f"SELECT * FROM {DOCUMENTS}", w, order(DOCUMENT_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"]).map(_document)


def add_document(who, form, storage):
    data = storage.read(DOCUMENT_MAX + 1)
    if len(data) > DOCUMENT_MAX:
        raise Invalid({"file": ["The file is larger than 10 MB."]})
    if not data:
        raise Invalid({"file": ["The file is empty."]})
    with db.write() as c:
        _owned(c, who, form["lead_id"])
        doc_id = _store_file(c, who, form["lead_id"], (storage.filename or "document")[:255],
                             (storage.mimetype or "application/octet-stream")[:100], data,
                             form.get("document_type"), form.get("description"))
        _touch(c, who, form["lead_id"], "document_added", {"document_id": doc_id})
        return _document(c.execute(f"SELECT * FROM {DOCUMENTS} WHERE id = ?", (doc_id,)).fetchone())
