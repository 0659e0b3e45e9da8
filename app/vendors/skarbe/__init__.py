"""Skarbe: ``/api/connect/...`` with ``X-Api-Key``."""

from app.core.vendor import Vendor
from app.vendors.skarbe import errors, seed, store, tenancy
from app.vendors.skarbe.api import SkarbeApi
from app.vendors.skarbe.constants import KEY_HEADER, REAL_BASE_URL
from app.vendors.skarbe.routes import blp

VENDOR = Vendor(
    name="skarbe",
    title="Skarbe API",
    api_class=SkarbeApi,
    blueprints=[blp],
    render_error=errors.render_error,
    create_tables=store.create_tables,
    seed=seed.run,
    tenants=store.tenants,
    clone_tenant=tenancy.clone_tenant,
    delete_tenant=tenancy.delete_tenant,
    counts=store.counts,
    real_base_url=REAL_BASE_URL,
    example='curl -H "X-Api-Key: {key}" "{base}/api/connect/contacts?query=john"',
    example_key="sk_live_abc123xyz",
    well_known=(1, 2),
    description=(
        "Integrate with contacts, lead statuses, and user information. Every endpoint requires a "
        "workspace-scoped secret key in the `X-Api-Key` header. Responses are bare JSON; errors are "
        '`{"error": "<message>"}`.\n\n'
        "Sandbox: keys `sk_live_abc123xyz` (workspace Acme Corporation, user John Admin) and "
        "`sk_live_globex_workspace` (workspace Globex); see `/__admin/tenants` for all."
    ),
    security_schemes={"SkarbeKey": {"type": "apiKey", "in": "header", "name": KEY_HEADER}},
)
