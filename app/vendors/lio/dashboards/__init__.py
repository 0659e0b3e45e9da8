"""Dashboards (doc 6.10) and global search (doc 6.1): numbers over the org's data, saved and AI dashboards."""

from app.vendors.lio.dashboards import store
from app.vendors.lio.dashboards.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """Nothing to seed: saved queries are fixed per organization; dashboards are created by clients."""
