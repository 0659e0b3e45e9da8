"""Credits (doc 6.9): balances, the AI price list and :func:`store.spend` for the AI areas."""

from app.vendors.lio.credits import seed, store
from app.vendors.lio.credits.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
