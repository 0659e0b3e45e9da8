"""Dashboards (doc 6.10, 6.1 search): numbers computed over the org's current data, saved
dashboards, AI-generated dashboards (credits), saved queries and global search. Reads lower areas
only through their public store functions."""

from collections import Counter
import orjson

from app.core import clock, db
from app.core.errors import Conflict, Invalid, NotFound
from app.vendors.lio.common import day_bounds, now_iso, one_page
from app.vendors.lio.companies import store as companies     # lower areas only: see AREAS
from app.vendors.lio.constants import LEAD_STATUSES
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.credits import store as credits
from app.vendors.lio.leads import store as leads
from app.vendors.lio.pipelines import store as pipelines

DASHBOARDS = "lio_dashboards"
SCOPES = ("personal", "team", "workspace")
WIDGET_TYPES = ("table", "bar", "line", "pie", "number")
WON, LOST = 5, 6
AGE_BUCKETS = (("0-7", 0, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("90+", 91, None))
QUERIES = {
    "leads_by_status": "Leads by status",
    "deals_by_stage": "Deals by stage",
    "top_sources": "Top lead sources",
    "leads_created_per_day": "Leads created per day",
}
# prompt keyword -> (widget title, query_id, widget type)
AI_KEYWORDS = (
    (("status", "pipeline", "funnel"), "Leads by status", "leads_by_status", "bar"),
    (("deal", "stage", "revenue"), "Deals by stage", "deals_by_stage", "bar"),
    (("source", "channel"), "Top lead sources", "top_sources", "pie"),
    (("trend", "daily", "day", "growth", "created"), "Leads created per day", "leads_created_per_day", "line"),
)


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {DASHBOARDS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " dashboard_id TEXT NOT NULL, name TEXT NOT NULL, scope TEXT NOT NULL, definition TEXT NOT NULL,"
        " prompt TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE UNIQUE INDEX idx_{DASHBOARDS}_key ON {DASHBOARDS} (org_id, dashboard_id)",
    ):
        sdb.execute(sql)


# -- numbers ---------------------------------------------------------------------------------------
def _value(v):
    return float(v or 0)


def overview(who, args):
    low, high = day_bounds(args)
    c = db.conn()
    rows = leads.dashboard_rows(c, who, low, high)
    by_status = Counter(r["status"] for r in rows)
    by_source = Counter(r["lead_source"] for r in rows if r["lead_source"] is not None)
    deals = [d for d in pipelines.deals_for_forecast(who) if _in(d["created_at"], low, high)]
    open_deals = [d for d in deals if not d["is_won"] and not d["is_lost"]]
    won_deals = [d for d in deals if d["is_won"]]
    total = len(rows)
    return {
        "start_date": args.get("start_date").isoformat() if args.get("start_date") else None,
        "end_date": args.get("end_date").isoformat() if args.get("end_date") else None,
        "leads_created": total,
        "leads_by_status": [{"status": s, "label": LEAD_STATUSES.get(s, str(s)), "count": by_status[s]}
                            for s in sorted(by_status)],
        "leads_by_source": [{"lead_source": s, "count": n} for s, n in sorted(by_source.items())],
        "won_leads": by_status[WON],
        "conversion_rate": round(by_status[WON] / total, 4) if total else 0.0,
        "pipeline_value": sum(_value(r["estimated_value"]) for r in rows),
        "open_deals": len(open_deals), "open_deal_value": sum(_value(d["value"]) for d in open_deals),
        "won_deals": len(won_deals), "won_deal_value": sum(_value(d["value"]) for d in won_deals),
        "companies": len(companies.brief_all(c, who, low, high)),
        "contacts": contacts.count_created(c, who, low, high),
    }


def _in(stamp, low, high):
    return (low is None or stamp >= low) and (high is None or stamp <= high)


def _age_days(created_at):
    created = clock.parse_iso(created_at)
    return max((clock.now() - created).days, 0)


def lead_aging(who):
    c = db.conn()
    open_rows = [r for r in leads.dashboard_rows(c, who) if r["status"] not in (WON, LOST)]
    ages = [_age_days(r["created_at"]) for r in open_rows]
    buckets = [{"bucket": name, "min_days": lo, "max_days": hi,
                "count": sum(1 for a in ages if a >= lo and (hi is None or a <= hi))}
               for name, lo, hi in AGE_BUCKETS]
    return {"as_of": now_iso(), "open_leads": len(open_rows), "buckets": buckets}


def top_accounts(who, limit):
    c = db.conn()
    value = Counter()
    count = Counter()
    lead_company = {}
    for r in leads.dashboard_rows(c, who):
        if r["company_id"] is not None:
            value[r["company_id"]] += _value(r["estimated_value"])
            count[r["company_id"]] += 1
            lead_company[r["id"]] = r["company_id"]
    deal_value = Counter()
    for d in pipelines.deals_for_forecast(who):
        if d["lead_id"] in lead_company:
            deal_value[lead_company[d["lead_id"]]] += _value(d["value"])
    rows = [{"company_id": co["id"], "company_name": co["company_name"], "leads": count[co["id"]],
             "estimated_value": value[co["id"]], "deal_value": deal_value[co["id"]],
             "total_value": value[co["id"]] + deal_value[co["id"]]}
            for co in companies.brief_all(c, who) if count[co["id"]]]
    rows.sort(key=lambda r: (-r["total_value"], r["company_id"]))
    return one_page(rows[:limit])


# -- saved dashboards ------------------------------------------------------------------------------
def _wire(row):
    return {"id": row["id"], "dashboard_id": row["dashboard_id"], "name": row["name"], "scope": row["scope"],
            "definition": orjson.loads(row["definition"]), "prompt": row["prompt"], "user_id": row["user_id"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _row(c, who, ident):
    row = c.execute(f"SELECT * FROM {DASHBOARDS} WHERE id = ? AND org_id = ?", (ident, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("dashboard", ident, "Dashboard not found.")
    return row


def _visible(who):
    # personal dashboards are their creator's; team and workspace ones the whole org's
    return "org_id = ? AND (scope != 'personal' OR user_id = ?)", [who["org_id"], who.get("user_id")]


def list_dashboards(who, args):
    sql, params = _visible(who)
    if args.get("scope"):
        sql += " AND scope = ?"
        params.append(args["scope"])
    rows = db.conn().execute(f"SELECT * FROM {DASHBOARDS} WHERE {sql} ORDER BY id", params).fetchall()
    return one_page(_wire(r) for r in rows)


def _taken(c, who, key, except_id=None):
    row = c.execute(f"SELECT id FROM {DASHBOARDS} WHERE org_id = ? AND dashboard_id = ?",
                    (who["org_id"], key)).fetchone()
    return row is not None and row["id"] != except_id


def _insert(c, who, key, name, scope, definition, prompt=None):
    if _taken(c, who, key):
        raise Conflict(f"dashboard_id {key} is already used in this organization.")
    now = now_iso()
    cur = c.execute(f"INSERT INTO {DASHBOARDS} (org_id, user_id, dashboard_id, name, scope, definition, prompt,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (who["org_id"], who.get("user_id"), key, name, scope, orjson.dumps(definition).decode(),
                     prompt, now, now))
    return _wire(_row(c, who, cur.lastrowid))


def create_dashboard(who, body):
    with db.write() as c:
        return _insert(c, who, body["dashboard_id"], body["name"], body.get("scope") or "personal",
                       body.get("definition") or {})


def update_dashboard(who, ident, body):
    with db.write() as c:
        row = _row(c, who, ident)
        if "dashboard_id" in body and _taken(c, who, body["dashboard_id"], row["id"]):
            raise Conflict(f"dashboard_id {body['dashboard_id']} is already used in this organization.")
        sets = {k: body[k] for k in ("dashboard_id", "name", "scope") if body.get(k) is not None}
        if "definition" in body and body["definition"] is not None:
            sets["definition"] = orjson.dumps(body["definition"]).decode()
        sets["updated_at"] = now_iso()
        c.execute(f"UPDATE {DASHBOARDS} SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                  [*sets.values(), row["id"]])
        return _wire(_row(c, who, row["id"]))


def delete_dashboard(who, ident):
    with db.write() as c:
        row = _row(c, who, ident)
        c.execute(f"DELETE FROM {DASHBOARDS} WHERE id = ?", (row["id"],))
        return {"deleted": 1}


def ai_definition(prompt):
    """A deterministic definition: one widget per keyword group the prompt names (all four when none)."""
    text = prompt.lower()
    picked = [k for k in AI_KEYWORDS if any(word in text for word in k[0])] or list(AI_KEYWORDS)
    return {"widgets": [{"title": title, "query_id": query, "widget_type": kind, "position": i}
                        for i, (_, title, query, kind) in enumerate(picked)]}


def _next_id(c):
    return c.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {DASHBOARDS}").fetchone()[0]


def generate(who, body):
    prompt = body["prompt"].strip()
    if not prompt:
        raise Invalid({"prompt": ["Must not be blank."]})
    with db.write() as c:
        key = body.get("dashboard_id") or f"ai-dashboard-{_next_id(c)}"
        if _taken(c, who, key):
            raise Conflict(f"dashboard_id {key} is already used in this organization.")
        credits.spend(c, who, "ai_dashboard", ref=key)
        name = body.get("name") or prompt[:80]
        return _insert(c, who, key, name, body.get("scope") or "personal", ai_definition(prompt), prompt)


# -- saved queries ---------------------------------------------------------------------------------
def list_queries(who):
    return one_page({"query_id": q, "name": n, "widget_types": list(WIDGET_TYPES)} for q, n in QUERIES.items())


def _pairs(who, query_id, args):
    low, high = day_bounds(args)
    c = db.conn()
    if query_id == "leads_by_status":
        counts = Counter(r["status"] for r in leads.dashboard_rows(c, who, low, high))
        return [(LEAD_STATUSES.get(s, str(s)), counts[s]) for s in sorted(counts)]
    if query_id == "top_sources":
        counts = Counter(r["lead_source"] for r in leads.dashboard_rows(c, who, low, high)
                         if r["lead_source"] is not None)
        return [(str(s), n) for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if query_id == "leads_created_per_day":
        counts = Counter(r["created_at"][:10] for r in leads.dashboard_rows(c, who, low, high))
        return sorted(counts.items())
    counts = Counter(d["stage_name"] for d in pipelines.deals_for_forecast(who) if _in(d["created_at"], low, high))
    return sorted(counts.items())


def execute_query(who, query_id, body):
    if query_id not in QUERIES:
        raise NotFound("query", query_id, "Query not found.")
    params = body.get("parameters") or {}
    kind = body.get("widgetType") or "table"
    pairs = _pairs(who, query_id, params)
    if params.get("limit"):
        pairs = pairs[:params["limit"]]
    if kind == "number":
        data = {"value": sum(n for _, n in pairs)}
    elif kind == "table":
        data = {"columns": ["label", "value"], "rows": [[k, n] for k, n in pairs]}
    elif kind == "pie":
        data = {"slices": [{"label": k, "value": n} for k, n in pairs]}
    else:
        data = {"labels": [k for k, _ in pairs], "series": [{"name": QUERIES[query_id], "data": [n for _, n in pairs]}]}
    return {"query_id": query_id, "widgetType": kind, "data": data, "executed_at": now_iso()}


# -- global search ---------------------------------------------------------------------------------
def global_search(who, args):
    text, limit = args["search_value"].strip(), args["limit"]
    if not text:
        raise Invalid({"search_value": ["Must not be blank."]})
    c = db.conn()
    return {"search_value": text, "leads": leads.search_brief(c, who, text, limit),
            "contacts": contacts.search_brief(c, who, text, limit),
            "companies": companies.search_brief(c, who, text, limit)}
