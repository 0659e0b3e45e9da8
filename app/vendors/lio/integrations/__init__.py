"""Integrations (doc 6.14): connected apps, HubSpot properties and imports, Slack and Teams channels."""

from app.vendors.lio.integrations import seed, store
from app.vendors.lio.integrations.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
