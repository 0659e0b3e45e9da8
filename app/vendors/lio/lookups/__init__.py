"""Custom lookups and saved views (doc 6.5)."""

from app.vendors.lio.lookups import routes, seed, store

BLUEPRINTS = (routes.blp,)
create_tables = store.create_tables
run_seed = seed.run
