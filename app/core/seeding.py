"""Helpers shared by the vendors' seeds."""


def spread(scale, well_known, per_extra):
    """Split ``scale`` generated records between tenants.

    The well-known tenants get their fixed shares, in order, while the scale
    lasts; the rest goes to extra tenants of ``per_extra`` records each, so
    the well-known tenants' lists stay the same size as the dataset grows.
    Returns ``(counts of the well-known tenants, counts of the extra tenants)``.
    """
    budget = max(0, scale)
    known = []
    for share in well_known:
        count = min(share, budget)
        known.append(count)
        budget -= count
    extra = []
    while budget > 0:
        extra.append(min(per_extra, budget))
        budget -= extra[-1]
    return known, extra
