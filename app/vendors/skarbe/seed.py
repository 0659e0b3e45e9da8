"""Skarbe seed: the well-known workspaces, the documented contacts, then Faker contacts.

The two well-known workspaces get a fixed, demo-sized set of generated
contacts; the rest of ``--scale`` goes to generated workspaces of 100
contacts each (keys ``sk_live_ws_0001``, ...), so that the well-known lists
stay the same size as the dataset grows. Dates are relative to a fixed
anchor, never to the real clock.
"""

import re
from datetime import datetime, timedelta, timezone

from app.core import clock
from app.core.seeding import fixture, spread
from app.vendors.skarbe import store

ANCHOR = datetime(2026, 1, 12, 18, 0, tzinfo=timezone.utc)   # seeded dates end here
PER_WELL_KNOWN = {1: 120, 2: 40}                               # workspace id -> generated contacts
PER_GENERATED_WORKSPACE = 100
POOL_SIZE = 1000                                               # Faker names, companies, jobs to pick from

STATUS_WEIGHTS = {1: 40, 2: 25, 3: 10, None: 25}               # lead status id (None: no status)
FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"]
TLDS = [".com", ".io", ".co", ".net", ".ai"]
NOTES = [
    "Met at {event}; interested in a demo for the {team} team.",
    "Asked for pricing for {seats} seats. Follow up next week.",
    "Downloaded the {asset}. Warm lead.",
    "Referred by a current customer. Decision expected this quarter.",
    "Evaluating us against two competitors; budget approved.",
    "Not the decision maker; introduced us to the head of {team}.",
    "Wants an integration with their CRM before signing.",
    "Trial started; onboarding call booked.",
    "Cold outreach replied: 'circle back in {month}'.",
    "Churned last year, open to a new conversation.",
]
EVENTS = ["SaaStr Annual", "Web Summit", "a local meetup", "the product webinar", "Dreamforce"]
TEAMS = ["sales", "marketing", "operations", "customer success", "growth"]
ASSETS = ["pricing guide", "ROI calculator", "sales playbook", "case study"]
MONTHS = ["March", "April", "June", "September", "Q3"]


def _slug(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _note(rand):
    return rand.choice(NOTES).format(event=rand.choice(EVENTS), team=rand.choice(TEAMS),
                                     seats=rand.choice([5, 10, 25, 50, 120]), asset=rand.choice(ASSETS),
                                     month=rand.choice(MONTHS))


def _phone(rand):
    return f"+1 ({rand.randint(201, 989)}) 555-{rand.randint(100, 199):04d}"


def _contact(rand, pools):
    first, last, company = rand.choice(pools["first_name"]), rand.choice(pools["last_name"]), rand.choice(pools["company"])
    handle = _slug(first + last) + (str(rand.randint(1, 99)) if rand.chance(0.3) else "")
    domain = rand.choice(FREE_MAIL) if rand.chance(0.2) else _slug(company)[:20] + rand.choice(TLDS)
    shape = rand.random.random()
    has_email, has_first = shape >= 0.05, shape < 0.95      # 5% without email, 5% email only
    created = ANCHOR - timedelta(seconds=rand.randint(3600, 540 * 86400))
    contact = {
        "email": f"{_slug(first)}.{_slug(last)}@{domain}" if has_email else None,
        "photo": f"https://i.pravatar.cc/300?u={rand.token(12)}" if rand.chance(0.6) else None,
        "firstName": first if has_first else None,
        "lastName": last if has_first and rand.chance(0.92) else None,
        "jobTitle": rand.choice(pools["job"]) if rand.chance(0.8) else None,
        "companyName": company if rand.chance(0.85) else None,
        "phoneNumbers": [_phone(rand) for _ in range(rand.choices([1, 2], weights=[80, 20])[0])]
        if rand.chance(0.7) else None,
        "facebookUrl": f"https://facebook.com/{handle}" if rand.chance(0.25) else None,
        "instagramUrl": f"https://instagram.com/{handle}" if rand.chance(0.2) else None,
        "linkedinUrl": f"https://linkedin.com/in/{handle}" if rand.chance(0.6) else None,
        "twitterUrl": f"https://twitter.com/{handle}" if rand.chance(0.2) else None,
        "note": _note(rand) if rand.chance(0.4) else None,
        "lastActivityAt": clock.iso(created + (ANCHOR - created) * rand.random.random())
        if rand.chance(0.75) else None,
        "createdAt": clock.iso(created),
        "leadStatus": rand.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
    }
    return contact


def _generate(rand, pools, count):
    """``count`` contacts, oldest first so that ids grow with ``createdAt``."""
    return sorted((_contact(rand, pools) for _ in range(count)), key=lambda contact: contact["createdAt"])


def run(sdb, rand, scale, tick):
    workspaces = fixture("skarbe", "workspaces")
    statuses = fixture("skarbe", "lead_statuses")
    documented = fixture("skarbe", "contacts")

    pools = rand.child("pools").pools("first_name", "last_name", "company", "job", size=POOL_SIZE)
    others = rand.child("generated")   # one generator for every generated workspace
    known, extra = spread(scale, [PER_WELL_KNOWN[w["id"]] for w in workspaces], PER_GENERATED_WORKSPACE)
    generated = []
    for index in range(1, len(extra) + 1):
        name, first, last = others.faker.company(), others.faker.first_name(), others.faker.last_name()
        generated.append({"id": len(workspaces) + index, "name": name, "api_key": f"sk_live_ws_{index:04d}",
                          "user_name": f"{first} {last}",
                          "user_email": f"{_slug(first)}.{_slug(last)}@{_slug(name)[:20]}.test"})
    store.insert_workspaces(sdb, workspaces + generated, statuses)

    for contact in documented:
        store.insert_contacts(sdb, contact["workspace_id"], [contact])

    for workspace, count in zip(workspaces, known):
        store.insert_contacts(sdb, workspace["id"], _generate(rand.child(f"contacts{workspace['id']}"), pools, count))
        tick(count)
    for workspace, count in zip(generated, extra):
        store.insert_contacts(sdb, workspace["id"], _generate(others, pools, count))
        tick(count)
