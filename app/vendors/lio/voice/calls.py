"""Calls (doc 6.12, doc-11 Call): AI agent calls on the sandbox clock, settled by the timeline.

A call is ``queued`` when created, ``ringing`` 3 s later, ``in_progress`` when answered (10 s),
and ends ``duration_sec`` later (60–180 s after creation, deterministic from the prompt). At the
end the timeline handler writes the transcript, the recording URL and the price, charged to the
calling wallet; a wallet that cannot pay ends the call ``failed`` (no charge).
"""

import hashlib
from datetime import timedelta

from app.core import clock, db, timeline
from app.core.errors import Conflict, Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import day_bounds, iso, now_iso
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.leads import store as leads
from app.vendors.lio.users import store as users
from app.vendors.lio.voice.store import NUMBERS, charge, money

CALLS = "lio_calls"
CALL_ORDER = {"id": "id", "created_at": "created_at", "duration_sec": "duration_sec"}
CALL_STATUSES = ("queued", "ringing", "in_progress", "completed", "failed")
RING_AFTER, ANSWER_AFTER = 3, 10
CENTS_PER_MINUTE = 5
VOICE_TOKEN_TTL = 3600
RECORDING_BASE = "https://recordings.worksbuddy.test/calls"
STATUS_SQL = ("CASE WHEN settled_status IS NOT NULL THEN settled_status WHEN ? < started_at THEN 'queued'"
              " WHEN ? < answered_at THEN 'ringing' ELSE 'in_progress' END")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {CALLS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER, lead_id INTEGER,"
        " contact_id INTEGER, company_id INTEGER, direction TEXT NOT NULL, from_number TEXT NOT NULL,"
        " to_number TEXT, callee_name TEXT, system_prompt TEXT NOT NULL, first_message TEXT, voice_id TEXT,"
        " language TEXT, created_at TEXT NOT NULL, started_at TEXT NOT NULL, answered_at TEXT NOT NULL,"
        " ended_at TEXT NOT NULL, planned_duration INTEGER NOT NULL, settled_status TEXT, duration_sec INTEGER,"
        " transcript TEXT, recording_url TEXT, price_cents INTEGER)",
        f"CREATE INDEX idx_{CALLS}_org ON {CALLS} (org_id, id)",
    ):
        sdb.execute(sql)


def _status(row, now):
    if row["settled_status"]:
        return row["settled_status"]
    return "queued" if now < row["started_at"] else "ringing" if now < row["answered_at"] else "in_progress"


def _wire(row):
    now = now_iso()
    status = _status(row, now)
    return {"id": row["id"], "user_id": row["user_id"], "lead_id": row["lead_id"], "contact_id": row["contact_id"],
            "company_id": row["company_id"], "direction": row["direction"], "from_number": row["from_number"],
            "to_number": row["to_number"], "status": status, "created_at": row["created_at"],
            "started_at": row["started_at"] if status != "queued" else None,
            "answered_at": row["answered_at"] if status in ("in_progress", "completed") else None,
            "ended_at": row["ended_at"] if status in ("completed", "failed") else None,
            "duration_sec": row["duration_sec"], "transcript": row["transcript"],
            "recording_url": row["recording_url"],
            "price": money(row["price_cents"]) if row["price_cents"] is not None else None}


def duration_of(system_prompt, first_message):
    """Seconds the call lasts once answered: 50–169, from the prompt (the call ends 60–179 s after creation)."""
    digest = hashlib.sha256(f"{system_prompt}\n{first_message or ''}".encode()).digest()
    return 50 + int.from_bytes(digest[:4], "big") % 120


def transcript_of(system_prompt, first_message, callee):
    name = callee or "there"
    opening = first_message or f"Hi {name}, this is your assistant calling."
    topic = " ".join(system_prompt.split()[:12])
    return (f"Agent: {opening}\n{name}: Hello, yes, speaking.\n"
            f"Agent: I'm calling about the following: {topic}\n"
            f"{name}: Thanks, that sounds interesting. Please send me the details by email.\n"
            f"Agent: Will do, {name}. Have a great day!")


def voice_token(who):
    now = clock.now().replace(microsecond=0)
    expires = now + timedelta(seconds=VOICE_TOKEN_TTL)
    identity = f"user_{who['user_id']}"
    token = users.sign_claims({"sub": str(who["user_id"]), "org": who["org_id"], "identity": identity,
                               "grants": {"voice": {"outgoing": True, "incoming": True}},
                               "iat": int(now.timestamp()), "exp": int(expires.timestamp())})
    return {"token": token, "identity": identity, "expires_at": iso(expires), "ttl": VOICE_TOKEN_TTL}


