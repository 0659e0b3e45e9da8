"""Lead imports (doc 6.2, 7.1): a CSV/XLSX parsed at upload, its leads created when the job completes.

No Flask here: the route hands over the uploaded file object; ``uploads.rows`` reads it.
"""

import marshmallow as ma

from app.core import db, timeline
from app.core.errors import ApiError
from app.vendors.lio import uploads
from app.vendors.lio.activity import store as activity
from app.vendors.lio.constants import LEAD_SOURCES, PRIORITIES
from app.vendors.lio.jobs import store as jobs
from app.vendors.lio.leads import store
from app.vendors.lio.leads.schemas import LeadCreateSchema

KIND = "lead_import"
INTEGERS = ("status", "priority", "lead_source", "assigned_to")
NAMED = {"priority": PRIORITIES, "lead_source": LEAD_SOURCES}
IGNORED = ("tags", "custom_fields", "ai_information")     # not importable from a flat file


def start_import(who, storage):
    """Parse the upload (422 naming ``file`` when unreadable) and queue the job (202)."""
    rows = uploads.rows(storage, "file")
    with db.write() as c:
        return jobs.start(c, who, KIND, {"rows": rows}, file_name=(storage.filename or "upload")[:255])


def _fields(row):
    """A file row as lead/add input: blanks dropped, numbers (or priority/source names) converted."""
    out = {}
    for name, value in row.items():
        if value == "" or name in IGNORED:
            continue
        if name in INTEGERS:
            names = {label.lower(): number for number, label in NAMED.get(name, {}).items()}
            if value.lower() in names:
                value = names[value.lower()]
            else:
                try:
                    value = int(value)
                except ValueError:
                    pass                              # the schema names it
        elif name == "estimated_value":
            try:
                value = float(value)
            except ValueError:
                pass
        out[name] = value
    return out


def _import_row(c, who, row, seen):
    try:
        fields = LeadCreateSchema().load(_fields(row))
    except ma.ValidationError:
        return "failed"
    email = (fields.get("email") or "").lower()
    if email and (email in seen or store.find_duplicate(c, who, email=email)):
        return "duplicate"
    try:
        store.create_fields(c, who, fields)
    except ApiError:                                  # unknown status lookup, assignee of another org, ...
        return "failed"
    if email:
        seen.add(email)
    return "created"


@timeline.handler("lio", KIND)
def _complete(c, job_id):
    who, payload = jobs.claim(c, job_id)
    if who is None:
        return
    counts = {"total": len(payload.get("rows", [])), "created": 0, "duplicate": 0, "failed": 0}
    seen = set()
    for row in payload.get("rows", []):
        counts[_import_row(c, who, row, seen)] += 1
    jobs.finish(c, job_id, counts)
    activity.record(c, who, "lead", None, "imported", {"job_id": int(job_id), **counts})
    activity.notify(c, who, "import_done",
                    f"Lead import finished: {counts['created']} created, {counts['duplicate']} duplicate, "
                    f"{counts['failed']} failed", {"job_id": int(job_id), **counts}, user_id=who.get("user_id"))
