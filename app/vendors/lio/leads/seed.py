"""Seed: leads for every organization (the well-known ones get a fixed demo-sized share of
``--scale``), with companies, tags, custom fields, AI information, notes, follow-ups, documents
and finished import jobs, so every filter, sort and page of the lead routes returns something."""

from datetime import timedelta

import orjson

from app.vendors.lio.common import iso
from app.vendors.lio.leads.store import DOCUMENTS, FIRST_LEAD_ID, FOLLOW_UPS, LEADS, NOTES
from app.vendors.lio.seeding import ANCHOR, generated_orgs, split

STATUS_WEIGHTS = {1: 30, 2: 22, 3: 18, 4: 12, 5: 10, 6: 8}
JOB_TITLES = ["CEO", "CTO", "VP Sales", "Head of Marketing", "Sales Manager", "Procurement Lead",
              "Operations Director", "Product Manager", "Founder", "IT Manager"]
INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education"]
NOTE_TITLES = ["Discovery call", "Pricing question", "Demo follow-up", "Intro email", "Stakeholder map"]
NOTE_TEXTS = ["Interested in the enterprise plan; needs SSO.", "Asked for a case study in their industry.",
              "Budget approved for next quarter.", "Evaluating two competitors.", "Wants a pilot for 10 seats."]


def run(sdb, rand, scale, tick):
    (acme, globex), extra = split(scale)
    counts = {"org_acme": acme, "org_globex": globex, **dict(zip(generated_orgs(scale), extra))}
    pools = rand.pools("first_name", "last_name", "city", "state", "country", "postcode", "street_address",
                       size=500)
    lead_id = FIRST_LEAD_ID
    leads, notes, follow_ups, documents = [], [], [], []
    for org_id, count in counts.items():
        users = [r[0] for r in sdb.execute("SELECT id FROM lio_users WHERE org_id = ? AND state_id = 1 ORDER BY id",
                                           (org_id,)).fetchall()]
        companies = sdb.execute("SELECT id, company_name, industry_type, website FROM lio_companies"
                                " WHERE org_id = ? ORDER BY id", (org_id,)).fetchall()
        tags = [r[0] for r in sdb.execute("SELECT id FROM lio_lookups WHERE org_id = ? AND type = 'tag' ORDER BY id",
                                          (org_id,)).fetchall()]
        for n in range(count):
            first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
            company = rand.choice(companies) if companies and rand.chance(0.85) else None
            domain = company["website"].removeprefix("https://") if company else "example.test"
            created = ANCHOR - timedelta(days=rand.randint(0, 180), minutes=rand.randint(0, 1439))
            updated = min(ANCHOR, created + timedelta(days=rand.randint(0, 20)))
            scored = rand.chance(0.8)
            score = rand.randint(5, 99) if scored else 0
            leads.append({
                "id": lead_id, "org_id": org_id, "first_name": first, "last_name": last,
                "email": f"{first.lower()}.{last.lower()}.{n}@{domain}",
                "phone_number": f"+1 555 {rand.randint(100, 999)} {rand.randint(1000, 9999)}",
                "company": company["company_name"] if company else None,
                "company_id": company["id"] if company else None, "job_title": rand.choice(JOB_TITLES),
                "industry": company["industry_type"] if company else rand.choice(INDUSTRIES),
                "website": company["website"] if company else None,
                "address": rand.choice(pools["street_address"]), "city": rand.choice(pools["city"]),
                "state": rand.choice(pools["state"]), "country": rand.choice(pools["country"]),
                "pin_code": rand.choice(pools["postcode"]),
                "status": rand.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
                "priority": rand.randint(1, 4), "lead_source": rand.randint(1, 5), "score": score,
                "estimated_value": float(rand.randint(1, 200) * 500) if rand.chance(0.7) else None,
                "assigned_to": rand.choice(users) if users and rand.chance(0.75) else None,
                "linkedin_url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{lead_id}"
                if rand.chance(0.6) else None,
                "tags": orjson.dumps(sorted(rand.sample(tags, rand.randint(0, 2))) if tags else []).decode(),
                "custom_fields": orjson.dumps({"budget": rand.choice(["<10k", "10k-50k", "50k+"]),
                                               "region": rand.choice(["NA", "EMEA", "APAC"])}).decode(),
                "notes": None,
                "ai_information": orjson.dumps({"buying_intent": "high" if score >= 70 else "medium" if score >= 45
                                                else "low", "scored_at": iso(created + timedelta(seconds=5))}
                                               if scored else {}).decode(),
                "profile_image": None,
                "last_activity_at": iso(updated) if rand.chance(0.7) else None,
                "created_at": iso(created), "updated_at": iso(updated),
            })
            author = rand.choice(users) if users else None
            if rand.chance(0.4):
                notes.append({"org_id": org_id, "lead_id": lead_id, "user_id": author,
                              "title": rand.choice(NOTE_TITLES), "note": rand.choice(NOTE_TEXTS),
                              "created_at": iso(updated), "updated_at": iso(updated)})
            if rand.chance(0.3):
                when = created + timedelta(days=rand.randint(1, 60))
                follow_ups.append({"org_id": org_id, "lead_id": lead_id, "user_id": author,
                                   "follow_up_date": iso(when), "notes": "Check in on the proposal.",
                                   "status": rand.randint(1, 6), "created_at": iso(created),
                                   "updated_at": iso(created)})
            if rand.chance(0.1):
                content = f"Proposal for {first} {last}\n".encode()
                documents.append({"org_id": org_id, "lead_id": lead_id, "user_id": author,
                                  "file_name": f"proposal-{lead_id}.txt", "mime_type": "text/plain",
                                  "size": len(content), "document_type": "proposal", "description": "Proposal",
                                  "content": content, "created_at": iso(updated)})
            lead_id += 1
        tick(count)
    sdb[LEADS].insert_all(leads, batch_size=500)
    sdb[NOTES].insert_all(notes, batch_size=500)
    sdb[FOLLOW_UPS].insert_all(follow_ups, batch_size=500)
    sdb[DOCUMENTS].insert_all(documents, batch_size=500)
    for org_id, user_id, name, result, days in (
            ("org_acme", 142, "trade-show-leads.csv", {"total": 48, "created": 45, "duplicate": 2, "failed": 1}, 20),
            ("org_acme", 143, "webinar-attendees.xlsx", {"total": 30, "created": 30, "duplicate": 0, "failed": 0}, 6),
            ("org_globex", 201, "globex-import.csv", {"total": 12, "created": 10, "duplicate": 2, "failed": 0}, 9)):
        created = ANCHOR - timedelta(days=days)
        sdb["lio_jobs"].insert({"org_id": org_id, "user_id": user_id, "type": "lead_import", "file_name": name,
                                "payload": "{}", "result": orjson.dumps(result).decode(), "error": None,
                                "status": "completed", "created_at": iso(created),
                                "due_at": iso(created + timedelta(seconds=5)),
                                "completed_at": iso(created + timedelta(seconds=5))})
