"""Intent (doc 6.13, 9): signals, alerts, hot leads; public email open/click tracking."""

from app.vendors.lio.intent import seed, store
from app.vendors.lio.intent.routes import blp, public_blp, v1_blp

BLUEPRINTS = (public_blp, v1_blp, blp)
create_tables = store.create_tables
run_seed = seed.run
