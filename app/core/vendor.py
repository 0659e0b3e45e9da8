"""The vendor base: an Api, a Blueprint subclass and a descriptor per vendor.

Each vendor subclasses :class:`VendorApi` and :class:`VendorBlueprint` and
describes itself with a :class:`Vendor`. The Blueprint owns the vendor's
success envelope (:meth:`VendorBlueprint.render_success`, with per-route
options from ``response(..., message=...)``), its authenticator, its URL
prefixes (the first documented, the others aliases: :func:`register_alias`)
and its non-JSON responses (redirects, GIF, HTML, CSV); the vendor's
``errors.render_error`` owns the error envelope. Per-Api error handlers are
switched off: :mod:`app.core.handlers` dispatches once, app-wide.

:class:`Parser` reads JSON whatever the Content-Type (``location="json"``) or,
with ``location="json_or_form"``, honours it: multipart and url-encoded
forms are forms (url-encoded bodies that parse as JSON are JSON).
"""

import functools
import inspect
import threading
import types
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Callable

import marshmallow as ma
import orjson
from flask import current_app, redirect, request
from flask_smorest import Api, Blueprint
from flask_smorest.utils import deepupdate, set_status_and_headers_in_response, unpack_tuple_response
from werkzeug import Response
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser

from app.core import auth, faults, timeline
from app.core.errors import BadRequest, Invalid, InvalidJson
from app.core import spec_status


class Parser(FlaskParser):
    """webargs parser raising core errors, and reading JSON whatever the Content-Type.

    Real vendors parse a JSON body even when a client forgets the header
    (``curl -d`` sends ``application/x-www-form-urlencoded``). orjson rejects
    what no store could keep (lone surrogates, NaN), so those are invalid JSON.
    """

    DEFAULT_VALIDATION_STATUS = 422
    QUERY_CACHE_SIZE = 2048

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._query_cache = {}

    def parse(self, argmap, req=None, *, location=None, **kwargs):
        """As webargs', but query arguments parsed before for the same schema and query string are
        reused: their parsing is a pure function of the two (a schema class may opt out with
        ``PARSE_CACHE = False``). Everything else, every first sight and every error goes
        through webargs."""
        if (location != "query" or kwargs.get("validate") is not None or not isinstance(argmap, ma.Schema)
                or not getattr(argmap, "PARSE_CACHE", True)):
            return super().parse(argmap, req, location=location, **kwargs)
        key = (argmap, (req or request).query_string, kwargs.get("unknown", "default"))
        kept = self._query_cache.get(key)
        if kept is None:
            parsed = super().parse(argmap, req, location=location, **kwargs)
            if not isinstance(parsed, dict):
                return parsed
            if len(self._query_cache) >= self.QUERY_CACHE_SIZE:
                self._query_cache.clear()
            kept = self._query_cache[key] = (parsed, any(type(value) not in _SHARED for value in parsed.values()))
        parsed, containers = kept
        if containers:
            return {name: _copied(value) for name, value in parsed.items()}
        return dict(parsed)

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

    def load_json_or_form(self, req, schema):
        """``location="json_or_form"``, by Content-Type: multipart/form-data is a form;
        application/x-www-form-urlencoded is JSON when it parses as JSON (``curl -d``
        sends JSON with that header), else a form; anything else is JSON."""
        if req.mimetype == "multipart/form-data":
            return self.load_form(req, schema)
        if req.mimetype == "application/x-www-form-urlencoded":
            data = req.get_data(cache=True)
            if not data:
                return webargs_core.missing
            try:
                return orjson.loads(data)
            except orjson.JSONDecodeError:
                return self.load_form(req, schema)
        return self.load_json(req, schema)

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        messages = error.messages
        # webargs nests messages under the location: {"json": {...}}
        if isinstance(messages, dict) and len(messages) == 1:
            (location, inner), = messages.items()
            if location in ("json", "query", "form", "files", "view_args", "headers", "json_or_form"):
                messages = inner
        if not isinstance(messages, dict):
            messages = {"_schema": messages if isinstance(messages, list) else [str(messages)]}
        fields = _flatten(messages)
        if getattr(schema, "INVALID_IS_BAD_REQUEST", False):    # a vendor documents 400 here (LIO's login)
            raise BadRequest(next(iter(fields.values()))[0], details=fields)
        raise Invalid(fields=fields)


_SHARED = frozenset((str, int, float, bool, type(None)))     # immutable: a cached parse hands them out as is


