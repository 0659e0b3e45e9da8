"""Discko seed: the documented leads, the special ones, then Faker leads.

The two well-known organizations get a fixed, demo-sized set of generated
leads; the rest of ``--scale`` goes to generated organizations of 100 leads
each, so that the well-known lists stay the same size as the dataset grows.
"""

from datetime import datetime, timedelta, timezone

from app.core import clock
from app.core.seeding import fixture, spread
from app.vendors.discko import store
from app.vendors.discko.constants import APP_URL, STATUSES

ANCHOR = datetime(2026, 1, 12, 18, 0, tzinfo=timezone.utc)   # seeded dates end here
PER_WELL_KNOWN = {"webflow-agency": 40, "creative-minds": 24}
PER_GENERATED_ORG = 100

CATEGORIES = {
    "Website": ("Website redesign", ["Responsive marketing website", "Headless CMS", "Multilingual pages", "Analytics and tag setup"]),
    "Branding": ("Brand identity", ["Logo and visual identity", "Brand guidelines", "Tone of voice", "Stationery and templates"]),
    "E-commerce": ("Online store", ["Product catalogue and checkout", "Payment providers", "Inventory sync", "Abandoned-cart emails"]),
    "Mobile App": ("Mobile application", ["iOS and Android apps", "Push notifications", "Offline mode", "App store listing"]),
    "SEO": ("Search visibility", ["Technical SEO audit", "Content strategy", "Backlink plan", "Local search listings"]),
    "Marketing": ("Growth marketing", ["Paid social campaigns", "Email nurturing", "Landing pages", "Conversion tracking"]),
    "UX/UI Design": ("Product design", ["User research", "Design system", "Interactive prototypes", "Usability testing"]),
    "Video": ("Video production", ["Brand film", "Product demos", "Social cut-downs", "Motion graphics"]),
}
DISC = {
    "Dominant": "Direct communicator who values efficiency and quick decisions. Expects clear ROI and a firm plan.",
    "Influential": "Enthusiastic collaborator who values relationships and creative ideas. Decides with the team.",
    "Steady": "Patient, loyal partner who values stability and a step-by-step plan. Dislikes late surprises.",
    "Conscientious": "Analytical and detail-oriented. Wants specifications, references and precise estimates.",
}
FIT = ["Weak match: scope or budget sit outside our usual projects.",
       "Good match: needs align with our expertise, a few constraints to clarify.",
       "Perfect match: size, budget and requirements fit our typical project."]
INTENT = ["Early research: gathering ideas, no budget or timeline yet.",
          "Moderate intent: comparing proposals, budget not yet final.",
          "Strong intent: budget allocated, timeline defined, decision-maker engaged."]
BLOCKS = [("Goals", "What the client wants to achieve"), ("Constraints", "Budget, timing and technical limits"),
          ("Deliverables", "What must be delivered")]
GOALS = ["Increase qualified inbound leads", "Modernise the brand before a funding round", "Launch before the busy season",
         "Reduce support requests", "Enter a new market", "Replace an ageing platform", "Improve conversion rate"]
CONSTRAINTS = ["Fixed launch date", "Small internal team", "Legacy CMS to migrate", "Strict accessibility requirements",
               "Board approval needed above budget", "GDPR-compliant hosting in the EU"]


def _ms(instant):
    return clock.iso(instant, millis=True)


