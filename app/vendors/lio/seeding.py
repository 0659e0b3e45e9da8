"""LIO seeding helpers shared by the areas' seed modules: the anchor date and the split of
``--scale`` between the well-known organizations and generated ones."""

from datetime import datetime, timezone

from app.core.seeding import spread

ANCHOR = datetime(2026, 6, 15, 9, 0, tzinfo=timezone.utc)   # seeded dates end here (doc's "last updated")
WELL_KNOWN_LEADS = (120, 40)                                  # Acme, Globex
GENERATED_ORG_SIZE = 100


def split(scale):
    """``((acme, globex), [leads per generated org, ...])``."""
    return spread(scale, WELL_KNOWN_LEADS, GENERATED_ORG_SIZE)


def generated_orgs(scale):
    """The ids of the generated organizations, in order."""
    return [f"org_gen_{n:04d}" for n in range(1, len(split(scale)[1]) + 1)]
