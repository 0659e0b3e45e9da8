"""Voice request and response shapes (doc 6.12)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut, list_query
from app.vendors.lio.voice.calls import CALL_ORDER, CALL_STATUSES
from app.vendors.lio.voice.store import NUMBER_TYPES

E164 = r"^\+[1-9]\d{6,14}$"


class AvailableQuery(LioIn):
    areaCode = ma.fields.String(validate=validate.Regexp(r"^\d{3}$", error="Must be 3 digits."))
    contains = ma.fields.String(validate=validate.Regexp(r"^\d{1,15}$", error="Must be digits."))
    type = ma.fields.String(validate=validate.OneOf(NUMBER_TYPES), metadata={"enum": list(NUMBER_TYPES)})
    limit = ma.fields.Integer(load_default=20, validate=validate.Range(1, 100))


class PurchaseSchema(LioIn):
    phoneNumber = ma.fields.String(required=True, validate=validate.Regexp(E164, error="Must be an E.164 number."),
                                   metadata={"example": "+14155550123"})
    friendlyName = ma.fields.String(validate=validate.Length(max=100))
    type = ma.fields.String(validate=validate.OneOf(NUMBER_TYPES), metadata={"enum": list(NUMBER_TYPES)})


class AssignSchema(LioIn):
    number_id = ma.fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**53))
    user_ids = ma.fields.List(ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53)),
                              validate=validate.Length(max=1000))
    user_id = ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53))


class InventoryNumberSchema(LioOut):
    phone_number = ma.fields.String(required=True)
    type = ma.fields.String(required=True)
    area_code = ma.fields.String(required=True)
    region = ma.fields.String(allow_none=True)
    monthly_price = ma.fields.Float(required=True)
    currency = ma.fields.String(required=True)
    capabilities = ma.fields.List(ma.fields.String(), required=True)


class AssignedUserSchema(LioOut):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(allow_none=True)
    email = ma.fields.String(allow_none=True)


class NumberSchema(InventoryNumberSchema):
    id = ma.fields.Integer(required=True)
    friendly_name = ma.fields.String(allow_none=True)
    created_at = ma.fields.String(required=True)
    assigned_users = ma.fields.List(ma.fields.Nested(AssignedUserSchema), required=True)


class WalletTxSchema(LioOut):
    id = ma.fields.Integer(required=True)
    amount = ma.fields.Float(required=True)
    kind = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    balance_after = ma.fields.Float(required=True)
    created_at = ma.fields.String(required=True)


class WalletSchema(LioOut):
    balance = ma.fields.Float(required=True)
    currency = ma.fields.String(required=True)
    transactions = ma.fields.List(ma.fields.Nested(WalletTxSchema), required=True)


class VoiceTokenSchema(LioOut):
    token = ma.fields.String(required=True)
    identity = ma.fields.String(required=True)
    expires_at = ma.fields.String(required=True)
    ttl = ma.fields.Integer(required=True, metadata={"example": 3600})


class InitiateSchema(LioIn):
    system_prompt = ma.fields.String(required=True, validate=validate.Length(1, 20_000))
    lead_id = ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53))
    contact_id = ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53))
    first_message = ma.fields.String(validate=validate.Length(max=2000))
    voice_id = ma.fields.String(validate=validate.Length(max=100))
    language = ma.fields.String(validate=validate.Regexp(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                                                         error="Must be a BCP-47 language tag."))

    @ma.validates_schema
    def _one_target(self, data, **kwargs):
        if data.get("lead_id") is None and data.get("contact_id") is None:
            raise ma.ValidationError("Send lead_id or contact_id.", "lead_id")
        if data.get("lead_id") is not None and data.get("contact_id") is not None:
            raise ma.ValidationError("Send either lead_id or contact_id, not both.", "contact_id")


CallListQuery = list_query(
    "CallListQuery", CALL_ORDER,
    lead_id=ma.fields.Integer(validate=validate.Range(1, 2**53)),
    contact_id=ma.fields.Integer(validate=validate.Range(1, 2**53)),
    company_id=ma.fields.Integer(validate=validate.Range(1, 2**53)),
    status=ma.fields.String(validate=validate.OneOf(CALL_STATUSES), metadata={"enum": list(CALL_STATUSES)}))


class CallSchema(LioOut):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(allow_none=True)
    lead_id = ma.fields.Integer(allow_none=True)
    contact_id = ma.fields.Integer(allow_none=True)
    company_id = ma.fields.Integer(allow_none=True)
    direction = ma.fields.String(required=True, metadata={"enum": ["outbound", "inbound"]})
    from_number = ma.fields.String(required=True)
    to_number = ma.fields.String(allow_none=True)
    status = ma.fields.String(required=True, metadata={"enum": list(CALL_STATUSES)})
    created_at = ma.fields.String(required=True)
    started_at = ma.fields.String(allow_none=True)
    answered_at = ma.fields.String(allow_none=True)
    ended_at = ma.fields.String(allow_none=True)
    duration_sec = ma.fields.Integer(allow_none=True)
    transcript = ma.fields.String(allow_none=True)
    recording_url = ma.fields.String(allow_none=True)
    price = ma.fields.Float(allow_none=True)


class RecordingSchema(LioOut):
    id = ma.fields.Integer(required=True)
    recording_url = ma.fields.String(required=True)
    duration_sec = ma.fields.Integer(required=True)


class CallTranscriptSchema(LioOut):
    id = ma.fields.Integer(required=True)
    transcript = ma.fields.String(required=True)
    duration_sec = ma.fields.Integer(required=True)
