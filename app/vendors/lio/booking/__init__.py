"""Public booking (doc 10): a rep's scheduling page, its free slots and confirmation."""

from app.vendors.lio.booking import store
from app.vendors.lio.booking.routes import blp
from app.vendors.lio.common import iso
from app.vendors.lio.seeding import ANCHOR

BLUEPRINTS = (blp,)
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """The seeded pages: `your-name` (user 142), `riley-rep` (143), `grace-globex` (201)."""
    store.seed_pages(sdb, iso(ANCHOR))
