"""Intent signals, alerts, hot leads and email tracking tokens (doc 6.13, 9).

A signal is a weighted behavioural event on a lead. ALERT_TYPES raise an alert (assigned to the
lead's assignee at that moment) and notify that user (``hot_lead``). Hot leads are the leads with
an alert-raising signal inside the last HOT_WINDOW_DAYS sandbox days, ranked by the sum of the
weights of all their signals in that window. Tracking tokens (own table) map a token to its org,
lead and, for clicks, the one URL it may redirect to; higher areas (mail) call register_token.
"""

import base64
import re
from datetime import UTC, timedelta

import orjson

from app.core import clock, db
from app.core.errors import Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity  # lower areas only: see AREAS
from app.vendors.lio.common import day_bounds, iso, now_iso
from app.vendors.lio.leads import store as leads
from app.vendors.lio.users import store as users

SIGNALS = "lio_intent_signals"
ALERTS = "lio_intent_alerts"
TOKENS = "lio_tracking_tokens"

WEIGHTS = {"demo_requested": 40, "reply_received": 30, "pricing_page_visit": 25, "email_opened_3x": 20,
           "form_submitted": 15, "case_study_download": 15, "link_clicked": 10, "manual": 5, "email_opened": 2}
SIGNAL_TYPES = tuple(WEIGHTS)
ALERT_TYPES = ("demo_requested", "pricing_page_visit", "reply_received", "email_opened_3x")
HOT_WINDOW_DAYS = 30
ALERT_ORDER = {"id": "id", "created_at": "created_at", "lead_id": "lead_id"}
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
MAX_ID = 2**53
TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{1,128}$")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {SIGNALS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, lead_id INTEGER NOT NULL,"
        " signal_type TEXT NOT NULL, signal_detail TEXT NOT NULL DEFAULT '{}', source TEXT, weight INTEGER NOT NULL,"
        " occurred_at TEXT NOT NULL, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{SIGNALS}_org ON {SIGNALS} (org_id, occurred_at)",
        f"CREATE TABLE {ALERTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, lead_id INTEGER NOT NULL,"
        " signal_id INTEGER NOT NULL, signal_type TEXT NOT NULL, title TEXT NOT NULL, assigned_to_id INTEGER,"
        " is_acknowledged INTEGER NOT NULL DEFAULT 0, acknowledged_at TEXT, acknowledged_by INTEGER,"
        " created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{ALERTS}_org ON {ALERTS} (org_id, lead_id, id)",
        f"CREATE TABLE {TOKENS} (token TEXT PRIMARY KEY, org_id TEXT NOT NULL, lead_id INTEGER NOT NULL,"
        " kind TEXT NOT NULL, url TEXT, opens INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0,"
        " created_at TEXT NOT NULL)",
    ):
        sdb.execute(sql)


def _signal_wire(row, alert=None):
    return {"id": row["id"], "lead_id": row["lead_id"], "signal_type": row["signal_type"],
            "signal_detail": orjson.loads(row["signal_detail"]), "source": row["source"], "weight": row["weight"],
            "occurred_at": row["occurred_at"], "created_at": row["created_at"], "alert": alert}


def _alert_wire(row):
    return {"id": row["id"], "lead_id": row["lead_id"], "signal_id": row["signal_id"],
            "signal_type": row["signal_type"], "title": row["title"], "assigned_to_id": row["assigned_to_id"],
            "is_acknowledged": bool(row["is_acknowledged"]), "acknowledged_at": row["acknowledged_at"],
            "acknowledged_by": row["acknowledged_by"], "created_at": row["created_at"]}


