"""skarbe: placeholder until its issue lands (no routes yet)."""

from app.core.handlers import render_plain
from app.core.vendor import Vendor, VendorApi

VENDOR = Vendor(
    name="skarbe", title="skarbe", api_class=VendorApi, blueprints=[], render_error=render_plain,
    create_tables=lambda sdb: None, seed=lambda sdb, rand, scale, tick: None, tenants=lambda: [],
)
