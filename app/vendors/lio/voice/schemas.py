"""Voice request and response shapes (doc 6.12)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut
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
