"""AI tools and AI email drafts (doc 6.9): deterministic template text from the lead's data (no model, no
network). Every generation spends its price (credits area) in the same write transaction, so a balance
that cannot pay answers 403 ``insufficient_credits`` and nothing is created."""

from app.core import db
from app.core.errors import Conflict, Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity
from app.vendors.lio.common import now_iso
from app.vendors.lio.credits import store as credits
from app.vendors.lio.leads import store as leads
from app.vendors.lio.mail import store as mail

DRAFTS = "lio_ai_drafts"
MAX_ID = 2**63 - 1
PERSONAS = ("professional", "friendly", "concise", "consultative", "executive")
DRAFT_STATUSES = ("draft", "approved", "sent")
DRAFT_ORDER = {"id": "id", "created_at": "created_at", "status": "status"}
BULK_MAX = 500

_GREETING = {"professional": "Dear {name},", "friendly": "Hi {name}!", "concise": "Hi {name},",
             "consultative": "Hello {name},", "executive": "{name},"}
_CLOSING = {"professional": "Kind regards,", "friendly": "Cheers,", "concise": "Best,",
            "consultative": "Looking forward to your thoughts,", "executive": "Regards,"}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {DRAFTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, lead_id INTEGER NOT NULL,"
        " persona TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, to_address TEXT, status TEXT NOT NULL,"
        " user_id INTEGER, approved_at TEXT, sent_at TEXT, message_id INTEGER, config_id INTEGER,"
        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{DRAFTS}_lead ON {DRAFTS} (org_id, lead_id, id)",
    ):
        sdb.execute(sql)


# -- text templates -------------------------------------------------------------------------------
def _ctx(context):
    context = context if isinstance(context, dict) else {}
    def get(*names):
        for n in names:
            v = context.get(n)
            if isinstance(v, (str, int, float)) and str(v).strip():
                return str(v).strip()[:200]
        return None
    return {"name": get("first_name", "firstName", "name"), "company": get("company", "company_name", "companyName"),
            "title": get("job_title", "jobTitle", "title"), "industry": get("industry")}


def _sentences(text):
    parts = [p.strip() for p in text.replace("\r", "").replace("\n", " ").split(".")]
    out = []
    for p in parts:
        p = " ".join(p.split())
        if p:
            out.append(p[0].upper() + p[1:] + ".")
    return out


def magicpen(who, body):
    ctx = _ctx(body.get("leadContext"))
    sentences = _sentences(body["noteText"]) or [body["noteText"].strip()]
    lines = [" ".join(sentences)]
    about = [x for x in (ctx["name"], ctx["title"] and f"({ctx['title']})", ctx["company"] and f"at {ctx['company']}")
             if x]
    if about:
        lines.insert(0, "Lead: " + " ".join(about))
    if ctx["industry"]:
        lines.append(f"Industry: {ctx['industry']}.")
    lines.append("Next step: follow up within 2 business days.")
    text = "\n".join(lines)
    with db.write() as c:
        charge = credits.spend(c, who, "magicpen", ref="magicpen")
    return {"noteText": body["noteText"], "improvedText": text, "credits_spent": charge["spent"],
            "credits_balance": charge["balance"]}


def email_generator(who, body):
    ctx = _ctx(body.get("leadContext"))
    prompt = " ".join((body.get("prompt") or "").split())
    subject = (body.get("emailSubject") or "").strip()
    if not subject:
        topic = prompt[:60].rstrip(" .") if prompt else "a quick idea"
        subject = f"{topic[0].upper() + topic[1:]}" + (f" for {ctx['company']}" if ctx["company"] else "")
    greeting = f"Hi {ctx['name']}," if ctx["name"] else "Hi there,"
    paras = [greeting]
    if prompt:
        paras.append(" ".join(_sentences(prompt)))
    if body.get("emailBody"):
        paras.append(" ".join(_sentences(body["emailBody"])) or body["emailBody"].strip())
    if ctx["company"]:
        paras.append(f"I believe this could help {ctx['company']}"
                     + (f" as a {ctx['title']}" if ctx["title"] else "") + " move faster.")
    paras.append("Would you be open to a 15-minute call next week?")
    paras.append("Best regards,")
    with db.write() as c:
        charge = credits.spend(c, who, "email_generator", ref="email_generator")
    return {"subject": subject[:500], "body": "\n\n".join(paras), "credits_spent": charge["spent"],
            "credits_balance": charge["balance"]}


def _draft_text(lead, persona):
    name = lead["first_name"] or (lead["email"] or "there").split("@")[0]
    company = lead["company"] or "your team"
    subject = {"executive": f"{company}: a 10-minute conversation?",
               "concise": f"Quick question for {company}"}.get(persona, f"Helping {company} work every lead")
    role = f" as {lead['job_title']}" if lead["job_title"] else ""
    industry = f" in {lead['industry']}" if lead["industry"] else ""
    body = "\n\n".join((
        _GREETING[persona].format(name=name),
        f"I noticed your work{role} at {company}{industry} and wanted to reach out.",
        "Teams like yours use LIO to capture, score and follow up every lead automatically.",
        "Would you be open to a short call next week?",
        _CLOSING[persona],
    ))
    return subject, body


