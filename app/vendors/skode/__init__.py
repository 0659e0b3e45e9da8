"""Skode CRM: ``/v1/leads`` with ``Authorization: Bearer``, OAuth 2.0, rate limits, trash."""

from app.core.vendor import Vendor
from app.vendors.skode import errors, oauth, ratelimit, seed, store, tenancy, webhooks
from app.vendors.skode.admin import bp as admin_bp
from app.vendors.skode.api import SkodeApi
from app.vendors.skode.routes import authorize_blp, blp, token_blp, webhooks_blp


def create_tables(sdb):
    store.create_tables(sdb)
    oauth.create_tables(sdb)
    ratelimit.create_tables(sdb)
    webhooks.create_tables(sdb)


def tenants():
    return store.tenants(oauth.clients_by_workspace())


VENDOR = Vendor(
    name="skode",
    title="Skode CRM API",
    api_class=SkodeApi,
    blueprints=[blp, webhooks_blp, token_blp, authorize_blp],
    render_error=errors.render_error,
    create_tables=create_tables,
    seed=seed.run,
    tenants=tenants,
    clone_tenant=tenancy.clone_tenant,
    delete_tenant=tenancy.delete_tenant,
    counts=lambda: {**store.counts(), **webhooks.counts()},
    real_base_url="https://api.skodeai.com",
    api_base="/v1",
    example='curl -H "Authorization: Bearer {key}" "{base}/leads?page=1&per_page=25&status=new&sort=-created_at"',
    example_key="sk_live_your_api_key",
    well_known=("ws_examplecorp", "ws_otherworkspace"),
    admin_blueprint=admin_bp,
    description=(
        "The Skode Leads API: full CRUD for leads, with pagination, filters, sorting and search. "
        "Authenticate with `Authorization: Bearer <API key or OAuth access token>`. Rate limits per key: "
        "Free 100, Pro 1,000, Enterprise 10,000 requests per minute; every response carries "
        "`X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`, and a 429 adds `Retry-After`. "
        "Errors are `{\"error\": \"<code>\", \"message\": \"...\"}`. Webhook endpoints (`/v1/webhooks`) receive "
        "the events they subscribe to, signed with `X-Skode-Signature` when they have a secret.\n\n"
        "Sandbox: keys `sk_live_your_api_key` and `sk_live_your_api_key_here` (Example Corp, Enterprise), "
        "`sk_test_free_plan` (Example Corp, Free), `sk_live_other_workspace` (Other Workspace, Pro); OAuth app "
        "`skode_demo_client` / `skode_demo_secret` with redirect URIs `http://localhost:3000/callback` and "
        "`http://127.0.0.1:3000/callback`; see `/__admin/tenants` for all.\n\n"
        "Sandbox: rate limits use fixed 60-second windows of the sandbox clock (`X-RateLimit-Reset` is the "
        "window's end in Unix epoch seconds, `Retry-After` in seconds); requests without valid credentials "
        "count per client IP at the Free limit but always answer 401 (never 429); OAuth access tokens "
        "count per OAuth app at the workspace's plan; the OAuth endpoints and CORS preflights are not "
        "counted and carry no rate-limit headers, nor do 404/405 answers for URLs that match no route. "
        "Error codes: `unauthorized` 401, `forbidden` 403, `not_found` 404, `method_not_allowed` 405, "
        "`invalid_json` 400, `validation_error` 422 (with `details`: `{\"field\": [\"message\"]}`), "
        "`payload_too_large` 413, `rate_limit_exceeded` 429, `internal_error` 500; also (not documented by "
        "Skode) `bad_request` 400 and `conflict` 409."
    ),
    security_schemes={
        "SkodeBearer": {"type": "http", "scheme": "bearer",
                        "description": "An API key (sk_live_...) or an OAuth access token."},
        "SkodeOAuth": {"type": "oauth2", "description": (
            "OAuth 2.0 authorization code flow; the access token is sent as `Authorization: Bearer`. "
            "Sandbox: the URLs are the default mount's (`https://app.skodeai.com/oauth/authorize` and "
            "`https://api.skodeai.com/v1/oauth/token` in reality)."),
            "flows": {"authorizationCode": {
                "authorizationUrl": "{mount}/oauth/authorize", "tokenUrl": "{mount}/v1/oauth/token",
                "refreshUrl": "{mount}/v1/oauth/token",
                "scopes": {"leads:read": "Read leads", "leads:write": "Create, update and delete leads"}}}},
    },
)
