"""AI tools and AI email draft wire shapes and request schemas."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.ai.store import BULK_MAX, DRAFT_ORDER, DRAFT_STATUSES, PERSONAS
from app.vendors.lio.common import LioIn, LioOut, list_query

ID = {"strict": False, "validate": validate.Range(1, 2**53)}
PERSONA = ma.fields.String(load_default="professional", validate=validate.OneOf(PERSONAS),
                           metadata={"enum": list(PERSONAS), "description": "The tone of the draft."})
CONTEXT = ma.fields.Dict(metadata={"description": "The lead's data (first_name, company, job_title, industry)."})


class MagicPenSchema(LioIn):
    noteText = ma.fields.String(required=True, validate=validate.Length(1, 20_000))
    leadContext = CONTEXT


class MagicPenOutSchema(LioOut):
    noteText = ma.fields.String(required=True)
    improvedText = ma.fields.String(required=True)
    credits_spent = ma.fields.Integer(required=True)
    credits_balance = ma.fields.Integer(required=True)


class EmailGeneratorSchema(LioIn):
    prompt = ma.fields.String(required=True, validate=validate.Length(1, 5_000))
    emailSubject = ma.fields.String(validate=validate.Length(max=500))
    emailBody = ma.fields.String(validate=validate.Length(max=50_000))
    leadContext = CONTEXT


class GeneratedEmailSchema(LioOut):
    subject = ma.fields.String(required=True)
    body = ma.fields.String(required=True)
    credits_spent = ma.fields.Integer(required=True)
    credits_balance = ma.fields.Integer(required=True)


class DraftRequestSchema(LioIn):
    persona = PERSONA


class BulkDraftRequestSchema(LioIn):
    lead_ids = ma.fields.List(ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53)), required=True,
                              validate=validate.Length(1, BULK_MAX))
    persona = PERSONA


class DraftSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    persona = ma.fields.String(required=True, metadata={"enum": list(PERSONAS)})
    subject = ma.fields.String(required=True)
    body = ma.fields.String(required=True)
    to = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.String(required=True, metadata={"enum": list(DRAFT_STATUSES)})
    approved_at = ma.fields.String(required=True, allow_none=True)
    sent_at = ma.fields.String(required=True, allow_none=True)
    message_id = ma.fields.Integer(required=True, allow_none=True)
    config_id = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


class BulkDraftsSchema(LioOut):
    generated = ma.fields.Integer(required=True)
    persona = ma.fields.String(required=True)
    drafts = ma.fields.List(ma.fields.Nested(DraftSchema), required=True)


DraftListQuery = list_query("AiDraftListQuery", DRAFT_ORDER,
                            status=ma.fields.String(validate=validate.OneOf(DRAFT_STATUSES),
                                                    metadata={"enum": list(DRAFT_STATUSES)}))


class DraftSendSchema(LioIn):
    config_id = ma.fields.Integer(required=True, **ID)
