"""Skode's wire shapes (snake_case, as documented) and request validation.

Request schemas reject unknown fields (422 naming them) and wrong types
(strings are never numbers, numbers never strings); the read-only fields
``id``, ``owner``, ``created_at`` and ``updated_at`` are accepted and ignored so
that a fetched lead can be sent back as is.
"""

import math
import re
from collections.abc import Mapping

import marshmallow as ma
from marshmallow import validate

from app.core import clock
from app.vendors.skode import oauth
from app.vendors.skode.auth import with_basic_client
from app.vendors.skode.errors import OAuthError
from app.vendors.skode.constants import (DEFAULT_SORT, DEMO_CLIENT_ID, DEMO_REDIRECT_URIS, DEMO_USER_IDS,
                                         OAUTH_ERROR_CODES, PAGE_MAX, PER_PAGE_DEFAULT, PER_PAGE_MAX,
                                         SEARCHABLE, SORTS, SOURCES, STATUSES, TOKEN_TYPE, WEBHOOK_EVENTS,
                                         WEBHOOK_URL_MAX, WEBHOOK_URL_MESSAGE, WEBHOOK_URL_PATTERN)

READ_ONLY = ("id", "owner", "created_at", "updated_at")


class _Schema(ma.Schema):
    class Meta:
        unknown = ma.RAISE
        ordered = True


