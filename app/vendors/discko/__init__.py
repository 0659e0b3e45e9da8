"""Discko: ``/api/v1/leads`` with ``X-Discko-Key``."""

from app.core.vendor import Vendor
from app.vendors.discko import errors, seed, store
from app.vendors.discko.api import DisckoApi
from app.vendors.discko.constants import KEY_HEADER
from app.vendors.discko.routes import blp

VENDOR = Vendor(
    name="discko",
    title="Discko API",
    api_class=DisckoApi,
    blueprints=[blp],
    render_error=errors.render_error,
    create_tables=store.create_tables,
    seed=seed.run,
    tenants=store.tenants,
    counts=store.counts,
    real_base_url="https://app.discko.io",
    description=(
        "Integrate with Discko programmatically. Authenticate every request with the "
        "`X-Discko-Key` header. All timestamps use ISO 8601 (UTC).\n\n"
        "Sandbox: keys `dk_test_webflow_agency` (WebFlow Agency) and `dk_test_creative_minds` "
        "(Creative Minds); see `/__admin/tenants` for all."
    ),
    security_schemes={"DisckoKey": {"type": "apiKey", "in": "header", "name": KEY_HEADER}},
)
