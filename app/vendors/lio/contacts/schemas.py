"""Contact wire shapes and request validation (doc 6.4, 11)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import Flag, CsvIds, LioIn, LioOut, QueryInt, list_query
from app.vendors.lio.contacts.store import CONTACT_ORDER
from app.vendors.lio.leads.schemas import TagSchema

ID = validate.Range(1, 2**53)
TEXT = validate.Length(max=255)
SCORE = validate.Range(0, 100)


class ContactSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 1201})
    user_id = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 142})
    name = ma.fields.String(required=True, metadata={"example": "Jane Doe"})
    email = ma.fields.String(required=True, allow_none=True, metadata={"example": "jane@acme.com"})
    phone_number = ma.fields.String(required=True, allow_none=True)
    company_id = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 12})
    company_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Acme Corp"})
    lead_id = ma.fields.Integer(required=True, allow_none=True)
    designation = ma.fields.String(required=True, allow_none=True, metadata={"example": "VP Sales"})
    seniority = ma.fields.String(required=True, allow_none=True, metadata={"example": "VP"})
    decision_maker = ma.fields.String(required=True, allow_none=True, metadata={"example": "yes"})
    linkedin_url = ma.fields.String(required=True, allow_none=True)
    lead_score = ma.fields.Integer(required=True, metadata={"example": 72})
    status = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "Status lookup value."})
    tags = ma.fields.List(ma.fields.Nested(TagSchema), required=True)
    created_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})
    updated_at = ma.fields.String(required=True)


def _fields(required):
    return {
        "name": ma.fields.String(required=required, validate=validate.Length(1, 150)),
        "company_id": ma.fields.Integer(required=required, strict=True, allow_none=not required, validate=ID),
        "email": ma.fields.Email(allow_none=True, validate=validate.Length(max=254)),
        "phone_number": ma.fields.String(allow_none=True, validate=validate.Length(max=30)),
        "designation": ma.fields.String(allow_none=True, validate=TEXT),
        "seniority": ma.fields.String(allow_none=True, validate=TEXT),
        "decision_maker": ma.fields.String(allow_none=True, validate=TEXT),
        "linkedin_url": ma.fields.String(allow_none=True, validate=TEXT),
        "lead_id": ma.fields.Integer(strict=True, allow_none=True, validate=ID),
        "lead_score": ma.fields.Integer(strict=True, validate=SCORE),
        "status": ma.fields.Integer(strict=True, allow_none=True, validate=ID,
                                    metadata={"description": "Status lookup value."}),
        "tags": ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(max=100),
                               metadata={"description": "Tag lookup ids."}),
    }


ContactCreateSchema = type("ContactCreateSchema", (LioIn,), _fields(required=True))
ContactUpdateSchema = type("ContactUpdateSchema", (LioIn,), _fields(required=False))

ContactListQuery = list_query(
    "ContactListQuery", CONTACT_ORDER,
    my=Flag(metadata={"description": "true: only contacts you created."}),
    company_id=CsvIds(), lead_id=CsvIds(), status=CsvIds(),
    lead_score_min=QueryInt(validate=SCORE), lead_score_max=QueryInt(validate=SCORE),
    tags=CsvIds(metadata={"description": "Tag lookup ids, comma-separated: contacts with all of them."}),
)


class _Target(LioIn):
    select_all = Flag()
    filters = ma.fields.Nested(ContactListQuery, load_default=dict, metadata={
        "description": "With `select_all`: the list's filters (same names as its query parameters)."})


class ContactBulkUpdateSchema(_Target):
    contact_ids = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(1, 10_000))
    company_id = ma.fields.Integer(strict=True, allow_none=True, validate=ID)
    lead_score = ma.fields.Integer(strict=True, validate=SCORE)
    tags = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(max=100))

    @ma.validates_schema
    def _target_and_change(self, data, **kwargs):
        if bool(data.get("contact_ids")) == bool(data.get("select_all")):
            raise ma.ValidationError("Send contact_ids (a non-empty array) or select_all: true, not both.",
                                     "contact_ids")
        if not any(k in data for k in ("company_id", "lead_score", "tags")):
            raise ma.ValidationError("Send at least one of company_id, lead_score, tags.", "company_id")


class ContactDeleteSchema(_Target):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(1, 10_000))
