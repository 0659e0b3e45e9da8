"""Notifications and the activity feed (doc 6.15): written by every area, read through its routes."""

from app.vendors.lio.activity import seed, store
from app.vendors.lio.activity.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
