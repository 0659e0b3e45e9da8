"""LIO's Api and Blueprint: both prefixes, due effects settled, the documented envelope.

Every LIO blueprint is a :class:`LioBlueprint`: it registers under ``/api`` (documented in
the spec) and ``/api/v1`` (an alias), settles the LIO timeline before each request and
renders ``{"success": true, "message", "data"}`` (lists add ``total``, ``page``, ``limit``;
login answers flat, as doc 2.1 shows). An area declares one blueprint per auth rule
(``blp`` bearer, ``public_blp`` none, ``key_blp`` API key or bearer), never a per-view check.
"""

import functools

import marshmallow as ma

from app.core.paging import Page
from app.core.vendor import VendorApi, VendorBlueprint
from app.vendors.lio.constants import ERROR_TYPES, PREFIXES


class ErrorDetailSchema(ma.Schema):
    message = ma.fields.String(required=True, metadata={"example": "Lead not found."})
    type = ma.fields.String(required=True, metadata={"enum": sorted(ERROR_TYPES), "example": "not_found"})
    code = ma.fields.String(required=True, allow_none=True, metadata={"example": None})
    fields = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Validation errors only: each bad field or query parameter and its messages.",
                  "example": {"first_name": ["Missing data for required field."]}})


class ErrorSchema(ma.Schema):
    success = ma.fields.Boolean(required=True, metadata={"enum": [False]})
    error = ma.fields.Nested(ErrorDetailSchema, required=True)


class LioApi(VendorApi):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"


class LioBlueprint(VendorBlueprint):
    """Every LIO blueprint: both prefixes, the LIO timeline settled, the LIO envelope."""

    def __init__(self, *args, prefixes=PREFIXES, **kwargs):
        super().__init__(*args, prefixes=prefixes, settle="lio", **kwargs)
        # the spec's security of every operation follows the blueprint's authenticator (none: public)
        self.security = getattr(self.auth, "security", None) or []

    def route(self, rule, **options):
        register = super().route(rule, **options)

        def decorator(func):
            if "security" not in getattr(func, "_apidoc", {}).get("manual_doc", {}):
                func = self.doc(security=self.security)(func)
            return register(func)

        return decorator

    @staticmethod
    def render_success(result, *, message="", envelope="data"):
        if envelope == "flat":                      # login (doc 2.1): {success, access_token, ...}
            return {"success": True, **result}
        if isinstance(result, list):                # a whole list: one page of it (doc 5: always paged)
            result = Page(result, len(result), 1, max(len(result), 1))
        if isinstance(result, Page):
            return {"success": True, "message": message, "data": result.items,
                    "total": result.total, "page": result.page, "limit": result.per_page}
        return {"success": True, "message": message, "data": result}

    @staticmethod
    def _make_doc_response_schema(schema):
        if schema is None:
            return None
        return _envelope(schema.__class__, bool(getattr(schema, "many", False)))


@functools.cache
def _envelope(schema_class, many):
    """The documented wrapper: ``{success, message, data}`` (+ ``total``, ``page``, ``limit`` for lists)."""
    if getattr(schema_class, "FLAT", False):
        return schema_class
    name = schema_class.__name__.removesuffix("Schema")
    fields = {"success": ma.fields.Boolean(required=True, metadata={"enum": [True]}),
              "message": ma.fields.String(required=True),
              "data": ma.fields.Nested(schema_class, many=many, required=True)}
    if many:
        fields.update(total=ma.fields.Integer(required=True), page=ma.fields.Integer(required=True),
                      limit=ma.fields.Integer(required=True))
    return type(f"{name}{'List' if many else ''}Envelope", (ma.Schema,), fields)
