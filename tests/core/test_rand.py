"""core.rand: the seeded, cheap password hash that werkzeug verifies."""

import re

from werkzeug.security import check_password_hash

from app.core.rand import Rand


def test_password_hash_is_verified_by_werkzeug():
    hashed = Rand(42, "users").password_hash("s3cret!")
    assert re.fullmatch(r"pbkdf2:sha256:1000\$[A-Za-z0-9]{16}\$[0-9a-f]{64}", hashed)
    assert check_password_hash(hashed, "s3cret!")
    assert not check_password_hash(hashed, "s3cret")


def test_password_hash_is_the_same_for_the_same_seed_and_namespace():
    assert Rand(42, "users").password_hash("pw") == Rand(42, "users").password_hash("pw")


def test_password_hash_salt_differs_per_draw_and_namespace():
    rand = Rand(42, "users")
    first, second = rand.password_hash("pw"), rand.password_hash("pw")
    other = Rand(42, "admins").password_hash("pw")
    assert len({first, second, other}) == 3
    assert all(check_password_hash(hashed, "pw") for hashed in (first, second, other))
