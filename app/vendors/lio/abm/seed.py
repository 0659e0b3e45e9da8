"""Seed: target accounts for every organization (Acme 8, Globex 3), with stakeholder contacts, sent
emails and outreach steps spread in time so every health shows up."""

from datetime import timedelta

from app.vendors.lio.abm.store import ACCOUNTS, CHANNELS, EMAILS, MEMBERS, PLANS, ROLES
from app.vendors.lio.common import iso
from app.vendors.lio.contacts import store as contacts
from app.vendors.lio.seeding import ANCHOR

PER_ORG = {"org_acme": 8, "org_globex": 3}
PER_GENERATED_ORG = 2
AGES = [2, 5, 20, 30, 60, None]          # days since the last engagement (None: never engaged)


def run(sdb, rand, scale, tick):
    pools = rand.pools("first_name", "last_name", size=200)
    c = sdb.conn
    for (org_id,) in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall():
        owners = [r[0] for r in sdb.execute("SELECT id FROM lio_users WHERE org_id = ? AND state_id = 1 ORDER BY id",
                                            (org_id,)).fetchall()]
        leads = [r[0] for r in sdb.execute("SELECT id FROM lio_leads WHERE org_id = ? ORDER BY id LIMIT 50",
                                           (org_id,)).fetchall()]
        companies = sdb.execute("SELECT id, company_name FROM lio_companies WHERE org_id = ? ORDER BY id LIMIT ?",
                                (org_id, PER_ORG.get(org_id, PER_GENERATED_ORG))).fetchall()
        for n, (company_id, company_name) in enumerate(companies):
            created = ANCHOR - timedelta(days=90 + rand.randint(0, 60))
            status = "won" if n == 1 else "lost" if n == 6 else "active"
            account_id = c.execute(
                f"INSERT INTO {ACCOUNTS} (org_id, company_id, owner_id, tier, estimated_decision_makers,"
                " icp_fit_score, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (org_id, company_id, rand.choice(owners) if owners else None, 1 + n % 3, rand.randint(2, 8),
                 rand.randint(40, 98), status, iso(created), iso(created))).lastrowid
            domain = "".join(ch for ch in company_name.lower() if ch.isalnum())[:20] + ".test"
            member_ids = []
            for k in range(2 + n % 3):
                first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
                lead_id = leads[(n * 3 + k) % len(leads)] if leads and k == 0 and n % 2 == 0 else None
                contact_id = contacts.seed_contact(
                    c, org_id, f"{first} {last}", f"{first}.{last}@{domain}".lower(), company_id,
                    rand.choice(["CEO", "CFO", "VP Sales", "IT Director", "Procurement Lead"]), iso(created),
                    lead_id=lead_id, user_id=owners[0] if owners else None)
                c.execute(f"INSERT INTO {MEMBERS} (org_id, account_id, contact_id, stakeholder_role, created_at)"
                          " VALUES (?, ?, ?, ?, ?)", (org_id, account_id, contact_id, ROLES[k % len(ROLES)],
                                                      iso(created)))
                member_ids.append(contact_id)
            age = AGES[n % len(AGES)]
            if age is None:
                continue
            sent = ANCHOR - timedelta(days=age, hours=rand.randint(0, 12))
            for contact_id in member_ids:
                c.execute(f"INSERT INTO {EMAILS} (org_id, account_id, contact_id, subject, body, mode, sent_by,"
                          " sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (org_id, account_id, contact_id, f"Ideas for {company_name}",
                           "Hi, a short note on how teams like yours use us.", "individual",
                           owners[0] if owners else None, iso(sent)))
            for k in range(n % 3):
                c.execute(f"INSERT INTO {PLANS} (org_id, account_id, contact_id, channel, scheduled_at, assigned_to,"
                          " notes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (org_id, account_id, member_ids[k % len(member_ids)], CHANNELS[(n + k) % len(CHANNELS)],
                           iso(sent + timedelta(days=3 + k)), owners[0] if owners else None, "Follow up on the email",
                           owners[0] if owners else None, iso(sent)))
