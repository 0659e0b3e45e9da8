"""Voice (doc 6.12): phone numbers, the calling wallet and calls (doc-11 Call)."""

from app.vendors.lio.voice import calls, seed, store
from app.vendors.lio.voice.routes import blp

BLUEPRINTS = (blp,)
run_seed = seed.run


def create_tables(sdb):
    store.create_tables(sdb)
    calls.create_tables(sdb)
