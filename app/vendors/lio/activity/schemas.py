"""Notification and feed wire shapes."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.activity.store import FEED_ORDER, NOTIFICATION_ORDER, NOTIFICATION_TYPES
from app.vendors.lio.common import Flag, LioIn, LioOut, QueryInt, list_query

NotificationListQuery = list_query(
    "NotificationListQuery", NOTIFICATION_ORDER,
    is_read=Flag(metadata={"description": "`true`/`false` (also `1`/`0`)."}),
    type_id=QueryInt(validate=validate.OneOf(sorted(NOTIFICATION_TYPES.values())),
                     metadata={"enum": sorted(NOTIFICATION_TYPES.values())}),
)

FeedListQuery = list_query(
    "FeedListQuery", FEED_ORDER,
    model_type=ma.fields.String(validate=validate.Length(1, 40), metadata={"example": "lead"}),
    model_id=QueryInt(validate=validate.Range(1, 2**53)),
)

class NotificationReadSchema(LioIn):
    ids = ma.fields.List(ma.fields.Integer(strict=True, validate=validate.Range(1, 2**53)), required=True,
                         validate=validate.Length(min=1, max=10_000))

class NotificationSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 1})
    user_id = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "Null: the whole org."})
    type_id = ma.fields.Integer(required=True, metadata={"example": 1})
    type = ma.fields.String(required=True, metadata={"enum": list(NOTIFICATION_TYPES)})
    title = ma.fields.String(required=True)
    data = ma.fields.Dict(required=True)
    is_read = ma.fields.Boolean(required=True)
    created_at = ma.fields.String(required=True, metadata={"format": "date-time"})

class FeedSchema(LioOut):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    model_type = ma.fields.String(required=True, metadata={"example": "lead"})
    model_id = ma.fields.Integer(required=True, allow_none=True)
    action = ma.fields.String(required=True, metadata={"example": "created"})
    data = ma.fields.Dict(required=True)
    created_at = ma.fields.String(required=True, metadata={"format": "date-time"})
