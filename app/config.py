"""Configuration: defaults, overridden by ``LEADMOCK_*`` environment variables,
overridden by the CLI flags / the dict given to ``create_app``."""

import os

DEFAULTS = {
    "DATABASE": "./leadmock.sqlite",   # LEADMOCK_DB; ":memory:" works too
    "SEED": 42,                        # LEADMOCK_SEED
    "SCALE": 300,                      # LEADMOCK_SCALE: generated records per vendor
    "VENDOR": None,                    # LEADMOCK_VENDOR: mount one vendor at "/"
    "FRESH": False,                    # LEADMOCK_FRESH: reseed on start
    "ADMIN_TOKEN": None,               # LEADMOCK_ADMIN_TOKEN: protects /__admin
    "CORS_ORIGINS": "*",               # LEADMOCK_CORS_ORIGINS: comma-separated (vendor routes)
    "ADMIN_CORS_ORIGINS": None,        # LEADMOCK_ADMIN_CORS_ORIGINS: comma-separated; /__admin is same-origin without
    "HOST": "127.0.0.1",               # LEADMOCK_HOST
    "PORT": 8000,                      # LEADMOCK_PORT
    "WORKERS": 2,                      # LEADMOCK_WORKERS (2 x 1 measured fastest by `make bench`)
    "THREADS": 1,                      # LEADMOCK_THREADS
    "DURABILITY": "normal",            # LEADMOCK_DURABILITY: normal (synchronous=NORMAL) | fast (OFF, for CI)
    "JOURNAL_SIZE": 10000,             # LEADMOCK_JOURNAL_SIZE: requests kept in the journal; 0 = no journal
    "QUIET": False,                    # LEADMOCK_QUIET: no access-log line per vendor request on stderr
    "WEBHOOK_TIMEOUT": None,           # LEADMOCK_WEBHOOK_TIMEOUT: seconds per webhook attempt (unset: the vendor's, else 10)
    "WEBHOOK_HOSTS": None,             # LEADMOCK_WEBHOOK_HOSTS: comma-separated hosts webhooks may reach (unset: any)
    "SEEDED_FROM": None,               # LEADMOCK_SEEDED_FROM: internal, `serve --db :memory:` workers load this file
}

ENV_NAMES = {"DATABASE": "LEADMOCK_DB"}
MAX_BODY_BYTES = 10 * 1024 * 1024


def env_name(key):
    return ENV_NAMES.get(key, f"LEADMOCK_{key}")


def _coerce(key, value):
    default = DEFAULTS[key]
    if isinstance(default, bool):
        return str(value).strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    return value or None if default is None else value


def origins(value):
    """A comma-separated origins setting as a list (``[]`` when unset)."""
    return [origin.strip() for origin in str(value or "").split(",") if origin.strip()]


def load(overrides=None):
    """Defaults < environment < ``overrides`` (keys as in DEFAULTS)."""
    config = dict(DEFAULTS)
    for key in DEFAULTS:
        value = os.environ.get(env_name(key))
        if value not in (None, ""):
            config[key] = _coerce(key, value)
    for key, value in (overrides or {}).items():
        if value is not None:
            config[key] = value
    if config["VENDOR"]:
        config["VENDOR"] = str(config["VENDOR"]).lower()
    return config
