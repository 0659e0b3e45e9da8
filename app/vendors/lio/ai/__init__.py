"""AI (doc 6.9): MagicPen, the email generator and AI email drafts (generate, approve, send); every
generation spends credits."""

from app.vendors.lio.ai import store
from app.vendors.lio.ai.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables


def run_seed(sdb, rand, scale, tick):
    """No seeded drafts: they appear when generated."""
