"""Public booking: a rep's booking page (by slug), its free slots and confirmation.

The principal comes from the page's owner (``users.principal_of_user``), never from the request.
Confirming checks the slot, creates the meeting (``mail.create_meeting``), matches or creates the
attendee's lead and notifies the rep in ONE write transaction, so two confirmations of one slot
cannot both succeed.
"""

from datetime import UTC, datetime

import orjson

from app.core import clock, db
from app.core.errors import Conflict, Invalid, NotFound
from app.vendors.lio.activity import store as activity
from app.vendors.lio.common import iso
from app.vendors.lio.leads import store as leads
from app.vendors.lio.mail import store as mail
from app.vendors.lio.users import store as users

PAGES = "lio_booking_pages"
WEBSITE = 1                         # lead_source of a booked attendee
DURATION_RANGE = (15, 240)


def create_tables(sdb):
    sdb.execute(f"CREATE TABLE {PAGES} (slug TEXT PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER NOT NULL,"
                " title TEXT, headline TEXT, timezone TEXT, durations TEXT NOT NULL DEFAULT '[30]',"
                " created_at TEXT NOT NULL)")


def _page(slug):
    row = db.conn().execute(f"SELECT * FROM {PAGES} WHERE slug = ?", (str(slug)[:200],)).fetchone()
    if row is None:
        raise NotFound(message="Booking page not found.")
    owner = users.user_by_id(db.conn(), row["user_id"])
    if owner is None:
        raise NotFound(message="Booking page not found.")
    return row, owner


def _tz(row, owner):
    return row["timezone"] or owner["timezone"] or "UTC"


def profile(slug):
    row, owner = _page(slug)
    org = next((o["name"] for o in users.orgs() if o["id"] == row["org_id"]), None)
    return {"slug": row["slug"], "name": owner["name"], "title": row["title"], "headline": row["headline"],
            "timezone": _tz(row, owner), "durations": orjson.loads(row["durations"]), "organization": org,
            "working_hours": {"start": "09:00", "end": "17:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"]}}


def availability(slug, args):
    row, owner = _page(slug)
    return mail.free_slots(db.conn(), row["org_id"], row["user_id"], args["date"], args["duration"],
                           args.get("tz") or _tz(row, owner), args.get("from_"), args.get("to"))


def _offered(start, end, tz):
    """Whether ``[start, end)`` is on the slot grid of its day (09:00–17:00 in ``tz``, weekdays, future)."""
    minutes = (end - start).total_seconds() / 60
    if not minutes.is_integer() or not DURATION_RANGE[0] <= minutes <= DURATION_RANGE[1]:
        return False
    local = start.astimezone(tz)
    if local.weekday() >= 5 or start < clock.now():
        return False
    opening = datetime.combine(local.date(), mail.WORK_START, tz).astimezone(UTC)
    closing = datetime.combine(local.date(), mail.WORK_END, tz).astimezone(UTC)
    offset = (start - opening).total_seconds() / 60
    return opening <= start and end <= closing and offset % minutes == 0


def confirm(slug, body):
    row, owner = _page(slug)
    tz = mail.zone(body.get("tz") or _tz(row, owner))
    start, end = mail.parse_instant(body["start"], "start"), mail.parse_instant(body["end"], "end")
    if not _offered(start, end, tz):
        raise Invalid({"start": ["Not an offered slot: take start and end from the availability of this page."]})
    who = users.principal_of_user(row["user_id"])
    with db.write() as c:
        if mail.busy(c, row["org_id"], row["user_id"], start, end):
            raise Conflict("This slot has just been taken; pick another one.")
        lead_id = leads.find_duplicate(c, who, email=body["email"])
        created = lead_id is None
        if created:
            first, _, last = body["name"].strip().partition(" ")
            fields = {"first_name": first[:50], "last_name": last[:50] or None, "email": body["email"],
                      "lead_source": WEBSITE, "assigned_to": row["user_id"],
                      "notes": body.get("notes")}
            if body.get("company"):
                fields["company"] = body["company"]
            if body.get("phone"):
                fields["phone_number"] = body["phone"]
            lead_id = leads.create_fields(c, who, {k: v for k, v in fields.items() if v is not None})
        attendee = {"email": body["email"], "name": body["name"]}
        meeting = mail.create_meeting(c, who, {
            "title": f"Meeting with {body['name']}" + (f" ({body['company']})" if body.get("company") else ""),
            "start_time": iso(start), "end_time": iso(end), "lead_id": lead_id, "attendees": [attendee],
            "meeting_tool": "meet", "description": body.get("notes"), "timezone": tz.key, "source": "booking"})
        activity.notify(c, who, "booking", f"{body['name']} booked a meeting",
                        {"meeting_id": meeting["id"], "lead_id": lead_id, "start": meeting["start_time"]},
                        user_id=row["user_id"])
        return {"meeting": meeting, "lead_id": lead_id, "lead_created": created}


def seed_pages(sdb, stamp):
    sdb[PAGES].insert_all([
        {"slug": "your-name", "org_id": "org_acme", "user_id": 142, "title": "Account Executive",
         "headline": "Book a 30-minute intro call", "timezone": None, "durations": "[15, 30, 60]", "created_at": stamp},
        {"slug": "riley-rep", "org_id": "org_acme", "user_id": 143, "title": "Sales Representative",
         "headline": "Let's talk about your pipeline", "timezone": None, "durations": "[30]", "created_at": stamp},
        {"slug": "grace-globex", "org_id": "org_globex", "user_id": 201, "title": "Head of Sales",
         "headline": "Meet Globex", "timezone": None, "durations": "[30, 60]", "created_at": stamp},
    ])
