"""Seed: each organization's connected apps (Acme: HubSpot, Slack and Teams; Globex: Slack only; generated
organizations: nothing connected), HubSpot properties and records, Slack channels, Teams teams and channels."""

import hashlib
from datetime import timedelta

import orjson

from app.vendors.lio.common import iso
from app.vendors.lio.integrations.store import (APPS, PROPERTIES, PROVIDERS, RECORDS, SLACK_CHANNELS, TEAMS_CHANNELS,
                                                team_guid)
from app.vendors.lio.seeding import ANCHOR

CONNECTED = {
    "org_acme": {"hubspot": ("Acme Corp (portal 24816320)", "24816320", 142),
                 "slack": ("Acme Corp (acme-corp.slack.com)", "T04ACME0001", 142),
                 "teams": ("Acme Corp (acme.onmicrosoft.com)", "acme.onmicrosoft.com", 142)},
    "org_globex": {"slack": ("Globex (globex.slack.com)", "T05GLBX0001", 201)},
}
SCOPES = {"hubspot": ["crm.objects.contacts.read", "crm.objects.companies.read", "crm.schemas.contacts.read"],
          "slack": ["channels:read", "groups:read", "chat:write"],
          "teams": ["Team.ReadBasic.All", "Channel.ReadBasic.All", "ChannelMessage.Send"]}

# (object_type, name, label, type, field_type, group, hidden, importable, custom)
HUBSPOT_PROPERTIES = [
    ("contact", "firstname", "First name", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "lastname", "Last name", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "email", "Email", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "phone", "Phone number", "string", "phonenumber", "contactinformation", 0, 1, 0),
    ("contact", "mobilephone", "Mobile phone number", "string", "phonenumber", "contactinformation", 0, 1, 0),
    ("contact", "jobtitle", "Job title", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "company", "Company name", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "website", "Website URL", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "address", "Street address", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "city", "City", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "state", "State/Region", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "zip", "Postal code", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "country", "Country/Region", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "industry", "Industry", "string", "text", "contactinformation", 0, 1, 0),
    ("contact", "annualrevenue", "Annual revenue", "number", "number", "contactinformation", 0, 1, 0),
    ("contact", "message", "Message", "string", "textarea", "contactinformation", 0, 1, 0),
    ("contact", "linkedin_profile_url", "LinkedIn profile URL", "string", "text", "lio_sync", 0, 1, 1),
    ("contact", "lifecyclestage", "Lifecycle stage", "enumeration", "radio", "contactinformation", 1, 0, 0),
    ("contact", "hs_lead_status", "Lead status", "enumeration", "radio", "sales_properties", 1, 0, 0),
    ("contact", "hs_object_id", "Record ID", "number", "number", "contactinformation", 1, 0, 0),
    ("contact", "createdate", "Create date", "datetime", "date", "contactinformation", 1, 0, 0),
    ("contact", "lastmodifieddate", "Last modified date", "datetime", "date", "contactinformation", 1, 0, 0),
    ("company", "name", "Company name", "string", "text", "companyinformation", 0, 1, 0),
    ("company", "domain", "Company domain name", "string", "text", "companyinformation", 0, 1, 0),
    ("company", "industry", "Industry", "enumeration", "select", "companyinformation", 0, 1, 0),
    ("company", "numberofemployees", "Number of employees", "number", "number", "companyinformation", 0, 1, 0),
    ("company", "city", "City", "string", "text", "companyinformation", 0, 1, 0),
    ("company", "country", "Country/Region", "string", "text", "companyinformation", 0, 1, 0),
    ("company", "phone", "Phone number", "string", "phonenumber", "companyinformation", 0, 1, 0),
    ("company", "address", "Street address", "string", "text", "companyinformation", 0, 1, 0),
    ("company", "description", "Description", "string", "textarea", "companyinformation", 0, 1, 0),
    ("company", "hs_object_id", "Record ID", "number", "number", "companyinformation", 1, 0, 0),
    ("company", "createdate", "Create date", "datetime", "date", "companyinformation", 1, 0, 0),
]
# Acme's well-known HubSpot contacts, created the day before the anchor (2026-06-14).
WELL_KNOWN_RECORDS = [
    ({"firstname": "Priya", "lastname": "Raman", "email": "priya.raman@northwind.test", "jobtitle": "VP Operations",
      "city": "Austin", "country": "United States", "phone": "+1 512 555 0142"},
     {"name": "Northwind Traders", "domain": "northwind.test", "industry": "Logistics", "numberofemployees": "250"}),
    ({"firstname": "Tomás", "lastname": "Ibarra", "email": "tomas.ibarra@initech.test", "jobtitle": "CTO",
      "city": "Madrid", "country": "Spain"},
     {"name": "Initech", "domain": "initech.test", "industry": "Software", "numberofemployees": "80"}),
    ({"firstname": "Grace", "lastname": "Okafor", "email": "grace.okafor@umbrella.test", "jobtitle": "Head of Sales",
      "city": "Lagos", "country": "Nigeria", "linkedin_profile_url": "https://www.linkedin.com/in/grace-okafor"},
     None),
]
GENERATED_RECORDS = 37
INDUSTRIES = ("Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Logistics")
TITLES = ("CEO", "CTO", "VP Sales", "Head of Marketing", "Sales Manager", "Procurement Lead", "Product Manager")
SLACK = {"org_acme": [("general", 0, 48, "Company-wide announcements"), ("sales", 0, 21, "Pipeline and deals"),
                      ("hot-leads", 0, 12, "Intent alerts from LIO"), ("deals-won", 0, 30, "Celebrate wins"),
                      ("marketing", 0, 9, "Campaigns and content"), ("support", 0, 15, None),
                      ("leadership", 1, 5, "Private: leadership team")],
         "org_globex": [("general", 0, 20, "Globex-wide"), ("sales", 0, 7, None), ("alerts", 1, 3, "LIO alerts")]}
