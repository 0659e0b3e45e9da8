"""Companies: the org's accounts (doc 6.4). Leads link to them by name (:func:`ensure`),
contacts by id (:func:`require`)."""

import hashlib

from app.core import db
from app.core.errors import Conflict, Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.common import delete_target, day_bounds, now_iso

COMPANIES = "lio_companies"
LOGOS = "lio_company_logos"
COMPANY_ORDER = {"id": "id", "company_name": "company_name COLLATE NOCASE", "rating": "rating",
                 "city": "city COLLATE NOCASE", "country": "country COLLATE NOCASE", "created_at": "created_at",
                 "updated_at": "updated_at"}
SEARCHED = ("company_name", "website", "city")
ENRICH_INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education",
                     "Logistics", "Media"]
ENRICH_SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"]
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
        f"CREATE TABLE {LOGOS} (sha TEXT NOT NULL, org_id TEXT NOT NULL, content_type TEXT NOT NULL,"
        " data BLOB NOT NULL, PRIMARY KEY (org_id, sha))",
    ):
        sdb.execute(sql)


# -- wire shape -------------------------------------------------------------------------------------
def wire(row):
    return {k: row[k] for k in ("id", "user_id", *COLUMNS, "enriched_at", "created_at", "updated_at")}


def _row(c, who, company_id):
    if not 0 < company_id < 2**63:                                   # SQLite integers: 404, not an overflow
        raise NotFound("company", company_id)
    row = c.execute(f"SELECT * FROM {COMPANIES} WHERE id = ? AND org_id = ?", (company_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("company", company_id)
    return row


def _where(who, f):
    w = Where("org_id", who["org_id"]).contains(SEARCHED, f.get("search_value")).any_of("id", f.get("company_id"))
    if f.get("my"):
        w.eq("user_id", who.get("user_id") or -1)
    industries = f.get("industry")
    if industries:
        parts = [p.strip() for p in industries.split(",") if p.strip()]
        if parts:
            w.where(" OR ".join("instr(lower(coalesce(industry_type, '')), lower(?)) > 0" for _ in parts), *parts)
    w.contains(("city",), f.get("city")).contains(("country",), f.get("country"))
    sizes = [p.strip() for p in (f.get("employee_size") or "").split(",") if p.strip()]
    w.any_of("employee_size", sizes or None)
    low, high = day_bounds(f)
    return w.between("created_at", low, high)


def list_companies(who, args):
    page = fetch_page(db.conn(), f"SELECT * FROM {COMPANIES}", _where(who, args),
                      order(COMPANY_ORDER, args["order_by"], args["order_in"]), args["page"], args["limit"])
    return page.map(wire)


LINKED = {}      # "leads_linked" / "contacts_linked" -> fn(c, who) -> {company_id: count}, set by higher areas


def stats(who, args):
    c = db.conn()
    w = _where(who, args)
    ids = {r[0] for r in c.execute(f"SELECT id FROM {COMPANIES} WHERE {w.sql}", w.params)}
    linked = {name: sum(n for company_id, n in fn(c, who).items() if company_id in ids)
              for name, fn in LINKED.items()}
    base = f"FROM {COMPANIES} WHERE {w.sql}"

    def grouped(col):
        rows = c.execute(f"SELECT coalesce({col}, 'Unknown') AS k, count(*) AS n {base} GROUP BY k ORDER BY n DESC, k",
                         w.params).fetchall()
        return [{"name": r["k"], "count": r["n"]} for r in rows]

    total, avg, rated, enriched = c.execute(
        f"SELECT count(*), avg(rating), count(rating), count(enriched_at) {base}", w.params).fetchone()
    return {"total": total, "average_rating": round(avg, 2) if avg is not None else None, "rated": rated,
            "enriched": enriched, "by_industry": grouped("industry_type"), "by_employee_size": grouped("employee_size"),
            "by_country": grouped("country"), "leads_linked": linked.get("leads_linked", 0),
            "contacts_linked": linked.get("contacts_linked", 0)}


def get_company(who, company_id):
    return wire(_row(db.conn(), who, company_id))


def similar(who, company_id, limit):
    """Same industry and/or employee size: both first, then industry, then size; never itself."""
    c = db.conn()
    row = _row(c, who, company_id)
    rows = c.execute(
        f"SELECT *, (CASE WHEN industry_type = ? COLLATE NOCASE THEN 2 ELSE 0 END"
        f" + CASE WHEN employee_size = ? THEN 1 ELSE 0 END) AS rank FROM {COMPANIES}"
        " WHERE org_id = ? AND id != ? AND (industry_type = ? COLLATE NOCASE OR employee_size = ?)"
        " ORDER BY rank DESC, coalesce(rating, 0) DESC, id LIMIT ?",
        (row["industry_type"], row["employee_size"], who["org_id"], row["id"], row["industry_type"],
         row["employee_size"], limit)).fetchall()
    return [wire(r) for r in rows]


def _name_taken(c, who, name, except_id=None):
    return c.execute(f"SELECT 1 FROM {COMPANIES} WHERE org_id = ? AND company_name = ? COLLATE NOCASE AND id IS NOT ?",
                     (who["org_id"], name.strip(), except_id)).fetchone() is not None


def _store_logo(c, who, logo):
    """``logo`` = (bytes, content_type) → a URL string (the image kept in the org's logo table)."""
    data, content_type = logo
    sha = hashlib.sha256(data).hexdigest()[:32]
    c.execute(f"INSERT OR IGNORE INTO {LOGOS} (sha, org_id, content_type, data) VALUES (?, ?, ?, ?)",
              (sha, who["org_id"], content_type, data))
    ext = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
           "image/svg+xml": "svg"}.get(content_type, "img")
    return f"https://files.worksbuddy.test/company-logos/{sha}.{ext}"


def _fields(c, who, body, logo, company_id=None):
    fields = {k: body[k] for k in COLUMNS if k in body}
    if fields.get("company_name") is not None:
        fields["company_name"] = fields["company_name"].strip()
        if not fields["company_name"]:
            raise Invalid({"company_name": ["Must not be blank."]})
        if _name_taken(c, who, fields["company_name"], company_id):
            raise Conflict("A company with this name already exists in your organization.",
                           details={"field": "company_name"})
    elif "company_name" in fields:
        raise Invalid({"company_name": ["Field may not be null."]})
    if logo is not None:
        fields["company_logo"] = _store_logo(c, who, logo)
    return fields


def create_company(who, body, logo=None):
    with db.write() as c:
        fields = _fields(c, who, body, logo)
        stamp = now_iso()
        columns = {"org_id": who["org_id"], "user_id": who.get("user_id"), **fields, "created_at": stamp,
                   "updated_at": stamp}
        company_id = c.execute(f"INSERT INTO {COMPANIES} ({', '.join(columns)}) VALUES"
                               f" ({', '.join('?' * len(columns))})", list(columns.values())).lastrowid
        return wire(_row(c, who, company_id))


def update_company(who, company_id, body, logo=None):
    with db.write() as c:
        _row(c, who, company_id)
        fields = _fields(c, who, body, logo, company_id)
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {COMPANIES} SET {sets}, updated_at = ? WHERE id = ? AND org_id = ?",
                      [*fields.values(), now_iso(), company_id, who["org_id"]])
        return wire(_row(c, who, company_id))


