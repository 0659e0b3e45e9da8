"""Target accounts (doc 6.8): accounts, their stakeholders, bulk emails, outreach plans and the ABM
reports, all computed at read time from the rows here.

Engagement score = 10 per email sent + 15 per outreach step (25 for a meeting), capped at 100.
Health, on the sandbox clock, from the last engagement (latest email sent or outreach step created):
``healthy`` within 14 days, ``at_risk`` within 45 days, ``cold`` older or never.
"""

from datetime import timedelta

from app.core import clock, db
from app.core.errors import Conflict, Invalid, NotFound
from app.core.paging import Page, fetch_page
from app.core.sql import Where
from app.vendors.lio.common import now_iso
from app.vendors.lio.companies import store as companies
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.users import store as users

ACCOUNTS = "lio_target_accounts"
MEMBERS = "lio_target_account_contacts"
EMAILS = "lio_abm_emails"
PLANS = "lio_outreach_plans"
STATUSES = ("active", "paused", "won", "lost")
ROLES = ("decision_maker", "champion", "influencer", "economic_buyer", "user")
CHANNELS = ("email", "call", "linkedin", "meeting")
MODES = ("individual", "bcc")
HEALTHS = ("healthy", "at_risk", "cold")
HEALTHY_DAYS, AT_RISK_DAYS = 14, 45
SORTS = ("id", "tier", "icp_fit_score", "engagement_score", "created_at", "last_engaged_at", "company_name")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {ACCOUNTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, company_id INTEGER NOT NULL,"
        " owner_id INTEGER, tier INTEGER NOT NULL DEFAULT 2, estimated_decision_makers INTEGER,"
        " icp_fit_score INTEGER, status TEXT NOT NULL DEFAULT 'active', created_at TEXT NOT NULL,"
        " updated_at TEXT NOT NULL, UNIQUE (org_id, company_id))",
        f"CREATE TABLE {MEMBERS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
        f" account_id INTEGER NOT NULL REFERENCES {ACCOUNTS}(id) ON DELETE CASCADE, contact_id INTEGER NOT NULL,"
        " stakeholder_role TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (account_id, contact_id))",
        f"CREATE TABLE {EMAILS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
        f" account_id INTEGER NOT NULL REFERENCES {ACCOUNTS}(id) ON DELETE CASCADE, contact_id INTEGER NOT NULL,"
        " subject TEXT NOT NULL, body TEXT NOT NULL, mode TEXT NOT NULL, sent_by INTEGER, sent_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{EMAILS}_account ON {EMAILS} (account_id)",
        f"CREATE TABLE {PLANS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
        f" account_id INTEGER NOT NULL REFERENCES {ACCOUNTS}(id) ON DELETE CASCADE, contact_id INTEGER NOT NULL,"
        " channel TEXT NOT NULL, scheduled_at TEXT NOT NULL, assigned_to INTEGER, notes TEXT,"
        " created_by INTEGER, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{PLANS}_account ON {PLANS} (account_id)",
    ):
        sdb.execute(sql)


# -- computed engagement --------------------------------------------------------------------------
def _engagement(c, account_id, now):
    emails = c.execute(f"SELECT count(*), max(sent_at) FROM {EMAILS} WHERE account_id = ?", (account_id,)).fetchone()
    plans = c.execute(f"SELECT count(*), sum(channel = 'meeting'), max(created_at) FROM {PLANS}"
                      " WHERE account_id = ?", (account_id,)).fetchone()
    meetings = plans[1] or 0
    score = min(100, 10 * emails[0] + 15 * (plans[0] - meetings) + 25 * meetings)
    last = max([t for t in (emails[1], plans[2]) if t], default=None)
    if last is None:
        health = "cold"
    else:
        age = now - clock.parse_iso(last)
        health = ("healthy" if age <= timedelta(days=HEALTHY_DAYS)
                  else "at_risk" if age <= timedelta(days=AT_RISK_DAYS) else "cold")
    return {"engagement_score": score, "health": health, "last_engaged_at": last,
            "outreach": {"emails_sent": emails[0], "outreach_steps": plans[0], "meetings": meetings}}