TEAMS = {"org_acme": [("Sales", [("General", "standard", "Team-wide"), ("Deals", "standard", "Deal desk"),
                                 ("Hot leads", "standard", "Intent alerts from LIO")]),
                      ("Marketing", [("General", "standard", None), ("Campaigns", "standard", "Campaign planning")]),
                      ("Customer Success", [("General", "standard", None),
                                            ("Escalations", "private", "Private: escalations")])]}


def _id(prefix, *parts, length=9):
    return prefix + hashlib.sha256("|".join(parts).encode()).hexdigest()[:length].upper()


def _records(org_id, rand, pools):
    rows = []
    stamp = ANCHOR - timedelta(days=1)
    for n, (contact, company) in enumerate(WELL_KNOWN_RECORDS):
        rows.append((contact, company, stamp + timedelta(hours=n)))
    emails = []
    for n in range(GENERATED_RECORDS):
        first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
        company = rand.choice(pools["company"])
        domain = "".join(ch for ch in company.lower() if ch.isalnum())[:20] + ".test"
        email = f"{first}.{last}{n}@{domain}".lower().replace(" ", "")
        if n % 12 == 11 and emails:
            email = emails[-3]                                # the same person twice in HubSpot: a duplicate
        if n % 17 == 16:
            first = first[:1]                                 # too short for LIO's name rule: a failed row
        emails.append(email)
        contact = {"firstname": first, "lastname": last, "email": email, "jobtitle": rand.choice(TITLES),
                   "city": rand.choice(pools["city"]), "country": "United States",
                   "phone": f"+1 555 {rand.randint(100, 999)} {rand.randint(1000, 9999)}",
                   "annualrevenue": str(rand.randint(1, 500) * 10_000)}
        org = None
        if rand.chance(0.8):
            org = {"name": company, "domain": domain, "industry": rand.choice(INDUSTRIES),
                   "numberofemployees": str(rand.randint(5, 5000)), "city": contact["city"]}
            contact["company"] = company
        created = ANCHOR - timedelta(days=rand.randint(2, 365), minutes=rand.randint(0, 1439))
        rows.append((contact, org, created))
    out = []
    for n, (contact, company, created) in enumerate(rows):
        hs_id = str(51_000_000 + n * 137 + (7 if org_id == "org_acme" else 3))
        contact = {**contact, "hs_object_id": hs_id, "createdate": iso(created)}
        if company:
            company = {**company, "hs_object_id": str(int(hs_id) + 9_000_000)}
        out.append({"org_id": org_id, "hs_object_id": hs_id, "contact": orjson.dumps(contact).decode(),
                    "company": orjson.dumps(company).decode() if company else None, "created_at": iso(created)})
    return out


def run(sdb, rand, scale, tick):
    pools = rand.pools("first_name", "last_name", "company", "city", size=200)
    connected_at = iso(ANCHOR - timedelta(days=90))
    apps, props, records, slack, teams = [], [], [], [], []
    for (org_id,) in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall():
        conn = CONNECTED.get(org_id, {})
        for provider, name in PROVIDERS.items():
            account = conn.get(provider)
            apps.append({"org_id": org_id, "provider": provider, "name": name, "is_connected": int(bool(account)),
                         "account_name": account[0] if account else None, "account_id": account[1] if account else None,
                         "scopes": orjson.dumps(SCOPES[provider] if account else []).decode(),
                         "connected_by": account[2] if account else None,
                         "connected_at": connected_at if account else None,
                         "last_synced_at": iso(ANCHOR - timedelta(days=7)) if account and provider == "hubspot"
                         else None})
        if "hubspot" in conn:
            for obj, name, label, typ, field_type, group, hidden, importable, custom in HUBSPOT_PROPERTIES:
                props.append({"org_id": org_id, "object_type": obj, "name": name, "label": label, "type": typ,
                              "field_type": field_type, "group_name": group, "hidden": hidden,
                              "importable": importable, "custom": custom,
                              "description": f"HubSpot {obj} property: {label}."})
            records.extend(_records(org_id, rand, pools))
        for name, private, members, topic in SLACK.get(org_id, []) if "slack" in conn else []:
            slack.append({"org_id": org_id, "channel_id": _id("C0", org_id, name), "name": name,
                          "is_private": private, "num_members": members, "topic": topic, "created_at": connected_at})
        for team, channels in TEAMS.get(org_id, []) if "teams" in conn else []:
            for channel, membership, description in channels:
                teams.append({"org_id": org_id, "team_id": team_guid(org_id, team), "team_name": team,
                              "channel_id": f"19:{_id('', org_id, team, channel, length=32).lower()}@thread.tacv2",
                              "name": channel, "description": description, "membership_type": membership,
                              "created_at": connected_at})
    for table, rows in ((APPS, apps), (PROPERTIES, props), (RECORDS, records), (SLACK_CHANNELS, slack),
                        (TEAMS_CHANNELS, teams)):
        if rows:
            sdb[table].insert_all(rows, batch_size=500)
