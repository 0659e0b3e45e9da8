"""Companies (doc 6.4): what leads need now (``ensure`` by name); routes in part 2."""

from app.vendors.lio.companies import seed, store

BLUEPRINTS = ()
create_tables = store.create_tables
run_seed = seed.run
