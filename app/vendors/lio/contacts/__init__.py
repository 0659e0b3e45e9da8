"""Contacts (doc 6.4): the table and ``require`` now; routes and seed in part 2."""

from app.vendors.lio.contacts import store

BLUEPRINTS = ()
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """Contacts are seeded with the area's routes (part 2)."""
