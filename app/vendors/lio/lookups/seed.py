"""Seed: every organization's lead statuses, priorities, sources and tags."""

from app.vendors.lio.common import iso
from app.vendors.lio.constants import LEAD_SOURCES, LEAD_STATUSES, PRIORITIES
from app.vendors.lio.lookups import store
from app.vendors.lio.seeding import ANCHOR

STATUS_COLORS = {1: "#3B82F6", 2: "#F59E0B", 3: "#10B981", 4: "#8B5CF6", 5: "#22C55E", 6: "#EF4444"}
PRIORITY_COLORS = {1: "#94A3B8", 2: "#3B82F6", 3: "#F59E0B", 4: "#EF4444"}
TAGS = {"Hot": "#EF4444", "Enterprise": "#6366F1", "SMB": "#14B8A6", "Webinar": "#F59E0B",
        "Partner": "#22C55E", "Follow-up": "#64748B"}


def run(sdb, rand, scale, tick):
    stamp = iso(ANCHOR)
    for (org_id,) in sdb.execute("SELECT id FROM lio_orgs ORDER BY rowid").fetchall():
        for code, name in LEAD_STATUSES.items():
            store.insert(sdb, org_id, "lead", "status", name, code, STATUS_COLORS[code], stamp)
        for code, name in PRIORITIES.items():
            store.insert(sdb, org_id, "lead", "priority", name, code, PRIORITY_COLORS[code], stamp)
        for code, name in LEAD_SOURCES.items():
            store.insert(sdb, org_id, "lead", "source", name, code, None, stamp)
        for name, color in TAGS.items():
            store.insert(sdb, org_id, "lead", "tag", name, None, color, stamp)
