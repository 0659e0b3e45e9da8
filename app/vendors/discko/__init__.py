"""Discko: ``/api/v1/leads`` with ``X-Discko-Key``."""

from app.core.vendor import Vendor
from app.vendors.discko import errors, seed, store, tenancy, webhooks
from app.vendors.discko.admin import bp as admin_bp
from app.vendors.discko.api import DisckoApi
from app.vendors.discko.constants import KEY_HEADER
from app.vendors.discko.routes import blp



def create_tables(sdb):
    store.create_tables(sdb)
    webhooks.create_tables(sdb)


VENDOR = Vendor(
    name="discko",
    title="Discko API",
    api_class=DisckoApi,
    blueprints=[blp],
    render_error=errors.render_error,
    create_tables=create_tables,
    seed=seed.run,
    tenants=store.tenants,
    clone_tenant=tenancy.clone_tenant,
    delete_tenant=tenancy.delete_tenant,
    counts=store.counts,
    real_base_url="https://app.discko.io",
    api_base="/api/v1",
    example='curl -H "X-Discko-Key: {key}" "{base}/leads/req_xyz789"',
    example_key="dk_test_creative_minds",
    well_known=("550e8400-e29b-41d4-a716-446655440000", "8f14e45f-ceea-467a-9575-5cb7b3c3c1d2"),
    description=(
        "Integrate with Discko programmatically. Authenticate every request with the "
        "`X-Discko-Key` header. All timestamps use ISO 8601 (UTC).\n\n"
        "Sandbox: keys `dk_test_webflow_agency` (WebFlow Agency) and `dk_test_creative_minds` "
        "(Creative Minds); see `/__admin/tenants` for all.\n\n"
        "Sandbox: the outgoing webhook (events `test` and `lead.unlocked`, body `{date, event, data}`, unsigned) "
        "is set with `PUT /__admin/discko/webhooks/<org>` instead of the dashboard; "
        "`POST /__admin/discko/webhooks/<org>/test` is \"Test the connection\" and "
        "`POST /__admin/discko/leads/<id>/unlock` unlocks a lead as its user would. 408, 413, 429, 500, 502, "
        "503 and 504 (and refused connections or timeouts) are retried 8 times after 1, 2, 4, ... 128 s of "
        "sandbox time; other errors are not; redirects are followed. `GET /__admin/webhooks/deliveries` shows "
        "every attempt."
    ),
    admin_blueprint=admin_bp,
    security_schemes={"DisckoKey": {"type": "apiKey", "in": "header", "name": KEY_HEADER}},
)
