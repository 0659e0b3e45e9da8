"""Voice (doc 6.12): phone numbers and the calling wallet (calls: to be built)."""

from app.vendors.lio.voice import seed, store
from app.vendors.lio.voice.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
