"""Seed: a few notifications and feed rows for Acme and Globex (dates before ANCHOR)."""

from datetime import timedelta

from app.vendors.lio.activity.store import FEED, NOTIFICATION_TYPES, NOTIFICATIONS
from app.vendors.lio.common import iso
from app.vendors.lio.seeding import ANCHOR

SEED_NOTIFICATIONS = (      # org, user (None: org-wide), kind, title, is_read
    ("org_acme", 142, "assignment", "A lead was assigned to you", 0),
    ("org_acme", 142, "hot_lead", "A lead turned hot", 0),
    ("org_acme", None, "system", "Welcome to WorksBuddy", 1),
    ("org_acme", 143, "assignment", "A lead was assigned to you", 0),
    ("org_globex", 201, "system", "Welcome to WorksBuddy", 0),
    ("org_globex", None, "import_done", "Your import finished", 0),
)
SEED_FEED = (               # org, user, model_type, model_id, action
    ("org_acme", 142, "lead", 1, "viewed"),
    ("org_acme", 143, "company", 1, "viewed"),
    ("org_globex", 201, "lead", 1, "viewed"),
)


def run(sdb, rand, scale, tick):
    sdb[NOTIFICATIONS].insert_all(
        {"org_id": org, "user_id": user, "type_id": NOTIFICATION_TYPES[kind], "type": kind, "title": title,
         "data": "{}", "is_read": read, "created_at": iso(ANCHOR - timedelta(hours=len(SEED_NOTIFICATIONS) - i))}
        for i, (org, user, kind, title, read) in enumerate(SEED_NOTIFICATIONS))
    sdb[FEED].insert_all(
        {"org_id": org, "user_id": user, "model_type": mt, "model_id": mid, "action": action, "data": "{}",
         "created_at": iso(ANCHOR - timedelta(days=2, hours=i))}
        for i, (org, user, mt, mid, action) in enumerate(SEED_FEED))