def _record(c, who, lead_id, signal_type, detail=None, source=None, occurred_at=None):
    """Insert a signal (lead already checked); raise its alert and notification when it is an ALERT_TYPE."""
    now = now_iso()
    cur = c.execute(f"INSERT INTO {SIGNALS} (org_id, lead_id, signal_type, signal_detail, source, weight,"
                    " occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (who["org_id"], lead_id, signal_type, orjson.dumps(detail or {}).decode(), source,
                     WEIGHTS[signal_type], occurred_at or now, now))
    signal = c.execute(f"SELECT * FROM {SIGNALS} WHERE id = ?", (cur.lastrowid,)).fetchone()
    activity.record(c, who, "lead", lead_id, "intent_signal", {"signal_type": signal_type, "signal_id": signal["id"]})
    alert = None
    if signal_type in ALERT_TYPES:
        assignee = leads.assignees(c, who, [lead_id]).get(lead_id)
        title = f"Hot lead: {signal_type.replace('_', ' ')} on lead {lead_id}"
        cur = c.execute(f"INSERT INTO {ALERTS} (org_id, lead_id, signal_id, signal_type, title, assigned_to_id,"
                        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (who["org_id"], lead_id, signal["id"], signal_type, title, assignee, now))
        alert = _alert_wire(c.execute(f"SELECT * FROM {ALERTS} WHERE id = ?", (cur.lastrowid,)).fetchone())
        activity.notify(c, who, "hot_lead", title,
                        {"lead_id": lead_id, "alert_id": alert["id"], "signal_type": signal_type}, user_id=assignee)
    return _signal_wire(signal, alert)


def log_signal(who, body):
    with db.write() as c:
        leads.require(c, who, body["lead_id"])
        occurred = body.get("occurred_at")
        if occurred is not None and occurred.tzinfo is None:
            occurred = occurred.replace(tzinfo=UTC)
        return _record(c, who, body["lead_id"], body["signal_type"], body.get("signal_detail"), body.get("source"),
                       iso(occurred) if occurred else None)