def _domain(row):
    site = (row["website"] or "").lower()
    for prefix in ("https://", "http://", "www."):
        site = site[len(prefix):] if site.startswith(prefix) else site
    site = site.split("/")[0]
    if site:
        return site
    email = row["contact_email"] or ""
    if "@" in email:
        return email.rsplit("@", 1)[1].lower()
    return "".join(ch for ch in row["company_name"].lower() if ch.isalnum())[:40] + ".test"


def enrich(who, company_id):
    """Fill the missing firmographics from a hash of the domain (or name): deterministic."""
    with db.write() as c:
        row = _row(c, who, company_id)
        domain = _domain(row)
        digest = hashlib.sha256(domain.encode("utf-8", "surrogatepass")).digest()
        industry = ENRICH_INDUSTRIES[digest[0] % len(ENRICH_INDUSTRIES)]
        guesses = {
            "website": f"https://{domain}", "industry_type": industry,
            "employee_size": ENRICH_SIZES[digest[1] % len(ENRICH_SIZES)], "rating": 1 + digest[2] % 5,
            "contact_email": f"info@{domain}", "company_logo": f"https://logo.clearbit.test/{domain}",
            "summary": f"{row['company_name']} is a {industry.lower()} company ({domain}).",
        }
        fields = {k: v for k, v in guesses.items() if row[k] in (None, "")}
        stamp = now_iso()
        sets = "".join(f"{k} = ?, " for k in fields)
        c.execute(f"UPDATE {COMPANIES} SET {sets}enriched_at = ?, updated_at = ? WHERE id = ? AND org_id = ?",
                  [*fields.values(), stamp, stamp, company_id, who["org_id"]])
        return wire(_row(c, who, company_id))


