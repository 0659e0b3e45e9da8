"""Discko state and rules: organizations and their leads.

A lead is stored as its documented JSON (``doc``) plus the columns that are
filtered or sorted on. Only finished leads (completion 100) exist for the API.
"""

import orjson

from app.core import db, freshness
from app.core.json import raw
from app.core.errors import Conflict, Forbidden, InvalidChoice, NotFound
from app.vendors.discko import webhooks
from app.vendors.discko.constants import FINISHED, STATUSES

ORGS = "discko_orgs"
LEADS = "discko_leads"


def create_tables(sdb):
    sdb[ORGS].create({"id": str, "name": str, "slug": str, "api_key": str}, pk="id")
    sdb[ORGS].create_index(["api_key"], unique=True)
    sdb[LEADS].create(
        {"id": str, "org_id": str, "date": str, "status": str, "completion": int, "locked": int, "doc": str},
        pk="id", foreign_keys=[("org_id", ORGS, "id")],
    )
    sdb[LEADS].create_index(["org_id", "completion", "date"])


def org_for_key(key):
    """The organization of an API key (None when unknown), kept until the next commit."""
    def read():
        row = db.conn().execute(f"SELECT id, name, slug FROM {ORGS} WHERE api_key = ?", (key,)).fetchone()
        return dict(row) if row else None

    return freshness.cached((ORGS, key), read)


def list_leads(org):
    """Every finished lead of ``org``, newest ``date`` first (stored documents, embedded unparsed)."""
    rows = db.conn().execute(
        f"SELECT doc FROM {LEADS} WHERE org_id = ? AND completion = ? ORDER BY date DESC, id",
        (org["id"], FINISHED),
    ).fetchall()
    return [raw(row[0]) for row in rows]


def _row(c, org, lead_id):
    row = c.execute(
        f"SELECT doc, completion, locked FROM {LEADS} WHERE id = ? AND org_id = ?", (lead_id, org["id"])
    ).fetchone()
    if row is None or row["completion"] != FINISHED:
        raise NotFound("lead", lead_id)
    if row["locked"]:
        raise Forbidden(details={"lead_id": lead_id})
    return row


def get_lead(org, lead_id):
    """One finished lead; locked ones are listed but not readable (403)."""
    return raw(_row(db.conn(), org, lead_id)["doc"])


def update_status(org, lead_id, status):
    """Set the status of a finished, unlocked lead and return it whole."""
    if status not in STATUSES:
        raise InvalidChoice("status", status, STATUSES)
    with db.write() as c:
        _row(c, org, lead_id)
        c.execute(
            f"UPDATE {LEADS} SET status = ?, doc = json_set(doc, '$.status', ?) WHERE id = ? AND org_id = ?",
            (status, status, lead_id, org["id"]),
        )
        return raw(_row(c, org, lead_id)["doc"])   # read back in the write: no reset or PUT slips between


def unlock(lead_id):
    """Sandbox stand-in for the user unlocking a lead in Discko: it becomes readable and ``lead.unlocked``
    goes to the organization's webhook URL (if set) with the full lead. 404 unknown, 409 not locked."""
    with db.write() as c:
        row = c.execute(f"SELECT org_id, locked FROM {LEADS} WHERE id = ?", (lead_id,)).fetchone()
        if row is None:
            raise NotFound("lead", lead_id, message=f"No Discko lead {lead_id!r}.")
        if not row["locked"]:
            raise Conflict(f"Lead {lead_id!r} is not locked.")
        doc = c.execute(f"UPDATE {LEADS} SET locked = 0, doc = json_set(doc, '$.locked', json('false'))"
                        " WHERE id = ? RETURNING doc", (lead_id,)).fetchone()["doc"]
        lead = orjson.loads(doc)
        delivery = webhooks.emit(c, row["org_id"], "lead.unlocked", lead)
    return {"status": "unlocked", "lead": lead, "delivery_id": delivery}


def insert_leads(sdb, leads, org_ids):
    """Seed helper: ``leads`` are documented-shape dicts, ``org_ids`` their orgs."""
    sdb[LEADS].insert_all(
        (
            {"id": lead["id"], "org_id": org_id, "date": lead["date"], "status": lead["status"],
             "completion": lead["completion"], "locked": int(lead["locked"]),
             "doc": orjson.dumps(lead).decode()}
            for lead, org_id in zip(leads, org_ids)
        ),
        batch_size=500,
    )


def insert_orgs(sdb, orgs):
    sdb[ORGS].insert_all(orgs)


def tenants():
    rows = db.conn().execute(f"SELECT id, name, slug, api_key FROM {ORGS} ORDER BY rowid").fetchall()
    return [{"name": r["name"], "id": r["id"], "slug": r["slug"],
             "credentials": {"X-Discko-Key": r["api_key"]}} for r in rows]


def counts():
    c = db.conn()
    return {
        "organizations": c.execute(f"SELECT count(*) FROM {ORGS}").fetchone()[0],
        "leads": c.execute(f"SELECT count(*) FROM {LEADS}").fetchone()[0],
    }
