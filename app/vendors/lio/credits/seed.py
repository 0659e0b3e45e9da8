"""Seed: the credit balances (Acme 1,000, Globex 20, generated organizations 100)."""

from app.vendors.lio.common import iso
from app.vendors.lio.credits.store import BALANCES, GENERATED_BALANCE, SEED_BALANCES
from app.vendors.lio.seeding import ANCHOR, generated_orgs


def run(sdb, rand, scale, tick):
    stamp = iso(ANCHOR)
    rows = [{"org_id": o, "balance": b, "spent": 0, "updated_at": stamp} for o, b in SEED_BALANCES.items()]
    rows += [{"org_id": o, "balance": GENERATED_BALANCE, "spent": 0, "updated_at": stamp}
             for o in generated_orgs(scale)]
    sdb[BALANCES].insert_all(rows)