def initiate(who, body):
    with db.write() as c:
        lead_id, contact_id = body.get("lead_id"), body.get("contact_id")
        if lead_id is not None:
            lead = _lead(c, who, lead_id)
            to_number, name, company_id = lead["phone_number"], _lead_name(lead), lead["company_id"]
        else:
            contacts.require(c, who, contact_id)
            contact = contacts.basic(c, who, contact_id)
            to_number, name, company_id = contact["phone_number"], contact["name"], contact["company_id"]
        if not to_number:
            field = "lead_id" if lead_id is not None else "contact_id"
            raise Invalid({field: ["This lead/contact has no phone number to call."]})
        from_row = c.execute(f"SELECT n.phone_number FROM {NUMBERS} n WHERE n.org_id = ? ORDER BY"
                             " EXISTS (SELECT 1 FROM lio_phone_number_users a WHERE a.number_id = n.id"
                             " AND a.user_id = ?) DESC, n.id LIMIT 1", (who["org_id"], who.get("user_id"))).fetchone()
        if from_row is None:
            raise Invalid({"from_number": ["Your organization has no phone number: buy a number first."]},
                          message="Buy a number first (POST /api/voice/purchase-number).")
        now = clock.now()
        duration = duration_of(body["system_prompt"], body.get("first_message"))
        answered = now + timedelta(seconds=ANSWER_AFTER)
        ended = answered + timedelta(seconds=duration)
        cur = c.execute(
            f"INSERT INTO {CALLS} (org_id, user_id, lead_id, contact_id, company_id, direction, from_number, to_number,"
            " callee_name, system_prompt, first_message, voice_id, language, created_at, started_at, answered_at,"
            " ended_at, planned_duration) VALUES (?, ?, ?, ?, ?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], who.get("user_id"), lead_id, contact_id, company_id, from_row[0], to_number, name,
             body["system_prompt"], body.get("first_message"), body.get("voice_id"), body.get("language"),
             iso(now), iso(now + timedelta(seconds=RING_AFTER)), iso(answered), iso(ended), duration))
        timeline.schedule(c, "lio", "voice_call_end", cur.lastrowid, ended)
        return _wire(_row(c, who, cur.lastrowid))


def _lead(c, who, lead_id):
    leads.require(c, who, lead_id)
    return leads.lead_in(c, who, lead_id)


def _lead_name(lead):
    return " ".join(p for p in (lead["first_name"], lead["last_name"]) if p) or None


@timeline.handler("lio", "voice_call_end")
def _end_call(c, ref):
    row = c.execute(f"SELECT * FROM {CALLS} WHERE id = ?", (int(ref),)).fetchone()
    if row is None or row["settled_status"]:
        return
    duration = row["planned_duration"]
    cents = -(-duration // 60) * CENTS_PER_MINUTE
    who = {"org_id": row["org_id"], "user_id": row["user_id"]}
    if not charge(c, who, cents, "call", f"Call {row['id']} to {row['to_number']} ({duration} s)", str(row["id"]),
                  at=row["ended_at"]):
        c.execute(f"UPDATE {CALLS} SET settled_status = 'failed', duration_sec = 0, price_cents = 0 WHERE id = ?",
                  (row["id"],))
        return
    c.execute(f"UPDATE {CALLS} SET settled_status = 'completed', duration_sec = ?, transcript = ?, recording_url = ?,"
              " price_cents = ? WHERE id = ?",
              (duration, transcript_of(row["system_prompt"], row["first_message"], row["callee_name"]),
               f"{RECORDING_BASE}/{row['id']}.mp3", cents, row["id"]))


def _row(c, who, call_id):
    row = c.execute(f"SELECT * FROM {CALLS} WHERE id = ? AND org_id = ?", (call_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("call", call_id)
    return row


def get_call(who, call_id):
    return _wire(_row(db.conn(), who, call_id))


def list_calls(who, args):
    now = now_iso()
    w = (Where("org_id", who["org_id"]).eq("lead_id", args.get("lead_id")).eq("contact_id", args.get("contact_id"))
         .eq("company_id", args.get("company_id"))
         .contains(("to_number", "from_number", "callee_name"), args.get("search_value")))
    if args.get("status"):
        w.where(f"{STATUS_SQL} = ?", now, now, args["status"])
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    page = fetch_page(db.conn(), f"SELECT * FROM {CALLS}", w,
                      order(CALL_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_wire)


def _ended(who, call_id, what):
    row = _row(db.conn(), who, call_id)
    status = _status(row, now_iso())
    if status != "completed":
        raise Conflict(f"The call is {status}: its {what} is available once it has completed.")
    return row


def recording(who, call_id):
    row = _ended(who, call_id, "recording")
    return {"id": row["id"], "recording_url": row["recording_url"], "duration_sec": row["duration_sec"]}


def transcript(who, call_id):
    row = _ended(who, call_id, "transcript")
    return {"id": row["id"], "transcript": row["transcript"], "duration_sec": row["duration_sec"]}
