"""Target account (ABM) request and response shapes (doc 6.8)."""

from datetime import UTC, datetime

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.abm.store import CHANNELS, HEALTHS, MODES, ROLES, SORTS, STATUSES
from app.vendors.lio.common import LioIn, LioOut
from app.vendors.lio.constants import LIMIT_DEFAULT, LIMIT_MAX, PAGE_MAX

ID = validate.Range(1, 2**63 - 1)
SORT_VALUES = [*SORTS, *(f"-{s}" for s in SORTS)]


def _id(**kw):
    return ma.fields.Integer(strict=True, validate=ID, **kw)


def _enum(values, **kw):
    return ma.fields.String(validate=validate.OneOf(values), metadata={"enum": list(values)}, **kw)


class AccountListQuery(LioIn):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, PAGE_MAX))
    limit = ma.fields.Integer(load_default=LIMIT_DEFAULT, validate=validate.Range(1, LIMIT_MAX))
    health = _enum(HEALTHS)
    tier = ma.fields.Integer(validate=validate.Range(1, 3))
    owner_id = ma.fields.Integer(validate=ID)
    search = ma.fields.String(validate=validate.Length(max=500))
    sort = _enum(SORT_VALUES, load_default="-id")


class AccountUpdateSchema(LioIn):
    owner_id = _id(allow_none=True)
    tier = ma.fields.Integer(strict=True, validate=validate.Range(1, 3))
    icp_fit_score = ma.fields.Integer(strict=True, validate=validate.Range(0, 100), allow_none=True)
    status = _enum(STATUSES)
    estimated_decision_makers = ma.fields.Integer(strict=True, validate=validate.Range(0, 10_000), allow_none=True)


class AccountCreateSchema(AccountUpdateSchema):
    company_id = _id(required=True)


class AddContactSchema(LioIn):
    contact_id = _id(required=True)
    stakeholder_role = _enum(ROLES, load_default="influencer")


class BulkEmailSchema(LioIn):
    subject = ma.fields.String(required=True, validate=validate.Length(1, 500))
    body = ma.fields.String(required=True, validate=validate.Length(1, 100_000))
    contact_ids = ma.fields.List(_id(), validate=validate.Length(max=1000))
    mode = _enum(MODES, load_default="individual")


class PlanCreateSchema(LioIn):
    contact_id = _id(required=True)
    channel = _enum(CHANNELS, required=True)
    scheduled_at = ma.fields.AwareDateTime(required=True, default_timezone=UTC)
    assigned_to = _id(allow_none=True)
    notes = ma.fields.String(validate=validate.Length(max=5000), allow_none=True)

    @ma.validates("scheduled_at")
    def _sane(self, value, **kwargs):
        if not datetime(1970, 1, 2, tzinfo=UTC) <= value <= datetime(2999, 12, 31, tzinfo=UTC):
            raise ma.ValidationError("Must be between 1970 and 2999.")


class OutreachSummarySchema(LioOut):
    emails_sent = ma.fields.Integer(required=True)
    outreach_steps = ma.fields.Integer(required=True)
    meetings = ma.fields.Integer(required=True)


class AccountSchema(LioOut):
    id = ma.fields.Integer(required=True)
    company_id = ma.fields.Integer(required=True)
    company_name = ma.fields.String(required=True, allow_none=True)
    owner_id = ma.fields.Integer(required=True, allow_none=True)
    tier = ma.fields.Integer(required=True, metadata={"enum": [1, 2, 3]})
    estimated_decision_makers = ma.fields.Integer(required=True, allow_none=True)
    icp_fit_score = ma.fields.Integer(required=True, allow_none=True)
    status = ma.fields.String(required=True, metadata={"enum": list(STATUSES)})
    contact_count = ma.fields.Integer(required=True)
    engagement_score = ma.fields.Integer(required=True, metadata={"description": "0-100, see the list route."})
    health = ma.fields.String(required=True, metadata={"enum": list(HEALTHS)})
    last_engaged_at = ma.fields.String(required=True, allow_none=True)
    outreach = ma.fields.Nested(OutreachSummarySchema, required=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


class StakeholderSchema(LioOut):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    email = ma.fields.String(required=True, allow_none=True)
    phone_number = ma.fields.String(required=True, allow_none=True)
    company_id = ma.fields.Integer(required=True, allow_none=True)
    lead_id = ma.fields.Integer(required=True, allow_none=True)
    stakeholder_role = ma.fields.String(required=True, metadata={"enum": list(ROLES)})
    added_at = ma.fields.String(required=True)


class AccountDetailSchema(AccountSchema):
    contacts = ma.fields.List(ma.fields.Nested(StakeholderSchema), required=True)


class RecipientSchema(LioOut):
    contact_id = ma.fields.Integer(required=True)
    email = ma.fields.String(required=True)


class BulkEmailResultSchema(LioOut):
    sent = ma.fields.Integer(required=True)
    skipped = ma.fields.Integer(required=True, metadata={"description": "Recipients without an email address."})
    mode = ma.fields.String(required=True, metadata={"enum": list(MODES)})
    recipients = ma.fields.List(ma.fields.Nested(RecipientSchema), required=True)
    engagement_score = ma.fields.Integer(required=True)
    health = ma.fields.String(required=True, metadata={"enum": list(HEALTHS)})
    last_engaged_at = ma.fields.String(required=True, allow_none=True)
    outreach = ma.fields.Nested(OutreachSummarySchema, required=True)


class PlanSchema(LioOut):
    id = ma.fields.Integer(required=True)
    account_id = ma.fields.Integer(required=True)
    contact_id = ma.fields.Integer(required=True)
    channel = ma.fields.String(required=True, metadata={"enum": list(CHANNELS)})
    scheduled_at = ma.fields.String(required=True)
    assigned_to = ma.fields.Integer(required=True, allow_none=True)
    notes = ma.fields.String(required=True, allow_none=True)
    created_by = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)


class StageSchema(LioOut):
    stage = ma.fields.String(required=True, metadata={"enum": ["targeted", "engaged", "opportunity", "won"]})
    count = ma.fields.Integer(required=True)
    rate = ma.fields.Float(required=True, metadata={"description": "Percent of targeted accounts."})


class HealthCountsSchema(LioOut):
    healthy = ma.fields.Integer(required=True)
    at_risk = ma.fields.Integer(required=True)
    cold = ma.fields.Integer(required=True)


class FunnelSchema(LioOut):
    stages = ma.fields.List(ma.fields.Nested(StageSchema), required=True)
    health = ma.fields.Nested(HealthCountsSchema, required=True)


class PlanListQuery(LioIn):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, PAGE_MAX))
    limit = ma.fields.Integer(load_default=LIMIT_DEFAULT, validate=validate.Range(1, LIMIT_MAX))


class TopQuery(LioIn):
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(1, LIMIT_MAX))
