"""Files (doc 6.15): uploads stored in the database, cloud files attached to records, CSV exports as jobs."""

from app.vendors.lio.files import store
from app.vendors.lio.files.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """Nothing seeded: uploads, attachments and exports start empty."""