def _lead(rand, pools, org, lead_id, date):
    pick = lambda name: rand.choice(pools[name])  # noqa: E731
    category = rand.choice(list(CATEGORIES))
    label, needs = CATEGORIES[category]
    first, last = pick("first_name"), pick("last_name")
    company_name = pick("company")
    domain = "".join(ch for ch in company_name.lower() if ch.isalnum())[:18] + rand.choice([".com", ".io", ".fr", ".co"])
    is_company = rand.chance(0.6)
    disc = rand.choice(list(DISC))
    fit, intent = rand.randint(0, 2), rand.randint(0, 2)
    low = rand.choice([5, 8, 12, 18, 25, 40, 60, 75])
    high = low + rand.choice([5, 10, 15, 25, 45])
    contact = {"type": "COMPANY" if is_company else "PERSON", "firstName": first, "lastName": last,
               "email": f"{first}.{last}@{domain}".lower(), "phone": f"+1-555-{rand.randint(100, 9999):04d}"}
    if is_company:
        contact["linkedin"] = f"https://linkedin.com/in/{first}{last}".lower()
        contact["jobTitle"] = pick("job")
    else:
        contact["address"] = f"{pick('street_address')}, {pick('city')}, {pick('state_abbr')}"
    contact["discProfile"] = disc
    contact["discProfileExplanation"] = DISC[disc]
    picked = rand.sample(needs, 3)
    return {
        "id": lead_id,
        "locked": False,
        "url": f"{APP_URL}/{org['slug']}/leads/{lead_id}",
        "date": _ms(date),
        "status": rand.choices(STATUSES, weights=[50, 25, 15, 10])[0],
        "completion": 100,
        "category": category,
        "contact": contact,
        "company": {"name": company_name, "address": f"{pick('street_address')}, {pick('city')}",
                    "website": f"https://{domain}"} if is_company else None,
        "analysis": {
            "fitScore": fit, "fitScoreExplanation": FIT[fit],
            "intentScore": intent, "intentScoreExplanation": INTENT[intent],
            "budget": f"€{low},000-{high},000",
            "budgetExplanation": f"{label} budget {rand.choice(['approved', 'estimated', 'under review'])} for {date.year}.",
            "deadline": _ms((date + timedelta(days=rand.randint(30, 180))).replace(hour=0, minute=0, second=0, microsecond=0)),
            "deadlineExplanation": rand.choice(["Firm deadline with executive sponsorship.",
                                                "Flexible timeline for the right partner.",
                                                "Must launch before the next campaign."]),
            "score": min(10, max(1, 3 + fit * 2 + intent + rand.randint(-1, 1))),
        },
        "summary": {
            "abstract": f"{company_name if is_company else first + ' ' + last} looking for {label.lower()}",
            "needs": ", ".join(picked),
            "comment": pick("sentence"),
            "categories": [
                {"name": BLOCKS[0][0], "description": BLOCKS[0][1], "summary": rand.sample(GOALS, 3)},
                {"name": BLOCKS[1][0], "description": BLOCKS[1][1], "summary": rand.sample(CONSTRAINTS, 2)},
                {"name": BLOCKS[2][0], "description": BLOCKS[2][1], "summary": picked},
            ],
        },
        "source": {"organizationId": org["id"], "organizationName": org["name"]},
    }


def _generate(rand, pools, org, count, well_known):
    leads = []
    for _ in range(count):
        lead_id = "req_" + rand.token(10)
        date = ANCHOR - timedelta(seconds=rand.randint(3600, 200 * 86400), milliseconds=rand.randint(0, 999))
        lead = _lead(rand, pools, org, lead_id, date)
        if not well_known or org["slug"] == "webflow-agency":
            roll = rand.random.random()
            if roll < 0.08:
                lead["completion"] = rand.choice([20, 40, 60, 80])
            elif roll < 0.12:
                lead["locked"] = True
        leads.append(lead)
    return leads


def _generated_org(rand, pools, index):
    rand = rand.child(f"org{index}")
    name = rand.choice(pools["company"])
    slug = f"{''.join(ch if ch.isalnum() else '-' for ch in name.lower()).strip('-')}-{index}"
    org_id = "%08x-%04x-4%03x-%04x-%012x" % (rand.random.getrandbits(32), rand.random.getrandbits(16),
                                           rand.random.getrandbits(12), 0x8000 | rand.random.getrandbits(14),
                                           rand.random.getrandbits(48))
    return {"id": org_id, "name": name, "slug": slug, "api_key": f"dk_test_org_{index:04d}"}


def run(sdb, rand, scale, tick):
    orgs = fixture("discko", "orgs")
    known, extra = spread(scale, [PER_WELL_KNOWN[org["slug"]] for org in orgs], PER_GENERATED_ORG)
    pools = rand.child("pools").pools("first_name", "last_name", "company", "job", "street_address", "city",
                                      "state_abbr", "sentence")
    generated_orgs = [_generated_org(rand, pools, index) for index in range(1, len(extra) + 1)]
    store.insert_orgs(sdb, orgs + generated_orgs)

    documented = fixture("discko", "documented_leads")
    special = fixture("discko", "special_leads")
    fixed = documented + special
    store.insert_leads(sdb, fixed, [lead["source"]["organizationId"] for lead in fixed])

    for org, count in zip(orgs, known):
        leads = _generate(rand.child(org["slug"]), pools, org, count, True)
        store.insert_leads(sdb, leads, [org["id"]] * count)
        tick(count)
    for index, (org, count) in enumerate(zip(generated_orgs, extra), 1):
        leads = _generate(rand.child(f"org{index}"), pools, org, count, False)
        store.insert_leads(sdb, leads, [org["id"]] * count)
        tick(count)
