"""Discko's wire shapes (camelCase, as documented)."""

import marshmallow as ma

from app.vendors.discko.constants import STATUSES


class _Schema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE
        ordered = True


class SourceSchema(_Schema):
    organizationId = ma.fields.String(required=True, metadata={"format": "uuid"})
    organizationName = ma.fields.String(required=True)


class ContactSchema(_Schema):
    type = ma.fields.String(required=True, metadata={"enum": ["PERSON", "COMPANY"]})
    firstName = ma.fields.String(allow_none=True)
    lastName = ma.fields.String(allow_none=True)
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    linkedin = ma.fields.String(allow_none=True)
    jobTitle = ma.fields.String(allow_none=True)
    discProfile = ma.fields.String(allow_none=True, metadata={
        "description": "DISC profile: Dominant, Influential, Steady or Conscientious"})
    discProfileExplanation = ma.fields.String(allow_none=True)


class CompanySchema(_Schema):
    name = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    website = ma.fields.String(allow_none=True)


class AnalysisSchema(_Schema):
    fitScore = ma.fields.Integer(allow_none=True)
    fitScoreExplanation = ma.fields.String(allow_none=True)
    intentScore = ma.fields.Integer(allow_none=True)
    intentScoreExplanation = ma.fields.String(allow_none=True)
    budget = ma.fields.String(allow_none=True, metadata={"example": "€75,000-120,000"})
    budgetExplanation = ma.fields.String(allow_none=True)
    deadline = ma.fields.String(allow_none=True, metadata={"example": "2026-03-31T00:00:00.000Z"})
    deadlineExplanation = ma.fields.String(allow_none=True)
    score = ma.fields.Integer(allow_none=True)


class SummaryCategorySchema(_Schema):
    name = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    summary = ma.fields.List(ma.fields.String(), required=True)


class SummarySchema(_Schema):
    abstract = ma.fields.String(allow_none=True)
    needs = ma.fields.String(allow_none=True)
    comment = ma.fields.String(allow_none=True)
    categories = ma.fields.List(ma.fields.Nested(SummaryCategorySchema), required=True)


class LeadSchema(_Schema):
    id = ma.fields.String(required=True, metadata={"example": "req_abc123", "pattern": "^req_[a-z0-9]+$"})
    locked = ma.fields.Boolean(required=True)
    url = ma.fields.String(required=True, metadata={"example": "https://app.discko.io/webflow-agency/leads/req_abc123"})
    date = ma.fields.String(required=True, metadata={"example": "2026-01-10T14:22:00.000Z"})
    status = ma.fields.String(required=True, metadata={"enum": STATUSES})
    completion = ma.fields.Integer(required=True, metadata={"example": 100})
    category = ma.fields.String(required=True, metadata={"example": "Website"})
    contact = ma.fields.Nested(ContactSchema, required=True)
    company = ma.fields.Nested(CompanySchema, required=True, allow_none=True)
    analysis = ma.fields.Nested(AnalysisSchema, required=True)
    summary = ma.fields.Nested(SummarySchema, required=True)
    source = ma.fields.Nested(SourceSchema, required=True)


class LeadStatusUpdateSchema(_Schema):
    status = ma.fields.String(required=True, metadata={"enum": STATUSES, "example": "IN_PROGRESS"})


class LeadIdSchema(_Schema):
    lead_id = ma.fields.String(required=True)
