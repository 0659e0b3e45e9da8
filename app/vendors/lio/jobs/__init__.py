"""Jobs (imports, enrichment, exports, HubSpot): the table and status rules; the areas own the work."""

from app.vendors.lio.jobs import store
from app.vendors.lio.jobs.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """Seeded import jobs come from the leads seed (it knows the rows)."""
