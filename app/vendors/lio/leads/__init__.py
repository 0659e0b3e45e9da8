"""Leads (doc 6.2, 7.1): CRUD, filters, bulk actions, imports, notes, follow-ups, documents."""

from app.vendors.lio.leads import seed, store
from app.vendors.lio.leads.routes import blp

BLUEPRINTS = (blp,)                 # an area with public routes adds public_blp here
create_tables = store.create_tables
run_seed = seed.run                 # per-area seed.py: lio/__init__.py only orchestrates AREAS in order
