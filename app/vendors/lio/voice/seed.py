"""Seed: the global number inventory, Acme's and Globex's numbers, their wallets and past calls."""

from datetime import timedelta

from app.vendors.lio.common import iso
from app.vendors.lio.seeding import ANCHOR
from app.vendors.lio.voice.calls import (ANSWER_AFTER, CALLS, CENTS_PER_MINUTE, RECORDING_BASE, duration_of,
                                         transcript_of)
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
    seed_calls(sdb)
    first = sdb.execute(f"SELECT id FROM {NUMBERS} WHERE phone_number = ?", ("+14155550100",)).fetchone()[0]
    sdb[ASSIGNEES].insert({"number_id": first, "org_id": "org_acme", "user_id": 142})
    for org_id, cents in WALLET_CENTS.items():
        sdb[WALLETS].insert({"org_id": org_id, "balance_cents": cents, "currency": "USD", "updated_at": stamp})
        sdb[WALLET_TX].insert({"org_id": org_id, "amount_cents": cents, "kind": "top_up",
                               "description": "Initial top-up", "ref": None, "balance_after_cents": cents,
                               "created_at": stamp})


def _past_calls(sdb, org_id, from_number, user_id, count):
    """Completed calls of the last weeks (before ANCHOR) to the org's first leads with a phone."""
    rows = sdb.execute("SELECT id, first_name, last_name, phone_number, company_id FROM lio_leads"
                       " WHERE org_id = ? AND phone_number IS NOT NULL ORDER BY id LIMIT ?", (org_id, count)).fetchall()
    for index, (lead_id, first, last, phone, company_id) in enumerate(rows):
        prompt = f"You are a friendly SDR. Follow up on the demo request #{index + 1} and book a meeting."
        name = " ".join(p for p in (first, last) if p)
        duration = duration_of(prompt, None)
        created = ANCHOR - timedelta(days=3 * (index + 1), hours=index)
        answered = created + timedelta(seconds=ANSWER_AFTER)
        ended = answered + timedelta(seconds=duration)
        call_id = sdb[CALLS].insert({
            "org_id": org_id, "user_id": user_id, "lead_id": lead_id, "contact_id": None, "company_id": company_id,
            "direction": "outbound", "from_number": from_number, "to_number": phone, "callee_name": name,
            "system_prompt": prompt, "first_message": None, "voice_id": "alloy", "language": "en-US",
            "created_at": iso(created), "started_at": iso(created + timedelta(seconds=3)),
            "answered_at": iso(answered), "ended_at": iso(ended), "planned_duration": duration,
            "settled_status": "completed", "duration_sec": duration, "transcript": transcript_of(prompt, None, name),
            "recording_url": None, "price_cents": -(-duration // 60) * CENTS_PER_MINUTE}).last_pk
        sdb[CALLS].update(call_id, {"recording_url": f"{RECORDING_BASE}/{call_id}.mp3"})


def seed_calls(sdb):
    _past_calls(sdb, "org_acme", OWNED["org_acme"][0], 142, 3)
    _past_calls(sdb, "org_globex", OWNED["org_globex"][0], 201, 1)
