"""The `intent` area (see DESIGN.md section 3): to be built."""

BLUEPRINTS = ()


def create_tables(sdb):
    """No tables yet."""


def run_seed(sdb, rand, scale, tick):
    """Nothing to seed yet."""
