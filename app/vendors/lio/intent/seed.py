"""Intent seed: the DESIGN tracking tokens for Acme lead 80001, and a few recent signals (with their
alerts) so the alert list and hot leads answer something. Dates relative to ANCHOR."""

from datetime import timedelta

import orjson

from app.vendors.lio.common import iso
from app.vendors.lio.intent.store import ALERT_TYPES, ALERTS, SIGNALS, TOKENS, WEIGHTS
from app.vendors.lio.leads.store import FIRST_LEAD_ID
from app.vendors.lio.seeding import ANCHOR

SIGNALS_SEED = (  # (lead offset from FIRST_LEAD_ID, signal_type, days before ANCHOR)
    (0, "pricing_page_visit", 2), (0, "email_opened", 3), (1, "demo_requested", 1), (2, "case_study_download", 5),
    (3, "reply_received", 4), (4, "form_submitted", 10))


def run(sdb, rand, scale, tick):
    created = iso(ANCHOR - timedelta(days=7))
    sdb[TOKENS].insert_all([
        {"token": "trk_open_demo", "org_id": "org_acme", "lead_id": FIRST_LEAD_ID, "kind": "open", "url": None,
         "opens": 0, "clicks": 0, "created_at": created},
        {"token": "trk_click_demo", "org_id": "org_acme", "lead_id": FIRST_LEAD_ID, "kind": "click",
         "url": "https://acme.test/pricing", "opens": 0, "clicks": 0, "created_at": created}])
    for offset, kind, days in SIGNALS_SEED:
        lead = sdb.execute("SELECT id, assigned_to FROM lio_leads WHERE id = ? AND org_id = 'org_acme'",
                           (FIRST_LEAD_ID + offset,)).fetchone()
        if lead is None:
            continue
        when = iso(ANCHOR - timedelta(days=days, minutes=rand.randint(0, 600)))
        cur = sdb.execute(f"INSERT INTO {SIGNALS} (org_id, lead_id, signal_type, signal_detail, source, weight,"
                          " occurred_at, created_at) VALUES ('org_acme', ?, ?, ?, 'website', ?, ?, ?)",
                          (lead[0], kind, orjson.dumps({}).decode(), WEIGHTS[kind], when, when))
        if kind in ALERT_TYPES:
            sdb.execute(f"INSERT INTO {ALERTS} (org_id, lead_id, signal_id, signal_type, title, assigned_to_id,"
                        " created_at) VALUES ('org_acme', ?, ?, ?, ?, ?, ?)",
                        (lead[0], cur.lastrowid, kind, f"Hot lead: {kind.replace('_', ' ')} on lead {lead[0]}",
                         lead[1], when))
    tick(len(SIGNALS_SEED))
