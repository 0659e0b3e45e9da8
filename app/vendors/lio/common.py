"""Schemas and helpers every LIO area shares: the doc-5 list convention, bulk targets,
comma-separated id filters, the base request/response schemas and time formatting."""

import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate

from app.core import clock
from app.core.errors import Invalid
from app.core.paging import Page
from app.core.sql import Where
from app.vendors.lio.constants import LIMIT_DEFAULT, LIMIT_MAX, ORDER_IN, PAGE_MAX


class LioIn(ma.Schema):
    """A request body or query: unknown fields are ignored (as LIO does)."""

    class Meta:
        unknown = ma.EXCLUDE


class LioOut(ma.Schema):
    """A documented response shape (the spec says ``additionalProperties: false``)."""

    class Meta:
        unknown = ma.RAISE


class CsvIds(ma.fields.Field):
    """``priority=1,3`` (also inside bulk ``filters``) → ``[1, 3]``: any of them."""

    default_error_messages = {"invalid": "Must be a comma-separated list of whole numbers."}

    def __init__(self, **kwargs):
        metadata = {"type": "string", "pattern": r"^\d+(,\d+)*$", "example": "1,3", **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        items = value.split(",")
        out = []
        for item in items:
            text = str(item).strip()
            if isinstance(item, bool) or not text.isascii() or not text.isdigit() or len(text) > 12:
                raise self.make_error("invalid")
            out.append(int(text))
        return out or None


class QueryInt(ma.fields.Integer):
    """An integer from a query string (``"10"``) or JSON (``10``); never a float or a boolean, so
    a bulk ``filters`` object is as strict as its spec."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.make_error("invalid")
        if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Flag(ma.fields.Boolean):
    """A boolean: JSON ``true``/``false``, or in a query string ``true``/``false``/``1``/``0``
    (never a JSON number, so a bulk ``filters`` object is as strict as its spec)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
            return value.strip().lower() in ("true", "1")
        raise self.make_error("invalid")


class UpperOneOf(ma.fields.String):
    """A string compared case-insensitively and loaded upper-case (``order_in=asc``)."""

    def __init__(self, choices, **kwargs):
        super().__init__(validate=validate.OneOf(choices), metadata={"enum": list(choices)}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).upper()


class DeletedSchema(LioOut):
    deleted = ma.fields.Integer(required=True, metadata={"example": 1})


class UpdatedSchema(LioOut):
    updated = ma.fields.Integer(required=True, metadata={"example": 3})


def page_fields(order_by, default_order="id"):
    """``page``, ``limit``, ``search_value``, ``order_by`` (the whitelist's names), ``order_in``,
    ``start_date``/``end_date`` (doc 5)."""
    return {
        "page": QueryInt(load_default=1, validate=validate.Range(1, PAGE_MAX)),
        "limit": QueryInt(load_default=LIMIT_DEFAULT, validate=validate.Range(1, LIMIT_MAX)),
        "search_value": ma.fields.String(validate=validate.Length(max=500)),
        "order_by": ma.fields.String(load_default=default_order, validate=validate.OneOf(list(order_by)),
                                     metadata={"enum": list(order_by)}),
        "order_in": UpperOneOf(ORDER_IN, load_default="DESC"),
        "start_date": ma.fields.Date(metadata={"description": "Inclusive, on `created_at` (YYYY-MM-DD)."}),
        "end_date": ma.fields.Date(metadata={"description": "Inclusive, on `created_at` (YYYY-MM-DD)."}),
    }


def list_query(name, order_by, default_order="id", **filters):
    """A query schema: the doc-5 list convention plus a resource's filters. ``order_by`` is the
    ONE whitelist ({api name: SQL}) that the spec shows as an enum and the store orders by."""
    return type(name, (LioIn,), {**page_fields(order_by, default_order), **filters})


class _Bulk(LioIn):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53)),
                         validate=validate.Length(min=1, max=10_000))
    select_all = Flag()

    @ma.validates_schema
    def _one_target(self, data, **kwargs):
        if not data.get("ids") and not data.get("select_all"):
            raise ma.ValidationError("Send ids (a non-empty array) or select_all: true with filters.", "ids")


def bulk(name, filters_schema, **fields):
    """``{"ids": [...]}`` or ``{"select_all": true, "filters": {...}}`` (doc 7.1), plus the action's
    fields. ``filters`` takes the list's query parameters (paging ones are ignored); when both
    ``ids`` and ``select_all`` are sent, ``ids`` (the narrower target) wins."""
    filters = ma.fields.Nested(filters_schema, load_default=dict, metadata={
        "description": "With `select_all`: the list's filters (same names as its query parameters)."})
    return type(name, (_Bulk,), {"filters": filters, **fields})


def now_iso():
    """The sandbox instant as LIO writes it: ``2026-06-15T09:14:32.000Z``."""
    return clock.iso(clock.now(), millis=True)


def iso(instant):
    return clock.iso(instant, millis=True)


def day_bounds(args, start="start_date", end="end_date"):
    """``(low, high)`` ISO strings covering the inclusive date range of ``args`` (None when open)."""
    low = args.get(start)
    high = args.get(end)
    return (f"{low.isoformat()}T00:00:00.000Z" if low else None,
            f"{high.isoformat()}T23:59:59.999Z" if high else None)


def one_page(items):
    """A whole list as one page (routes whose doc has no paging still answer total/page/limit)."""
    items = list(items)
    return Page(items, len(items), 1, max(len(items), 1))


def delete_target(who, path_id, body, where, resource):
    """The WHERE of a ``DELETE .../delete/:id``: the path id (``0`` = none) plus body ``ids``, or
    ``select_all`` + ``filters`` through the list's own filter function ``where(who, filters)``."""
    if body.get("select_all"):
        return where(who, body.get("filters") or {})
    ids = [i for i in [path_id, *(body.get("ids") or [])] if i]
    if not ids:
        raise Invalid({"ids": [f"Give a {resource} id in the path, ids, or select_all: true."]})
    return Where("org_id", who["org_id"]).any_of("id", ids)


class FileUpload(Upload):
    """A multipart file part; a plain form field of the same name is not a file (422, never a 500)."""

    default_error_messages = {"invalid": "Must be a file part (multipart/form-data with a file name)."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not (hasattr(value, "read") and hasattr(value, "filename")):
            raise self.make_error("invalid")
        return value
