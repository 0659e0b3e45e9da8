"""Company wire shapes and request validation (doc 6.4, 11)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import Flag, CsvIds, LioIn, LioOut, list_query
from app.vendors.lio.companies.store import COMPANY_ORDER

ID = validate.Range(1, 2**53)
TEXT = validate.Length(max=255)


class CompanySchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 5012})
    user_id = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 142})
    company_name = ma.fields.String(required=True, metadata={"example": "Acme Corp"})
    industry_type = ma.fields.String(required=True, allow_none=True, metadata={"example": "Software"})
    company_logo = ma.fields.String(required=True, allow_none=True)
    address = ma.fields.String(required=True, allow_none=True)
    city = ma.fields.String(required=True, allow_none=True)
    country = ma.fields.String(required=True, allow_none=True)
    employee_size = ma.fields.String(required=True, allow_none=True, metadata={"example": "51-200"})
    rating = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 4})
    contact_email = ma.fields.String(required=True, allow_none=True)
    phone_number = ma.fields.String(required=True, allow_none=True)
    website = ma.fields.String(required=True, allow_none=True)
    summary = ma.fields.String(required=True, allow_none=True)
    enriched_at = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})
    updated_at = ma.fields.String(required=True)


class CountSchema(LioOut):
    name = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)


class CompanyStatsSchema(LioOut):
    total = ma.fields.Integer(required=True)
    average_rating = ma.fields.Float(required=True, allow_none=True)
    rated = ma.fields.Integer(required=True, metadata={"description": "Companies with a rating."})
    enriched = ma.fields.Integer(required=True, metadata={"description": "Companies enriched at least once."})
    by_industry = ma.fields.List(ma.fields.Nested(CountSchema), required=True)
    by_employee_size = ma.fields.List(ma.fields.Nested(CountSchema), required=True)
    by_country = ma.fields.List(ma.fields.Nested(CountSchema), required=True)
    leads_linked = ma.fields.Integer(required=True, metadata={"description": "Leads linked to these companies."})
    contacts_linked = ma.fields.Integer(required=True, metadata={"description": "Contacts at these companies."})


def _fields(required):
    return {
        "company_name": ma.fields.String(required=required, validate=validate.Length(1, 150)),
        "industry_type": ma.fields.String(allow_none=True, validate=TEXT),
        "address": ma.fields.String(allow_none=True, validate=TEXT),
        "city": ma.fields.String(allow_none=True, validate=TEXT),
        "country": ma.fields.String(allow_none=True, validate=TEXT),
        "employee_size": ma.fields.String(allow_none=True, validate=validate.Length(max=50)),
        "rating": ma.fields.Integer(allow_none=True, validate=validate.Range(1, 5)),
        "contact_email": ma.fields.Email(allow_none=True, validate=validate.Length(max=254)),
        "phone_number": ma.fields.String(allow_none=True, validate=validate.Length(max=30)),
        "website": ma.fields.String(allow_none=True, validate=TEXT),
        "summary": ma.fields.String(allow_none=True, validate=validate.Length(max=10_000)),
        "company_logo": ma.fields.String(allow_none=True, validate=TEXT, metadata={
            "description": "A logo URL; in multipart, send an image file under this name instead."}),
    }


CompanyCreateSchema = type("CompanyCreateSchema", (LioIn,), _fields(required=True))
CompanyUpdateSchema = type("CompanyUpdateSchema", (LioIn,), _fields(required=False))

FILTERS = dict(
    my=Flag(metadata={"description": "true: only companies you created."}),
    company_id=CsvIds(),
    industry=ma.fields.String(validate=TEXT, metadata={
        "description": "Comma-separated; each a case-insensitive substring of `industry_type`."}),
    employee_size=ma.fields.String(validate=TEXT, metadata={
        "description": "Comma-separated headcount ranges (exact): `1-10,11-50`."}),
    city=ma.fields.String(validate=TEXT), country=ma.fields.String(validate=TEXT),
)
CompanyListQuery = list_query("CompanyListQuery", COMPANY_ORDER, **FILTERS)


class SimilarQuery(LioIn):
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(1, 100))


class CompanyEnrichSchema(LioIn):
    company_id = ma.fields.Integer(required=True, strict=True, validate=ID)


class CompanyDeleteSchema(LioIn):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(1, 10_000))
    select_all = Flag()
    filters = ma.fields.Nested(CompanyListQuery, load_default=dict)
