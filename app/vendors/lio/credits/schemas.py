"""Credit wire shapes."""

import marshmallow as ma

from app.vendors.lio.common import LioOut


class CreditTransactionSchema(LioOut):
    id = ma.fields.Integer(required=True)
    feature = ma.fields.String(required=True, metadata={"example": "meeting_summary"})
    quantity = ma.fields.Integer(required=True)
    amount = ma.fields.Integer(required=True, metadata={"description": "Negative: credits spent.", "example": -5})
    balance_after = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    ref = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)


class CreditsSchema(LioOut):
    organization_id = ma.fields.String(required=True, metadata={"example": "org_acme"})
    balance = ma.fields.Integer(required=True, metadata={"example": 1000})
    spent = ma.fields.Integer(required=True, metadata={"example": 0})
    updated_at = ma.fields.String(required=True, allow_none=True)
    recent_transactions = ma.fields.List(ma.fields.Nested(CreditTransactionSchema), required=True)


class AiFeatureSchema(LioOut):
    feature = ma.fields.String(required=True, metadata={"example": "magicpen"})
    credits = ma.fields.Integer(required=True, metadata={"example": 1})
    unit = ma.fields.String(required=True, metadata={"example": "request"})
    description = ma.fields.String(required=True)
