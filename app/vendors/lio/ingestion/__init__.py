"""Ingestion (doc 8): leads pushed with an API key, the key's lead list, hosted web forms."""

from app.vendors.lio.ingestion import seed, store
from app.vendors.lio.ingestion.routes import blp, public_blp

BLUEPRINTS = (blp, public_blp)
create_tables = store.create_tables
run_seed = seed.run
