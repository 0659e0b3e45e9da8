"""Mail: mail configurations, the inbox (tracked sends, threaded replies), calendar events,
meetings (transcripts, AI summaries) and availability.

Instants are stored as ISO 8601 UTC strings with milliseconds (``...000Z``), so they compare as text.
A config's secret (password or OAuth token) is stored and never returned.
"""

import hashlib
import secrets
from datetime import UTC, datetime, time, timedelta
from datetime import date as date_cls
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from app.core import clock, db
from app.core.errors import Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity
from app.vendors.lio.common import day_bounds, iso, now_iso, one_page
from app.vendors.lio.companies import store as companies
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.credits import store as credits
from app.vendors.lio.intent import store as intent
from app.vendors.lio.leads import store as leads

CONFIGS = "lio_mail_configs"
MESSAGES = "lio_mail_messages"
EVENTS = "lio_calendar_events"
MEETINGS = "lio_meetings"

MAILERS = ("gmail", "outlook", "smtp")
FOLDERS = ("inbox", "sent", "drafts", "archive")
PROVIDERS = ("google", "outlook")
MEETING_TOOLS = ("meet", "teams", "zoom", "custom", "none")
MEETING_STATUSES = {1: "Scheduled", 2: "Rescheduled", 3: "Held", 4: "Cancelled", 5: "No show"}
SCHEDULED, RESCHEDULED, HELD = 1, 2, 3
MAX_ID = 2**63 - 1                  # larger path ids cannot exist (SQLite integers)
WORK_START, WORK_END = time(9, 0), time(17, 0)
CONFIG_ORDER = {"id": "id", "created_at": "created_at", "mailer": "mailer"}
MESSAGE_ORDER = {"id": "id", "created_at": "created_at", "subject": "subject"}
MEETING_ORDER = {"id": "id", "start_time": "start_time", "created_at": "created_at"}
TOOL_URLS = {"meet": "https://meet.google.com/{}", "teams": "https://teams.microsoft.com/l/meetup-join/{}",
             "zoom": "https://zoom.us/j/{}"}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {CONFIGS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER, mailer TEXT NOT NULL,"
        " from_address TEXT NOT NULL, from_name TEXT NOT NULL, secret TEXT NOT NULL, smtp_host TEXT, smtp_port INTEGER,"
        " state_id INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{CONFIGS}_org ON {CONFIGS} (org_id, id)",
        f"CREATE TABLE {MESSAGES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, config_id INTEGER NOT NULL,"
        " folder TEXT NOT NULL, thread_id TEXT NOT NULL, from_address TEXT NOT NULL, from_name TEXT,"
        " to_addresses TEXT NOT NULL, cc TEXT NOT NULL DEFAULT '[]', bcc TEXT NOT NULL DEFAULT '[]',"
        " subject TEXT NOT NULL, body TEXT NOT NULL, is_read INTEGER NOT NULL DEFAULT 0, lead_id INTEGER,"
        " tracking_token TEXT UNIQUE, in_reply_to INTEGER, user_id INTEGER, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{MESSAGES}_cfg ON {MESSAGES} (org_id, config_id, folder, id)",
        f"CREATE TABLE {EVENTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER NOT NULL,"
        " provider TEXT NOT NULL, external_id TEXT NOT NULL, summary TEXT NOT NULL, start_at TEXT NOT NULL,"
        " end_at TEXT NOT NULL, time_zone TEXT, attendees TEXT NOT NULL DEFAULT '[]', location TEXT,"
        " description TEXT, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{EVENTS}_user ON {EVENTS} (org_id, user_id, start_at)",
        f"CREATE TABLE {MEETINGS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER NOT NULL,"
        " title TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT NOT NULL, lead_id INTEGER,"
        " contact_id INTEGER, company_id INTEGER, attendees TEXT NOT NULL DEFAULT '[]',"
        " meeting_tool TEXT NOT NULL DEFAULT 'none', meeting_url TEXT, description TEXT, location TEXT,"
        " timezone TEXT, status INTEGER NOT NULL DEFAULT 1, transcript TEXT, summary TEXT, summary_detail TEXT,"
        " source TEXT NOT NULL DEFAULT 'api', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{MEETINGS}_user ON {MEETINGS} (org_id, user_id, start_time)",
    ):
        sdb.execute(sql)


