"""Seed: the well-known organizations, users, roles and API keys (DESIGN section 5), then one
generated organization (with an admin) per ``GENERATED_ORG_SIZE`` generated leads past the demo."""

from app.vendors.lio.common import iso
from app.vendors.lio.seeding import ANCHOR, generated_orgs
from app.vendors.lio.users.store import KEYS, ORGS, ROLES, USERS

ORG_NAMES = {"org_acme": "Acme Corp", "org_globex": "Globex"}
ROLE_NAMES = ("Admin", "Sales Manager", "Sales Rep")
PASSWORDS = {
    "you@company.com": "your_password", "rep@company.com": "rep_password",
    "admin@globex.test": "globex_password", "inactive@company.com": "inactive_password",
    "noorg@company.com": "noorg_password",
}
GENERATED_PASSWORD = "password"
# (id, org, email, first, last, role name, state_id)
WELL_KNOWN = [
    (142, "org_acme", "you@company.com", "Your", "Name", "Admin", 1),
    (143, "org_acme", "rep@company.com", "Riley", "Rep", "Sales Rep", 1),
    (201, "org_globex", "admin@globex.test", "Grace", "Globex", "Admin", 1),
    (900, "org_acme", "inactive@company.com", "Ina", "Active", "Sales Rep", 0),
    (901, None, "noorg@company.com", "Noah", "Orgless", None, 1),
]
EXTRA_USERS = {"org_acme": (144, 6, "acme.test"), "org_globex": (202, 2, "globex.test")}   # first id, count, domain
API_KEYS = [
    {"key": "lio_live_acme_ingest", "org_id": "org_acme", "name": "Website ingestion"},
    {"key": "lio_live_acme_restricted", "org_id": "org_acme", "name": "Restricted (app.acme.test, 203.0.113.10)",
     "allowed_domains": '["app.acme.test"]', "allowed_ips": '["203.0.113.10"]'},
    {"key": "lio_live_acme_expired", "org_id": "org_acme", "name": "Expired", "expires_at": "2025-01-01T00:00:00.000Z"},
    {"key": "lio_live_globex_ingest", "org_id": "org_globex", "name": "Globex ingestion"},
]


def run(sdb, rand, scale, tick):
    stamp = iso(ANCHOR)
    orgs = dict(ORG_NAMES)
    for number, org_id in enumerate(generated_orgs(scale), start=1):
        orgs[org_id] = f"Generated Org {number:04d}"
    sdb[ORGS].insert_all({"id": o, "name": n, "created_at": stamp} for o, n in orgs.items())
    roles = {}
    next_role = 1
    for org_id in orgs:
        for name in ROLE_NAMES:
            roles[(org_id, name)] = next_role
            sdb[ROLES].insert({"id": next_role, "org_id": org_id, "name": name,
                               "description": f"{name} of {orgs[org_id]}", "state_id": 1, "created_at": stamp})
            next_role += 1
    hashes = {}

    def hashed(password):
        if password not in hashes:
            hashes[password] = rand.password_hash(password)
        return hashes[password]

    rows = []
    for user_id, org_id, email, first, last, role, state in WELL_KNOWN:
        rows.append(_user(user_id, org_id, email, first, last, roles.get((org_id, role)), state,
                          hashed(PASSWORDS[email]), stamp, rand))
    pools = rand.pools("first_name", "last_name", size=200)
    for org_id, (first_id, count, domain) in EXTRA_USERS.items():
        for n in range(count):
            first, last = rand.choice(pools["first_name"]), rand.choice(pools["last_name"])
            rows.append(_user(first_id + n, org_id, f"{first.lower()}.{last.lower()}{n}@{domain}", first, last,
                              roles[(org_id, rand.choice(ROLE_NAMES[1:]))], 1, hashed(GENERATED_PASSWORD), stamp,
                              rand))
    for number, org_id in enumerate(generated_orgs(scale), start=1):
        rows.append(_user(10_000 + number, org_id, f"admin@gen{number:04d}.test", "Admin", f"Gen{number:04d}",
                          roles[(org_id, "Admin")], 1, hashed(GENERATED_PASSWORD), stamp, rand))
    sdb[USERS].insert_all(rows)
    sdb[KEYS].insert_all({"allowed_domains": "[]", "allowed_ips": "[]", "expires_at": None, **k} for k in API_KEYS)


def _user(user_id, org_id, email, first, last, role_id, state, password_hash, stamp, rand):
    return {"id": user_id, "org_id": org_id, "email": email, "password_hash": password_hash, "first_name": first,
            "last_name": last, "phone_no": f"+1 555 01{rand.randint(10, 99)}", "role_id": role_id,
            "language": "en", "timezone": "UTC", "state_id": state, "created_at": stamp, "updated_at": stamp}
