"""Pipeline, stage and deal wire shapes and request validation (doc 6.6, 7.2, 7.3, 11)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import CsvIds, DeletedSchema, Flag, LioIn, LioOut, QueryInt, list_query  # noqa: F401
from app.vendors.lio.pipelines.store import DEAL_ORDER, PIPELINE_ORDER

ID = validate.Range(1, 2**53)
MONEY = validate.Range(1, 1e12)


class PipelineStageSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 11})
    pipeline_id = ma.fields.Integer(required=True, metadata={"example": 3})
    name = ma.fields.String(required=True, metadata={"example": "Proposal"})
    color = ma.fields.String(required=True, allow_none=True, metadata={"example": "#FBBF24"})
    position = ma.fields.Integer(required=True, metadata={"example": 3})
    is_won = ma.fields.Boolean(required=True)
    is_lost = ma.fields.Boolean(required=True)
    probability = ma.fields.Float(required=True, metadata={"example": 0.5})
    max_days_in_stage = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 21})
    is_protected = ma.fields.Boolean(required=True)


class PipelineSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 3})
    name = ma.fields.String(required=True, metadata={"example": "Sales Pipeline"})
    description = ma.fields.String(required=True, allow_none=True)
    max_deal_limit = ma.fields.Float(required=True, allow_none=True)
    region = ma.fields.String(required=True, allow_none=True, metadata={"example": "EMEA"})
    state_id = ma.fields.Integer(required=True, metadata={"example": 1, "description": "1=Active, 0=Inactive"})
    is_default = ma.fields.Boolean(required=True, metadata={"description": "The seeded default pipeline."})
    deal_count = ma.fields.Integer(required=True)
    deal_value = ma.fields.Float(required=True)
    stages = ma.fields.List(ma.fields.Nested(PipelineStageSchema), required=True)
    created_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})
    updated_at = ma.fields.String(required=True)


class DealSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 501})
    lead_id = ma.fields.Integer(required=True, metadata={"example": 80001})
    pipeline_id = ma.fields.Integer(required=True, metadata={"example": 3})
    stage_id = ma.fields.Integer(required=True, metadata={"example": 11})
    title = ma.fields.String(required=True, metadata={"example": "Enterprise plan"})
    value = ma.fields.Float(required=True, metadata={"example": 25000})
    expected_close_date = ma.fields.String(required=True, metadata={"example": "2026-07-31"})
    priority = ma.fields.Integer(required=True, metadata={"example": 2})
    description = ma.fields.String(required=True, allow_none=True)
    stage_entered_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


def _stage_fields():
    return {
        "name": ma.fields.String(validate=validate.Length(1, 100)),
        "color": ma.fields.String(allow_none=True, validate=validate.Length(max=20)),
        "position": ma.fields.Integer(strict=True, validate=validate.Range(1, 1000)),
        "is_won": Flag(),
        "is_lost": Flag(),
        "probability": ma.fields.Float(validate=validate.Range(0, 1)),
        "max_days_in_stage": ma.fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 3650)),
    }


PipelineStageInSchema = type("PipelineStageInSchema", (LioIn,), {**_stage_fields(), "name": ma.fields.String(
    required=True, validate=validate.Length(1, 100))})
PipelineStageUpdateSchema = type("PipelineStageUpdateSchema", (LioIn,), {
    **_stage_fields(), "id": ma.fields.Integer(strict=True, validate=ID, metadata={
        "description": "An existing stage of this pipeline (updated); without it the stage is added."})})


def _pipeline_fields(required, stage_schema):
    return {
        "name": ma.fields.String(required=required, validate=validate.Length(2, 100)),
        "description": ma.fields.String(allow_none=True, validate=validate.Length(max=1000)),
        "max_deal_limit": ma.fields.Float(allow_none=True, validate=MONEY),
        "region": ma.fields.String(allow_none=True, validate=validate.Length(max=100)),
        "state_id": ma.fields.Integer(strict=True, validate=validate.OneOf([0, 1])),
        "stages": ma.fields.List(ma.fields.Nested(stage_schema), validate=validate.Length(max=30)),
    }


PipelineCreateSchema = type("PipelineCreateSchema", (LioIn,), _pipeline_fields(True, PipelineStageInSchema))
class _NotEmpty(LioIn):
    """An update: at least one field (a missing or empty body answers 422)."""

    @ma.validates_schema
    def _not_empty(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send at least one field to change.", "_schema")


PipelineUpdateSchema = type("PipelineUpdateSchema", (_NotEmpty,), {
    **_pipeline_fields(False, PipelineStageUpdateSchema),
    "remove_stage_ids": ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(max=30),
                                       metadata={"description": "Stages of this pipeline to remove."})})


class IdsSchema(LioIn):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), required=True,
                         validate=validate.Length(min=1, max=10_000))


PipelineListQuery = list_query("PipelineListQuery", PIPELINE_ORDER,
                               state_id=CsvIds(metadata={"description": "1=Active, 0=Inactive (comma-separated)."}))
DealListQuery = list_query(
    "DealListQuery", DEAL_ORDER,
    lead_id=QueryInt(validate=ID), pipeline_id=QueryInt(validate=ID),
    status=CsvIds(metadata={"description": "Stage ids (comma-separated)."}),
    priority=QueryInt(validate=validate.Range(1, 4)),
    close_from=ma.fields.Date(metadata={"description": "Inclusive, on `expected_close_date`."}),
    close_to=ma.fields.Date(metadata={"description": "Inclusive, on `expected_close_date`."}))


def _deal_fields(required):
    return {
        "lead_id": ma.fields.Integer(strict=True, required=required, validate=ID),
        "pipeline_id": ma.fields.Integer(strict=True, required=required, validate=ID),
        "stage_id": ma.fields.Integer(strict=True, required=required, validate=ID),
        "title": ma.fields.String(required=required, validate=validate.Length(2, 50)),
        "value": ma.fields.Float(required=required, validate=MONEY),
        "expected_close_date": ma.fields.Date(required=required),
        "priority": ma.fields.Integer(strict=True, validate=validate.Range(1, 4)),
        "description": ma.fields.String(allow_none=True, validate=validate.Length(max=1000)),
    }


DealCreateSchema = type("DealCreateSchema", (LioIn,), _deal_fields(True))
DealUpdateSchema = type("DealUpdateSchema", (_NotEmpty,), _deal_fields(False))
