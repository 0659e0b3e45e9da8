"""The only door to randomness: seeded generators for seeding, ids for runtime.

Seeding draws from :class:`Rand`, derived from ``(seed, namespace)`` so that
each vendor's data depends only on the seed and on its own code: same seed and
scale give a byte-identical database. Records created at run time get ids from
:func:`token`, which must be unique across worker processes and so is not
seeded.
"""

import hashlib
import random
import secrets
import string


ALNUM_LOWER = string.ascii_lowercase + string.digits
ALNUM = string.ascii_letters + string.digits
PASSWORD_ITERATIONS = 1000


class Rand:
    """A seeded ``random.Random`` plus a seeded Faker for one namespace."""

    def __init__(self, seed, namespace="", locale="en_US"):
        digest = hashlib.sha256(f"{seed}:{namespace}".encode()).digest()
        self.seed = int.from_bytes(digest[:8], "big")
        self.random = random.Random(self.seed)
        self._locale = locale
        self._faker = None

    @property
    def faker(self):
        """A Faker seeded like this generator, built on first use (building one costs milliseconds)."""
        if self._faker is None:
            from faker import Faker   # imported here: only seeding needs it, and it is slow to import

            self._faker = Faker(self._locale)
            self._faker.seed_instance(self.seed)
        return self._faker

    def child(self, namespace):
        """An independent generator for a sub-part (stable when others change)."""
        return Rand(self.seed, namespace)

    def pools(self, *methods, size=1000):
        """Faker values drawn once per method (``"first_name"``, ``"company"``, ...).

        Records then pick from them with :meth:`choice`: calling Faker per
        record costs tens of microseconds and dominates seeding at scale.
        """
        return {method: [getattr(self.faker, method)() for _ in range(size)] for method in methods}

    def choice(self, seq):
        return self.random.choice(seq)

    def choices(self, seq, weights=None, k=1):
        return self.random.choices(seq, weights=weights, k=k)

    def sample(self, seq, k):
        return self.random.sample(seq, k)

    def randint(self, low, high):
        return self.random.randint(low, high)

    def uniform(self, low, high):
        return self.random.uniform(low, high)

    def chance(self, p):
        return self.random.random() < p

    def token(self, length, alphabet=ALNUM_LOWER):
        return "".join(self.random.choice(alphabet) for _ in range(length))

    def password_hash(self, password, iterations=PASSWORD_ITERATIONS):
        """``pbkdf2:sha256:1000$<salt>$<hex>``, as werkzeug's ``check_password_hash`` reads it.

        The salt is drawn from this generator, so seeding stays byte-identical;
        1,000 rounds keep a login check well under a millisecond (a sandbox, not a vault).
        """
        return _pbkdf2(password, self.token(16, ALNUM), iterations)


def _pbkdf2(password, salt, iterations):
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"), salt.encode(), iterations)
    return f"pbkdf2:sha256:{iterations}${salt}${digest.hex()}"


def password_hash(password, iterations=PASSWORD_ITERATIONS):
    """A password hash made at run time (a fresh unpredictable salt), in :meth:`Rand.password_hash`'s format."""
    return _pbkdf2(password, token(16, ALNUM), iterations)


def token(length=12, alphabet=ALNUM_LOWER):
    """A fresh unpredictable token for ids and secrets created at run time: one uniform draw
    among all ``len(alphabet) ** length`` tokens, written in base ``len(alphabet)``."""
    base = len(alphabet)
    value = secrets.randbelow(base ** length)
    chars = []
    for _ in range(length):
        value, digit = divmod(value, base)
        chars.append(alphabet[digit])
    return "".join(chars)
