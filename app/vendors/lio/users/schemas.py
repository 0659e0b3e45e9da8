"""User, role and login wire shapes and request validation (doc 2.1, 6.1)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import CsvIds, DeletedSchema, LioIn, LioOut, list_query  # noqa: F401
from app.vendors.lio.constants import LOGIN_MISSING
from app.vendors.lio.users.store import ROLE_ORDER, USER_ORDER

NAME = validate.Length(1, 100)


BOTH = {"required": LOGIN_MISSING, "null": LOGIN_MISSING}
FILLED = validate.Length(min=1, error=LOGIN_MISSING)


class LoginSchema(LioIn):
    """Doc 2.1: missing email or password is a 400, not a validation error."""

    INVALID_IS_BAD_REQUEST = True
    email = ma.fields.String(required=True, error_messages=BOTH, validate=FILLED, metadata={"example": "you@company.com"})
    password = ma.fields.String(required=True, error_messages=BOTH, validate=FILLED, metadata={"example": "your_password"})


class LoginUserSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 142})
    email = ma.fields.String(required=True, metadata={"example": "you@company.com"})
    name = ma.fields.String(required=True, metadata={"example": "Your Name"})
    organization_id = ma.fields.String(required=True, metadata={"example": "org_acme"})
    role_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Admin"})


class LoginResultSchema(LioOut):
    """Doc 2.1: answered flat, no ``data``."""

    FLAT = True
    success = ma.fields.Boolean(required=True, metadata={"enum": [True]})
    access_token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = ma.fields.Integer(required=True, metadata={"example": 2592000})
    expires_at = ma.fields.String(required=True, metadata={"example": "2026-07-15T09:14:32.000Z"})
    user = ma.fields.Nested(LoginUserSchema, required=True)


class LogoutSchema(LioOut):
    logged_out = ma.fields.Boolean(required=True)


class UserSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 142})
    first_name = ma.fields.String(required=True, metadata={"example": "Your"})
    last_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Name"})
    name = ma.fields.String(required=True, metadata={"example": "Your Name"})
    email = ma.fields.String(required=True, metadata={"example": "you@company.com"})
    phone_no = ma.fields.String(required=True, allow_none=True)
    role_id = ma.fields.Integer(required=True, allow_none=True)
    role_name = ma.fields.String(required=True, allow_none=True, metadata={"example": "Admin"})
    organization_id = ma.fields.String(required=True, metadata={"example": "org_acme"})
    language = ma.fields.String(required=True, metadata={"example": "en"})
    timezone = ma.fields.String(required=True, metadata={"example": "UTC"})
    state_id = ma.fields.Integer(required=True, metadata={"description": "1 active, 0 inactive."})
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


UserListQuery = list_query("UserListQuery", USER_ORDER, role_id=CsvIds(), state_id=CsvIds())


class UserAddSchema(LioIn):
    first_name = ma.fields.String(required=True, validate=NAME)
    last_name = ma.fields.String(validate=validate.Length(max=100))
    email = ma.fields.Email(required=True, validate=validate.Length(max=254))
    phone_no = ma.fields.String(required=True, validate=validate.Length(1, 30))
    password = ma.fields.String(required=True, validate=validate.Length(6, 128), load_only=True)
    role_id = ma.fields.Integer(strict=True, validate=validate.Range(1, 2**31 - 1))


class UserUpdateSchema(LioIn):
    first_name = ma.fields.String(required=True, validate=NAME)
    email = ma.fields.Email(required=True, validate=validate.Length(max=254))
    phone_no = ma.fields.String(required=True, validate=validate.Length(1, 30))
    last_name = ma.fields.String(validate=validate.Length(max=100))
    language = ma.fields.String(validate=validate.Length(2, 10))
    timezone = ma.fields.String(validate=validate.Length(1, 64))


class ChangePasswordSchema(LioIn):
    current_password = ma.fields.String(required=True)
    new_password = ma.fields.String(required=True, validate=validate.Length(6, 128))
    confirm_password = ma.fields.String(required=True)


class ChangedSchema(LioOut):
    changed = ma.fields.Boolean(required=True)


class UserDeleteSchema(LioIn):
    user_id = ma.fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**53))



class RoleSchema(LioOut):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True, metadata={"example": "Sales Rep"})
    description = ma.fields.String(required=True, allow_none=True)
    state_id = ma.fields.Integer(required=True)
    created_at = ma.fields.String(required=True)


RoleListQuery = list_query("RoleListQuery", ROLE_ORDER, state_id=CsvIds())


class RoleAddSchema(LioIn):
    name = ma.fields.String(required=True, validate=validate.Length(2, 50))
    description = ma.fields.String(validate=validate.Length(max=500))