def _wire(c, who, row, now):
    return {"id": row["id"], "company_id": row["company_id"],
            "company_name": companies.name_of(c, who, row["company_id"]), "owner_id": row["owner_id"],
            "tier": row["tier"], "estimated_decision_makers": row["estimated_decision_makers"],
            "icp_fit_score": row["icp_fit_score"], "status": row["status"],
            "contact_count": c.execute(f"SELECT count(*) FROM {MEMBERS} WHERE account_id = ?",
                                       (row["id"],)).fetchone()[0],
            **_engagement(c, row["id"], now), "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _row(c, who, account_id):
    row = c.execute(f"SELECT * FROM {ACCOUNTS} WHERE id = ? AND org_id = ?", (account_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("target account", account_id)
    return row


def _all(c, who):
    now = clock.now()
    return [_wire(c, who, r, now) for r in
            c.execute(f"SELECT * FROM {ACCOUNTS} WHERE org_id = ? ORDER BY id", (who["org_id"],)).fetchall()]


# -- accounts -------------------------------------------------------------------------------------
def list_accounts(who, args):
    items = _all(db.conn(), who)
    if args.get("health"):
        items = [i for i in items if i["health"] == args["health"]]
    if args.get("tier"):
        items = [i for i in items if i["tier"] == args["tier"]]
    if args.get("owner_id"):
        items = [i for i in items if i["owner_id"] == args["owner_id"]]
    if args.get("search"):
        needle = args["search"].lower()
        items = [i for i in items if needle in (i["company_name"] or "").lower()]
    sort = args.get("sort") or "-id"
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    items.sort(key=lambda i: i["id"], reverse=reverse)
    items.sort(key=lambda i: (i[key] is not None, i[key] if i[key] is not None else 0), reverse=reverse)
    start = (args["page"] - 1) * args["limit"]
    return Page(items[start:start + args["limit"]], len(items), args["page"], args["limit"])


def _check(c, who, body):
    if body.get("owner_id") is not None:
        users.require_user(c, who, body["owner_id"], field="owner_id")


def create_account(who, body):
    with db.write() as c:
        if companies.name_of(c, who, body["company_id"]) is None:
            raise Invalid({"company_id": [f"Unknown company {body['company_id']}: must be a company of your "
                                          "organization."]})
        _check(c, who, body)
        if c.execute(f"SELECT 1 FROM {ACCOUNTS} WHERE org_id = ? AND company_id = ?",
                     (who["org_id"], body["company_id"])).fetchone():
            raise Conflict(f"Company {body['company_id']} is already a target account.")
        stamp = now_iso()
        account_id = c.execute(
            f"INSERT INTO {ACCOUNTS} (org_id, company_id, owner_id, tier, estimated_decision_makers, icp_fit_score,"
            " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], body["company_id"], body.get("owner_id", who.get("user_id")), body.get("tier", 2),
             body.get("estimated_decision_makers"), body.get("icp_fit_score"), body.get("status", "active"),
             stamp, stamp)).lastrowid
        return _wire(c, who, _row(c, who, account_id), clock.now())


def _members(c, who, account_id):
    out = []
    for m in c.execute(f"SELECT * FROM {MEMBERS} WHERE account_id = ? ORDER BY id", (account_id,)).fetchall():
        basic = contacts.basic(c, who, m["contact_id"])
        if basic:
            out.append({**basic, "stakeholder_role": m["stakeholder_role"], "added_at": m["created_at"]})
    return out


def get_account(who, account_id):
    c = db.conn()
    out = _wire(c, who, _row(c, who, account_id), clock.now())
    return {**out, "contacts": _members(c, who, account_id)}


def update_account(who, account_id, body):
    with db.write() as c:
        _row(c, who, account_id)
        _check(c, who, body)
        fields = {k: body[k] for k in ("owner_id", "tier", "icp_fit_score", "status", "estimated_decision_makers")
                  if k in body}
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {ACCOUNTS} SET {sets}, updated_at = ? WHERE id = ?",
                      (*fields.values(), now_iso(), account_id))
    return get_account(who, account_id)


def delete_account(who, account_id):
    with db.write() as c:
        _row(c, who, account_id)
        c.execute(f"DELETE FROM {ACCOUNTS} WHERE id = ?", (account_id,))
    return {"deleted": 1}


def add_contact(who, account_id, body):
    with db.write() as c:
        _row(c, who, account_id)
        contacts.require(c, who, body["contact_id"])
        if c.execute(f"SELECT 1 FROM {MEMBERS} WHERE account_id = ? AND contact_id = ?",
                     (account_id, body["contact_id"])).fetchone():
            raise Conflict(f"Contact {body['contact_id']} is already on this account.")
        c.execute(f"INSERT INTO {MEMBERS} (org_id, account_id, contact_id, stakeholder_role, created_at)"
                  " VALUES (?, ?, ?, ?, ?)", (who["org_id"], account_id, body["contact_id"],
                                              body.get("stakeholder_role", "influencer"), now_iso()))
    return get_account(who, account_id)


def _member_ids(c, account_id):
    return [r[0] for r in c.execute(f"SELECT contact_id FROM {MEMBERS} WHERE account_id = ? ORDER BY id",
                                    (account_id,))]


def send_bulk_email(who, account_id, body):
    with db.write() as c:
        _row(c, who, account_id)
        members = _member_ids(c, account_id)
        wanted = body.get("contact_ids") or members
        strangers = [i for i in wanted if i not in members]
        if strangers:
            raise Invalid({"contact_ids": [f"Not contacts of this account: {strangers[:20]}."]})
        if not wanted:
            raise Invalid({"contact_ids": ["The account has no contacts to email."]})
        stamp = now_iso()
        recipients = []
        for contact_id in dict.fromkeys(wanted):
            basic = contacts.basic(c, who, contact_id)
            if not basic or not basic["email"]:
                continue
            c.execute(f"INSERT INTO {EMAILS} (org_id, account_id, contact_id, subject, body, mode, sent_by, sent_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (who["org_id"], account_id, contact_id, body["subject"],
                                                           body["body"], body.get("mode", "individual"),
                                                           who.get("user_id"), stamp))
            recipients.append({"contact_id": contact_id, "email": basic["email"]})
        return {"sent": len(recipients), "skipped": len(set(wanted)) - len(recipients),
                "mode": body.get("mode", "individual"), "recipients": recipients,
                **_engagement(c, account_id, clock.now())}


