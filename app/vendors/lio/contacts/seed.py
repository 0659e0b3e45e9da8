"""Seed: contacts at every organization's companies, some linked to a lead, with scores and tags."""

from datetime import timedelta

import orjson

from app.vendors.lio.common import iso
from app.vendors.lio.contacts.store import CONTACTS
from app.vendors.lio.seeding import ANCHOR

PER_ORG = {"org_acme": 60, "org_globex": 20}
PER_GENERATED_ORG = 10
DESIGNATIONS = [("CEO", "C-Level"), ("CTO", "C-Level"), ("VP Sales", "VP"), ("Head of Marketing", "Director"),
                ("Sales Manager", "Manager"), ("Procurement Lead", "Manager"), ("Engineer", "Individual Contributor"),
                ("Operations Director", "Director")]


def run(sdb, rand, scale, tick):
    pools = rand.pools("first_name", "last_name", size=300)
    rows = []
    for org_id in [r[0] for r in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall()]:
        owners = [r[0] for r in sdb.execute("SELECT id FROM lio_users WHERE org_id = ? AND state_id = 1 ORDER BY id",
                                            (org_id,)).fetchall()]
        companies = sdb.execute("SELECT id, website FROM lio_companies WHERE org_id = ? ORDER BY id",
                                (org_id,)).fetchall()
        leads = [r[0] for r in sdb.execute("SELECT id FROM lio_leads WHERE org_id = ? ORDER BY id LIMIT 200",
                                           (org_id,)).fetchall()]
        tags = [r[0] for r in sdb.execute("SELECT id FROM lio_lookups WHERE org_id = ? AND module_name = 'lead'"
                                          " AND type = 'tag' ORDER BY id", (org_id,)).fetchall()]
        statuses = [r[0] for r in sdb.execute("SELECT value FROM lio_lookups WHERE org_id = ? AND module_name = 'lead'"
                                              " AND type = 'status' AND is_active = 1 ORDER BY value",
                                              (org_id,)).fetchall()]
        if not companies:
            continue
        for n in range(PER_ORG.get(org_id, PER_GENERATED_ORG)):
            first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
            company = rand.choice(companies)
            domain = (company["website"] or "https://example.test").removeprefix("https://")
            designation, seniority = rand.choice(DESIGNATIONS)
            stamp = iso(ANCHOR - timedelta(days=rand.randint(0, 200), minutes=rand.randint(0, 1439)))
            rows.append({
                "org_id": org_id, "user_id": rand.choice(owners) if owners else None, "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}{n}@{domain}",
                "phone_number": f"+1 555 {rand.randint(100, 999)} {rand.randint(1000, 9999)}",
                "company_id": company["id"], "lead_id": rand.choice(leads) if leads and rand.chance(0.3) else None,
                "designation": designation, "seniority": seniority,
                "decision_maker": "yes" if seniority in ("C-Level", "VP") else "no",
                "linkedin_url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n}",
                "lead_score": rand.randint(0, 100), "status": rand.choice(statuses) if statuses else None,
                "tags": orjson.dumps(rand.sample(tags, min(len(tags), rand.randint(0, 2)))).decode(),
                "created_at": stamp, "updated_at": stamp,
            })
    sdb[CONTACTS].insert_all(rows, batch_size=500)