def delete_companies(who, company_id, body):
    """The path id (``0`` = none) plus body ``ids``, or ``select_all`` + ``filters``."""
    w = delete_target(who, company_id, body, _where, "company")
    with db.write() as c:
        count = c.execute(f"DELETE FROM {COMPANIES} WHERE {w.sql}", w.params).rowcount
        if not body.get("select_all") and count == 0:
            raise NotFound("company", company_id or body["ids"][0],
                           message="None of the given companies exist in your organization.")
    return {"deleted": count}


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


def require(c, who, company_id, field="company_id"):
    """422 naming ``field`` unless ``company_id`` is a company of ``who``'s org."""
    if name_of(c, who, company_id) is None:
        raise Invalid({field: [f"Unknown company {company_id}: must be a company of your organization."]})


def count_linked(name, counter):
    """A higher area registers ``counter(c, who) -> {company_id: count}`` shown as ``name`` in stats."""
    LINKED[name] = counter


def brief_all(c, who, low=None, high=None):
    """``[{id, company_name, created_at}]`` of the org's companies, optionally created in ``[low, high]``."""
    w = Where("org_id", who["org_id"]).between("created_at", low, high)
    return [dict(r) for r in c.execute(f"SELECT id, company_name, created_at FROM {COMPANIES} WHERE {w.sql}"
                                       " ORDER BY id", w.params).fetchall()]


def search_brief(c, who, text, limit):
    """The org's companies matching ``text`` (name, website, city), brief, newest first (global search)."""
    w = Where("org_id", who["org_id"]).contains(SEARCHED, text)
    return [dict(r) for r in c.execute(f"SELECT id, company_name, website, city FROM {COMPANIES} WHERE {w.sql}"
                                       " ORDER BY id DESC LIMIT ?", [*w.params, limit]).fetchall()]


def export_rows(c, who, filters, limit=None):
    """The org's companies matching a loaded company-list query ``filters`` (its filters, ``order_by``
    and ``order_in``; paging ignored) as wire companies, at most ``limit`` (exports)."""
    w = _where(who, filters)
    by = order(COMPANY_ORDER, filters.get("order_by", "id"), filters.get("order_in", "DESC"))
    sql = f"SELECT * FROM {COMPANIES} WHERE {w.sql} ORDER BY {by}" + (" LIMIT ?" if limit is not None else "")
    return [wire(r) for r in c.execute(sql, [*w.params, *([limit] if limit is not None else [])]).fetchall()]


def import_company(c, who, fields):
    """``(id, created)``: the org's company named ``fields["company_name"]`` (case-insensitively), else a
    new one with the given text ``fields`` (COLUMNS but ``rating``/``company_logo``; values cut to 500
    chars) — for CRM imports."""
    name = str(fields["company_name"]).strip()[:500]
    row = c.execute(f"SELECT id FROM {COMPANIES} WHERE org_id = ? AND company_name = ? COLLATE NOCASE"
                    " ORDER BY id LIMIT 1", (who["org_id"], name)).fetchone()
    if row is not None:
        return row[0], False
    stamp = now_iso()
    values = {k: str(v)[:500] for k, v in fields.items()
              if k in COLUMNS and k not in ("company_name", "rating", "company_logo") and v is not None}
    columns = {"org_id": who["org_id"], "user_id": who.get("user_id"), "company_name": name, **values,
               "created_at": stamp, "updated_at": stamp}
    company_id = c.execute(f"INSERT INTO {COMPANIES} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           list(columns.values())).lastrowid
    return company_id, True
