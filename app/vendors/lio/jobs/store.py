"""Jobs: lead imports, bulk enrichment, exports, HubSpot imports.

``status`` is computed from the sandbox clock: ``queued`` for the first second, then
``processing``; the owning area's timeline handler (kind = the job's ``type``) runs 5 seconds of
sandbox time after creation, does the work and calls :func:`finish` (``completed``) or
:func:`fail` (``failed``). Areas own their handlers; this module owns the table.
"""

from datetime import timedelta

import orjson

from app.core import clock, db, timeline
from app.core.errors import NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import day_bounds, iso, now_iso
from app.vendors.lio.constants import JOB_DONE_AFTER, JOB_PROCESSING_AFTER

JOBS = "lio_jobs"
JOB_ORDER = {"id": "id", "created_at": "created_at", "type": "type"}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {JOBS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER, type TEXT NOT NULL,"
        " file_name TEXT, payload TEXT NOT NULL DEFAULT '{}', result TEXT, error TEXT,"
        " status TEXT, created_at TEXT NOT NULL, due_at TEXT NOT NULL, completed_at TEXT)",
        f"CREATE INDEX idx_{JOBS}_org ON {JOBS} (org_id, type, id)",
    ):
        sdb.execute(sql)


def _status(row, now):
    if row["status"]:
        return row["status"]
    if now >= clock.parse_iso(row["created_at"]) + JOB_PROCESSING_AFTER:
        return "processing"
    return "queued"


def wire(row, now=None):
    now = now or clock.now()
    return {"id": row["id"], "type": row["type"], "status": _status(row, now), "file_name": row["file_name"],
            "result": orjson.loads(row["result"]) if row["result"] else None, "error": row["error"],
            "created_by": row["user_id"], "created_at": row["created_at"], "completed_at": row["completed_at"]}


def _row(c, who, job_id, kind=None):
    sql, params = f"SELECT * FROM {JOBS} WHERE id = ? AND org_id = ?", [job_id, who["org_id"]]
    if kind is not None:
        sql += " AND type = ?"
        params.append(kind)
    row = c.execute(sql, params).fetchone()
    if row is None:
        raise NotFound("job", job_id)
    return row


# -- for other areas (public, stable) ------------------------------------------------------------
def start(c, who, kind, payload, file_name=None, seconds=None):
    """Create a job of ``kind`` in the caller's transaction and schedule its completion."""
    now = clock.now()
    due = now + (timedelta(seconds=seconds) if seconds is not None else JOB_DONE_AFTER)
    job_id = c.execute(f"INSERT INTO {JOBS} (org_id, user_id, type, file_name, payload, created_at, due_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (who["org_id"], who.get("user_id"), kind, file_name, orjson.dumps(payload).decode(),
                        iso(now), iso(due))).lastrowid
    timeline.schedule(c, "lio", kind, str(job_id), due)
    return wire(_row(c, who, job_id), now)


def claim(c, job_id):
    """``(who, payload)`` of a due job (for its handler)."""
    row = c.execute(f"SELECT * FROM {JOBS} WHERE id = ?", (int(job_id),)).fetchone()
    if row is None:
        return None, None
    return {"org_id": row["org_id"], "user_id": row["user_id"], "via": "job"}, orjson.loads(row["payload"])


def finish(c, job_id, result):
    c.execute(f"UPDATE {JOBS} SET status = 'completed', result = ?, payload = '{{}}', completed_at = due_at"
              " WHERE id = ?", (orjson.dumps(result).decode(), int(job_id)))


def fail(c, job_id, error, result=None):
    c.execute(f"UPDATE {JOBS} SET status = 'failed', error = ?, result = ?, payload = '{{}}', completed_at = due_at"
              " WHERE id = ?", (error, orjson.dumps(result).decode() if result is not None else None, int(job_id)))


def get(who, job_id, kind=None):
    """One job of the org (optionally of one type); 404 otherwise."""
    return wire(_row(db.conn(), who, job_id, kind))


def list_jobs(who, args, kinds=None):
    w = Where("org_id", who["org_id"]).any_of("type", kinds or ([args["type"]] if args.get("type") else None))
    w.contains(("type", "file_name"), args.get("search_value"))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    now = clock.now()
    page = fetch_page(db.conn(), f"SELECT * FROM {JOBS}", w, order(JOB_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(lambda row: wire(row, now))
