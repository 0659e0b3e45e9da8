"""Discko's Api and Blueprint: the ``{"success": true, "data": ...}`` envelope."""

import functools

import marshmallow as ma

from app.core.vendor import VendorApi, VendorBlueprint


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(metadata={"enum": ["UNAUTHORIZED", "FORBIDDEN", "LEAD_NOT_FOUND",
                                               "VALIDATION_ERROR", "INVALID_JSON", "INVALID_STATUS",
                                               "INTERNAL_ERROR"]})
    message = ma.fields.String()
    details = ma.fields.Raw(allow_none=True, metadata={"type": "object"})


class ErrorSchema(ma.Schema):
    success = ma.fields.Boolean(metadata={"enum": [False]})
    error = ma.fields.Nested(ErrorDetailSchema)
    timestamp = ma.fields.String(metadata={"example": "2025-12-18T10:30:00Z"})


class DisckoApi(VendorApi):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"


class DisckoBlueprint(VendorBlueprint):
    def render_success(self, result):
        """Every success body: ``{"success": true, "data": ...}``."""
        return {"success": True, "data": result}

    @staticmethod
    def _make_doc_response_schema(schema):
        return None if schema is None else _envelope(schema.__class__, schema.many)


@functools.cache
def _envelope(schema_class, many):
    """The documented ``{"success": true, "data": ...}`` wrapper (one class per schema)."""
    return type(
        "Envelope" + schema_class.__name__.removesuffix("Schema") + ("List" if many else ""),
        (ma.Schema,),
        {"success": ma.fields.Boolean(required=True, metadata={"enum": [True]}),
         "data": ma.fields.Nested(schema_class, many=many, required=True)},
    )