# -- drafts ---------------------------------------------------------------------------------------
def _wire(row):
    return {k: row[k] for k in ("id", "lead_id", "persona", "subject", "body", "status", "approved_at", "sent_at",
                                "message_id", "config_id", "created_at", "updated_at")} | {"to": row["to_address"]}


def _insert_draft(c, who, lead, persona):
    subject, text = _draft_text(lead, persona)
    now = now_iso()
    draft_id = c.execute(
        f"INSERT INTO {DRAFTS} (org_id, lead_id, persona, subject, body, to_address, status, user_id, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)",
        (who["org_id"], lead["id"], persona, subject, text, lead["email"], who.get("user_id"), now, now)).lastrowid
    activity.record(c, who, "lead", lead["id"], "ai_email_drafted", {"draft_id": draft_id, "persona": persona})
    return draft_id


def _get(c, draft_id):
    return _wire(c.execute(f"SELECT * FROM {DRAFTS} WHERE id = ?", (draft_id,)).fetchone())


def generate(who, lead_id, body=None):
    body = body or {}
    if not 0 < lead_id <= MAX_ID:
        raise NotFound("lead", None)
    with db.write() as c:
        lead = leads.lead_in(c, who, lead_id)
        persona = body.get("persona") or "professional"
        draft_id = _insert_draft(c, who, lead, persona)
        credits.spend(c, who, "ai_email_draft", ref=f"draft:{draft_id}")
        return _get(c, draft_id)


def bulk_generate(who, body):
    ids = list(dict.fromkeys(body["lead_ids"]))
    persona = body.get("persona") or "professional"
    with db.write() as c:
        found, missing = [], []
        for lead_id in ids:
            try:
                found.append(leads.lead_in(c, who, lead_id))
            except NotFound:
                missing.append(lead_id)
        if missing:
            raise Invalid({"lead_ids": [f"Unknown leads {missing[:20]}: every lead must be of your organization."]})
        draft_ids = [_insert_draft(c, who, lead, persona) for lead in found]
        credits.spend(c, who, "ai_email_bulk", quantity=len(draft_ids), ref="bulk:" + ",".join(map(str, draft_ids[:10])))
        return {"generated": len(draft_ids), "persona": persona,
                "drafts": [_get(c, d) for d in draft_ids]}


def list_drafts(who, lead_id, args):
    if not 0 < lead_id <= MAX_ID:
        raise NotFound("lead", None)
    c = db.conn()
    leads.lead_in(c, who, lead_id)
    w = Where("org_id", who["org_id"]).eq("lead_id", lead_id).eq("status", args.get("status"))
    w.contains(("subject", "body"), args.get("search_value"))
    page = fetch_page(c, f"SELECT * FROM {DRAFTS}", w, order(DRAFT_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(_wire)


def _row(c, who, draft_id):
    if not 0 < draft_id <= MAX_ID:
        raise NotFound("draft", None)
    row = c.execute(f"SELECT * FROM {DRAFTS} WHERE id = ? AND org_id = ?", (draft_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("draft", draft_id)
    return row


def approve(who, draft_id):
    with db.write() as c:
        row = _row(c, who, draft_id)
        if row["status"] == "sent":
            raise Conflict(f"Draft {draft_id} was already sent.")
        if row["status"] == "draft":
            now = now_iso()
            c.execute(f"UPDATE {DRAFTS} SET status = 'approved', approved_at = ?, updated_at = ? WHERE id = ?",
                      (now, now, row["id"]))
        return _get(c, row["id"])


def send(who, draft_id, body):
    with db.write() as c:
        row = _row(c, who, draft_id)
        mail.require_config(c, who, body["config_id"])
        if row["status"] == "draft":
            raise Conflict(f"Draft {draft_id} is not approved: approve it before sending.")
        if row["status"] == "sent":
            raise Conflict(f"Draft {draft_id} was already sent.")
        if not row["to_address"]:
            raise Invalid({"draft_id": [f"The lead of draft {draft_id} has no email address."]})
        lead_id = row["lead_id"]
        try:
            leads.lead_in(c, who, lead_id)
        except NotFound:
            lead_id = None                   # the lead was deleted since: send without the link
        message = mail.send_message(c, who, body["config_id"], row["to_address"], row["subject"], row["body"],
                                    lead_id=lead_id)
        now = now_iso()
        c.execute(f"UPDATE {DRAFTS} SET status = 'sent', sent_at = ?, message_id = ?, config_id = ?, updated_at = ?"
                  " WHERE id = ?", (now, message["id"], body["config_id"], now, row["id"]))
        return _get(c, row["id"])
