"""Seed: companies for every organization, with industries, sizes and locations."""

from datetime import timedelta

from app.vendors.lio.common import iso
from app.vendors.lio.companies.store import COMPANIES
from app.vendors.lio.seeding import ANCHOR

INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education",
              "Logistics", "Media"]
SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"]
PER_ORG = {"org_acme": 30, "org_globex": 12}
PER_GENERATED_ORG = 10


def run(sdb, rand, scale, tick):
    pools = rand.pools("company", "city", "country", "street_address", "catch_phrase", size=300)
    rows = []
    orgs = [r[0] for r in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall()]
    for org_id in orgs:
        owners = [r[0] for r in sdb.execute("SELECT id FROM lio_users WHERE org_id = ? AND state_id = 1 ORDER BY id",
                                            (org_id,)).fetchall()]
        names = set()
        for n in range(PER_ORG.get(org_id, PER_GENERATED_ORG)):
            name = rand.choice(pools["company"])
            while name in names:
                name = f"{rand.choice(pools['company'])} {rand.choice(['Group', 'Labs', 'Holdings', 'Inc'])}"
            names.add(name)
            domain = "".join(ch for ch in name.lower() if ch.isalnum())[:20] + ".test"
            stamp = iso(ANCHOR - timedelta(days=rand.randint(1, 365), minutes=rand.randint(0, 1440)))
            rows.append({
                "org_id": org_id, "user_id": rand.choice(owners) if owners else None, "company_name": name,
                "industry_type": rand.choice(INDUSTRIES), "company_logo": f"https://logo.clearbit.test/{domain}",
                "address": rand.choice(pools["street_address"]), "city": rand.choice(pools["city"]),
                "country": rand.choice(pools["country"]), "employee_size": rand.choice(SIZES),
                "rating": rand.randint(1, 5), "contact_email": f"info@{domain}",
                "phone_number": f"+1 555 {rand.randint(100, 999)} {rand.randint(1000, 9999)}",
                "website": f"https://{domain}", "summary": rand.choice(pools["catch_phrase"]),
                "enriched_at": None, "created_at": stamp, "updated_at": stamp,
            })
    sdb[COMPANIES].insert_all(rows, batch_size=500)
