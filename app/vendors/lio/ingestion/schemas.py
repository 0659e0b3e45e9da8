"""Ingestion request and response shapes (doc 8.1, 8.2, 8.3)."""

import marshmallow as ma
import orjson
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut, list_query
from app.vendors.lio.constants import LEAD_SOURCES, PRIORITIES
from app.vendors.lio.leads.store import LEAD_ORDER

TEXT = validate.Length(max=255)
KNOWN = ("email", "phone_number", "first_name", "last_name", "company", "job_title", "linkedin_url", "status",
         "priority", "lead_source", "tags", "custom_fields", "duplicate", "merge")


class IngestLeadSchema(ma.Schema):
    """Doc 8.1: any field not listed is stored under ``custom_fields``."""

    class Meta:
        unknown = ma.INCLUDE

    email = ma.fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone_number = ma.fields.String(allow_none=True, validate=validate.Length(max=30))
    first_name = ma.fields.String(allow_none=True, validate=validate.Length(max=100))
    last_name = ma.fields.String(allow_none=True, validate=validate.Length(max=100))
    company = ma.fields.String(allow_none=True, validate=validate.Length(max=150))
    job_title = ma.fields.String(allow_none=True, validate=TEXT)
    linkedin_url = ma.fields.String(allow_none=True, validate=TEXT)
    status = ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53),
                               metadata={"description": "Status lookup value (default 1)."})
    priority = ma.fields.Integer(strict=True, validate=validate.OneOf(list(PRIORITIES)),
                                 metadata={"description": "1=Low, 2=Medium, 3=High, 4=Urgent (default 2)"})
    lead_source = ma.fields.Integer(strict=True, allow_none=True, validate=validate.OneOf(list(LEAD_SOURCES)),
                                    metadata={"description": "1=Website, 2=Referral, 3=LinkedIn, 4=Email, 5=Direct"})
    tags = ma.fields.List(ma.fields.String(validate=validate.Length(max=50)), validate=validate.Length(max=100),
                          metadata={"description": "Tag names, created when new."})
    custom_fields = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(max=100)))
    duplicate = ma.fields.Integer(validate=validate.OneOf([0, 1]), metadata={"description": "1: create anyway."})
    merge = ma.fields.Integer(validate=validate.OneOf([0, 1]), metadata={"description": "1: update the existing lead."})

    @ma.post_load
    def move_unknown(self, data, **kwargs):
        extra = {k: data.pop(k) for k in list(data) if k not in KNOWN}
        if len(extra) > 100 or any(len(k) > 100 for k in extra):
            raise ma.ValidationError("Too many or too long custom fields.", "custom_fields")
        if extra:
            data["custom_fields"] = {**(data.get("custom_fields") or {}), **extra}
        try:
            if len(orjson.dumps(data.get("custom_fields") or {})) > 65_536:
                raise ma.ValidationError("Custom fields are limited to 64 KiB.", "custom_fields")
        except orjson.JSONEncodeError as exc:              # e.g. integers beyond 64 bits
            raise ma.ValidationError("Values must be JSON numbers within 64 bits, strings, lists or objects.",
                                     "custom_fields") from exc
        if not any(data.get(k) for k in ("email", "phone_number", "linkedin_url")):
            raise ma.ValidationError("Send at least one of email, phone_number or linkedin_url.", "email")
        return data


class WebFormSubmitSchema(LioIn):
    first_name = ma.fields.String(allow_none=True, validate=validate.Length(max=100))
    last_name = ma.fields.String(allow_none=True, validate=validate.Length(max=100))
    email = ma.fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone_number = ma.fields.String(allow_none=True, validate=validate.Length(max=30))
    company = ma.fields.String(allow_none=True, validate=validate.Length(max=150))
    message = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))

    @ma.pre_load
    def blanks_are_absent(self, data, **kwargs):
        if hasattr(data, "items"):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @ma.post_load
    def contact_required(self, data, **kwargs):
        if not any(data.get(k) for k in ("email", "phone_number")):
            raise ma.ValidationError("Send at least one of email or phone_number.", "email")
        return data


class IngestedLeadSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 80231})
    email = ma.fields.String(required=True, allow_none=True, metadata={"example": "jane@acme.com"})
    first_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Jane"})
    company = ma.fields.String(required=True, allow_none=True, metadata={"example": "Acme Corp"})
    status = ma.fields.Integer(required=True, metadata={"example": 1})
    priority = ma.fields.Integer(required=True, metadata={"example": 2})
    score = ma.fields.Integer(required=True, metadata={"example": 0})
    created_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})


IngestListQuery = list_query("IngestListQuery", LEAD_ORDER)
