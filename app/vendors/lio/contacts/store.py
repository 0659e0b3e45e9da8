"""Contacts: people at the org's companies, optionally linked to a lead.

The table and :func:`require` exist from the start because ABM, calls and meetings refer to
contacts; the routes (doc 6.4) and seed belong to this area.
"""

from app.core.errors import Invalid

CONTACTS = "lio_contacts"


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {CONTACTS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " name TEXT NOT NULL, email TEXT, phone_number TEXT,"
        " company_id INTEGER REFERENCES lio_companies(id) ON DELETE SET NULL,"
        " lead_id INTEGER REFERENCES lio_leads(id) ON DELETE SET NULL, designation TEXT, seniority TEXT,"
        " decision_maker TEXT, linkedin_url TEXT, lead_score INTEGER NOT NULL DEFAULT 0, status INTEGER,"
        " tags TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{CONTACTS}_org ON {CONTACTS} (org_id, id)",
        f"CREATE INDEX idx_{CONTACTS}_company ON {CONTACTS} (org_id, company_id)",
        f"CREATE INDEX idx_{CONTACTS}_lead ON {CONTACTS} (lead_id)",
    ):
        sdb.execute(sql)


# -- for other areas (public, stable) ------------------------------------------------------------
def require(c, who, contact_id, field="contact_id"):
    """422 naming ``field`` unless ``contact_id`` is a contact of ``who``'s org."""
    if not c.execute(f"SELECT 1 FROM {CONTACTS} WHERE id = ? AND org_id = ?", (contact_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown contact {contact_id}: must be a contact of your organization."]})


def basic(c, who, contact_id):
    """``{"id", "name", "email", "phone_number", "company_id", "lead_id"}`` of the org's contact, or None."""
    row = c.execute(f"SELECT id, name, email, phone_number, company_id, lead_id FROM {CONTACTS}"
                    " WHERE id = ? AND org_id = ?", (contact_id, who["org_id"])).fetchone()
    return dict(row) if row else None


def seed_contact(c, org_id, name, email, company_id, designation, created_at, lead_id=None, user_id=None):
    """Insert one contact while seeding (ABM seeds its stakeholders before this area has a seed); its id."""
    return c.execute(f"INSERT INTO {CONTACTS} (org_id, user_id, name, email, company_id, lead_id, designation,"
                     " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (org_id, user_id, name, email, company_id, lead_id, designation, created_at,
                      created_at)).lastrowid
