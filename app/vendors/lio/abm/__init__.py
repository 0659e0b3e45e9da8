"""Target accounts (doc 6.8): accounts, stakeholders, bulk emails, outreach plans and ABM reports."""

from app.vendors.lio.abm import seed, store
from app.vendors.lio.abm.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
