from app.core.seeding import spread


def test_spread_fills_well_known_tenants_first_then_extra_tenants():
    assert spread(350, [40, 24], 100) == ([40, 24], [100, 100, 86])


def test_spread_with_small_scale_shortens_well_known_shares():
    assert spread(50, [40, 24], 100) == ([40, 10], [])
    assert spread(0, [40, 24], 100) == ([0, 0], [])
