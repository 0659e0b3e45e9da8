"""Seed: each organization's default "Sales Pipeline" (protected won/lost stages), a second Acme
pipeline, and deals for Acme and Globex on their seeded leads with expected close dates over the
months around the anchor (some past due, some long in their stage, some won or lost), each with
its history points."""

from datetime import timedelta

from app.vendors.lio.common import iso
from app.vendors.lio.pipelines.store import DEALS, DEFAULT_NAME, DEFAULT_STAGES, HISTORY, insert_pipeline
from app.vendors.lio.seeding import ANCHOR

DEAL_COUNTS = {"org_acme": 40, "org_globex": 10}
TITLES = ("Enterprise plan", "Team licences", "Annual renewal", "Pilot project", "Platform upgrade",
          "Onboarding package", "Data add-on", "Expansion seats", "Support contract", "Consulting hours")
# stage index in DEFAULT_STAGES → weight
STAGE_WEIGHTS = {0: 8, 1: 8, 2: 7, 3: 6, 4: 6, 5: 5}


def run(sdb, rand, scale, tick):
    created = iso(ANCHOR - timedelta(days=200))
    stages = [{"name": n, "color": col, "probability": p, "is_won": w, "is_lost": lost, "max_days_in_stage": d,
               "is_protected": prot} for n, col, p, w, lost, d, prot in DEFAULT_STAGES]
    c = sdb
    orgs = [r[0] for r in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall()]
    defaults = {}
    for org_id in orgs:
        who = {"org_id": org_id}
        defaults[org_id] = insert_pipeline(c, who, {"name": DEFAULT_NAME, "description": "Default sales pipeline",
                                                    "region": None}, stages, is_default=True, stamp=created)
    insert_pipeline(c, {"org_id": "org_acme"}, {"name": "Partner Channel", "description": "Deals through resellers",
                                                "region": "EMEA", "max_deal_limit": 500000.0},
                    [{"name": "Referral", "probability": 0.2, "max_days_in_stage": 30},
                     {"name": "Joint proposal", "probability": 0.6, "max_days_in_stage": 30},
                     {"name": "Closed won", "probability": 1.0, "is_won": True},
                     {"name": "Closed lost", "probability": 0.0, "is_lost": True}], stamp=created)
    for org_id, count in DEAL_COUNTS.items():
        if org_id not in defaults:
            continue
        stage_rows = sdb.execute("SELECT id, probability, is_won, is_lost FROM lio_pipeline_stages"
                                 " WHERE pipeline_id = ? ORDER BY position", (defaults[org_id],)).fetchall()
        lead_ids = [r[0] for r in sdb.execute("SELECT id FROM lio_leads WHERE org_id = ? ORDER BY id",
                                              (org_id,)).fetchall()]
        if not lead_ids:
            continue
        for n in range(count):
            index = rand.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0]
            stage_id, probability, is_won, is_lost = stage_rows[index]
            made = ANCHOR - timedelta(days=rand.randint(20, 160), minutes=rand.randint(0, 1439))
            first_value = float(rand.randint(4, 120) * 500)
            value = first_value if rand.chance(0.6) else float(rand.randint(4, 120) * 500)
            if is_won or is_lost:
                close = (ANCHOR - timedelta(days=rand.randint(1, 90))).date()
            else:
                close = (ANCHOR + timedelta(days=rand.randint(-40, 240))).date()
            long_in_stage = rand.chance(0.25)
            entered = made + timedelta(days=rand.randint(0, 5) if long_in_stage else
                                       rand.randint(0, max(0, (ANCHOR - made).days - 1)))
            deal_id = sdb.execute(
                f"INSERT INTO {DEALS} (org_id, lead_id, pipeline_id, stage_id, title, value, expected_close_date,"
                " priority, description, stage_entered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)",
                (org_id, rand.choice(lead_ids), defaults[org_id], stage_id, f"{rand.choice(TITLES)} #{n + 1}", value,
                 close.isoformat(), rand.randint(1, 4), None, iso(entered), iso(made), iso(entered))).lastrowid
            first_stage = stage_rows[0]
            points = [(first_stage[0], first_value, first_stage[1], made)]
            if entered > made or value != first_value or stage_id != first_stage[0]:
                points.append((stage_id, value, probability, max(entered, made + timedelta(minutes=1))))
            for point_stage, point_value, point_probability, when in points:
                sdb.execute(f"INSERT INTO {HISTORY} (org_id, deal_id, stage_id, value, probability,"
                            " expected_close_date, weighted_value, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (org_id, deal_id, point_stage, point_value, point_probability, close.isoformat(),
                             round(point_value * point_probability, 2), iso(when)))
    tick(0)
