"""Companies: the org's accounts. Leads link to them by name (:func:`ensure`).

Routes (doc 6.4) come with part 2; this module owns the table from the start because leads
need it.
"""

from app.vendors.lio.common import now_iso

COMPANIES = "lio_companies"
COLUMNS = ("company_name", "industry_type", "company_logo", "address", "city", "country", "employee_size",
           "rating", "contact_email", "phone_number", "website", "summary")


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {COMPANIES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " company_name TEXT NOT NULL, industry_type TEXT, company_logo TEXT, address TEXT, city TEXT, country TEXT,"
        " employee_size TEXT, rating INTEGER, contact_email TEXT, phone_number TEXT, website TEXT, summary TEXT,"
        " enriched_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{COMPANIES}_org ON {COMPANIES} (org_id, id)",
        f"CREATE INDEX idx_{COMPANIES}_name ON {COMPANIES} (org_id, company_name COLLATE NOCASE)",
    ):
        sdb.execute(sql)


# -- for other areas (public, stable) ------------------------------------------------------------
def ensure(c, who, name):
    """The id of the org's company called ``name`` (case-insensitively), created when new."""
    name = name.strip()
    row = c.execute(f"SELECT id FROM {COMPANIES} WHERE org_id = ? AND company_name = ? COLLATE NOCASE"
                    " ORDER BY id LIMIT 1", (who["org_id"], name)).fetchone()
    if row is not None:
        return row[0]
    stamp = now_iso()
    return c.execute(f"INSERT INTO {COMPANIES} (org_id, user_id, company_name, created_at, updated_at)"
                     " VALUES (?, ?, ?, ?, ?)", (who["org_id"], who.get("user_id"), name, stamp, stamp)).lastrowid


def name_of(c, who, company_id):
    """The company's name, or None when it is not the org's."""
    row = c.execute(f"SELECT company_name FROM {COMPANIES} WHERE id = ? AND org_id = ?",
                    (company_id, who["org_id"])).fetchone()
    return row[0] if row else None