def _copied(value):
    """A parsed query value safe to hand out again (containers copied, scalars shared)."""
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, dict):
        return {name: _copied(item) for name, item in value.items()}
    if isinstance(value, set):
        return set(value)
    return value


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
    """One per vendor. Its spec paths are relative to the vendor's mount.

    The spec is built when first read (``api.spec``: ``/openapi.json``, ``/docs``, ``leadmock
    openapi``), not at start-up: each blueprint's routes are registered at once, their documentation
    is queued and added, in registration order, before anything reads or changes the spec, so the
    document is the same as if built eagerly.
    """

    def __init__(self, *args, **kwargs):
        self._pending_docs = []
        self._building = False
        self._docs_lock = threading.RLock()
        super().__init__(*args, **kwargs)

    @property
    def spec(self):
        if self._pending_docs or self._building:   # another thread may be building it: wait for it
            with self._docs_lock:
                if self._pending_docs:
                    pending, self._pending_docs, self._building = self._pending_docs, [], True
                    try:
                        for blp, name, parameters in pending:
                            blp.register_views_in_doc(self, self._app, self._spec, name=name, parameters=parameters)
                            self._spec.tag({"name": name, "description": blp.description})
                    finally:
                        self._building = False
        return self._spec

    @spec.setter
    def spec(self, value):
        self._spec = value

    def register_blueprint(self, blp, *, parameters=None, **options):
        """As flask-smorest's, with the documentation queued until the spec is read."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        with self._docs_lock:
            self._pending_docs.append((blp, name, parameters))

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
    """Base Blueprint: auth declared once, URL prefixes, the success-envelope hook, non-JSON bodies.

    - ``auth=``: the authenticator, run before every request of the blueprint
      (under every prefix); it returns the principal.
    - ``prefixes=("/api", "/api/v1")``: the first is registered through the Api
      (documented in the spec), the others as undocumented aliases
      (``<name>__alias<i>``). Default: the ``url_prefix`` alone.
    - :meth:`render_success` ``(result, **options)``: THE one place a vendor
      builds its success body. ``response(200, Schema, message="...")`` passes
      its extra keyword options to it for every call of that route.
    - ``response(302)``: the view returns a URL and the client is redirected;
      ``response(200, content_type="image/gif" | "text/html" | "text/csv")``: the
      view returns bytes or str, served and documented with that media type.
    - A 204 is always an empty body without Content-Type.

    Stores return dicts already in the vendor's wire shape, so response
    schemas document the body (and the contract tests check conformance)
    without paying for a marshmallow dump on every request.
    """

    ARGUMENTS_PARSER = Parser()
    REDIRECTS = (301, 302, 303, 307, 308)
    JSON_OR_FORM_CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded")
    DOC_KEYWORDS = ("description", "example", "examples", "headers")

    def __init__(self, *args, auth=None, prefixes=(), settle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefixes = tuple(prefixes) or (self.url_prefix or "",)
        self.auth = auth
        self.settle = settle
        if settle is not None:      # before auth: effects due by now are visible to it
            self.before_request(self._settle)
        if auth is not None:
            self.before_request(self._authenticate_then_faults)

    def _settle(self):
        if request.method != "OPTIONS":
            timeline.settle(self.settle)

    def _authenticate_then_faults(self):
        """The authenticator (:meth:`_authenticate`, which a vendor may override), then the
        faults injected for the tenant it authenticated (:func:`app.core.faults.after_auth`)."""
        answer = self._authenticate()
        if answer is None and request.method != "OPTIONS":
            answer = faults.after_auth()
        return answer

    def _authenticate(self):
        if request.method == "OPTIONS":  # CORS preflight carries no credentials
            return None
        auth.set_principal(self.auth())
        return None

    @staticmethod
    def doc(**kwargs):
        """As flask-smorest's, without its runtime wrapper: the documentation goes on a copy of the
        function (the decorated one keeps its own), which a request calls directly."""
        def decorator(func):
            if inspect.iscoroutinefunction(func) or not inspect.isfunction(func):
                return Blueprint.doc(**kwargs)(func)
            copy = types.FunctionType(func.__code__, func.__globals__, func.__name__, func.__defaults__,
                                      func.__closure__)
            copy.__kwdefaults__ = func.__kwdefaults__
            functools.update_wrapper(copy, func)      # name, doc, module, qualname, dict, __wrapped__
            if "__wrapped__" in func.__dict__:         # the copy wraps what the function wraps
                copy.__wrapped__ = func.__dict__["__wrapped__"]
            else:
                del copy.__wrapped__
            copy._apidoc = deepcopy(getattr(func, "_apidoc", {}))
            copy._apidoc["manual_doc"] = deepupdate(deepcopy(copy._apidoc.get("manual_doc", {})), kwargs)
            return copy

        return decorator

    def arguments(self, schema, *args, **kwargs):
        """As flask-smorest's, with one schema instance per route (webargs would build one per request)."""
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)

    def render_success(self, result):
        """The success body of ``result`` (a store's dict/list or a :class:`Page`): bare by default.

        A vendor overrides it once, in its Blueprint subclass, and declares the
        per-route options it takes as keyword arguments, e.g.
        ``render_success(self, result, *, message="", envelope="data")``:
        ``response()`` calls it as ``render_success(result, **options)`` and
        refuses, when the route is declared, an option the hook does not take.
        """
        return result

    def response(self, status_code, schema=None, *, content_type=None, **kwargs):
        """Declare and render a success response; keywords flask-smorest does not know go to :meth:`render_success`."""
        code = int(status_code)
        doc_kwargs = {name: kwargs.pop(name) for name in self.DOC_KEYWORDS if name in kwargs}
        options = kwargs
        is_json = content_type is None or content_type == "application/json" or content_type.endswith("+json")
        if code in self.REDIRECTS or not is_json:
            if options:
                raise TypeError(f"response({code}, content_type={content_type!r}) takes no envelope options")
            documented = Blueprint.response(self, status_code, None, content_type=content_type, **doc_kwargs)
        else:
            inspect.signature(self.render_success).bind(None, **options)   # unknown option: fail at import
            documented = super().response(status_code, schema, content_type=content_type, **doc_kwargs)

        def decorator(func):
            @functools.wraps(func)
            def view(*args, **kw):
                result, status, headers = unpack_tuple_response(func(*args, **kw))
                if isinstance(result, Response):
                    response = result
                elif code in self.REDIRECTS:
                    response = redirect(result, code=status or code)
                elif not is_json:
                    response = current_app.response_class(result, status=status or code, content_type=content_type)
                elif (status or code) == 204:
                    response = current_app.response_class(status=204)
                    del response.headers["Content-Type"]
                else:
                    response = current_app.json.response(self.render_success(result, **options))
                    response.status_code = status or code
                set_status_and_headers_in_response(response, status, headers)
                return response

            view._apidoc = documented(func)._apidoc
            if not is_json and code not in self.REDIRECTS:
                _document_media(view._apidoc, status_code, content_type, schema)
            return view

        return decorator

    def _prepare_arguments_doc(self, doc, doc_info, *, api, spec, **kwargs):
        """``location="json_or_form"``: one request body, documented under each of
        :attr:`JSON_OR_FORM_CONTENT_TYPES` (flask-smorest knows json, form and files only)."""
        operation = doc_info.get("arguments")
        for param in list((operation or {}).get("parameters", ())):
            if isinstance(param, dict) and param.get("in") == "json_or_form":
                fields = {name: param.pop(name) for name in ("schema", "example", "examples") if name in param}
                body = {name: param[name] for name in ("description", "required") if name in param}
                body["content"] = {media: dict(fields) for media in self.JSON_OR_FORM_CONTENT_TYPES}
                operation["parameters"].remove(param)
                doc = deepupdate(doc, {"requestBody": body})
        if operation is not None and not operation.get("parameters"):
            doc_info.pop("arguments")            # nothing left for flask-smorest to document
            doc = deepupdate(doc, {key: value for key, value in operation.items() if key != "parameters"})
        return super()._prepare_arguments_doc(doc, doc_info, api=api, spec=spec, **kwargs)


