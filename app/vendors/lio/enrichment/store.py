"""Lead enrichment (doc 6.3): deterministic profiles from what the caller knows, bulk jobs, and the
org's recent LinkedIn leads.

A profile is a pure function of the normalised input (sha256-seeded choices): the same input always
answers the same profile and nothing ever leaves the machine.
"""

import hashlib
import re

import orjson

from app.core import db, timeline
from app.core.errors import ApiError, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import now_iso
from app.vendors.lio.jobs import store as jobs
from app.vendors.lio.leads import store as leads

ENRICHMENTS = "lio_enrichments"
LINKEDIN_LEADS = "lio_linkedin_leads"
INPUTS = ("email", "linkedin_url", "name", "company", "domain")
TITLES = [("CEO", "c_level", "Executive"), ("CTO", "c_level", "Engineering"), ("VP Sales", "vp", "Sales"),
          ("Head of Marketing", "director", "Marketing"), ("Sales Manager", "manager", "Sales"),
          ("Procurement Lead", "manager", "Procurement"), ("Operations Director", "director", "Operations"),
          ("Product Manager", "manager", "Product"), ("Software Engineer", "individual", "Engineering"),
          ("Account Executive", "individual", "Sales")]
SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"]
INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Logistics"]
PLACES = [("Austin", "Texas", "United States"), ("London", None, "United Kingdom"), ("Berlin", None, "Germany"),
          ("Toronto", "Ontario", "Canada"), ("Bangalore", "Karnataka", "India"), ("Sydney", "NSW", "Australia"),
          ("New York", "New York", "United States"), ("Paris", None, "France")]
FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie"]
LAST = ["Smith", "Patel", "Garcia", "Chen", "Müller", "Okafor", "Rossi", "Kim"]
LINKEDIN_ORDER = {"id": "id", "created_at": "created_at"}


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {ENRICHMENTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " job_id INTEGER, lead_id INTEGER, status TEXT NOT NULL, input TEXT NOT NULL, profile TEXT,"
        " filled_fields TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{ENRICHMENTS}_org ON {ENRICHMENTS} (org_id, job_id, id)",
        f"CREATE TABLE {LINKEDIN_LEADS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, full_name TEXT NOT NULL,"
        " headline TEXT, company TEXT, location TEXT, linkedin_url TEXT NOT NULL, email TEXT, profile_image TEXT,"
        " connections INTEGER NOT NULL DEFAULT 0, group_id TEXT, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{LINKEDIN_LEADS}_org ON {LINKEDIN_LEADS} (org_id, created_at, id)",
    ):
        sdb.execute(sql)


# -- the profile: a pure function of the input ---------------------------------------------------
def _slug(text):
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())[:30]


def profile(inp):
    """The enrichment of ``inp`` (email/linkedin_url/name/company/domain), or None when only a name
    is known (nothing to match it against)."""
    inp = {k: (str(inp.get(k)).strip() if inp.get(k) is not None else "") for k in INPUTS}
    if not any(inp[k] for k in ("email", "linkedin_url", "company", "domain")):
        return None
    key = "|".join(inp[k].lower() for k in INPUTS)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()

    def pick(seq, n):
        return seq[digest[n] % len(seq)]

    email = inp["email"] or None
    domain = inp["domain"].lower() or (email.split("@", 1)[1].lower() if email and "@" in email else "")
    company = inp["company"] or (domain.split(".")[0].capitalize() if domain else None)
    domain = domain or f"{_slug(company) or 'company'}.test"
    name = inp["name"]
    if not name and email and "@" in email:
        parts = [p for p in re.split(r"[._\-+]", email.split("@")[0]) if p.isalpha()]
        name = " ".join(p.capitalize() for p in parts[:2])
    name = name or f"{pick(FIRST, 0)} {pick(LAST, 1)}"
    first, _, last = name.partition(" ")
    email = email or f"{_slug(first) or 'contact'}{'.' + _slug(last) if _slug(last) else ''}@{domain}"
    title, seniority, department = pick(TITLES, 2)
    city, state, country = pick(PLACES, 3)
    linkedin = inp["linkedin_url"] or f"https://www.linkedin.com/in/{_slug(name) or 'member'}-{digest.hex()[:6]}"
    return {
        "full_name": name, "first_name": first, "last_name": last or None, "email": email,
        "email_status": "verified" if digest[4] % 4 else "probable", "job_title": title, "seniority": seniority,
        "department": department, "company": company, "domain": domain, "website": f"https://{domain}",
        "company_size": pick(SIZES, 5), "industry": pick(INDUSTRIES, 6), "city": city, "state": state,
        "country": country, "phone_number": f"+1 555 {100 + digest[7] % 900} {1000 + int.from_bytes(digest[8:10], 'big') % 9000}",
        "linkedin_url": linkedin, "confidence": 60 + digest[10] % 40,
    }


