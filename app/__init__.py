"""leadmock: the app factory and the one place where vendors are wired."""

import re

import swagger_ui_bundle
from flask import Flask, send_from_directory
from werkzeug.routing import IntegerConverter

from app import config as app_config
from app.core import bodylimit, cors, db, handlers, journal, seeding, webhooks
from app.core.json import OrjsonProvider
from app.core.routing import LazyBuildRule
from app.core.vendor import register_alias
from app.vendors import discko, lio, skarbe, skode

VENDORS = (discko.VENDOR, skode.VENDOR, lio.VENDOR, skarbe.VENDOR)
EXPOSED_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Location"]
SWAGGER_ASSETS = "/__assets/swagger-ui/"
ADMIN_PATH = re.compile(r"^/__admin(?:/|$)")
NOT_ADMIN_PATH = re.compile(r"^(?!/__admin(?:/|$))")


class BoundedInt(IntegerConverter):
    """``<int:...>`` limited to what SQLite stores and JSON clients read exactly (1 to 2**53)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 0)
        kwargs.setdefault("max", 2**53)
        super().__init__(map, *args, **kwargs)


class LeadmockFlask(Flask):
    """Flask, with ``ensure_sync``'s coroutine check made once per function rather than for every
    hook and view of every request."""

    def ensure_sync(self, func):
        target = getattr(func, "__func__", func)      # a MethodView's bound method: its function
        try:
            is_async = self._leadmock_async[target]
        except AttributeError:
            self._leadmock_async = {}
            return self.ensure_sync(func)
        except (KeyError, TypeError):
            is_async = super().ensure_sync(func) is not func
            try:
                self._leadmock_async[target] = is_async
            except TypeError:
                pass
            return self.async_to_sync(func) if is_async else func
        return self.async_to_sync(func) if is_async else func


def vendor_names():
    return [vendor.name for vendor in VENDORS]


def seed_database(database, seed, scale, tick=None):
    """Every vendor's tables and data into ``database`` (:func:`app.core.seeding.seed_database`)."""
    seeding.seed_database(database, VENDORS, seed, scale, tick)


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
    app = LeadmockFlask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = app_config.MAX_BODY_BYTES
    app.wsgi_app = bodylimit.BodyLimit(app.wsgi_app, app_config.MAX_BODY_BYTES)  # 413 for chunked bodies too
    app.json = OrjsonProvider(app)
    app.url_map.strict_slashes = False
    app.url_map.converters["int"] = BoundedInt   # before any route: `<int:id>` past 2**53 is a 404, never a 500
    app.url_rule_class = LazyBuildRule           # URL builders compiled on first url_for: a faster start

    database = db.Database(settings["DATABASE"], str(settings["DURABILITY"] or "normal").lower(),
                           background_checkpoints=True)
    if settings["SEEDED_FROM"] and database.memory:  # `leadmock serve --db :memory:` seeded it already
        opened = seeding.load_seeded(database, settings["SEEDED_FROM"])
    else:
        opened = seeding.ensure_database(database, VENDORS, settings["SEED"], settings["SCALE"], settings["FRESH"])
    app.config.update(SEED=opened.seed, SCALE=opened.scale)  # a kept database keeps its own
    app.extensions["leadmock.db"] = database
    app.extensions["leadmock.vendors"] = {}
    app.extensions["leadmock.apis"] = {}
    app.extensions["leadmock.mounts"] = {}
    webhooks.init_app(app)   # the outgoing-webhook dispatcher: started now if deliveries wait, else on first use

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
    journal.init_app(app)   # the request journal, faults and the access log (before any other hook)

    # Vendor routes: any origin by default. /__admin: same-origin unless LEADMOCK_ADMIN_CORS_ORIGINS opens it
    # (app.control.require_admin refuses requests from other origins; here: no CORS headers for them).
    cors_options = {"expose_headers": EXPOSED_HEADERS, "allow_headers": "*", "max_age": 600}
    resources = {NOT_ADMIN_PATH: {"origins": app_config.origins(settings["CORS_ORIGINS"]) or "*", **cors_options}}
    if app_config.origins(settings["ADMIN_CORS_ORIGINS"]):
        resources[ADMIN_PATH] = {"origins": app_config.origins(settings["ADMIN_CORS_ORIGINS"]), **cors_options}
    cors.init_app(app, resources)   # flask-cors, with a lean path for requests without Origin

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
