"""Integrations (doc 6.14): the org's connected apps, HubSpot properties and imports, Slack channels
and test notifications, Teams channels.

Everything an external provider would answer comes from seeded tables (per organization): the
connected apps, HubSpot's properties and its records (``lio_hubspot_records``), the Slack and Teams
channels. A HubSpot import is a ``hubspot_import`` job of the ``jobs`` area: at completion (5 seconds
of sandbox time) its handler turns the HubSpot records created in ``from``/``to`` (up to ``limit``)
into companies and leads through those areas' public store functions, and notifies ``import_done``.
"""

import hashlib

import marshmallow as ma
import orjson

from app.core import clock, db, timeline
from app.core.errors import ApiError, Conflict, Invalid, NotFound
from app.vendors.lio.activity import store as activity  # lower areas only: see AREAS
from app.vendors.lio.common import now_iso
from app.vendors.lio.companies import store as companies
from app.vendors.lio.jobs import store as jobs
from app.vendors.lio.leads import store as leads
from app.vendors.lio.leads.schemas import LeadCreateSchema

APPS = "lio_connected_apps"
PROPERTIES = "lio_hubspot_properties"
RECORDS = "lio_hubspot_records"
SLACK_CHANNELS = "lio_slack_channels"
SLACK_SENT = "lio_slack_notifications"
TEAMS_CHANNELS = "lio_teams_channels"

KIND = "hubspot_import"
PROVIDERS = {"hubspot": "HubSpot", "slack": "Slack", "teams": "Microsoft Teams"}
EVENT_TYPES = ("test", "new_lead", "lead_assigned", "hot_lead", "deal_won", "deal_lost", "meeting_booked",
               "import_done")
EVENT_TEXTS = {
    "test": "This is a test notification from LIO.",
    "new_lead": "New lead captured: Jane Doe (Acme Corp).",
    "lead_assigned": "A lead was assigned to you: Jane Doe.",
    "hot_lead": "Hot lead: Jane Doe requested a demo.",
    "deal_won": "Deal won: Acme Corp — Annual plan ($12,000).",
    "deal_lost": "Deal lost: Acme Corp — Annual plan.",
    "meeting_booked": "Meeting booked with Jane Doe tomorrow at 10:00.",
    "import_done": "Import finished: 25 leads created.",
}
IMPORT_LIMIT_DEFAULT, IMPORT_LIMIT_MAX = 100, 1000
NOT_CONNECTED = "{} is not connected for your organization. Connect it in LIO first."

# Where a HubSpot property may go: lead fields (those of lead/add) and company fields.
LEAD_TARGETS = ("first_name", "last_name", "email", "phone_number", "company", "job_title", "industry", "website",
                "address", "city", "state", "country", "pin_code", "linkedin_url", "notes", "estimated_value")
COMPANY_TARGETS = ("company_name", "industry_type", "address", "city", "country", "employee_size", "contact_email",
                   "phone_number", "website", "summary")
DEFAULT_MAPPING = {
    "lead": {"firstname": "first_name", "lastname": "last_name", "email": "email", "phone": "phone_number",
             "jobtitle": "job_title", "city": "city", "country": "country", "linkedin_profile_url": "linkedin_url"},
    "company": {"name": "company_name", "domain": "website", "industry": "industry_type",
                "numberofemployees": "employee_size"},
}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {APPS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, provider TEXT NOT NULL,"
        " name TEXT NOT NULL, is_connected INTEGER NOT NULL, account_name TEXT, account_id TEXT,"
        " scopes TEXT NOT NULL DEFAULT '[]', connected_by INTEGER, connected_at TEXT, last_synced_at TEXT,"
        " UNIQUE (org_id, provider))",
        f"CREATE TABLE {PROPERTIES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, object_type TEXT NOT NULL,"
        " name TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL, field_type TEXT NOT NULL,"
        " group_name TEXT NOT NULL, description TEXT, hidden INTEGER NOT NULL, importable INTEGER NOT NULL,"
        " custom INTEGER NOT NULL, UNIQUE (org_id, object_type, name))",
        f"CREATE TABLE {RECORDS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, hs_object_id TEXT NOT NULL,"
        " contact TEXT NOT NULL, company TEXT, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{RECORDS}_org ON {RECORDS} (org_id, created_at, id)",
        f"CREATE TABLE {SLACK_CHANNELS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, channel_id TEXT NOT NULL,"
        " name TEXT NOT NULL, is_private INTEGER NOT NULL, num_members INTEGER NOT NULL, topic TEXT,"
        " created_at TEXT NOT NULL, UNIQUE (org_id, channel_id))",
        f"CREATE TABLE {SLACK_SENT} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " channel_id TEXT NOT NULL, channel_name TEXT NOT NULL, event_type TEXT NOT NULL, text TEXT NOT NULL,"
        " ts TEXT NOT NULL, sent_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{SLACK_SENT}_org ON {SLACK_SENT} (org_id, channel_id, id)",
        f"CREATE TABLE {TEAMS_CHANNELS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, team_id TEXT NOT NULL,"
        " team_name TEXT NOT NULL, channel_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,"
        " membership_type TEXT NOT NULL, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{TEAMS_CHANNELS}_org ON {TEAMS_CHANNELS} (org_id, team_id, id)",
    ):
        sdb.execute(sql)