def _plan(row):
    return {k: row[k] for k in ("id", "account_id", "contact_id", "channel", "scheduled_at", "assigned_to", "notes",
                                "created_by", "created_at")}


def list_plans(who, account_id, args):
    c = db.conn()
    _row(c, who, account_id)
    page = fetch_page(c, f"SELECT * FROM {PLANS}", Where("org_id", who["org_id"]).eq("account_id", account_id),
                      "scheduled_at ASC, id ASC", args["page"], args["limit"])
    return page.map(_plan)


def create_plan(who, account_id, body):
    with db.write() as c:
        _row(c, who, account_id)
        contacts.require(c, who, body["contact_id"])
        if body.get("assigned_to") is not None:
            users.require_user(c, who, body["assigned_to"])
        plan_id = c.execute(
            f"INSERT INTO {PLANS} (org_id, account_id, contact_id, channel, scheduled_at, assigned_to, notes,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (who["org_id"], account_id, body["contact_id"], body["channel"],
             clock.iso(body["scheduled_at"], millis=True), body.get("assigned_to"), body.get("notes"),
             who.get("user_id"), now_iso())).lastrowid
        return _plan(c.execute(f"SELECT * FROM {PLANS} WHERE id = ?", (plan_id,)).fetchone())


# -- reports ---------------------------------------------------------------------------------------
def funnel(who):
    c = db.conn()
    accounts = _all(c, who)
    opportunity = 0
    for a in accounts:
        linked = any(contacts.basic(c, who, i)["lead_id"] for i in _member_ids(c, a["id"])
                     if contacts.basic(c, who, i))
        if a["status"] == "won" or linked or a["outreach"]["meetings"]:
            opportunity += 1
    engaged = sum(1 for a in accounts if a["outreach"]["emails_sent"] or a["outreach"]["outreach_steps"]
                  or a["status"] == "won")
    won = sum(1 for a in accounts if a["status"] == "won")
    total = len(accounts)
    stages = [("targeted", total), ("engaged", engaged), ("opportunity", opportunity), ("won", won)]
    return {"stages": [{"stage": s, "count": n, "rate": round(100 * n / total, 1) if total else 0.0}
                       for s, n in stages],
            "health": {h: sum(1 for a in accounts if a["health"] == h) for h in HEALTHS}}


def top_engaged(who, limit):
    accounts = sorted(_all(db.conn(), who), key=lambda a: (-a["engagement_score"], a["id"]))
    return Page(accounts[:limit], len(accounts), 1, limit)
