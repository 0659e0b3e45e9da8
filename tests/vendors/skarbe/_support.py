"""Shared values for the Skarbe tests: URLs and the well-known keys."""

from app.core import clock, db
from app.vendors.skarbe.constants import CONTACT_ATTRIBUTES  # noqa: F401  (re-exported)

BASE = "/skarbe/api/connect"
CONTACTS = f"{BASE}/contacts"
LEAD_STATUSES = f"{BASE}/contacts/lead-statuses"
ME = f"{BASE}/me"

ACME_KEY = "sk_live_abc123xyz"
GLOBEX_KEY = "sk_live_globex_workspace"
ACME = {"X-Api-Key": ACME_KEY}
GLOBEX = {"X-Api-Key": GLOBEX_KEY}

# The doc's "Create Contact" example request (its redacted email replaced).
DOC_CREATE_BODY = {
    "email": "jane@techsolutions.test",
    "firstName": "Jane",
    "lastName": "Smith",
    "jobTitle": "Marketing Manager",
    "companyName": "Tech Solutions Inc",
    "leadStatus": 1,
}


def freeze(app, iso):
    """Freeze the sandbox clock at ``iso`` (restored by the per-test reset)."""
    with app.app_context():
        clock.set_time(clock.parse_iso(iso))


def sql(app, query, *params):
    """Read the database directly (what the API deliberately does not show)."""
    with app.app_context():
        return [dict(row) for row in db.conn().execute(query, params).fetchall()]
