"""Custom lookup and saved view wire shapes and request validation (doc 6.5)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import Flag, DeletedSchema, LioIn, LioOut, list_query  # noqa: F401
from app.vendors.lio.lookups.store import LOOKUP_ORDER, VIEW_ORDER, VISIBILITY

ID = validate.Range(1, 2**31 - 1)
CODE = validate.Range(0, 2**31 - 1)
COLOR = validate.Regexp(r"^#[0-9A-Fa-f]{6}$", error="Must be a hex colour like #22C55E.")
WORD = validate.Length(1, 50)


class LookupSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 12})
    module_name = ma.fields.String(required=True, metadata={"example": "lead"})
    type = ma.fields.String(required=True, metadata={"example": "status"})
    name = ma.fields.String(required=True, metadata={"example": "Qualified"})
    value = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 3})
    color_code = ma.fields.String(required=True, allow_none=True, metadata={"example": "#22C55E"})
    parent_id = ma.fields.Integer(required=True, allow_none=True)
    is_active = ma.fields.Boolean(required=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


LookupListQuery = list_query("LookupListQuery", LOOKUP_ORDER, module_name=ma.fields.String(validate=WORD),
                             type=ma.fields.String(validate=WORD), is_active=Flag(),
                             parent_id=ma.fields.Integer(validate=ID))


class LookupAddSchema(LioIn):
    module_name = ma.fields.String(required=True, validate=WORD, metadata={"example": "lead"})
    type = ma.fields.String(required=True, validate=WORD, metadata={"example": "status"})
    name = ma.fields.String(required=True, validate=validate.Length(1, 100), metadata={"example": "Negotiation"})
    value = ma.fields.Integer(strict=True, validate=CODE)
    color_code = ma.fields.String(validate=COLOR)
    parent_id = ma.fields.Integer(strict=True, validate=ID)


class LookupUpdateSchema(LioIn):
    name = ma.fields.String(validate=validate.Length(1, 100))
    value = ma.fields.Integer(strict=True, validate=CODE)
    color_code = ma.fields.String(validate=COLOR, allow_none=True)
    is_active = ma.fields.Boolean()


class ViewSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 4})
    module_name = ma.fields.String(required=True, metadata={"example": "lead"})
    view_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Hot leads"})
    visibility = ma.fields.String(required=True, metadata={"enum": list(VISIBILITY)})
    filters = ma.fields.Dict(required=True)
    columns = ma.fields.List(ma.fields.String(), required=True)
    sorting = ma.fields.Dict(required=True)
    user_id = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "The creator."})
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


ViewListQuery = list_query("ViewListQuery", VIEW_ORDER, module_name=ma.fields.String(validate=WORD))


class ViewUpdateSchema(LioIn):
    module_name = ma.fields.String(validate=WORD)
    visibility = ma.fields.String(validate=validate.OneOf(VISIBILITY), metadata={"enum": list(VISIBILITY)})
    view_name = ma.fields.String(validate=validate.Length(1, 100), allow_none=True)
    filters = ma.fields.Dict(keys=ma.fields.String())
    columns = ma.fields.List(ma.fields.String(validate=validate.Length(1, 100)), validate=validate.Length(max=200))
    sorting = ma.fields.Dict(keys=ma.fields.String())


class ViewAddSchema(ViewUpdateSchema):
    module_name = ma.fields.String(required=True, validate=WORD, metadata={"example": "lead"})
    visibility = ma.fields.String(required=True, validate=validate.OneOf(VISIBILITY),
                                  metadata={"enum": list(VISIBILITY)})
