"""Enrichment request and response shapes (doc 6.3)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut
from app.vendors.lio.constants import LIMIT_DEFAULT, LIMIT_MAX, PAGE_MAX
from app.vendors.lio.jobs.schemas import JobSchema

ID = validate.Range(1, 2**63 - 1)
TEXT = validate.Length(max=500)
ONE_OF = "Send at least one of: lead_id, email, linkedin_url, name, company, domain."


class _Input(LioIn):
    email = ma.fields.Email(validate=TEXT)
    linkedin_url = ma.fields.String(validate=TEXT)
    name = ma.fields.String(validate=TEXT)
    company = ma.fields.String(validate=TEXT)
    domain = ma.fields.String(validate=TEXT)


class EnrichSchema(_Input):
    lead_id = ma.fields.Integer(strict=True, validate=ID)

    @ma.validates_schema
    def _one(self, data, **kwargs):
        if data.get("lead_id") is None and not any(data.get(k) for k in ("email", "linkedin_url", "name", "company",
                                                                         "domain")):
            raise ma.ValidationError(ONE_OF, "lead_id")


class BulkInputSchema(_Input):
    @ma.validates_schema
    def _one(self, data, **kwargs):
        if not any(data.get(k) for k in ("email", "linkedin_url", "name", "company", "domain")):
            raise ma.ValidationError("Send at least one of: linkedin_url, email, name, company, domain.", "email")


class BulkEnrichSchema(LioIn):
    leads = ma.fields.List(ma.fields.Nested(BulkInputSchema), required=True, validate=validate.Length(1, 500))
    group_id = ma.fields.String(validate=validate.Length(max=100), allow_none=True)


class ProfileSchema(LioOut):
    full_name = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True, allow_none=True)
    email = ma.fields.String(required=True)
    email_status = ma.fields.String(required=True, metadata={"enum": ["verified", "probable"]})
    job_title = ma.fields.String(required=True)
    seniority = ma.fields.String(required=True)
    department = ma.fields.String(required=True)
    company = ma.fields.String(required=True, allow_none=True)
    domain = ma.fields.String(required=True)
    website = ma.fields.String(required=True)
    company_size = ma.fields.String(required=True)
    industry = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    state = ma.fields.String(required=True, allow_none=True)
    country = ma.fields.String(required=True)
    phone_number = ma.fields.String(required=True)
    linkedin_url = ma.fields.String(required=True)
    confidence = ma.fields.Integer(required=True, metadata={"example": 87})


class EnrichmentSchema(LioOut):
    id = ma.fields.Integer(required=True)
    job_id = ma.fields.Integer(required=True, allow_none=True)
    lead_id = ma.fields.Integer(required=True, allow_none=True)
    status = ma.fields.String(required=True, metadata={"enum": ["enriched", "not_found"]})
    input = ma.fields.Dict(required=True)
    profile = ma.fields.Nested(ProfileSchema, required=True, allow_none=True)
    filled_fields = ma.fields.List(ma.fields.String(), required=True)
    created_at = ma.fields.String(required=True)


class EnrichResultSchema(EnrichmentSchema):
    lead = ma.fields.Dict(required=True, allow_none=True, metadata={"description": "The lead after filling."})


class EnrichmentJobSchema(JobSchema):
    results = ma.fields.List(ma.fields.Nested(EnrichmentSchema), allow_none=True, metadata={
        "description": "When completed: one result per input (absent or null before)."})


class LinkedinQuery(LioIn):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, PAGE_MAX))
    limit = ma.fields.Integer(load_default=LIMIT_DEFAULT, validate=validate.Range(1, LIMIT_MAX))
    search = ma.fields.String(validate=TEXT)


class LinkedinLeadSchema(LioOut):
    id = ma.fields.Integer(required=True)
    full_name = ma.fields.String(required=True)
    headline = ma.fields.String(required=True, allow_none=True)
    company = ma.fields.String(required=True, allow_none=True)
    location = ma.fields.String(required=True, allow_none=True)
    linkedin_url = ma.fields.String(required=True)
    email = ma.fields.String(required=True, allow_none=True)
    profile_image = ma.fields.String(required=True, allow_none=True)
    connections = ma.fields.Integer(required=True)
    group_id = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
