"""Notifications and the activity feed (doc 6.15): written by every area; routes in part 4."""

from app.vendors.lio.activity import store

BLUEPRINTS = ()
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """Nothing of its own: other areas' seeds record their feed rows."""
