"""LIO (WorksBuddy Lead Intelligence): ``/api/...`` and ``/api/v1/...`` with bearer JWTs and API keys.

The areas, lowest first. This order is declared once and used for tables, seeding, blueprint
registration and the import-direction test: a store may call the public functions of a LOWER
area's store, never a higher one's (DESIGN section 3).
"""

from app.core.vendor import Vendor
from app.vendors.lio import errors, tenancy
from app.vendors.lio.api import LioApi
from app.vendors.lio.constants import REAL_BASE_URL
from app.vendors.lio import users, lookups, activity, jobs, credits  # noqa: I001  (imported in AREAS order)
from app.vendors.lio import companies, leads, contacts, pipelines
from app.vendors.lio import enrichment, intent, mail, booking, voice, ai, abm
from app.vendors.lio import forecast, integrations, ingestion, files, dashboards

AREAS = (users, lookups, activity, jobs, credits,                 # foundations and shared sinks
         companies, leads, contacts, pipelines,                   # records (pipelines = pipelines + deals)
         enrichment, intent, mail, booking, voice, ai, abm,       # work on records (mail = inbox, calendar, meetings)
         forecast, integrations, ingestion, files, dashboards)    # read models and top-level flows


def create_tables(sdb):
    for area in AREAS:
        area.create_tables(sdb)


def seed(sdb, rand, scale, tick):
    for area in AREAS:
        area.run_seed(sdb, rand.child(area.__name__.rsplit(".", 1)[-1]), scale, tick)


def tenants():
    return users.store.tenants(tenancy.passwords())


def counts():
    from app.core import db
    c = db.conn()
    return {name: c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for name, table in (("organizations", "lio_orgs"), ("users", "lio_users"), ("leads", "lio_leads"),
                                ("companies", "lio_companies"))}


VENDOR = Vendor(
    name="lio",
    title="LIO API (WorksBuddy Lead Intelligence)",
    api_class=LioApi,
    blueprints=[blp for area in AREAS for blp in area.BLUEPRINTS],
    render_error=errors.render_error,
    create_tables=create_tables,
    seed=seed,
    tenants=tenants,
    clone_tenant=tenancy.clone_tenant,
    delete_tenant=tenancy.delete_tenant,
    counts=counts,
    real_base_url=REAL_BASE_URL,
    api_base="/api",
    example=('curl -X POST -H "Content-Type: application/json" '
             '-d \'{"email": "you@company.com", "password": "{key}"}\' "{base}/auth/login"'),
    example_key="your_password",
    well_known=("org_acme", "org_globex"),
    description=(
        "LIO lets you capture, enrich, score, route, and manage leads and deals programmatically. "
        "Get a token with `POST /api/auth/login` and send it as `Authorization: Bearer <token>`; lead "
        "ingestion also takes an `x-api-key`. Responses are `{\"success\": true, \"message\", \"data\"}` "
        "(lists add `total`, `page`, `limit`); errors `{\"success\": false, \"error\": {\"message\", \"type\", "
        "\"code\"}}`.\n\n"
        "Sandbox: every route answers under both `/api/...` and `/api/v1/...`; the spec lists each once, "
        "under the prefix the doc shows, and the other prefix is an alias with the same auth rule.\n\n"
        "Sandbox: accounts `you@company.com` / `your_password` (Acme Corp, Admin), `rep@company.com` / "
        "`rep_password` (Acme Corp, Sales Rep), `admin@globex.test` / `globex_password` (Globex); "
        "`inactive@company.com` / `inactive_password` and `noorg@company.com` / `noorg_password` answer 403 at "
        "login. API keys `lio_live_acme_ingest`, `lio_live_acme_restricted` (domain `app.acme.test`, IP "
        "`203.0.113.10`; the caller's IP is the first `X-Forwarded-For` address, else the peer), "
        "`lio_live_acme_expired`, `lio_live_globex_ingest`. See `/__admin/tenants` for all.\n\n"
        "Sandbox: error `type`s: `bad_request` 400 (also malformed JSON), `unauthorized` 401, `forbidden` 403, "
        "`insufficient_credits` 403, `not_found` 404 (a record of another organization answers 404 like a "
        "missing one), `method_not_allowed` 405, `conflict` 409, `payload_too_large` 413, `validation_error` 422 "
        "(with `error.fields`: `{\"<field or query parameter>\": [\"message\"]}`), `rate_limited` 429, "
        "`server_error` 500; `code` is always null. A POST that creates a record answers 201, one that starts "
        "a job 202, every other success 200; deletes answer `data: {\"deleted\": <count>}`. Tokens expire 30 "
        "days after login on the sandbox clock."
    ),
    security_schemes={
        "LioBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                      "description": "The `access_token` of `POST /api/auth/login`."},
        "LioApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key",
                      "description": "An API key (lead ingestion only)."},
    },
)
