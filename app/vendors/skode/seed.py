"""Skode seed: the well-known workspaces, users, keys and OAuth app, the documented
lead, then Faker leads.

Example Corp and Other Workspace get a fixed, demo-sized set of generated
leads; the rest of ``--scale`` goes to generated workspaces of 100 leads each
(Pro plan, keys ``sk_live_ws_0001``, ...), so the well-known lists stay the same
size as the dataset grows. Every status, source and owner occurs in each
well-known workspace, so every filter returns something.
"""

from datetime import datetime, timedelta, timezone

from app.core import clock
from app.core.seeding import fixture, spread
from app.vendors.skode import oauth, store
from app.vendors.skode.constants import SOURCES, STATUSES

ANCHOR = datetime(2026, 3, 15, 12, 0, tzinfo=timezone.utc)   # seeded dates end here
PER_WELL_KNOWN = {"ws_examplecorp": 150, "ws_otherworkspace": 50}
PER_GENERATED_WORKSPACE = 100
USERS_PER_GENERATED_WORKSPACE = 3

STATUS_WEIGHTS = [30, 22, 18, 10, 10, 10]
SOURCE_WEIGHTS = [25, 15, 10, 8, 10, 10, 6, 12, 4]
TAGS = ["inbound", "outbound", "enterprise", "smb", "mid-market", "hot", "follow-up", "demo-requested",
        "trial", "partner", "webinar", "trade-show", "newsletter", "decision-maker", "budget-approved"]
INDUSTRIES = ["Technology", "Healthcare", "Finance", "Retail", "Manufacturing", "Education", "Logistics",
              "Real Estate", "Hospitality", "Media", "Energy", "Legal"]
EMPLOYEES = ["1-10", "10-50", "50-200", "200-500", "500-1000", "1000+"]
REGIONS = ["North America", "EMEA", "APAC", "LATAM"]
NEXT_STEPS = ["Send proposal", "Book discovery call", "Schedule demo", "Follow up next quarter",
              "Share case study", "Introduce solutions engineer", "Negotiate contract terms"]
ROLES = ["admin", "sales_manager", "sales_rep"]


def _domain(company):
    stem = "".join(ch for ch in company.lower() if ch.isalnum())[:20] or "company"
    return stem + ".com"


def _phone(rand):
    if rand.chance(0.8):
        return f"+1-555-{rand.randint(100, 9999):04d}"
    return f"+44 20 7946 {rand.randint(0, 999):04d}"


def _lead(rand, pools, index, users):
    first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
    company = rand.choice(pools["company"])
    created = ANCHOR - timedelta(seconds=rand.randint(3600, 365 * 86400))
    updated = created + timedelta(seconds=rand.randint(0, int((ANCHOR - created).total_seconds())))
    status = STATUSES[index] if index < len(STATUSES) else rand.choices(STATUSES, STATUS_WEIGHTS)[0]
    source = SOURCES[index] if index < len(SOURCES) else rand.choices(SOURCES, SOURCE_WEIGHTS)[0]
    if index < len(users):
        owner_id = users[index]["id"]
    else:
        owner_id = None if rand.chance(0.1) else rand.choice(users)["id"]
    custom_fields = {"industry": rand.choice(INDUSTRIES), "employees": rand.choice(EMPLOYEES)}
    if rand.chance(0.6):
        custom_fields["region"] = rand.choice(REGIONS)
    if rand.chance(0.4):
        custom_fields["next_step"] = rand.choice(NEXT_STEPS)
    has_email = index < len(SOURCES) or rand.chance(0.92)
    return {
        "id": "lead_" + rand.token(12),
        "name": f"{first} {last}",
        "email": f"{first}.{last}@{_domain(company)}".lower() if has_email else None,
        "phone": _phone(rand) if rand.chance(0.85) else None,
        "company": company if rand.chance(0.95) else None,
        "source": source,
        "status": status,
        "deal_value": None if rand.chance(0.12) and index >= len(STATUSES) else rand.randint(2, 500) * 500,
        "owner_id": owner_id,
        "tags": sorted(rand.sample(TAGS, rand.randint(0, 3))),
        "custom_fields": custom_fields,
        "created_at": clock.iso(created),
        "updated_at": clock.iso(updated),
    }


def _generated_workspace(rand, pools, index):
    name = rand.choice(pools["company"])
    users = []
    for position in range(USERS_PER_GENERATED_WORKSPACE):
        first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
        users.append({"id": "user_" + rand.token(10), "name": f"{first} {last}",
                      "email": f"{first}.{last}@{_domain(name)}".lower(), "role": ROLES[min(position, 2)]})
    ws_id = f"ws_{index:04d}"
    return {"id": ws_id, "name": name, "plan": "pro", "users": users,
            "api_keys": [{"key": f"sk_live_{ws_id}", "plan": "pro", "label": "Generated workspace key"}]}


def run(sdb, rand, scale, tick):
    well_known = fixture("skode", "workspaces")
    known_counts, extra_counts = spread(scale, [PER_WELL_KNOWN[w["id"]] for w in well_known], PER_GENERATED_WORKSPACE)
    pools = rand.child("pools").pools("first_name", "last_name", "company")
    generated = [_generated_workspace(rand.child(f"ws{index}"), pools, index)
                 for index in range(1, len(extra_counts) + 1)]
    store.insert_workspaces(sdb, well_known + generated)
    oauth.insert_clients(sdb, fixture("skode", "oauth_clients"))

    users = {u["id"]: u for w in well_known + generated for u in w["users"]}
    for item in fixture("skode", "leads"):
        store.insert_leads(sdb, item["workspace_id"], [item["lead"]], users)

    for workspace, count in zip(well_known + generated, known_counts + extra_counts):
        child = rand.child(workspace["id"])
        leads = [_lead(child, pools, index, workspace["users"]) for index in range(count)]
        store.insert_leads(sdb, workspace["id"], leads, users)
        tick(count)
