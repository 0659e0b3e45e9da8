"""leadmock: the app factory and the one place where vendors are wired."""

import os
import re

import flask_cors
import swagger_ui_bundle
from flask import Flask, send_from_directory

from app import config as app_config
from app.core import bodylimit, clock, db, handlers, timeline
from app.core.json import OrjsonProvider
from app.core.rand import Rand
from app.core.vendor import register_alias
from app.vendors import discko, lio, skarbe, skode

VENDORS = (discko.VENDOR, skode.VENDOR, lio.VENDOR, skarbe.VENDOR)
# Bump when a table or the seeded data changes shape: existing databases are reseeded.
SCHEMA_VERSION = "4"
EXPOSED_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Location"]
SWAGGER_ASSETS = "/__assets/swagger-ui/"
ADMIN_PATH = re.compile(r"^/__admin(?:/|$)")
NOT_ADMIN_PATH = re.compile(r"^(?!/__admin(?:/|$))")


def vendor_names():
    return [vendor.name for vendor in VENDORS]


# -- seeding ------------------------------------------------------------------
def _meta(seed, scale):
    return {"seed": str(seed), "scale": str(scale), "schema_version": SCHEMA_VERSION}


def read_meta(connection):
    try:
        return dict(connection.execute("SELECT key, value FROM core_meta").fetchall())
    except Exception:
        return {}


def seed_database(database, seed, scale, tick=None):
    """Build every vendor's tables and data into ``database`` and save it as pristine."""
    connection = database.conn()
    connection.execute("PRAGMA foreign_keys = OFF")
    for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        connection.execute(f'DROP TABLE IF EXISTS "{name}"')
    connection.execute("PRAGMA foreign_keys = ON")
    sdb = database.utils()
    with database.write():
        clock.ensure_table(connection)
        timeline.ensure_table(connection)
        connection.execute("CREATE TABLE core_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany("INSERT INTO core_meta VALUES (?, ?)", _meta(seed, scale).items())
        for vendor in VENDORS:
            vendor.create_tables(sdb)
            vendor.seed(sdb, Rand(seed, vendor.name), scale, tick or (lambda n: None))
    connection.execute("PRAGMA optimize")
    database.save_snapshot(db.PRISTINE)


def ensure_database(database, seed, scale, fresh=False):
    """Open ``database`` as the user expects: persisted state kept, seeded when new.

    The pristine copy (what ``/__admin/reset`` restores) is rebuilt whenever it
    is missing or was seeded with other parameters.
    """
    wanted = _meta(seed, scale)
    if not fresh and not database.memory and os.path.exists(database.path) and database.has_snapshot(db.PRISTINE):
        if read_meta(database.conn()) == wanted:
            return "kept"
    seed_database(database, seed, scale)
    return "seeded"


# -- the app ------------------------------------------------------------------
def _api_config(app, vendor, mount):
    prefix = vendor.config_prefix
    app.config.update({
        f"{prefix}_API_TITLE": f"{vendor.title} (leadmock sandbox)",
        f"{prefix}_API_VERSION": "v1",
        f"{prefix}_OPENAPI_VERSION": "3.0.3",
        f"{prefix}_OPENAPI_URL_PREFIX": mount or "/",
        f"{prefix}_OPENAPI_JSON_PATH": "openapi.json",
        f"{prefix}_OPENAPI_SWAGGER_UI_PATH": "docs",
        f"{prefix}_OPENAPI_SWAGGER_UI_URL": SWAGGER_ASSETS,
        f"{prefix}_API_SPEC_OPTIONS": {
            "info": {"description": vendor.description},
            "security": [{name: []} for name in vendor.security_schemes],
        },
    })


def _with_mount(value, mount):
    """``value`` with every ``{mount}`` in its strings replaced (URLs in security schemes)."""
    if isinstance(value, dict):
        return {key: _with_mount(item, mount) for key, item in value.items()}
    if isinstance(value, str):
        return value.replace("{mount}", mount)
    return value


def _mount_vendor(app, vendor, mount):
    app.extensions["leadmock.mounts"][vendor.name] = mount
    _api_config(app, vendor, mount)
    api = vendor.api_class(app, config_prefix=vendor.config_prefix)
    for name, scheme in vendor.security_schemes.items():
        api.spec.components.security_scheme(name, _with_mount(scheme, mount))
    for blueprint in vendor.blueprints:
        # the first prefix is documented; the others answer the same, as aliases outside the spec
        for index, prefix in enumerate(blueprint.prefixes):
            if index == 0:
                api.register_blueprint(blueprint, url_prefix=mount + prefix)
            else:
                register_alias(api, blueprint, f"{blueprint.name}__alias{index}", mount + prefix)
    if vendor.admin_blueprint is not None:
        app.register_blueprint(vendor.admin_blueprint, url_prefix=f"/__admin/{vendor.name}")
    app.extensions["leadmock.vendors"][vendor.name] = vendor
    app.extensions["leadmock.apis"][vendor.name] = api
    return api


def create_app(config=None):
    """Build the sandbox. ``config`` keys as in :data:`app.config.DEFAULTS`."""
    settings = app_config.load(config)
    app = Flask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = app_config.MAX_BODY_BYTES
    app.wsgi_app = bodylimit.BodyLimit(app.wsgi_app, app_config.MAX_BODY_BYTES)  # 413 for chunked bodies too
    app.json = OrjsonProvider(app)
    app.url_map.strict_slashes = False

    database = db.Database(settings["DATABASE"])
    ensure_database(database, settings["SEED"], settings["SCALE"], settings["FRESH"])
    app.extensions["leadmock.db"] = database
    app.extensions["leadmock.vendors"] = {}
    app.extensions["leadmock.apis"] = {}
    app.extensions["leadmock.mounts"] = {}

    only = settings["VENDOR"]
    if only and only not in vendor_names():
        raise ValueError(f"unknown vendor {only!r}; choose one of {', '.join(vendor_names())}")
    renderers = []
    for vendor in VENDORS:
        if only and vendor.name != only:
            continue
        mount = "" if only else f"/{vendor.name}"
        _mount_vendor(app, vendor, mount)
        renderers.append((mount, vendor.render_error))
    renderers.insert(0, ("/__admin", handlers.render_plain))
    renderers.insert(0, ("/__assets", handlers.render_plain))
    app.extensions["leadmock.error_renderers"] = sorted(renderers, key=lambda item: -len(item[0]))
    handlers.init_app(app)

    # Vendor routes: any origin by default. /__admin: same-origin unless LEADMOCK_ADMIN_CORS_ORIGINS opens it
    # (app.control.require_admin refuses requests from other origins; here: no CORS headers for them).
    cors = {"expose_headers": EXPOSED_HEADERS, "allow_headers": "*", "max_age": 600}
    resources = {NOT_ADMIN_PATH: {"origins": app_config.origins(settings["CORS_ORIGINS"]) or "*", **cors}}
    if app_config.origins(settings["ADMIN_CORS_ORIGINS"]):
        resources[ADMIN_PATH] = {"origins": app_config.origins(settings["ADMIN_CORS_ORIGINS"]), **cors}
    flask_cors.CORS(app, resources=resources)

    from app.control import bp as control_bp
    from app.control import require_admin
    from app.dashboard import bp as dashboard_bp

    app.register_blueprint(control_bp)
    app.before_request(require_admin)  # every /__admin route, vendor ones included
    app.register_blueprint(dashboard_bp)

    @app.get(SWAGGER_ASSETS + "<path:filename>")
    def swagger_assets(filename):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)

    return app
