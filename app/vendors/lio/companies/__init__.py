"""Companies (doc 6.4): list, stats, view, similar, add, update, enrich, delete; ``ensure`` for leads."""

from app.vendors.lio.companies import seed, store
from app.vendors.lio.companies.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
