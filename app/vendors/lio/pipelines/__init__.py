"""Pipelines (doc 6.6, 7.2, 7.3): pipelines, stages, deals and deal history."""

from app.vendors.lio.pipelines import seed, store
from app.vendors.lio.pipelines.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
