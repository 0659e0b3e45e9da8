"""Files and exports: wire shapes and request validation (doc 6.15)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import FileUpload, LioIn, LioOut, QueryInt, list_query
from app.vendors.lio.files.store import (CATEGORIES, EXPORT_ORDER, EXPORT_TYPES, FILE_ORDER, PROVIDERS,
                                         STORAGE_PROVIDER, SUBJECT_TYPES)
from app.vendors.lio.jobs.schemas import JobSchema  # noqa: F401  (the 202 answer of exports/create)

ID = validate.Range(1, 2**53)
ALL_PROVIDERS = (*PROVIDERS, STORAGE_PROVIDER)


def _choice(choices, metadata=None, **kwargs):
    return ma.fields.String(validate=validate.OneOf(choices), metadata={"enum": list(choices), **(metadata or {})},
                            **kwargs)


# -- storage-file/add -----------------------------------------------------------------------------------
class StorageFileFormSchema(LioIn):
    """One multipart body: the form fields and ``file`` (read from the request's files)."""

    class Meta:
        unknown = ma.RAISE          # the spec says additionalProperties: false for this form

    file = FileUpload(required=True, metadata={"description": "The file (1 byte to 10 MB)."})
    name = ma.fields.String(validate=validate.Length(1, 255), metadata={
        "description": "A display name; the upload's file name when absent."})

    @ma.pre_load
    def _with_file(self, data, **kwargs):
        from flask import request
        merged = {key: data.get(key) for key in data}
        if "file" in request.files:
            merged["file"] = request.files["file"]
        return merged


class StorageFileSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 12})
    name = ma.fields.String(required=True, metadata={"example": "proposal.pdf"})
    mime_type = ma.fields.String(required=True, metadata={"example": "application/pdf"})
    size = ma.fields.Integer(required=True, metadata={"description": "Bytes.", "example": 48213})
    checksum = ma.fields.String(required=True, metadata={"description": "SHA-256 of the bytes (hex)."})
    category = ma.fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    created_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)


# -- file/attach, file/list -------------------------------------------------------------------------------
class CloudFileSchema(LioIn):
    id = ma.fields.String(required=True, validate=validate.Length(1, 200), metadata={"example": "1AbCdEf"})
    name = ma.fields.String(required=True, validate=validate.Length(1, 255), metadata={"example": "Proposal.pdf"})
    mime_type = ma.fields.String(allow_none=True, validate=validate.Length(max=200),
                                 metadata={"example": "application/pdf"})
    web_url = ma.fields.String(allow_none=True, validate=[validate.Length(max=2000),
                                                          validate.URL(schemes={"http", "https"})],
                               metadata={"example": "https://drive.google.com/file/d/1AbCdEf/view"})


class FileAttachSchema(LioIn):
    provider = _choice(ALL_PROVIDERS, metadata={"description": "The cloud drive (with `file`); `storage` or absent "
                                                               "with `storage_file_id`."})
    subject_type = _choice(SUBJECT_TYPES, required=True)
    subject_id = ma.fields.Integer(required=True, strict=True, validate=ID, metadata={"example": 80231})
    file = ma.fields.Nested(CloudFileSchema, metadata={"description": "The cloud file (with `provider`)."})
    storage_file_id = ma.fields.Integer(strict=True, validate=ID, metadata={
        "description": "Instead of `file`: a file uploaded with `POST /api/storage-file/add`."})

    @ma.validates_schema
    def _one_file(self, data, **kwargs):
        if ("file" in data) == ("storage_file_id" in data):
            raise ma.ValidationError("Send either file (with provider) or storage_file_id.", "file")


class CloudFileOutSchema(LioOut):
    id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    mime_type = ma.fields.String(required=True, allow_none=True)
    web_url = ma.fields.String(required=True, allow_none=True)


class AttachmentSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 5})
    subject_type = ma.fields.String(required=True, metadata={"enum": list(SUBJECT_TYPES)})
    subject_id = ma.fields.Integer(required=True)
    provider = ma.fields.String(required=True, metadata={"enum": list(ALL_PROVIDERS)})
    storage_file_id = ma.fields.Integer(required=True, allow_none=True)
    category = ma.fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    file = ma.fields.Nested(CloudFileOutSchema, required=True)
    created_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)


FileListQuery = list_query(
    "FileListQuery", FILE_ORDER,
    subject_type=_choice(SUBJECT_TYPES, required=True),
    subject_id=QueryInt(required=True, validate=ID),
    category=_choice(CATEGORIES),
    provider=_choice(ALL_PROVIDERS),
)


# -- exports ------------------------------------------------------------------------------------------------
class ExportCreateSchema(LioIn):
    export_type = _choice(EXPORT_TYPES, required=True)
    filters = ma.fields.Dict(keys=ma.fields.String(), load_default=dict, metadata={
        "description": "The list filters of the entity (the query parameters of `lead/list` for leads and "
                       "clients, `company/list`, `contact/list`), also `order_by`/`order_in` for the row order.",
        "example": {"priority": "3,4", "search_value": "acme"}})


class ExportSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"description": "The export's job id.", "example": 17})
    export_type = ma.fields.String(required=True, metadata={"enum": list(EXPORT_TYPES)})
    filters = ma.fields.Dict(required=True)
    status = ma.fields.String(required=True, metadata={"enum": ["queued", "processing", "completed", "failed"]})
    file_name = ma.fields.String(required=True, metadata={"example": "leads-20260615-091432.csv"})
    rows = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "Rows in the CSV once completed."})
    size = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "Bytes once completed."})
    error = ma.fields.String(required=True, allow_none=True)
    created_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    completed_at = ma.fields.String(required=True, allow_none=True)


ExportListQuery = list_query("ExportListQuery", EXPORT_ORDER, export_type=_choice(EXPORT_TYPES))
