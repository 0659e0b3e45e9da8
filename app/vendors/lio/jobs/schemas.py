"""Job wire shape and the import-job list query."""

import marshmallow as ma

from app.vendors.lio.common import LioOut, list_query
from app.vendors.lio.jobs.store import JOB_ORDER


class JobSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 17})
    type = ma.fields.String(required=True, metadata={"example": "lead_import"})
    status = ma.fields.String(required=True, metadata={"enum": ["queued", "processing", "completed", "failed"]})
    file_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "leads.csv"})
    result = ma.fields.Dict(required=True, allow_none=True, metadata={
        "description": "When completed: counts such as `created`, `duplicate`, `failed`, `total`.",
        "example": {"total": 3, "created": 2, "duplicate": 1, "failed": 0}})
    error = ma.fields.String(required=True, allow_none=True)
    created_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    completed_at = ma.fields.String(required=True, allow_none=True)


ImportJobListQuery = list_query("ImportJobListQuery", JOB_ORDER, type=ma.fields.String(metadata={
    "description": "A job type: `lead_import`, `enrichment`, `export`, `hubspot_import`."}))
