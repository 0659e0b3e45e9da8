"""Files and exports (doc 6.15): uploads stored in the database, cloud (or uploaded) files attached to
records, and exports as jobs producing a CSV of the org's filtered leads, companies, contacts or clients.

Every function takes the principal ``who`` explicitly; no Flask here (the routes hand over the
uploaded file object). Exports are ``export`` jobs of the jobs area: the CSV is built from the lower
areas' ``export_rows`` when the job completes (timeline), and the creator gets an ``export_done``
notification.
"""

import csv
import hashlib
import io
import mimetypes

import marshmallow as ma
import orjson

from app.core import clock, db, timeline
from app.core.errors import Conflict, Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity          # lower areas only: see AREAS
from app.vendors.lio.common import day_bounds, now_iso
from app.vendors.lio.companies import store as companies
from app.vendors.lio.companies.schemas import CompanyListQuery
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.contacts.schemas import ContactListQuery
from app.vendors.lio.jobs import store as jobs
from app.vendors.lio.leads import store as leads
from app.vendors.lio.leads.schemas import LeadListQuery
from app.vendors.lio.pipelines import store as pipelines

STORAGE = "lio_storage_files"
ATTACHMENTS = "lio_file_attachments"
EXPORTS = "lio_exports"
KIND = "export"                                   # the job type (and its timeline handler)

# -- constants of this area (DESIGN section 6 vocabularies and sandbox limits) ----------------------
PROVIDERS = ("google_drive", "onedrive", "dropbox")
STORAGE_PROVIDER = "storage"                      # a file uploaded with storage-file/add, attached by id
SUBJECT_TYPES = ("lead", "contact", "company", "deal")
CATEGORIES = ("document", "spreadsheet", "presentation", "image", "pdf", "other")
STORAGE_MAX_BYTES = 10 * 1024 * 1024
EXPORT_TYPES = ("leads", "companies", "contacts", "clients")
EXPORT_MAX_ROWS = 10_000
FILE_ORDER = {"id": "id", "created_at": "created_at", "name": "name COLLATE NOCASE"}
EXPORT_ORDER = {"id": "id", "created_at": "created_at", "export_type": "export_type"}
PAGING = ("page", "limit")                        # list parameters an export ignores

LEAD_COLUMNS = ("id", "first_name", "last_name", "email", "phone_number", "company", "company_id", "job_title",
                "industry", "website", "address", "city", "state", "country", "pin_code", "status", "status_text",
                "priority", "priority_text", "lead_source", "lead_source_text", "score", "estimated_value",
                "assigned_to", "linkedin_url", "tags", "custom_fields", "notes", "last_activity_at", "created_at",
                "updated_at")
COMPANY_COLUMNS = ("id", "company_name", "industry_type", "website", "contact_email", "phone_number", "address",
                   "city", "country", "employee_size", "rating", "summary", "company_logo", "created_at", "updated_at")
CONTACT_COLUMNS = ("id", "name", "email", "phone_number", "company_id", "company_name", "lead_id", "designation",
                   "seniority", "decision_maker", "linkedin_url", "lead_score", "status", "tags", "created_at",
                   "updated_at")
# export_type -> (the list query its filters follow, the CSV columns)
EXPORTS_OF = {"leads": (LeadListQuery, LEAD_COLUMNS), "clients": (LeadListQuery, LEAD_COLUMNS),
              "companies": (CompanyListQuery, COMPANY_COLUMNS), "contacts": (ContactListQuery, CONTACT_COLUMNS)}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {STORAGE} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER, name TEXT NOT NULL,"
        " mime_type TEXT NOT NULL, size INTEGER NOT NULL, checksum TEXT NOT NULL, category TEXT NOT NULL,"
        " content BLOB NOT NULL, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{STORAGE}_org ON {STORAGE} (org_id, id)",
        f"CREATE TABLE {ATTACHMENTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " subject_type TEXT NOT NULL, subject_id INTEGER NOT NULL, provider TEXT NOT NULL,"
        f" storage_file_id INTEGER REFERENCES {STORAGE}(id) ON DELETE CASCADE,"
        " file_id TEXT NOT NULL, name TEXT NOT NULL, mime_type TEXT, web_url TEXT, category TEXT NOT NULL,"
        " created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{ATTACHMENTS}_subject ON {ATTACHMENTS} (org_id, subject_type, subject_id, id)",
        f"CREATE TABLE {EXPORTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " export_type TEXT NOT NULL, filters TEXT NOT NULL DEFAULT '{}', file_name TEXT NOT NULL, row_count INTEGER,"
        " size INTEGER, content BLOB, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{EXPORTS}_org ON {EXPORTS} (org_id, id)",
    ):
        sdb.execute(sql)