# -- helpers --------------------------------------------------------------------------------------
def _instant(value, field, tz=None):
    """An aware UTC datetime from ISO text (naive → ``tz`` or UTC); 422 naming ``field``."""
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00").replace("z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=tz or UTC)
        parsed = parsed.astimezone(UTC)
        clock.check_range(parsed)
    except (ValueError, TypeError, OverflowError):
        raise Invalid({field: ["Must be an ISO 8601 date-time."]}) from None
    return parsed


def zone(name, field="tz"):
    try:
        if not name or len(name) > 64 or ".." in name or name.startswith("/"):
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise Invalid({field: [f"Unknown time zone {name!r}: use an IANA name such as Europe/Berlin."]}) from None


def _jl(text):
    return orjson.loads(text) if text else []


def _dump(value):
    return orjson.dumps(value).decode()


def _token(prefix):
    return prefix + secrets.token_hex(12)


def _track(c, who, token, lead_id):
    """Register a sent message's tracking token with intent (its open pixel then records
    ``email_opened`` for the lead); a message to no lead has nothing to attribute opens to."""
    if lead_id is not None and leads.assignees(c, who, [lead_id]):
        intent.register_token(c, who, token, lead_id)


# -- configurations -------------------------------------------------------------------------------
def _config_wire(row):
    return {"id": row["id"], "mailer": row["mailer"], "from_address": row["from_address"],
            "from_name": row["from_name"], "smtp_host": row["smtp_host"], "smtp_port": row["smtp_port"],
            "user_id": row["user_id"], "state_id": row["state_id"], "connected": row["state_id"] == 1,
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def list_configs(who, args):
    w = Where("org_id", who["org_id"]).eq("mailer", args.get("mailer")).eq("state_id", args.get("state_id"))
    w.contains(("from_address", "from_name", "mailer"), args.get("search_value"))
    w.between("created_at", *day_bounds(args))
    page = fetch_page(db.conn(), f"SELECT * FROM {CONFIGS}", w,
                      order(CONFIG_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_config_wire)


def add_config(who, body):
    secret = body.get("password") or body.get("oauth_token")
    if not secret:
        raise Invalid({"password": ["Send password (SMTP) or oauth_token (gmail/outlook)."]})
    now = now_iso()
    with db.write() as c:
        config_id = c.execute(
            f"INSERT INTO {CONFIGS} (org_id, user_id, mailer, from_address, from_name, secret, smtp_host, smtp_port,"
            " state_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            (who["org_id"], who.get("user_id"), body["mailer"], body["from_address"], body["from_name"],
             hashlib.sha256(secret.encode()).hexdigest(), body.get("smtp_host"), body.get("smtp_port"),
             now, now)).lastrowid
        return _config_wire(c.execute(f"SELECT * FROM {CONFIGS} WHERE id = ?", (config_id,)).fetchone())


# -- inbox ----------------------------------------------------------------------------------------
def _message_wire(row):
    return {"id": row["id"], "config_id": row["config_id"], "folder": row["folder"], "thread_id": row["thread_id"],
            "from_address": row["from_address"], "from_name": row["from_name"], "to": _jl(row["to_addresses"]),
            "cc": _jl(row["cc"]), "bcc": _jl(row["bcc"]), "subject": row["subject"], "body": row["body"],
            "is_read": bool(row["is_read"]), "lead_id": row["lead_id"], "tracking_token": row["tracking_token"],
            "in_reply_to": row["in_reply_to"], "created_at": row["created_at"]}


def _config_row(c, who, config_id):
    row = c.execute(f"SELECT * FROM {CONFIGS} WHERE id = ? AND org_id = ?", (config_id, who["org_id"])).fetchone()
    if row is None:
        raise Invalid({"config_id": [f"Unknown mail configuration {config_id}: must be one of your organization."]})
    return row


def _message_row(c, who, config_id, message_id):
    if not 0 < message_id <= MAX_ID:
        raise NotFound("message", None)
    row = c.execute(f"SELECT * FROM {MESSAGES} WHERE id = ? AND org_id = ? AND config_id = ?",
                    (message_id, who["org_id"], config_id)).fetchone()
    if row is None:
        raise NotFound("message", message_id)
    return row


def list_messages(who, args):
    c = db.conn()
    _config_row(c, who, args["config_id"])
    w = Where("org_id", who["org_id"]).eq("config_id", args["config_id"]).eq("folder", args.get("folder"))
    w.contains(("subject", "body", "from_address", "to_addresses"), args.get("search") or args.get("search_value"))
    if args.get("unreadOnly"):
        w.where("is_read = 0")
    w.between("created_at", *day_bounds(args))
    page = fetch_page(c, f"SELECT * FROM {MESSAGES}", w, order(MESSAGE_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(_message_wire)


def view_message(who, message_id, config_id):
    with db.write() as c:
        _config_row(c, who, config_id)
        row = _message_row(c, who, config_id, message_id)
        c.execute(f"UPDATE {MESSAGES} SET is_read = 1 WHERE id = ?", (row["id"],))
        return _message_wire(c.execute(f"SELECT * FROM {MESSAGES} WHERE id = ?", (row["id"],)).fetchone())


def _insert_message(c, who, config, folder, to, subject, body, thread_id, lead_id=None, cc=None, bcc=None,
                    in_reply_to=None, token=None):
    message_id = c.execute(
        f"INSERT INTO {MESSAGES} (org_id, config_id, folder, thread_id, from_address, from_name, to_addresses, cc,"
        " bcc, subject, body, is_read, lead_id, tracking_token, in_reply_to, user_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
        (who["org_id"], config["id"], folder, thread_id, config["from_address"], config["from_name"], _dump(to),
         _dump(cc or []), _dump(bcc or []), subject, body, lead_id, token, in_reply_to, who.get("user_id"),
         now_iso())).lastrowid
    return _message_wire(c.execute(f"SELECT * FROM {MESSAGES} WHERE id = ?", (message_id,)).fetchone())


def send(who, body):
    with db.write() as c:
        return send_message(c, who, body["config_id"], body["to"], body["subject"], body["body"],
                            lead_id=body.get("lead_id"), cc=body.get("cc"), bcc=body.get("bcc"))


def reply(who, message_id, body):
    with db.write() as c:
        config = _config_row(c, who, body["config_id"])
        original = _message_row(c, who, config["id"], message_id)
        subject = original["subject"]
        if not subject.lower().startswith("re:"):
            subject = f"Re: {subject}"
        to = [original["from_address"]] if original["folder"] != "sent" else _jl(original["to_addresses"])
        token = _token("trk_")
        message = _insert_message(c, who, config, "sent", to, subject, body["body"], original["thread_id"],
                                  lead_id=original["lead_id"], cc=body.get("cc"), in_reply_to=original["id"],
                                  token=token)
        _track(c, who, token, original["lead_id"])
        activity.record(c, who, "message", message["id"], "replied", {"thread_id": original["thread_id"]})
        return message


# -- calendar -------------------------------------------------------------------------------------
def _event_wire(row):
    return {"id": row["id"], "provider": row["provider"], "external_id": row["external_id"],
            "summary": row["summary"], "start": row["start_at"], "end": row["end_at"], "time_zone": row["time_zone"],
            "attendees": _jl(row["attendees"]), "location": row["location"], "description": row["description"],
            "user_id": row["user_id"], "created_at": row["created_at"]}


def _range(args):
    low = _instant(args["from_"], "from") if args.get("from_") else None
    high = _instant(args["to"], "to") if args.get("to") else None
    return low, high


def _provider(provider):
    if provider not in PROVIDERS:
        raise NotFound(message=f"Unknown calendar provider {provider[:40]!r}: use google or outlook.")


def list_events(who, provider, args):
    _provider(provider)
    low, high = _range(args)
    sql = f"SELECT * FROM {EVENTS} WHERE org_id = ? AND user_id = ? AND provider = ?"
    params = [who["org_id"], who.get("user_id"), provider]
    if low:
        sql += " AND end_at > ?"
        params.append(iso(low))
    if high:
        sql += " AND start_at < ?"
        params.append(iso(high))
    rows = db.conn().execute(sql + " ORDER BY start_at, id LIMIT 500", params).fetchall()
    return one_page(_event_wire(r) for r in rows)


def _event_time(value, field):
    if isinstance(value, dict):
        tz = zone(value["timeZone"], f"{field}.timeZone") if value.get("timeZone") else None
        raw = value.get("dateTime") or value.get("date")
        if not raw:
            raise Invalid({field: ["Send an ISO 8601 date-time or {dateTime, timeZone}."]})
        return _instant(raw, field, tz), value.get("timeZone")
    return _instant(value, field), None


def add_event(who, provider, body):
    _provider(provider)
    summary = body.get("summary") or body.get("subject") or body.get("title")
    if not summary:
        raise Invalid({"summary": ["Send summary (google), subject (outlook) or title."]})
    start, tz_name = _event_time(body["start"], "start")
    end, _ = _event_time(body["end"], "end")
    if end <= start:
        raise Invalid({"end": ["Must be after start."]})
    attendees = [a.get("email") or a.get("emailAddress", {}).get("address") if isinstance(a, dict) else a
                 for a in body.get("attendees") or []]
    with db.write() as c:
        event_id = c.execute(
            f"INSERT INTO {EVENTS} (org_id, user_id, provider, external_id, summary, start_at, end_at, time_zone,"
            " attendees, location, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], who.get("user_id"), provider, _token("evt_"), summary[:500], iso(start), iso(end), tz_name,
             _dump([a for a in attendees if a]), body.get("location"), body.get("description"), now_iso())).lastrowid
        return _event_wire(c.execute(f"SELECT * FROM {EVENTS} WHERE id = ?", (event_id,)).fetchone())


def availability(who, args):
    return free_slots(db.conn(), who["org_id"], who.get("user_id"), args["date"], args["duration"],
                      args.get("tz") or "UTC", args.get("from_"), args.get("to"))


# -- meetings -------------------------------------------------------------------------------------
def _meeting_wire(row):
    return {"id": row["id"], "title": row["title"], "start_time": row["start_time"], "end_time": row["end_time"],
            "user_id": row["user_id"], "lead_id": row["lead_id"], "contact_id": row["contact_id"],
            "company_id": row["company_id"], "attendees": _jl(row["attendees"]), "meeting_tool": row["meeting_tool"],
            "meeting_url": row["meeting_url"], "description": row["description"], "location": row["location"],
            "timezone": row["timezone"], "status": row["status"], "status_name": MEETING_STATUSES[row["status"]],
            "has_transcript": bool(row["transcript"]), "summary": row["summary"], "source": row["source"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _meeting_row(c, who, meeting_id):
    if not 0 < meeting_id <= MAX_ID:
        raise NotFound("meeting", None)
    row = c.execute(f"SELECT * FROM {MEETINGS} WHERE id = ? AND org_id = ?", (meeting_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("meeting", meeting_id)
    return row


def list_meetings(who, args):
    w = Where("org_id", who["org_id"]).eq("lead_id", args.get("lead_id")).eq("contact_id", args.get("contact_id"))
    w.eq("company_id", args.get("company_id")).eq("status", args.get("status"))
    w.contains(("title", "description", "attendees"), args.get("search_value"))
    low, high = _range(args)
    if low:
        w.where("end_time > ?", iso(low))
    if high:
        w.where("start_time < ?", iso(high))
    w.between("created_at", *day_bounds(args))
    page = fetch_page(db.conn(), f"SELECT * FROM {MEETINGS}", w,
                      order(MEETING_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(_meeting_wire)


def get_meeting(who, meeting_id):
    return _meeting_wire(_meeting_row(db.conn(), who, meeting_id))


def _attendees(values):
    out = []
    for a in values or []:
        email = a.get("email") if isinstance(a, dict) else a
        if not isinstance(email, str) or "@" not in email or len(email) > 254:
            raise Invalid({"attendees": ["Each attendee is an email or an object with an email."]})
        entry = {"email": email}
        if isinstance(a, dict) and a.get("name"):
            entry["name"] = str(a["name"])[:200]
        out.append(entry)
    return out


def _check_refs(c, who, fields):
    if fields.get("lead_id") is not None:
        leads.require(c, who, fields["lead_id"])
    if fields.get("contact_id") is not None:
        contacts.require(c, who, fields["contact_id"])
    if fields.get("company_id") is not None and companies.name_of(c, who, fields["company_id"]) is None:
        raise Invalid({"company_id": [f"Unknown company {fields['company_id']}: must be a company of your "
                                      "organization."]})


def add_meeting(who, body):
    with db.write() as c:
        return create_meeting(c, who, body)


def update_meeting(who, meeting_id, body):
    with db.write() as c:
        row = _meeting_row(c, who, meeting_id)
        _check_refs(c, who, body)
        start = _instant(body["start_time"], "start_time") if body.get("start_time") else clock.parse_iso(
            row["start_time"])
        end = _instant(body["end_time"], "end_time") if body.get("end_time") else clock.parse_iso(row["end_time"])
        if end <= start:
            raise Invalid({"end_time": ["Must be after start_time."]})
        sets = {}
        for key in ("title", "lead_id", "contact_id", "company_id", "description", "location", "timezone"):
            if key in body:
                sets[key] = body[key]
        if body.get("timezone"):
            zone(body["timezone"], "timezone")
        if "attendees" in body:
            sets["attendees"] = _dump(_attendees(body["attendees"]))
        moved = iso(start) != row["start_time"] or iso(end) != row["end_time"]
        sets["start_time"], sets["end_time"] = iso(start), iso(end)
        if "status" in body:
            sets["status"] = body["status"]
        elif moved and row["status"] in (SCHEDULED, RESCHEDULED):
            sets["status"] = RESCHEDULED
        sets["updated_at"] = now_iso()
        c.execute(f"UPDATE {MEETINGS} SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                  [*sets.values(), row["id"]])
        activity.record(c, who, "meeting", row["id"], "updated", {"fields": sorted(body)})
        return _meeting_wire(_meeting_row(c, who, row["id"]))


def delete_meeting(who, meeting_id):
    with db.write() as c:
        row = _meeting_row(c, who, meeting_id)
        c.execute(f"DELETE FROM {MEETINGS} WHERE id = ?", (row["id"],))
        activity.record(c, who, "meeting", row["id"], "deleted")
        return {"deleted": 1}


def transcript(who, meeting_id):
    row = _meeting_row(db.conn(), who, meeting_id)
    if not row["transcript"]:
        raise NotFound(message=f"Meeting {meeting_id} has no transcript: transcripts exist only for held meetings "
                               "(status 3) that were recorded.")
    return {"meeting_id": row["id"], "title": row["title"], "segments": _jl(row["transcript"])}


def _summary_text(row, detail):
    segments = _jl(row["transcript"])
    speakers = sorted({s["speaker"] for s in segments})
    head = (f"Meeting \"{row['title']}\" on {row['start_time'][:10]} with {', '.join(speakers) or 'the attendees'}.")
    if not segments:
        return head + " No transcript was recorded; the summary is based on the title."
    points = [s["text"] for s in segments]
    if detail == "brief":
        return f"{head} Key point: {points[0]} Next step: {points[-1]}"
    bullets = "\n".join(f"- {s['speaker']}: {s['text']}" for s in segments)
    return f"{head}\n\nDiscussion:\n{bullets}\n\nNext step: {points[-1]}"


def generate_summary(who, meeting_id, body):
    detail = body.get("detail") or "brief"
    with db.write() as c:
        row = _meeting_row(c, who, meeting_id)
        charge = credits.spend(c, who, "meeting_summary", 1 if detail == "brief" else 2, ref=f"meeting:{row['id']}")
        text = _summary_text(row, detail)
        c.execute(f"UPDATE {MEETINGS} SET summary = ?, summary_detail = ?, updated_at = ? WHERE id = ?",
                  (text, detail, now_iso(), row["id"]))
        return {"meeting_id": row["id"], "detail": detail, "summary": text, "credits_spent": charge["spent"],
                "credits_balance": charge["balance"]}


# -- for other areas (public, stable) ------------------------------------------------------------
def require_config(c, who, config_id):
    """The org's mail configuration row as a dict (secret removed); 422 naming ``config_id`` otherwise."""
    return _config_wire(_config_row(c, who, config_id))


def send_message(c, who, config_id, to, subject, body, lead_id=None, cc=None, bcc=None):
    """Send (store in the config's ``sent`` folder) a tracked message in a new thread; returns its wire dict
    with ``tracking_token``."""
    config = _config_row(c, who, config_id)
    if lead_id is not None:
        leads.require(c, who, lead_id)
    to = [to] if isinstance(to, str) else list(to)
    token = _token("trk_")
    message = _insert_message(c, who, config, "sent", to, subject, body, _token("thr_"), lead_id=lead_id, cc=cc,
                              bcc=bcc, token=token)
    _track(c, who, token, lead_id)
    activity.record(c, who, "message", message["id"], "sent", {"lead_id": lead_id, "to": to})
    return message


def message_by_token(c, token):
    """``{"id", "org_id", "lead_id", "config_id", "subject", "to", ...}`` of the message with this tracking
    token (any org), or None."""
    row = c.execute(f"SELECT * FROM {MESSAGES} WHERE tracking_token = ?", (token,)).fetchone()
    return None if row is None else {**_message_wire(row), "org_id": row["org_id"]}


def parse_instant(value, field, tz=None):
    """An aware UTC datetime from ISO 8601 text (naive → ``tz`` or UTC); 422 naming ``field``."""
    return _instant(value, field, tz)


def busy_intervals(c, org_id, user_id, start, end):
    """Sorted ``[(start, end), ...]`` (aware datetimes) of the user's meetings (not cancelled) and calendar
    events overlapping ``[start, end)``."""
    low, high = iso(start), iso(end)
    rows = c.execute(f"SELECT start_time, end_time FROM {MEETINGS} WHERE org_id = ? AND user_id = ? AND status != 4"
                     " AND start_time < ? AND end_time > ?", (org_id, user_id, high, low)).fetchall()
    rows += c.execute(f"SELECT start_at, end_at FROM {EVENTS} WHERE org_id = ? AND user_id = ?"
                      " AND start_at < ? AND end_at > ?", (org_id, user_id, high, low)).fetchall()
    return sorted((clock.parse_iso(a), clock.parse_iso(b)) for a, b in rows)


def busy(c, org_id, user_id, start, end):
    """Whether anything of the user overlaps ``[start, end)``."""
    return bool(busy_intervals(c, org_id, user_id, start, end))


def _hhmm(value, field):
    if value is None or isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise Invalid({field: ["Must be HH:MM."]}) from None


def free_slots(c, org_id, user_id, date, duration, tz, from_=None, to=None):
    """``[{"start", "end"}, ...]`` (ISO 8601 UTC) of ``duration``-minute slots on ``date`` in ``tz``, within
    09:00–17:00 (narrowed by ``from_``/``to`` HH:MM) on weekdays, minus busy intervals, never in the past."""
    tzinfo = zone(tz) if isinstance(tz, str) else tz
    if isinstance(date, str):
        try:
            date = date_cls.fromisoformat(date)
        except ValueError:
            raise Invalid({"date": ["Must be YYYY-MM-DD."]}) from None
    if date.weekday() >= 5:
        return []
    low = max(WORK_START, _hhmm(from_, "from") or WORK_START)
    high = min(WORK_END, _hhmm(to, "to") or WORK_END)
    try:
        day_start = clock.check_range(datetime.combine(date, low, tzinfo).astimezone(UTC))
        day_end = clock.check_range(datetime.combine(date, high, tzinfo).astimezone(UTC))
    except (ValueError, OverflowError):
        raise Invalid({"date": ["Out of the range of dates the sandbox supports."]}) from None
    step = timedelta(minutes=duration)
    if day_end <= day_start:
        return []
    taken = busy_intervals(c, org_id, user_id, day_start, day_end)
    now = clock.now()
    out = []
    slot = day_start
    while slot + step <= day_end:
        end = slot + step
        if slot >= now and not any(a < end and b > slot for a, b in taken):
            out.append({"start": iso(slot), "end": iso(end)})
        slot = end
    return out


def create_meeting(c, who, fields):
    """Insert a meeting for ``fields.get("user_id")`` or ``who``'s user (validated: end after start, lead/contact/
    company of the org, attendees, tool); status 1 Scheduled; returns the wire meeting."""
    start = _instant(fields["start_time"], "start_time")
    end = _instant(fields["end_time"], "end_time")
    if end <= start:
        raise Invalid({"end_time": ["Must be after start_time."]})
    _check_refs(c, who, fields)
    if fields.get("timezone"):
        zone(fields["timezone"], "timezone")
    tool = fields.get("meeting_tool") or "none"
    url = TOOL_URLS[tool].format(secrets.token_hex(5)) if tool in TOOL_URLS else fields.get("meeting_url")
    now = now_iso()
    meeting_id = c.execute(
        f"INSERT INTO {MEETINGS} (org_id, user_id, title, start_time, end_time, lead_id, contact_id, company_id,"
        " attendees, meeting_tool, meeting_url, description, location, timezone, status, source, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (who["org_id"], fields.get("user_id") or who.get("user_id"), fields["title"], iso(start), iso(end),
         fields.get("lead_id"), fields.get("contact_id"), fields.get("company_id"),
         _dump(_attendees(fields.get("attendees"))), tool, url, fields.get("description"), fields.get("location"),
         fields.get("timezone"), SCHEDULED, fields.get("source") or "api", now, now)).lastrowid
    activity.record(c, who, "meeting", meeting_id, "created", {"lead_id": fields.get("lead_id")})
    return _meeting_wire(_meeting_row(c, who, meeting_id))
