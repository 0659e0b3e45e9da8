"""Forecast (doc 6.7): a read model over deals and their history; no tables of its own."""

from app.vendors.lio.forecast import store
from app.vendors.lio.forecast.routes import blp

BLUEPRINTS = (blp,)


def create_tables(sdb):
    """No tables: computed at read time from the pipelines area."""


def run_seed(sdb, rand, scale, tick):
    """Nothing to seed: the pipelines area seeds the deals."""


__all__ = ["BLUEPRINTS", "create_tables", "run_seed", "store"]
