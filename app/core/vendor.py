"""The vendor base: an Api, a Blueprint subclass and a descriptor per vendor.

Each vendor subclasses :class:`VendorApi` and :class:`VendorBlueprint` and
describes itself with a :class:`Vendor`. The Blueprint owns the vendor's
success envelope (``_prepare_response_content``) and its authenticator; the
vendor's ``errors.render_error`` owns the error envelope. Per-Api error
handlers are switched off: :mod:`app.core.handlers` dispatches once, app-wide.
"""

from dataclasses import dataclass, field
from typing import Callable

import orjson
from flask import current_app, request
from flask_smorest import Api, Blueprint
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser

from app.core import auth
from app.core.errors import Invalid, InvalidJson
from app.core import spec_status


class Parser(FlaskParser):
    """webargs parser raising core errors, and reading JSON whatever the Content-Type.

    Real vendors parse a JSON body even when a client forgets the header
    (``curl -d`` sends ``application/x-www-form-urlencoded``). orjson rejects
    what no store could keep (lone surrogates, NaN), so those are invalid JSON.
    """

    DEFAULT_VALIDATION_STATUS = 422

    def _raw_load_json(self, req):
        data = req.get_data(cache=True)
        if not data:
            return webargs_core.missing
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            raise InvalidJson() from None

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        raise InvalidJson()

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        messages = error.messages
        # webargs nests messages under the location: {"json": {...}}
        if isinstance(messages, dict) and len(messages) == 1:
            (location, inner), = messages.items()
            if location in ("json", "query", "form", "view_args", "headers", "json_or_form"):
                messages = inner
        if not isinstance(messages, dict):
            messages = {"_schema": messages if isinstance(messages, list) else [str(messages)]}
        raise Invalid(fields=_flatten(messages))


def _messages(value):
    """Nested marshmallow messages (``{1: ["Not a valid string."]}``) as a flat list of strings."""
    if isinstance(value, dict):
        return [f"{key}: {message}" for key, inner in value.items() for message in _messages(inner)]
    if isinstance(value, (list, tuple)):
        return [message for inner in value for message in _messages(inner)]
    return [str(value)]


def _flatten(fields):
    """``{"field": ["message", ...]}``: string keys, lists of text, whatever marshmallow nested."""
    return {str(name): _messages(messages) for name, messages in fields.items()}


class VendorApi(Api):
    """One per vendor. Its spec paths are relative to the vendor's mount."""

    def _register_error_handlers(self):
        """Disabled: flask-smorest would register app-wide; core.handlers dispatches."""

    def _openapi_json(self):
        name = self.config_prefix.rstrip("_").lower()
        vendor = current_app.extensions["leadmock.vendors"][name]
        mount = current_app.extensions["leadmock.mounts"][name]
        return current_app.response_class(
            orjson.dumps(vendor.spec_dict(self, mount)), mimetype="application/json"
        )


class VendorBlueprint(Blueprint):
    """Base Blueprint: declares auth once, passes store dicts through unchanged.

    Stores return dicts already in the vendor's wire shape, so response
    schemas document the body (and the contract tests check conformance)
    without paying for a marshmallow dump on every request.
    """

    ARGUMENTS_PARSER = Parser()

    def __init__(self, *args, auth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.auth = auth
        if auth is not None:
            self.before_request(self._authenticate)

    def _authenticate(self):
        if request.method == "OPTIONS":  # CORS preflight carries no credentials
            return None
        auth.set_principal(self.auth())
        return None

    def arguments(self, schema, *args, **kwargs):
        """As flask-smorest's, with one schema instance per route (webargs would build one per request)."""
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)

    def response(self, status_code, schema=None, **kwargs):
        runtime = super().response(status_code, None, **kwargs)
        documented = super().response(status_code, schema, **kwargs)

        def decorator(func):
            wrapper = runtime(func)
            wrapper._apidoc = documented(func)._apidoc
            return wrapper

        return decorator


@dataclass
class Vendor:
    """Everything ``create_app`` needs to mount a vendor."""

    name: str                      # "discko"; also the default mount "/discko"
    title: str
    api_class: type
    blueprints: list               # VendorBlueprint instances, url_prefix relative to mount
    render_error: Callable         # (ApiError) -> (body, status, headers)
    create_tables: Callable        # (sqlite_utils.Database) -> None
    seed: Callable                 # (sqlite_utils.Database, Rand, scale) -> None
    tenants: Callable              # () -> list of dicts for /__admin/tenants
    counts: Callable = None        # () -> {resource: count} for the dashboard
    description: str = ""
    real_base_url: str = ""
    security_schemes: dict = field(default_factory=dict)
    admin_blueprint: object = None  # a flask.Blueprint mounted at /__admin/<name> (not in the spec)

    @property
    def config_prefix(self):
        return self.name.upper()

    def spec_dict(self, api, mount):
        """The OpenAPI document with paths relative to the mount, as the vendor serves them."""
        spec = spec_status.pin(api.spec.to_dict())   # not Python-version dependent
        if mount:
            spec["paths"] = {
                path[len(mount):] if path.startswith(mount + "/") else path: item
                for path, item in spec["paths"].items()
            }
        spec["servers"] = [
            {"url": mount or "/", "description": "leadmock sandbox"},
            {"url": self.real_base_url, "description": f"the real {self.title}"},
        ]
        return spec
