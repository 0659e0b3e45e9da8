"""Custom lookups and saved views (doc 6.5)."""

from app.vendors.lio.lookups import seed, store

BLUEPRINTS = ()
create_tables = store.create_tables
run_seed = seed.run
