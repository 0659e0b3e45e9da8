"""Lead enrichment (doc 6.3): single and bulk enrichment, enrichment jobs, recent LinkedIn leads."""

from app.vendors.lio.enrichment import seed, store
from app.vendors.lio.enrichment.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
