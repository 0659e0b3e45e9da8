"""Seed: recent LinkedIn leads for every organization."""

from datetime import timedelta

from app.vendors.lio.common import iso
from app.vendors.lio.enrichment.store import LINKEDIN_LEADS, TITLES
from app.vendors.lio.seeding import ANCHOR

PER_ORG = {"org_acme": 25, "org_globex": 8}
PER_GENERATED_ORG = 5


def run(sdb, rand, scale, tick):
    pools = rand.pools("first_name", "last_name", "company", "city", size=200)
    rows = []
    for (org_id,) in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall():
        for n in range(PER_ORG.get(org_id, PER_GENERATED_ORG)):
            first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
            company = rand.choice(pools["company"])
            slug = f"{first}-{last}-{n}".lower().replace(" ", "")
            rows.append({
                "org_id": org_id, "full_name": f"{first} {last}",
                "headline": f"{rand.choice(TITLES)[0]} at {company}", "company": company,
                "location": rand.choice(pools["city"]), "linkedin_url": f"https://www.linkedin.com/in/{slug}",
                "email": f"{first}.{last}@example.test".lower() if rand.randint(0, 2) else None,
                "profile_image": f"https://media.licdn.test/{slug}.jpg", "connections": rand.randint(20, 500),
                "group_id": rand.choice(["sales-navigator", "event-2026", None]),
                "created_at": iso(ANCHOR - timedelta(days=rand.randint(0, 60), minutes=rand.randint(0, 1440))),
            })
    sdb[LINKEDIN_LEADS].insert_all(rows, batch_size=500)
