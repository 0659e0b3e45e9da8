"""Forecast wire shapes and query validation (doc 6.7)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import CsvIds, LioIn, LioOut, QueryInt

ID = validate.Range(1, 2**53)
STATUS = {"enum": ["open", "won", "lost"]}


class DealForecastSchema(LioOut):
    deal_id = ma.fields.Integer(required=True, metadata={"example": 501})
    title = ma.fields.String(required=True)
    pipeline_id = ma.fields.Integer(required=True)
    stage_id = ma.fields.Integer(required=True)
    stage_name = ma.fields.String(required=True, metadata={"example": "Proposal"})
    status = ma.fields.String(required=True, metadata=STATUS)
    value = ma.fields.Float(required=True, metadata={"example": 20000})
    probability = ma.fields.Float(required=True, metadata={"example": 0.5})
    weighted_value = ma.fields.Float(required=True, metadata={"example": 10000})
    expected_close_date = ma.fields.String(required=True, metadata={"example": "2026-07-31"})
    close_month = ma.fields.String(required=True, metadata={"example": "2026-07"})
    trend = ma.fields.String(required=True, metadata={"enum": ["up", "down", "flat"]})
    previous_weighted_value = ma.fields.Float(required=True, allow_none=True)
    recorded_at = ma.fields.String(required=True, allow_none=True)


class DealHistoryPointSchema(LioOut):
    id = ma.fields.Integer(required=True)
    deal_id = ma.fields.Integer(required=True)
    stage_id = ma.fields.Integer(required=True)
    value = ma.fields.Float(required=True)
    probability = ma.fields.Float(required=True)
    expected_close_date = ma.fields.String(required=True)
    weighted_value = ma.fields.Float(required=True)
    recorded_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})


class PeriodSchema(LioOut):
    period = ma.fields.String(required=True, metadata={"example": "2026-07", "description": "YYYY-MM or YYYY-Qn"})
    start_month = ma.fields.String(required=True, metadata={"example": "2026-07"})
    end_month = ma.fields.String(required=True, metadata={"example": "2026-07"})
    won_value = ma.fields.Float(required=True)
    weighted_value = ma.fields.Float(required=True)
    best_case_value = ma.fields.Float(required=True)
    open_deals = ma.fields.Integer(required=True)
    deal_count = ma.fields.Integer(required=True)


class TotalsSchema(LioOut):
    won_value = ma.fields.Float(required=True)
    weighted_value = ma.fields.Float(required=True)
    best_case_value = ma.fields.Float(required=True)
    deal_count = ma.fields.Float(required=True)


class PipelineForecastSchema(LioOut):
    period = ma.fields.String(required=True, metadata={"enum": ["monthly", "quarterly"]})
    months = ma.fields.Integer(required=True)
    pipeline_id = ma.fields.Integer(required=True, allow_none=True)
    currency = ma.fields.String(required=True, metadata={"example": "USD"})
    periods = ma.fields.List(ma.fields.Nested(PeriodSchema), required=True)
    totals = ma.fields.Nested(TotalsSchema, required=True)


class ContributorSchema(LioOut):
    deal_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    lead_id = ma.fields.Integer(required=True)
    pipeline_id = ma.fields.Integer(required=True)
    stage_id = ma.fields.Integer(required=True)
    stage_name = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata=STATUS)
    value = ma.fields.Float(required=True)
    probability = ma.fields.Float(required=True)
    weighted_value = ma.fields.Float(required=True)
    expected_close_date = ma.fields.String(required=True)
    owner_id = ma.fields.Integer(required=True, allow_none=True)


class ReasonSchema(LioOut):
    code = ma.fields.String(required=True, metadata={"enum": ["past_due", "stalled"]})
    message = ma.fields.String(required=True)


class AtRiskSchema(LioOut):
    deal_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    lead_id = ma.fields.Integer(required=True)
    pipeline_id = ma.fields.Integer(required=True)
    stage_id = ma.fields.Integer(required=True)
    stage_name = ma.fields.String(required=True)
    value = ma.fields.Float(required=True)
    weighted_value = ma.fields.Float(required=True)
    expected_close_date = ma.fields.String(required=True)
    days_past_due = ma.fields.Integer(required=True)
    days_in_stage = ma.fields.Integer(required=True)
    owner_id = ma.fields.Integer(required=True, allow_none=True)
    reasons = ma.fields.List(ma.fields.Nested(ReasonSchema), required=True)


class AccuracySchema(LioOut):
    month = ma.fields.String(required=True, metadata={"example": "2026-05"})
    forecast = ma.fields.Float(required=True)
    actual = ma.fields.Float(required=True)
    variance = ma.fields.Float(required=True)
    accuracy = ma.fields.Float(required=True, allow_none=True, metadata={"description": "0-1; null when both are 0"})
    deals_won = ma.fields.Integer(required=True)


class HistoryQuery(LioIn):
    limit = QueryInt(load_default=10, validate=validate.Range(1, 100))


def _pipeline():
    return QueryInt(validate=ID)


class PipelineForecastQuery(LioIn):
    period = ma.fields.String(load_default="monthly", validate=validate.OneOf(["monthly", "quarterly"]))
    months = QueryInt(load_default=6, validate=validate.Range(1, 24))
    pipeline_id = _pipeline()


class ContributorsQuery(LioIn):
    pipeline_id = _pipeline()
    period_month = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$"),
                                    metadata={"example": "2026-07"})
    page = QueryInt(load_default=1, validate=validate.Range(1, 100000))
    limit = QueryInt(load_default=10, validate=validate.Range(1, 100))


class AtRiskQuery(LioIn):
    status = CsvIds(metadata={"description": "Stage ids (comma-separated)."})
    owner = ma.fields.String(load_default="all", validate=validate.OneOf(["me", "all"]))
    pipeline_id = _pipeline()
    limit = QueryInt(load_default=20, validate=validate.Range(1, 100))


class AccuracyQuery(LioIn):
    months = QueryInt(load_default=6, validate=validate.Range(1, 24))
    pipeline_id = _pipeline()
    format = ma.fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))