LEAD_FILL = {"first_name": "first_name", "last_name": "last_name", "email": "email", "phone_number": "phone_number",
             "company": "company", "job_title": "job_title", "industry": "industry", "website": "website",
             "city": "city", "state": "state", "country": "country", "linkedin_url": "linkedin_url"}


def _fill(c, who, lead_id, prof):
    """Set the lead's MISSING fields from ``prof``; returns the names filled."""
    lead = leads.lead_in(c, who, lead_id)
    fields = {k: prof[src] for k, src in LEAD_FILL.items() if not lead.get(k) and prof.get(src)}
    if fields.get("email") and leads.find_duplicate(c, who, email=fields["email"]) not in (None, lead_id):
        fields.pop("email")                       # never steal another lead's address
    if fields:
        leads.update_fields(c, who, lead_id, fields)
    return sorted(fields)


def _record(c, who, inp, prof, lead_id, filled, job_id=None):
    return c.execute(f"INSERT INTO {ENRICHMENTS} (org_id, user_id, job_id, lead_id, status, input, profile,"
                     " filled_fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (who["org_id"], who.get("user_id"), job_id, lead_id, "enriched" if prof else "not_found",
                      orjson.dumps(inp).decode(), orjson.dumps(prof).decode() if prof else None,
                      orjson.dumps(filled).decode(), now_iso())).lastrowid


def _wire(row):
    return {"id": row["id"], "job_id": row["job_id"], "lead_id": row["lead_id"], "status": row["status"],
            "input": orjson.loads(row["input"]), "profile": orjson.loads(row["profile"]) if row["profile"] else None,
            "filled_fields": orjson.loads(row["filled_fields"]), "created_at": row["created_at"]}


def enrich(who, body):
    with db.write() as c:
        inp = {k: body[k] for k in INPUTS if body.get(k)}
        lead_id = body.get("lead_id")
        if lead_id is not None:
            leads.require(c, who, lead_id)
            lead = leads.lead_in(c, who, lead_id)
            known = {"email": lead["email"], "linkedin_url": lead["linkedin_url"], "company": lead["company"],
                     "name": " ".join(p for p in (lead["first_name"], lead["last_name"]) if p) or None,
                     "domain": (lead["website"] or "").split("//")[-1].split("/")[0] or None}
            inp = {**{k: v for k, v in known.items() if v}, **inp}
        prof = profile(inp)
        filled = _fill(c, who, lead_id, prof) if prof and lead_id is not None else []
        out = _wire(c.execute(f"SELECT * FROM {ENRICHMENTS} WHERE id = ?",
                              (_record(c, who, inp, prof, lead_id, filled),)).fetchone())
        out["lead"] = leads.lead_in(c, who, lead_id) if lead_id is not None else None
        return out


def enrich_bulk(who, body):
    with db.write() as c:
        return jobs.start(c, who, "enrichment", {"leads": body["leads"], "group_id": body.get("group_id")})


@timeline.handler("lio", "enrichment")
def _run_job(c, job_id):
    who, payload = jobs.claim(c, job_id)
    if who is None:
        return
    enriched = failed = 0
    for inp in payload.get("leads", []):
        prof = profile(inp)
        lead_id = leads.find_duplicate(c, who, email=inp.get("email"), linkedin_url=inp.get("linkedin_url"))
        try:
            filled = _fill(c, who, lead_id, prof) if prof and lead_id else []
        except ApiError:                          # a lead rule refused a value: keep the result, fill nothing
            filled = []
        _record(c, who, inp, prof, lead_id, filled, job_id=int(job_id))
        enriched, failed = (enriched + 1, failed) if prof else (enriched, failed + 1)
    jobs.finish(c, job_id, {"total": enriched + failed, "enriched": enriched, "failed": failed})


def get_job(who, job_id):
    job = jobs.get(who, job_id, kind="enrichment")
    rows = db.conn().execute(f"SELECT * FROM {ENRICHMENTS} WHERE org_id = ? AND job_id = ? ORDER BY id",
                             (who["org_id"], job_id)).fetchall() if job["status"] == "completed" else []
    return {**job, "results": [_wire(r) for r in rows] if job["status"] == "completed" else None}


# -- LinkedIn leads ----------------------------------------------------------------------------
def _li(row):
    return {k: row[k] for k in ("id", "full_name", "headline", "company", "location", "linkedin_url", "email",
                                "profile_image", "connections", "group_id", "created_at")}


def recent_linkedin(who, args):
    w = Where("org_id", who["org_id"]).contains(("full_name", "headline", "company", "location"), args.get("search"))
    page = fetch_page(db.conn(), f"SELECT * FROM {LINKEDIN_LEADS}", w, order(LINKEDIN_ORDER, "created_at", "DESC"),
                      args["page"], args["limit"])
    return page.map(_li)


def get_linkedin(who, lead_id):
    row = db.conn().execute(f"SELECT * FROM {LINKEDIN_LEADS} WHERE id = ? AND org_id = ?",
                            (lead_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("linkedin lead", lead_id)
    return _li(row)

