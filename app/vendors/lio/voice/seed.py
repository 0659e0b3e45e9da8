"""Seed: the global number inventory, Acme's and Globex's numbers, and their wallets."""

from app.vendors.lio.common import iso
from app.vendors.lio.seeding import ANCHOR
from app.vendors.lio.voice.store import ASSIGNEES, INVENTORY, NUMBERS, WALLETS, WALLET_TX

AREAS = (("415", "San Francisco, CA"), ("212", "New York, NY"), ("312", "Chicago, IL"), ("512", "Austin, TX"),
         ("206", "Seattle, WA"))
TOLL_FREE = ("800", "888", "877")
PRICES = {"local": 115, "mobile": 200, "toll_free": 215}
CAPS = {"local": "voice,sms", "mobile": "voice,sms,mms", "toll_free": "voice"}
WALLET_CENTS = {"org_acme": 5000, "org_globex": 500}
OWNED = {"org_acme": ("+14155550100", "+12125550100"), "org_globex": ("+13125550100",)}


def _inventory():
    rows = []
    for area, region in AREAS:
        for i in range(10):
            kind = "mobile" if i >= 7 else "local"
            rows.append((f"+1{area}555{i + 101:04d}", kind, area, region))
    for area in TOLL_FREE:
        for i in range(4):
            rows.append((f"+1{area}555{i + 201:04d}", "toll_free", area, None))
    return rows


def run(sdb, rand, scale, tick):
    stamp = iso(ANCHOR)
    sdb[INVENTORY].insert_all({"phone_number": n, "type": k, "area_code": a, "region": r,
                               "monthly_price_cents": PRICES[k], "capabilities": CAPS[k]}
                              for n, k, a, r in _inventory())
    regions = dict(AREAS)
    for org_id, numbers in OWNED.items():
        for number in numbers:
            area = number[2:5]
            sdb[NUMBERS].insert({"org_id": org_id, "phone_number": number, "friendly_name": f"Main line {area}",
                                 "type": "local", "area_code": area, "region": regions[area],
                                 "monthly_price_cents": PRICES["local"], "capabilities": CAPS["local"],
                                 "created_at": stamp})
    first = sdb.execute(f"SELECT id FROM {NUMBERS} WHERE phone_number = ?", ("+14155550100",)).fetchone()[0]
    sdb[ASSIGNEES].insert({"number_id": first, "org_id": "org_acme", "user_id": 142})
    for org_id, cents in WALLET_CENTS.items():
        sdb[WALLETS].insert({"org_id": org_id, "balance_cents": cents, "currency": "USD", "updated_at": stamp})
        sdb[WALLET_TX].insert({"org_id": org_id, "amount_cents": cents, "kind": "top_up",
                               "description": "Initial top-up", "ref": None, "balance_after_cents": cents,
                               "created_at": stamp})