class _Query(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE
        ordered = True


# -- fields -----------------------------------------------------------------------------
class JsonNumber(ma.fields.Float):
    """A JSON number: no strings, no booleans, no NaN/Infinity; ints kept when exact."""

    default_error_messages = {"invalid": "Not a valid number.", "special": "Must be a finite number."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.make_error("special")
        if isinstance(value, int) and abs(value) > 2**53:
            value = float(value)
            if not math.isfinite(value):
                raise self.make_error("special")
        return value


class JsonInteger(ma.fields.Integer):
    """A JSON integer (no strings, no booleans)."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class IsoDateTime(ma.fields.String):
    """An ISO 8601 date-time (or date) query value, loaded as an aware UTC datetime."""

    default_error_messages = {"iso": "Must be an ISO 8601 date-time, e.g. 2026-03-15T10:30:00Z."}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return clock.parse_iso(text.strip())
        except (ValueError, OverflowError, TypeError):
            raise self.make_error("iso") from None


NON_BLANK = r"[^ \t\n\r\f\v]"     # one regex for the validator and the spec's `pattern`


class NonBlank(validate.Validator):
    """At least one character that is not (ASCII) whitespace."""

    def __call__(self, value):
        if not re.search(NON_BLANK, value):
            raise ma.ValidationError("Must not be blank.")
        return value


def _page(integer):
    return integer(load_default=1, validate=validate.Range(1, PAGE_MAX),
                   metadata={"description": "Page number, from 1.", "example": 1})


def _per_page(integer):
    return integer(load_default=PER_PAGE_DEFAULT, validate=validate.Range(1, PER_PAGE_MAX),
                   metadata={"description": f"Items per page, 1-{PER_PAGE_MAX} (default {PER_PAGE_DEFAULT}).",
                             "example": PER_PAGE_DEFAULT})


# -- responses ----------------------------------------------------------------------------
class OwnerSchema(_Schema):
    id = ma.fields.String(required=True, metadata={"example": "user_abc123"})
    name = ma.fields.String(required=True, metadata={"example": "Alex Morgan"})
    email = ma.fields.String(required=True, metadata={"example": "alex.morgan@example.com"})


class LeadSchema(_Schema):
    id = ma.fields.String(required=True, metadata={"example": "lead_abc123", "pattern": "^lead_[A-Za-z0-9]+$"})
    name = ma.fields.String(required=True, metadata={"example": "Jane Doe"})
    email = ma.fields.String(required=True, allow_none=True, metadata={"example": "jane@example.com"})
    phone = ma.fields.String(required=True, allow_none=True, metadata={"example": "+1-555-0123"})
    company = ma.fields.String(required=True, allow_none=True, metadata={"example": "Example Corp"})
    source = ma.fields.String(required=True, allow_none=True, metadata={"enum": SOURCES + [None]})
    status = ma.fields.String(required=True, metadata={"enum": STATUSES})
    deal_value = ma.fields.Float(required=True, allow_none=True, metadata={"example": 25000})
    owner_id = ma.fields.String(required=True, allow_none=True, metadata={"example": "user_abc123"})
    owner = ma.fields.Nested(OwnerSchema, required=True, allow_none=True,
                             metadata={"description": "The owning user (related data), or null."})
    tags = ma.fields.List(ma.fields.String(), required=True, metadata={"example": ["enterprise", "inbound"]})
    custom_fields = ma.fields.Dict(keys=ma.fields.String(), required=True,
                                   metadata={"example": {"industry": "Technology", "employees": "50-200"}})
    created_at = ma.fields.String(required=True, metadata={"format": "date-time", "example": "2026-03-15T10:30:00Z"})
    updated_at = ma.fields.String(required=True, metadata={"format": "date-time", "example": "2026-03-15T10:30:00Z"})


class MetaSchema(_Schema):
    page = ma.fields.Integer(required=True, metadata={"example": 1})
    per_page = ma.fields.Integer(required=True, metadata={"example": 25})
    total = ma.fields.Integer(required=True, metadata={"example": 151})
    total_pages = ma.fields.Integer(required=True, metadata={"example": 7})


# -- requests -----------------------------------------------------------------------------
class _LeadFields(_Schema):
    email = ma.fields.Email(allow_none=True, metadata={"example": "jane@example.com"})
    phone = ma.fields.String(allow_none=True, metadata={"example": "+1-555-0123"})
    company = ma.fields.String(allow_none=True, metadata={"example": "Example Corp"})
    source = ma.fields.String(allow_none=True, validate=validate.OneOf(SOURCES), metadata={"enum": SOURCES + [None]})
    deal_value = JsonNumber(allow_none=True, validate=validate.Range(min=0), metadata={"example": 25000,
                                                                                      "minimum": 0})
    status = ma.fields.String(validate=validate.OneOf(STATUSES), metadata={"enum": STATUSES})
    owner_id = ma.fields.String(allow_none=True, metadata={
        "description": "A user of the workspace, or null. Sandbox: every workspace accepts its own users, "
                       "listed by /__admin/tenants, and answers 422 for any other id.",
        "example": DEMO_USER_IDS[0]})
    tags = ma.fields.List(ma.fields.String(), metadata={"example": ["enterprise", "inbound"]})
    custom_fields = ma.fields.Dict(keys=ma.fields.String(), metadata={
        "example": {"industry": "Technology", "employees": "50-200"}})
    # read-only: accepted and ignored (typed in the spec: OpenAPI 3.0 has no bare `nullable`)
    id = ma.fields.Raw(load_only=True, allow_none=True, metadata={"readOnly": True, "description": "Ignored.",
                                                                  "type": "string"})
    owner = ma.fields.Raw(load_only=True, allow_none=True, metadata={"readOnly": True, "description": "Ignored.",
                                                                     "type": "object"})
    created_at = ma.fields.Raw(load_only=True, allow_none=True, metadata={"readOnly": True,
                                                                        "description": "Ignored.", "type": "string"})
    updated_at = ma.fields.Raw(load_only=True, allow_none=True, metadata={"readOnly": True,
                                                                        "description": "Ignored.", "type": "string"})

    @ma.post_load
    def _drop_read_only(self, data, **kwargs):
        for name in READ_ONLY:
            data.pop(name, None)
        return data


class LeadCreateSchema(_LeadFields):
    name = ma.fields.String(required=True, validate=NonBlank(), metadata={"example": "Jane Doe",
                                                                          "pattern": NON_BLANK})


class LeadUpdateSchema(_LeadFields):
    name = ma.fields.String(validate=NonBlank(), metadata={"example": "Jane Doe", "pattern": NON_BLANK})


class LeadQuerySchema(_Query):
    page = _page(ma.fields.Integer)
    per_page = _per_page(ma.fields.Integer)
    status = ma.fields.String(validate=validate.OneOf(STATUSES), metadata={"enum": STATUSES})
    source = ma.fields.String(validate=validate.OneOf(SOURCES), metadata={"enum": SOURCES})
    owner_id = ma.fields.String(metadata={"example": "user_abc123"})
    created_after = IsoDateTime(metadata={"format": "date-time", "example": "2026-01-01T00:00:00Z",
                                          "description": "Created at or after this instant."})
    created_before = IsoDateTime(metadata={"format": "date-time", "example": "2026-04-01T00:00:00Z",
                                           "description": "Created strictly before this instant."})
    sort = ma.fields.String(load_default=DEFAULT_SORT, validate=validate.OneOf(SORTS),
                            metadata={"enum": SORTS, "example": DEFAULT_SORT})


class LeadSearchSchema(_Schema):
    query = ma.fields.String(required=True, validate=validate.Length(min=1), metadata={"example": "example.com"})
    fields = ma.fields.List(ma.fields.String(validate=validate.OneOf(SEARCHABLE), metadata={"enum": SEARCHABLE}),
                            validate=validate.Length(min=1), metadata={"example": ["email", "company"]})
    page = _page(JsonInteger)
    per_page = _per_page(JsonInteger)


# -- OAuth ----------------------------------------------------------------------------------
class AuthorizeQuerySchema(_Query):
    """The authorize page's query. A missing parameter is the page's own 400
    (``invalid_request``), never a 422; the documented enums are the sandbox's one
    registered OAuth app (the page checks the values itself)."""

    response_type = ma.fields.String(required=True, metadata={"enum": ["code"], "example": "code"})
    client_id = ma.fields.String(required=True, metadata={"enum": [DEMO_CLIENT_ID], "example": DEMO_CLIENT_ID})
    redirect_uri = ma.fields.String(required=True, metadata={"enum": DEMO_REDIRECT_URIS,
                                                             "example": DEMO_REDIRECT_URIS[0]})
    state = ma.fields.String(metadata={"example": "xyz"})
    scope = ma.fields.String(metadata={"example": "leads:read leads:write",
                                       "description": "Space-separated: leads:read, leads:write (default both)."})

    def handle_error(self, error, data, **kwargs):
        missing = ", ".join(sorted(error.messages))
        raise OAuthError("invalid_request", f"Missing required parameter(s): {missing}.", rfc_body=False)


class TokenRequestSchema(ma.Schema):
    """The token request, JSON or form-encoded (``location="json_or_form"``).

    HTTP Basic client credentials fill in ``client_id``/``client_secret`` when the
    body has none; unknown parameters are ignored (RFC 6749 3.2); any refusal is the RFC 6749
    error the token endpoint would answer (``oauth.refusal``), never a 422.
    """

    grant_type = ma.fields.String(required=True, metadata={"enum": ["authorization_code", "refresh_token"]})
    code = ma.fields.String(metadata={"description": "authorization_code grant."})
    redirect_uri = ma.fields.String(metadata={"description": "authorization_code grant: as at authorize.",
                                              "example": "http://localhost:3000/callback"})
    refresh_token = ma.fields.String(metadata={"description": "refresh_token grant."})
    client_id = ma.fields.String(required=True, metadata={"example": "skode_demo_client"})
    client_secret = ma.fields.String(required=True, metadata={"example": "skode_demo_secret"})
    scope = ma.fields.String(metadata={"description": "refresh_token grant: an optional narrower scope."})

    @ma.pre_load
    def _basic_client_and_known_only(self, data, **kwargs):
        if not isinstance(data, Mapping):
            return data
        return {name: value for name, value in with_basic_client(data).items() if name in self.fields}

    def handle_error(self, error, data, **kwargs):
        raise oauth.refusal(error.messages, data)


class TokenSchema(_Schema):
    access_token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True, metadata={"enum": [TOKEN_TYPE]})
    expires_in = ma.fields.Integer(required=True, metadata={"example": 3600})
    refresh_token = ma.fields.String(required=True)
    scope = ma.fields.String(required=True, metadata={"example": "leads:read leads:write"})


class OAuthErrorSchema(_Schema):
    error = ma.fields.String(required=True, metadata={"enum": OAUTH_ERROR_CODES})
    error_description = ma.fields.String(required=True)


class AuthorizeErrorSchema(_Schema):
    error = ma.fields.String(required=True, metadata={"enum": OAUTH_ERROR_CODES})
    message = ma.fields.String(required=True)


# -- webhooks -------------------------------------------------------------------------------
class WebhookSchema(_Schema):
    id = ma.fields.String(required=True, metadata={"example": "wh_4f9a2b7c1d8e3f", "pattern": "^wh_[A-Za-z0-9]+$"})
    url = ma.fields.String(required=True, metadata={"example": "https://example.com/webhooks/skode"})
    events = ma.fields.List(ma.fields.String(metadata={"enum": WEBHOOK_EVENTS}), required=True,
                            metadata={"example": ["lead.created", "lead.updated"]})
    secret = ma.fields.String(required=True, allow_none=True, metadata={
        "example": "whsec_abc123", "description": "The signing secret, or null when none was set."})
    created_at = ma.fields.String(required=True, metadata={"format": "date-time", "example": "2026-03-15T10:30:00Z"})


class WebhookCreateSchema(_Schema):
    url = ma.fields.String(required=True, validate=[
        validate.Length(max=WEBHOOK_URL_MAX), validate.Regexp(WEBHOOK_URL_PATTERN, error=WEBHOOK_URL_MESSAGE)],
        metadata={"example": "https://example.com/webhooks/skode", "pattern": WEBHOOK_URL_PATTERN,
                  "maxLength": WEBHOOK_URL_MAX,
                  "description": "HTTPS required. Sandbox: `http://localhost` and `http://127.0.0.1` (any port) "
                                 "are accepted too, so a local receiver works."})
    events = ma.fields.List(ma.fields.String(validate=validate.OneOf(WEBHOOK_EVENTS),
                                             metadata={"enum": WEBHOOK_EVENTS}),
                            required=True, validate=validate.Length(min=1),
                            metadata={"example": ["lead.created", "lead.updated"]})
    secret = ma.fields.String(allow_none=True, validate=validate.Length(min=1, max=256), metadata={
        "example": "whsec_abc123", "description": "Optional: signs each delivery (`X-Skode-Signature`)."})


class WebhookQuerySchema(_Query):
    page = _page(ma.fields.Integer)
    per_page = _per_page(ma.fields.Integer)
