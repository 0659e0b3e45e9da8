"""Skarbe's Api and Blueprint: no envelope, bare arrays and objects."""

import marshmallow as ma
from apispec import BasePlugin

from app.core.vendor import VendorApi, VendorBlueprint


class ErrorSchema(ma.Schema):
    error = ma.fields.String(required=True, metadata={"example": "Invalid email"})


class SchemaExtrasPlugin(BasePlugin):
    """Adds a schema's ``Meta.openapi_extra`` keys (e.g. ``anyOf``) to its component.

    marshmallow cannot say "at least one of these fields"; the spec can.
    """

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        return dict(getattr(getattr(schema, "Meta", None), "openapi_extra", None) or {})


def _nullable_one_of(converter, field, ret, **kwargs):
    """OpenAPI 3.0 has no bare ``nullable``: a nullable ``oneOf`` (``phoneNumbers``) carries it in its first branch."""
    if ret.get("nullable") and "type" not in ret and ret.get("oneOf"):
        del ret["nullable"]
        ret["oneOf"] = [{**ret["oneOf"][0], "nullable": True}, *ret["oneOf"][1:]]
    return {}


class SkarbeApi(VendorApi):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"

    def __init__(self, app=None, *, spec_kwargs=None, **kwargs):
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), SchemaExtrasPlugin()]
        super().__init__(app, spec_kwargs=spec_kwargs, **kwargs)
        self.ma_plugin.converter.add_attribute_function(_nullable_one_of)


class SkarbeBlueprint(VendorBlueprint):
    """Skarbe answers bare JSON: the store's dicts and lists go out as they are."""

    def render_success(self, result):
        """No envelope: the body is the result itself."""
        return result