def _document_media(apidoc, status_code, content_type, schema):
    """A non-JSON response's body in the spec: ``schema`` (a dict) or a string (binary for non-text)."""
    if schema is None:
        text = content_type.startswith("text/")
        schema = {"type": "string"} if text else {"type": "string", "format": "binary"}
    apidoc["response"]["responses"][status_code][-1]["schema"] = schema


def register_alias(api, blueprint, name, url_prefix):
    """Register ``blueprint`` again under ``name`` and ``url_prefix``, outside the spec.

    Its ``before_request``/``after_request`` functions (auth, rate limits) run
    under the alias too: Flask merges them under the registration name.
    """
    api._app.extensions["flask-smorest"]["blp_name_to_api"][name] = api
    api._app.register_blueprint(blueprint, name=name, url_prefix=url_prefix)


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
    tenant_of: Callable = None     # (principal) -> the tenant id as /__admin/tenants lists it (a string), or None
    # Isolated tenants (POST/DELETE /__admin/tenants, app.core.tenancy): copy a tenant with all its data
    # under fresh ids and credentials, answering the new tenant's id; remove an isolated tenant and its data.
    clone_tenant: Callable = None   # (source tenant id) -> new tenant id
    delete_tenant: Callable = None  # (isolated tenant id) -> None; NotFound unless isolated
    description: str = ""
    real_base_url: str = ""
    security_schemes: dict = field(default_factory=dict)
    admin_blueprint: object = None  # a flask.Blueprint mounted at /__admin/<name> (not in the spec)
    # The dashboard at "/": the API base a client uses (path under the mount where the documented
    # paths begin, "" = the mount itself), a copyable curl line ({base} = that base URL, {key} =
    # example_key, shown only to who may see credentials) and the ids of the documented tenants
    # it lists (the others are counted; /__admin/tenants lists all).
    api_base: str = ""
    example: str = ""
    example_key: str = ""
    well_known: tuple = ()

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