def team_guid(org_id, name):
    """A stable GUID-shaped Teams id for an org's team or channel name (seeding and examples)."""
    h = hashlib.sha256(f"{org_id}|{name}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


# -- connected apps ---------------------------------------------------------------------------------
def _app_wire(row):
    return {"id": row["id"], "provider": row["provider"], "name": row["name"],
            "status": "connected" if row["is_connected"] else "not_connected",
            "is_connected": bool(row["is_connected"]), "account_name": row["account_name"],
            "account_id": row["account_id"], "scopes": orjson.loads(row["scopes"]),
            "connected_by": row["connected_by"], "connected_at": row["connected_at"],
            "last_synced_at": row["last_synced_at"]}


def list_apps(who):
    rows = db.conn().execute(f"SELECT * FROM {APPS} WHERE org_id = ? ORDER BY id", (who["org_id"],)).fetchall()
    return [_app_wire(r) for r in rows]


def _connected(c, who, provider):
    """The org's connected app row for ``provider``; 409 ``conflict`` when it is not connected."""
    row = c.execute(f"SELECT * FROM {APPS} WHERE org_id = ? AND provider = ?", (who["org_id"], provider)).fetchone()
    if row is None or not row["is_connected"]:
        raise Conflict(NOT_CONNECTED.format(PROVIDERS[provider]), details={"provider": provider})
    return row


# -- HubSpot properties ----------------------------------------------------------------------------
def _property_wire(row):
    return {"name": row["name"], "label": row["label"], "type": row["type"], "field_type": row["field_type"],
            "object_type": row["object_type"], "group_name": row["group_name"], "hidden": bool(row["hidden"]), "importable": bool(row["importable"]), "custom": bool(row["custom"])}


def hubspot_properties(who, args):
    c = db.conn()
    _connected(c, who, "hubspot")
    sql = f"SELECT * FROM {PROPERTIES} WHERE org_id = ?"
    if not args.get("all"):
        sql += " AND hidden = 0"
    rows = c.execute(sql + " ORDER BY object_type DESC, id", (who["org_id"],)).fetchall()
    return [_property_wire(r) for r in rows]


# -- HubSpot import --------------------------------------------------------------------------------
def _check_mapping(c, who, mapping):
    """422 naming ``mapping.<side>[.<property>]`` for unknown properties, unknown or repeated targets,
    or a lead mapping without first_name and last_name."""
    importable = {(r["object_type"], r["name"]) for r in c.execute(
        f"SELECT object_type, name FROM {PROPERTIES} WHERE org_id = ? AND importable = 1", (who["org_id"],))}
    errors = {}
    for side, object_type, targets in (("lead", "contact", LEAD_TARGETS), ("company", "company", COMPANY_TARGETS)):
        seen = set()
        for prop, target in (mapping.get(side) or {}).items():
            field = f"mapping.{side}.{prop}"
            if (object_type, prop) not in importable:
                errors[field] = [f"Unknown HubSpot {object_type} property {prop!r} (see hubspot/properties)."]
            elif target not in targets:
                errors[field] = [f"Unknown {side} field {target!r}: must be one of {', '.join(targets)}."]
            elif target in seen:
                errors[field] = [f"{side} field {target!r} is mapped twice."]
            seen.add(target)
    lead_targets = set((mapping.get("lead") or {}).values())
    if not {"first_name", "last_name"} <= lead_targets:
        errors.setdefault("mapping.lead", []).append("Map HubSpot properties to both first_name and last_name.")
    company = mapping.get("company") or {}
    if company and "company_name" not in company.values():
        errors.setdefault("mapping.company", []).append("Map a HubSpot company property to company_name.")
    if errors:
        raise Invalid(errors)


def start_hubspot_import(who, body):
    body = body or {}                             # the body is optional: the default mapping, everything
    with db.write() as c:
        app = _connected(c, who, "hubspot")
        mapping = body.get("mapping") or DEFAULT_MAPPING
        mapping = {"lead": dict(mapping.get("lead") or {}), "company": dict(mapping.get("company") or {})}
        _check_mapping(c, who, mapping)
        low, high = body.get("from"), body.get("to")
        if low and high and low > high:
            raise Invalid({"from": ["Must not be after `to`."]})
        payload = {"mapping": mapping, "from": low.isoformat() if low else None,
                   "to": high.isoformat() if high else None, "limit": body.get("limit") or IMPORT_LIMIT_DEFAULT}
        job = jobs.start(c, who, KIND, payload, file_name=f"hubspot:{app['account_id']}")
        activity.record(c, who, "connected_app", app["id"], "hubspot_import_started", {"job_id": job["id"]})
        return job


def _mapped(props, side_mapping):
    return {target: props.get(prop) for prop, target in side_mapping.items()
            if props.get(prop) not in (None, "")}


def _lead_fields(contact, mapping, company_name):
    raw = _mapped(contact, mapping["lead"])
    if company_name and not raw.get("company"):
        raw["company"] = company_name
    if "estimated_value" in raw:
        try:
            raw["estimated_value"] = float(raw["estimated_value"])
        except (TypeError, ValueError):
            pass                                  # the lead schema names it: the row fails
    return raw


def _import_record(c, who, row, mapping, seen, counts):
    contact = orjson.loads(row["contact"])
    company = orjson.loads(row["company"]) if row["company"] else {}
    company_name = None
    company_fields = _mapped(company, mapping["company"]) if mapping["company"] else {}
    if company_fields.get("company_name", "").strip():
        company_id, created = companies.import_company(c, who, company_fields)
        counts["companies_created" if created else "companies_existing"] += 1
        company_name = companies.name_of(c, who, company_id)
    try:
        fields = LeadCreateSchema().load(_lead_fields(contact, mapping, company_name))
    except ma.ValidationError:
        return "failed"
    email = (fields.get("email") or "").lower()
    if email and (email in seen or leads.find_duplicate(c, who, email=email)):
        return "duplicate"
    fields["custom_fields"] = {"hubspot_object_id": row["hs_object_id"]}
    try:
        lead_id = leads.create_fields(c, who, fields)
    except ApiError:
        return "failed"
    if email:
        seen.add(email)
    counts["lead_ids"].append(lead_id)
    return "created"


@timeline.handler("lio", KIND)
def _complete(c, job_id):
    who, payload = jobs.claim(c, job_id)
    if who is None or "mapping" not in payload:
        return
    sql, params = f"SELECT * FROM {RECORDS} WHERE org_id = ?", [who["org_id"]]
    if payload.get("from"):
        sql += " AND created_at >= ?"
        params.append(f"{payload['from']}T00:00:00.000Z")
    if payload.get("to"):
        sql += " AND created_at <= ?"
        params.append(f"{payload['to']}T23:59:59.999Z")
    rows = c.execute(sql + " ORDER BY created_at, id LIMIT ?", [*params, payload["limit"]]).fetchall()
    counts = {"total": len(rows), "created": 0, "duplicate": 0, "failed": 0, "companies_created": 0,
              "companies_existing": 0, "lead_ids": []}
    seen = set()
    for row in rows:
        counts[_import_record(c, who, row, payload["mapping"], seen, counts)] += 1
    jobs.finish(c, job_id, counts)
    c.execute(f"UPDATE {APPS} SET last_synced_at = ? WHERE org_id = ? AND provider = 'hubspot'",
              (now_iso(), who["org_id"]))
    brief = {k: v for k, v in counts.items() if k != "lead_ids"}
    activity.record(c, who, "lead", None, "imported", {"job_id": int(job_id), "source": "hubspot", **brief})
    activity.notify(c, who, "import_done",
                    f"HubSpot import finished: {counts['created']} created, {counts['duplicate']} duplicate, "
                    f"{counts['failed']} failed", {"job_id": int(job_id), "source": "hubspot", **brief},
                    user_id=who.get("user_id"))


def hubspot_import_status(who, job_id):
    return jobs.get(who, job_id, kind=KIND)


# -- Slack -----------------------------------------------------------------------------------------
def _slack_wire(row, last):
    return {"id": row["id"], "channel_id": row["channel_id"], "name": row["name"],
            "is_private": bool(row["is_private"]), "num_members": row["num_members"], "topic": row["topic"],
            "created_at": row["created_at"], "notifications_sent": last["n"] if last else 0,
            "last_notification": ({"event_type": last["event_type"], "text": last["text"], "sent_at": last["sent_at"]}
                                  if last else None)}


def slack_channels(who):
    c = db.conn()
    app = _connected(c, who, "slack")
    last = {r["channel_id"]: r for r in c.execute(
        f"SELECT channel_id, event_type, text, sent_at, n FROM (SELECT *, count(*) OVER (PARTITION BY channel_id) AS n,"
        f" row_number() OVER (PARTITION BY channel_id ORDER BY id DESC) AS k FROM {SLACK_SENT} WHERE org_id = ?)"
        " WHERE k = 1", (who["org_id"],))}
    rows = c.execute(f"SELECT * FROM {SLACK_CHANNELS} WHERE org_id = ? ORDER BY name, id", (who["org_id"],)).fetchall()
    return [{**_slack_wire(r, last.get(r["channel_id"])), "workspace": app["account_name"]} for r in rows]


def _sent_wire(row, workspace):
    return {"id": row["id"], "ok": True, "workspace": workspace, "channel_id": row["channel_id"],
            "channel": row["channel_name"], "event_type": row["event_type"], "text": row["text"], "ts": row["ts"],
            "sent_by": row["user_id"], "sent_at": row["sent_at"]}


def slack_test_notification(who, body):
    with db.write() as c:
        app = _connected(c, who, "slack")
        wanted = body["channel"].strip()
        name = wanted.removeprefix("#").lower()
        channel = c.execute(f"SELECT * FROM {SLACK_CHANNELS} WHERE org_id = ? AND (channel_id = ? OR lower(name) = ?)"
                            " ORDER BY id LIMIT 1", (who["org_id"], wanted, name)).fetchone()
        if channel is None:
            raise NotFound("slack channel", wanted, message=f"Slack channel {wanted!r} not found in your workspace.")
        event = body.get("event_type") or "test"
        text = f"[LIO test] {EVENT_TEXTS[event]}"
        stamp = now_iso()
        count = c.execute(f"SELECT count(*) FROM {SLACK_SENT} WHERE org_id = ?", (who["org_id"],)).fetchone()[0]
        ts = f"{int(clock.parse_iso(stamp).timestamp())}.{count + 1:06d}"      # Slack's message ts shape
        sent_id = c.execute(f"INSERT INTO {SLACK_SENT} (org_id, user_id, channel_id, channel_name, event_type, text,"
                            " ts, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (who["org_id"], who.get("user_id"), channel["channel_id"], channel["name"], event, text,
                             ts, stamp)).lastrowid
        activity.record(c, who, "slack_channel", channel["id"], "test_notification_sent",
                        {"channel_id": channel["channel_id"], "event_type": event})
        row = c.execute(f"SELECT * FROM {SLACK_SENT} WHERE id = ?", (sent_id,)).fetchone()
        return _sent_wire(row, app["account_name"])


# -- Teams -----------------------------------------------------------------------------------------
def _teams_wire(row):
    return {"id": row["id"], "team_id": row["team_id"], "team_name": row["team_name"], "channel_id": row["channel_id"],
            "name": row["name"], "description": row["description"], "membership_type": row["membership_type"],
            "web_url": f"https://teams.microsoft.com/l/channel/{row['channel_id']}?groupId={row['team_id']}",
            "created_at": row["created_at"]}


def teams_channels(who, args):
    c = db.conn()
    _connected(c, who, "teams")
    sql, params = f"SELECT * FROM {TEAMS_CHANNELS} WHERE org_id = ?", [who["org_id"]]
    team_id = args.get("team_id")
    if team_id:
        sql += " AND team_id = ?"
        params.append(team_id)
    rows = c.execute(sql + " ORDER BY team_name, name, id", params).fetchall()
    if team_id and not rows:
        raise NotFound("team", team_id, message=f"Team {team_id!r} not found in your Microsoft Teams tenant.")
    return [_teams_wire(r) for r in rows]
