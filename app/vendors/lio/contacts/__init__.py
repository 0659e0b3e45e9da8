"""Contacts (doc 6.4): list, view, add, update, bulk update, delete; ``require``/``basic`` for other areas."""

from app.vendors.lio.contacts import seed, store
from app.vendors.lio.contacts.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