def category_of(mime_type):
    """``pdf``, ``image``, ``spreadsheet``, ``presentation``, ``document`` or ``other`` from a MIME type."""
    mime = (mime_type or "").lower()
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith("image/"):
        return "image"
    for word, category in (("spreadsheet", "spreadsheet"), ("excel", "spreadsheet"), ("csv", "spreadsheet"),
                           ("presentation", "presentation"), ("powerpoint", "presentation"),
                           ("word", "document"), ("document", "document"), ("text/", "document"),
                           ("rtf", "document")):
        if word in mime:
            return category
    return "other"


# -- storage files (POST /api/storage-file/add) --------------------------------------------------------
def _clean_name(name):
    """The upload's base name without control characters (at most 255), or None when nothing is left."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or None


def _mime(storage, name):
    declared = (storage.mimetype or "").lower()[:100]
    if declared and declared != "application/octet-stream":
        return declared
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _storage_wire(row):
    return {"id": row["id"], "name": row["name"], "mime_type": row["mime_type"], "size": row["size"],
            "checksum": row["checksum"], "category": row["category"], "created_by": row["user_id"],
            "created_at": row["created_at"]}


def add_storage_file(who, form, storage):
    """Keep the uploaded bytes (1 byte to 10 MB, else 422 naming ``file``) with name and type."""
    data = storage.read(STORAGE_MAX_BYTES + 1)
    if len(data) > STORAGE_MAX_BYTES:
        raise Invalid({"file": ["The file is larger than 10 MB."]})
    if not data:
        raise Invalid({"file": ["The file is empty."]})
    name = _clean_name(form.get("name")) if form.get("name") is not None else _clean_name(storage.filename)
    if form.get("name") is not None and name is None:
        raise Invalid({"name": ["Must contain a printable character."]})
    name = name or "file"
    mime = _mime(storage, name)
    with db.write() as c:
        file_id = c.execute(
            f"INSERT INTO {STORAGE} (org_id, user_id, name, mime_type, size, checksum, category, content, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], who.get("user_id"), name, mime, len(data), hashlib.sha256(data).hexdigest(),
             category_of(mime), data, now_iso())).lastrowid
        activity.record(c, who, "file", file_id, "uploaded", {"name": name, "size": len(data)})
        return _storage_wire(c.execute(f"SELECT * FROM {STORAGE} WHERE id = ?", (file_id,)).fetchone())


# -- attachments (POST /api/file/attach, GET /api/file/list) --------------------------------------------
def _require_subject(c, who, subject_type, subject_id, error=Invalid):
    """The subject must be a record of the org: 422 naming ``subject_id`` (or 404 with ``error=NotFound``)."""
    check = {"lead": leads.require, "company": companies.require, "contact": contacts.require,
             "deal": pipelines.require_deal}[subject_type]
    try:
        check(c, who, subject_id, "subject_id")
    except Invalid:
        if error is NotFound:
            raise NotFound(subject_type, subject_id) from None
        raise


def _attachment_wire(row):
    return {"id": row["id"], "subject_type": row["subject_type"], "subject_id": row["subject_id"],
            "provider": row["provider"], "storage_file_id": row["storage_file_id"], "category": row["category"],
            "file": {"id": row["file_id"], "name": row["name"], "mime_type": row["mime_type"],
                     "web_url": row["web_url"]},
            "created_by": row["user_id"], "created_at": row["created_at"]}


def _attached_file(c, who, body):
    """``(provider, storage_file_id, {id, name, mime_type, web_url})`` of the attach body."""
    if body.get("storage_file_id") is not None:
        if body.get("provider") not in (None, STORAGE_PROVIDER):
            raise Invalid({"provider": [f"Must be {STORAGE_PROVIDER} (or absent) with storage_file_id."]})
        row = c.execute(f"SELECT id, name, mime_type FROM {STORAGE} WHERE id = ? AND org_id = ?",
                        (body["storage_file_id"], who["org_id"])).fetchone()
        if row is None:
            raise Invalid({"storage_file_id": [f"Unknown file {body['storage_file_id']}: upload it with"
                                               " storage-file/add first."]})
        return STORAGE_PROVIDER, row["id"], {"id": str(row["id"]), "name": row["name"],
                                             "mime_type": row["mime_type"], "web_url": None}
    if body.get("provider") in (None, STORAGE_PROVIDER):
        raise Invalid({"provider": [f"Must be one of: {', '.join(PROVIDERS)} (with file)."]})
    return body["provider"], None, body["file"]


def attach(who, body):
    with db.write() as c:
        _require_subject(c, who, body["subject_type"], body["subject_id"])
        provider, storage_id, f = _attached_file(c, who, body)
        row_id = c.execute(
            f"INSERT INTO {ATTACHMENTS} (org_id, user_id, subject_type, subject_id, provider, storage_file_id,"
            " file_id, name, mime_type, web_url, category, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], who.get("user_id"), body["subject_type"], body["subject_id"], provider, storage_id,
             f["id"], f["name"], f.get("mime_type"), f.get("web_url"), category_of(f.get("mime_type")),
             now_iso())).lastrowid
        activity.record(c, who, body["subject_type"], body["subject_id"], "file_attached",
                        {"attachment_id": row_id, "name": f["name"], "provider": provider})
        return _attachment_wire(c.execute(f"SELECT * FROM {ATTACHMENTS} WHERE id = ?", (row_id,)).fetchone())


def list_files(who, args):
    c = db.conn()
    _require_subject(c, who, args["subject_type"], args["subject_id"], error=NotFound)
    w = (Where("org_id", who["org_id"]).eq("subject_type", args["subject_type"]).eq("subject_id", args["subject_id"])
         .eq("category", args.get("category")).eq("provider", args.get("provider"))
         .contains(("name",), args.get("search_value")))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    page = fetch_page(c, f"SELECT * FROM {ATTACHMENTS}", w,
                      order(FILE_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_attachment_wire)


# -- exports (POST /api/exports/create, GET /api/exports/list, GET /api/exports/download/:id) -------------
def _flat(messages):
    if isinstance(messages, dict):
        return [f"{key}: {text}" for key, inner in messages.items() for text in _flat(inner)]
    if isinstance(messages, (list, tuple)):
        return [text for inner in messages for text in _flat(inner)]
    return [str(messages)]


def load_filters(export_type, raw):
    """``(loaded, kept)``: ``raw`` loaded by the entity's list query (422 naming ``filters`` when it
    breaks it) and the raw filters the export keeps (known names, paging dropped)."""
    schema = EXPORTS_OF[export_type][0]()
    try:
        loaded = schema.load(raw)
    except ma.ValidationError as error:
        raise Invalid({"filters": _flat(error.messages)}) from None
    kept = {k: v for k, v in raw.items() if k in schema.fields and k not in PAGING}
    return loaded, kept


def _export_wire(row, job):
    return {"id": row["id"], "export_type": row["export_type"], "filters": orjson.loads(row["filters"]),
            "status": job["status"], "file_name": row["file_name"], "rows": row["row_count"], "size": row["size"],
            "error": job["error"], "created_by": row["user_id"], "created_at": row["created_at"],
            "completed_at": job["completed_at"] if job["status"] in ("completed", "failed") else None}


def create_export(who, body):
    """Queue an ``export`` job (202); the CSV is built when it completes."""
    export_type = body["export_type"]
    _, kept = load_filters(export_type, body.get("filters") or {})
    now = clock.now()
    file_name = f"{export_type}-{now:%Y%m%d-%H%M%S}.csv"
    with db.write() as c:
        job = jobs.start(c, who, KIND, {"export_type": export_type}, file_name=file_name)
        c.execute(f"INSERT INTO {EXPORTS} (id, org_id, user_id, export_type, filters, file_name, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  (job["id"], who["org_id"], who.get("user_id"), export_type, orjson.dumps(kept).decode(), file_name,
                   job["created_at"]))
        activity.record(c, who, "export", job["id"], "created", {"export_type": export_type})
        return job


def list_exports(who, args):
    w = (Where("org_id", who["org_id"]).eq("export_type", args.get("export_type"))
         .contains(("file_name", "export_type"), args.get("search_value")))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    page = fetch_page(db.conn(), f"SELECT id, org_id, user_id, export_type, filters, file_name, row_count, size, created_at"
                      f" FROM {EXPORTS}", w, order(EXPORT_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(lambda row: _export_wire(row, jobs.get(who, row["id"], KIND)))


def download(who, export_id):
    """``(csv bytes, file name)`` of a completed export; 409 before (or after a failure); 404 when not the org's."""
    row = db.conn().execute(f"SELECT * FROM {EXPORTS} WHERE id = ? AND org_id = ?",
                            (export_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("export", export_id, message="Export not found.")
    job = jobs.get(who, export_id, KIND)
    if job["status"] == "failed":
        raise Conflict(f"The export failed: {job['error']}", details={"status": job["status"]})
    if job["status"] != "completed" or row["content"] is None:
        raise Conflict(f"The export is not ready yet (status {job['status']}).", details={"status": job["status"]})
    return bytes(row["content"]), row["file_name"]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v["name"]) if isinstance(v, dict) and "name" in v else str(v) for v in value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode() if value else ""
    return str(value)


def _csv(rows, columns):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return out.getvalue().encode("utf-8", "replace")


def _rows(c, who, export_type, filters, limit):
    if export_type == "leads":
        return leads.export_rows(c, who, filters, limit=limit)
    if export_type == "clients":
        return leads.export_rows(c, who, filters, keep=pipelines.won_lead_ids(c, who), limit=limit)
    if export_type == "companies":
        return companies.export_rows(c, who, filters, limit=limit)
    return contacts.export_rows(c, who, filters, limit=limit)


@timeline.handler("lio", KIND)
def _complete(c, job_id):
    """Due 5 s after creation: the CSV of the org's rows matching the filters, then ``export_done``."""
    who, _ = jobs.claim(c, job_id)
    row = c.execute(f"SELECT * FROM {EXPORTS} WHERE id = ?", (int(job_id),)).fetchone()
    if who is None or row is None:
        return
    export_type = row["export_type"]
    data = {"export_id": row["id"], "export_type": export_type, "file_name": row["file_name"]}
    try:
        loaded, _ = load_filters(export_type, orjson.loads(row["filters"]))
    except Invalid:                                 # the lookups it named changed meanwhile: cannot happen today
        loaded = None
    rows = _rows(c, who, export_type, loaded, EXPORT_MAX_ROWS + 1) if loaded is not None else None
    if rows is None or len(rows) > EXPORT_MAX_ROWS:
        error = ("The filters are no longer valid." if rows is None else
                 f"More than {EXPORT_MAX_ROWS} rows match: narrow the filters.")
        jobs.fail(c, job_id, error)
        activity.notify(c, who, "export_done", f"Your {export_type} export failed", {**data, "status": "failed"},
                        user_id=who.get("user_id"))
        return
    content = _csv(rows, EXPORTS_OF[export_type][1])
    c.execute(f"UPDATE {EXPORTS} SET row_count = ?, size = ?, content = ? WHERE id = ?",
              (len(rows), len(content), content, row["id"]))
    jobs.finish(c, job_id, {"total": len(rows)})
    activity.record(c, who, "export", row["id"], "completed", {"rows": len(rows)})
    activity.notify(c, who, "export_done", f"Your {export_type} export is ready ({len(rows)} rows)",
                    {**data, "status": "completed", "rows": len(rows)}, user_id=who.get("user_id"))