def list_alerts(who, args):
    w = Where("org_id", who["org_id"])
    w.eq("lead_id", args.get("lead_id")).eq("assigned_to_id", args.get("assigned_to_id"))
    if args.get("is_acknowledged") is not None:
        w.eq("is_acknowledged", int(args["is_acknowledged"]))
    low, high = day_bounds(args, "from_date", "to_date")
    w.between("created_at", low, high)
    w.between("created_at", *day_bounds(args))
    w.contains(["title", "signal_type"], args.get("search_value"))
    page = fetch_page(db.conn(), f"SELECT * FROM {ALERTS}", w, order(ALERT_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(_alert_wire)


def lead_alerts(who, lead_id, args):
    c = db.conn()
    if lead_id > MAX_ID:
        raise NotFound("lead", lead_id)
    leads.lead_in(c, who, lead_id)            # 404 unless the org's
    w = Where("org_id", who["org_id"]).eq("lead_id", lead_id)
    page = fetch_page(c, f"SELECT * FROM {ALERTS}", w, "id DESC", args["page"], args["limit"])
    return page.map(_alert_wire)


def acknowledge(who, alert_id):
    with db.write() as c:
        row = None if alert_id > MAX_ID else c.execute(
            f"SELECT * FROM {ALERTS} WHERE id = ? AND org_id = ?", (alert_id, who["org_id"])).fetchone()
        if row is None:
            raise NotFound("alert", alert_id)
        if not row["is_acknowledged"]:
            c.execute(f"UPDATE {ALERTS} SET is_acknowledged = 1, acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                      (now_iso(), who.get("user_id"), alert_id))
        return _alert_wire(c.execute(f"SELECT * FROM {ALERTS} WHERE id = ?", (alert_id,)).fetchone())


def hot_leads(who, args):
    c = db.conn()
    until = clock.iso(clock.now(), millis=True)
    since = clock.iso(clock.now() - timedelta(days=HOT_WINDOW_DAYS), millis=True)
    rows = c.execute(
        f"SELECT lead_id, sum(weight) AS intent_score, count(*) AS signal_count, max(occurred_at) AS last_signal_at,"
        f" sum(signal_type IN ({','.join('?' * len(ALERT_TYPES))})) AS hot_signals"
        f" FROM {SIGNALS} WHERE org_id = ? AND occurred_at BETWEEN ? AND ? GROUP BY lead_id"
        " HAVING hot_signals > 0 ORDER BY intent_score DESC, last_signal_at DESC, lead_id",
        (*ALERT_TYPES, who["org_id"], since, until)).fetchall()
    if args.get("signal_type"):
        with_type = {r[0] for r in c.execute(f"SELECT DISTINCT lead_id FROM {SIGNALS} WHERE org_id = ?"
                                             " AND occurred_at BETWEEN ? AND ? AND signal_type = ?",
                                             (who["org_id"], since, until, args["signal_type"]))}
        rows = [r for r in rows if r["lead_id"] in with_type]
    owners = leads.assignees(c, who, [r["lead_id"] for r in rows])
    if args.get("assigned_to_id") is not None:
        rows = [r for r in rows if owners.get(r["lead_id"]) == args["assigned_to_id"]]
    out = []
    for r in rows[:args["limit"]]:
        if r["lead_id"] not in owners:          # deleted lead
            continue
        types = [t[0] for t in c.execute(f"SELECT DISTINCT signal_type FROM {SIGNALS} WHERE org_id = ? AND lead_id = ?"
                                         " AND occurred_at BETWEEN ? AND ? ORDER BY signal_type",
                                         (who["org_id"], r["lead_id"], since, until))]
        out.append({"lead_id": r["lead_id"], "intent_score": r["intent_score"], "signal_count": r["signal_count"],
                    "signal_types": types, "last_signal_at": r["last_signal_at"],
                    "assigned_to_id": owners.get(r["lead_id"]), "lead": leads.lead_in(c, who, r["lead_id"])})
    return out


# -- public tracking (the org comes from the token) -------------------------------------------------
def _token(c, token):
    if not TOKEN_RE.match(token or ""):
        return None
    return c.execute(f"SELECT * FROM {TOKENS} WHERE token = ?", (token,)).fetchone()


def track_open(token):
    """The 1×1 GIF, always; a known token records ``email_opened`` (its third open also ``email_opened_3x``)."""
    with db.write() as c:
        row = _token(c, token)
        if row is not None and leads.assignees(c, {"org_id": row["org_id"]}, [row["lead_id"]]):
            who = users.org_principal(row["org_id"])
            opens = row["opens"] + 1
            c.execute(f"UPDATE {TOKENS} SET opens = ? WHERE token = ?", (opens, token))
            detail = {"token": token, "open_count": opens}
            _record(c, who, row["lead_id"], "email_opened", detail, "email_tracking")
            if opens == 3:
                _record(c, who, row["lead_id"], "email_opened_3x", detail, "email_tracking")
    return GIF


def track_click(token):
    """The token's stored URL (302); records ``link_clicked``; unknown token (or no URL) → 404."""
    with db.write() as c:
        row = _token(c, token)
        if row is None or not row["url"]:
            raise NotFound("tracking token", token)
        who = users.org_principal(row["org_id"])
        c.execute(f"UPDATE {TOKENS} SET clicks = clicks + 1 WHERE token = ?", (token,))
        if leads.assignees(c, who, [row["lead_id"]]):
            _record(c, who, row["lead_id"], "link_clicked", {"token": token, "url": row["url"]}, "email_tracking")
        return row["url"]


# -- for other areas (public, stable) ------------------------------------------------------------
def register_token(c, who, token, lead_id, url=None):
    """Store a tracking ``token`` for the org's ``lead_id``: a click token when ``url`` (http/https) is
    given, else an open token. 422 on a foreign lead, a malformed token or URL; an existing token → 422."""
    leads.require(c, who, lead_id)
    if not TOKEN_RE.match(token or ""):
        raise Invalid({"token": ["Must be 1-128 letters, digits, '_' or '-'."]})
    if url is not None and not re.match(r"^https?://[^\s]+$", url):
        raise Invalid({"url": ["Must be an http(s) URL."]})
    if c.execute(f"SELECT 1 FROM {TOKENS} WHERE token = ?", (token,)).fetchone():
        raise Invalid({"token": ["Already registered."]})
    c.execute(f"INSERT INTO {TOKENS} (token, org_id, lead_id, kind, url, created_at) VALUES (?, ?, ?, ?, ?, ?)",
              (token, who["org_id"], lead_id, "click" if url else "open", url, now_iso()))
