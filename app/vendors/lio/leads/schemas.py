"""Lead wire shapes and request validation (doc 7.1, 11)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import CsvIds, DeletedSchema, Flag, QueryInt, LioIn, LioOut, UpdatedSchema, bulk, list_query  # noqa: F401
from app.vendors.lio.constants import LEAD_SOURCES, NAME_LENGTH, PRIORITIES
from app.vendors.lio.leads.store import LEAD_ORDER

ID = validate.Range(1, 2**53)
TEXT = validate.Length(max=255)


class TagSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 5})
    name = ma.fields.String(required=True, metadata={"example": "Hot"})
    color_code = ma.fields.String(required=True, allow_none=True, metadata={"example": "#EF4444"})


class LeadSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 80231})
    first_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Jane"})
    last_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Doe"})
    email = ma.fields.String(required=True, allow_none=True, metadata={"example": "jane@acme.com"})
    phone_number = ma.fields.String(required=True, allow_none=True)
    company = ma.fields.String(required=True, allow_none=True, metadata={"example": "Acme Corp"})
    company_id = ma.fields.Integer(required=True, allow_none=True)
    job_title = ma.fields.String(required=True, allow_none=True)
    industry = ma.fields.String(required=True, allow_none=True)
    website = ma.fields.String(required=True, allow_none=True)
    address = ma.fields.String(required=True, allow_none=True)
    city = ma.fields.String(required=True, allow_none=True)
    state = ma.fields.String(required=True, allow_none=True)
    country = ma.fields.String(required=True, allow_none=True)
    pin_code = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.Integer(required=True, metadata={"example": 1})
    status_text = ma.fields.String(required=True, allow_none=True, metadata={"example": "New"})
    priority = ma.fields.Integer(required=True, metadata={"example": 2})
    priority_text = ma.fields.String(required=True, allow_none=True, metadata={"example": "Medium"})
    lead_source = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 1})
    lead_source_text = ma.fields.String(required=True, allow_none=True, metadata={"example": "Website"})
    score = ma.fields.Integer(required=True, metadata={"example": 0})
    estimated_value = ma.fields.Float(required=True, allow_none=True)
    assigned_to = ma.fields.Integer(required=True, allow_none=True)
    linkedin_url = ma.fields.String(required=True, allow_none=True)
    tags = ma.fields.List(ma.fields.Nested(TagSchema), required=True)
    custom_fields = ma.fields.Dict(required=True)
    notes = ma.fields.String(required=True, allow_none=True)
    ai_information = ma.fields.Dict(required=True)
    profile_image = ma.fields.String(required=True, allow_none=True)
    last_activity_at = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True, metadata={"example": "2026-06-15T09:14:32.000Z"})
    updated_at = ma.fields.String(required=True)


def _lead_fields(required):
    name = validate.Length(*NAME_LENGTH)
    return {
        "first_name": ma.fields.String(required=required, validate=name),
        "last_name": ma.fields.String(required=required, validate=name),
        "email": ma.fields.Email(allow_none=True, validate=validate.Length(max=254)),
        "phone_number": ma.fields.String(allow_none=True, validate=validate.Length(max=30)),
        "company": ma.fields.String(allow_none=True, validate=validate.Length(max=150)),
        "job_title": ma.fields.String(allow_none=True, validate=TEXT),
        "industry": ma.fields.String(allow_none=True, validate=TEXT),
        "website": ma.fields.String(allow_none=True, validate=TEXT),
        "address": ma.fields.String(allow_none=True, validate=TEXT),
        "city": ma.fields.String(allow_none=True, validate=TEXT),
        "state": ma.fields.String(allow_none=True, validate=TEXT),
        "country": ma.fields.String(allow_none=True, validate=TEXT),
        "pin_code": ma.fields.String(allow_none=True, validate=validate.Length(max=20)),
        "linkedin_url": ma.fields.String(allow_none=True, validate=TEXT),
        "notes": ma.fields.String(allow_none=True, validate=validate.Length(max=10_000)),
        "status": ma.fields.Integer(strict=True, validate=ID, metadata={"description": "Status lookup value."}),
        "priority": ma.fields.Integer(strict=True, validate=validate.OneOf(list(PRIORITIES)),
                                      metadata={"description": "1=Low, 2=Medium, 3=High, 4=Urgent"}),
        "lead_source": ma.fields.Integer(strict=True, allow_none=True, validate=validate.OneOf(list(LEAD_SOURCES)),
                                         metadata={"description": "1=Website, 2=Referral, 3=LinkedIn, 4=Email, 5=Direct"}),
        "estimated_value": ma.fields.Float(allow_none=True, allow_nan=False, validate=validate.Range(0, 1e15)),
        "assigned_to": ma.fields.Integer(strict=True, allow_none=True, validate=ID),
        "tags": ma.fields.List(ma.fields.Integer(strict=True, validate=ID), validate=validate.Length(max=100),
                               metadata={"description": "Tag lookup ids."}),
        "custom_fields": ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(1, 100))),
    }


LeadCreateSchema = type("LeadCreateSchema", (LioIn,), _lead_fields(required=True))
LeadUpdateSchema = type("LeadUpdateSchema", (LioIn,), {
    **_lead_fields(required=False),
    "ai_information": ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(1, 100)))})

_LeadListBase = list_query(
    "_LeadListBase", LEAD_ORDER,
    score_min=QueryInt(validate=validate.Range(-(2**31), 2**31)),
    score_max=QueryInt(validate=validate.Range(-(2**31), 2**31)),
    assigned_to=ma.fields.String(validate=validate.Regexp(r"^(true|\d{1,12}(,\d{1,12})*)$"), metadata={
        "description": "A user id, comma-separated ids, or `true` for you."}),
    unassigned=Flag(),
    lead_source=CsvIds(), priority=CsvIds(),
    state_id=CsvIds(metadata={"description": "Status lookup values, comma-separated."}),
    company=ma.fields.String(validate=TEXT), city=ma.fields.String(validate=TEXT),
    state=ma.fields.String(validate=TEXT), country=ma.fields.String(validate=TEXT),
    created_from=ma.fields.Date(metadata={"description": "YYYY-MM-DD, inclusive."}),
    created_to=ma.fields.Date(metadata={"description": "YYYY-MM-DD, inclusive."}),
)


class LeadListQuery(_LeadListBase):
    @ma.post_load
    def _assigned_ids(self, data, **kwargs):
        """``assigned_to=3,7`` → ``[3, 7]``; ``true`` (the caller) stays as it is."""
        value = data.get("assigned_to")
        if value and value != "true":
            data["assigned_to"] = [int(v) for v in value.split(",")]
        return data


class LeadDeleteSchema(LioIn):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=ID), required=True,
                         validate=validate.Length(1, 10_000))


LeadStatusChangeSchema = bulk("LeadStatusChangeSchema", LeadListQuery,
                              status=ma.fields.Integer(required=True, strict=True, validate=ID))
LeadAssignUserSchema = bulk("LeadAssignUserSchema", LeadListQuery,
                            assigned_to=ma.fields.Integer(required=True, strict=True, allow_none=True, validate=ID,
                                                          metadata={"description": "A user id; null unassigns."}))
LeadTagsSchema = bulk("LeadTagsSchema", LeadListQuery,
                      tags=ma.fields.List(ma.fields.Integer(strict=True, validate=ID), required=True,
                                          validate=validate.Length(max=100)))




# -- notes, follow-ups, custom fields (doc 6.5) ------------------------------------------------------
from app.vendors.lio.leads.notes import FOLLOW_UP_ORDER, NOTE_ORDER  # noqa: E402


class CustomFieldsSchema(LioIn):
    lead_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    custom_fields = ma.fields.Dict(required=True, keys=ma.fields.String(validate=validate.Length(1, 100)))


class CustomFieldSchema(LioIn):
    lead_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    field_name = ma.fields.String(required=True, validate=validate.Length(1, 100))
    field_value = ma.fields.String(allow_none=True, load_default=None, validate=validate.Length(max=10_000),
                                  metadata={"description": "Text; absent or null stores null."})


NoteListQuery = list_query("NoteListQuery", NOTE_ORDER,
                           lead_id=ma.fields.Integer(required=True, validate=ID))
FollowUpListQuery = list_query("FollowUpListQuery", FOLLOW_UP_ORDER,
                               lead_id=ma.fields.Integer(required=True, validate=ID),
                               status=ma.fields.Integer(validate=validate.Range(1, 6)))


class NoteAddSchema(LioIn):
    lead_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    title = ma.fields.String(required=True, validate=validate.Length(1, 255))
    note = ma.fields.String(allow_none=True, validate=validate.Length(max=10_000))


class FollowUpAddSchema(LioIn):
    lead_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    follow_up_date = ma.fields.DateTime(required=True, format="iso",
                                       metadata={"description": "ISO 8601; without an offset it is UTC."})
    notes = ma.fields.String(allow_none=True, validate=validate.Length(max=10_000))
    status = ma.fields.Integer(strict=True, load_default=1, validate=validate.Range(1, 6))


class NoteSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    title = ma.fields.String(required=True)
    note = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


class FollowUpSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    follow_up_date = ma.fields.String(required=True)
    notes = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.Integer(required=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


# -- documents, profile image, imports --------------------------------------------------------------
from app.vendors.lio.common import FileUpload  # noqa: E402

from app.vendors.lio.leads.notes import DOCUMENT_ORDER  # noqa: E402

DocumentListQuery = list_query("DocumentListQuery", DOCUMENT_ORDER,
                               lead_id=ma.fields.Integer(required=True, validate=ID))


class DocumentFormSchema(LioIn):
    """One multipart body: the form fields and ``file`` (read from the request's files)."""

    class Meta:
        unknown = ma.RAISE          # the spec says additionalProperties: false for this form

    lead_id = ma.fields.Integer(required=True, validate=ID)
    file = FileUpload(required=True, metadata={"description": "The document (1 byte to 10 MB)."})
    document_type = ma.fields.String(validate=validate.Length(max=100))        # a form has no null
    description = ma.fields.String(validate=validate.Length(max=2000))

    @ma.pre_load
    def _with_file(self, data, **kwargs):
        from flask import request
        merged = {key: data.get(key) for key in data}
        if "file" in request.files:
            merged["file"] = request.files["file"]
        return merged


class FileSchema(LioIn):
    file = FileUpload(required=True, metadata={"description": "The file."})


class ImageSchema(LioIn):
    image = FileUpload(required=True, metadata={"description": "PNG, JPEG, GIF or WebP; at most 5 MB."})


class DocumentSchema(LioOut):
    id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    file_name = ma.fields.String(required=True)
    mime_type = ma.fields.String(required=True, allow_none=True)
    size = ma.fields.Integer(required=True, metadata={"description": "Bytes."})
    document_type = ma.fields.String(required=True, allow_none=True)
    description = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
