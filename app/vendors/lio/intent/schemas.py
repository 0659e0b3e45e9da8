"""Intent request and response shapes (doc 6.13, 9)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import Flag, LioIn, LioOut, QueryInt, list_query
from app.vendors.lio.constants import LIMIT_DEFAULT, LIMIT_MAX, PAGE_MAX
from app.vendors.lio.intent.store import ALERT_ORDER, SIGNAL_TYPES
from app.vendors.lio.leads.schemas import LeadSchema

_ID = validate.Range(1, 2**53)


def _sane_year(value):
    if not 1970 <= value.year <= 9998:
        raise ma.ValidationError("Must be a date-time between 1970 and 9998.")


class SignalCreateSchema(LioIn):
    lead_id = ma.fields.Integer(required=True, strict=True, validate=_ID, metadata={"example": 80001})
    signal_type = ma.fields.String(required=True, validate=validate.OneOf(SIGNAL_TYPES),
                                   metadata={"enum": list(SIGNAL_TYPES), "example": "pricing_page_visit"})
    signal_detail = ma.fields.Dict(keys=ma.fields.String(), load_default=dict,
                                   metadata={"example": {"url": "https://acme.test/pricing"}})
    source = ma.fields.String(allow_none=True, validate=validate.Length(max=100), metadata={"example": "website"})
    occurred_at = ma.fields.DateTime(allow_none=True, validate=_sane_year,
                                     metadata={"description": "ISO 8601; without a zone: UTC. Default: now."})


class AlertSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    signal_id = ma.fields.Integer(required=True)
    signal_type = ma.fields.String(required=True, metadata={"enum": list(SIGNAL_TYPES)})
    title = ma.fields.String(required=True)
    assigned_to_id = ma.fields.Integer(required=True, allow_none=True)
    is_acknowledged = ma.fields.Boolean(required=True)
    acknowledged_at = ma.fields.String(required=True, allow_none=True, metadata={"format": "date-time"})
    acknowledged_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True, metadata={"format": "date-time"})


class SignalSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    signal_type = ma.fields.String(required=True, metadata={"enum": list(SIGNAL_TYPES)})
    signal_detail = ma.fields.Dict(required=True)
    source = ma.fields.String(required=True, allow_none=True)
    weight = ma.fields.Integer(required=True)
    occurred_at = ma.fields.String(required=True, metadata={"format": "date-time"})
    created_at = ma.fields.String(required=True, metadata={"format": "date-time"})
    alert = ma.fields.Nested(AlertSchema, required=True, allow_none=True)


class HotLeadSchema(LioOut):
    lead_id = ma.fields.Integer(required=True)
    intent_score = ma.fields.Integer(required=True, metadata={"description": "Sum of signal weights in the window."})
    signal_count = ma.fields.Integer(required=True)
    signal_types = ma.fields.List(ma.fields.String(metadata={"enum": list(SIGNAL_TYPES)}), required=True)
    last_signal_at = ma.fields.String(required=True, metadata={"format": "date-time"})
    assigned_to_id = ma.fields.Integer(required=True, allow_none=True)
    lead = ma.fields.Nested(LeadSchema, required=True)


AlertListQuery = list_query(
    "AlertListQuery", ALERT_ORDER,
    lead_id=QueryInt(validate=_ID), assigned_to_id=QueryInt(validate=_ID), is_acknowledged=Flag(),
    from_date=ma.fields.Date(metadata={"description": "Inclusive, on `created_at` (YYYY-MM-DD)."}),
    to_date=ma.fields.Date(metadata={"description": "Inclusive, on `created_at` (YYYY-MM-DD)."}))


class LeadAlertsQuery(LioIn):
    page = QueryInt(load_default=1, validate=validate.Range(1, PAGE_MAX))
    limit = QueryInt(load_default=LIMIT_DEFAULT, validate=validate.Range(1, LIMIT_MAX))


class HotLeadsQuery(LioIn):
    limit = QueryInt(load_default=10, validate=validate.Range(1, 100))
    assigned_to_id = QueryInt(validate=_ID)
    signal_type = ma.fields.String(validate=validate.OneOf(SIGNAL_TYPES), metadata={"enum": list(SIGNAL_TYPES)})
