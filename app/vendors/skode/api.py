"""Skode's Api and Blueprints: the success envelopes and the rate limiter.

- :class:`SkodeBlueprint` (the API routes): a single resource goes out as
  ``{"data": {...}}``; a list (the store's :class:`Page`) as
  ``{"data": [...], "meta": {...}}``; a 204 has an empty body. After authentication every request counts against
  its key's fixed 60-second window; every response of the blueprint carries
  the ``X-RateLimit-*`` headers, errors included.
- :class:`SkodeOAuthBlueprint` (authorize and token): bodies as RFC 6749 has
  them, no envelope, no authentication, no rate limit; a 302 view answers the
  URL to redirect to (core's ``response(302)``); the token request is parsed
  as JSON or form by the real parser, an unreadable body is ``invalid_request``.
"""

import functools

import marshmallow as ma
from flask import g, request

from app.core import auth
from app.core.errors import InvalidJson, RateLimited, Unauthorized
from app.core.paging import Page
from app.core.vendor import Parser, VendorApi, VendorBlueprint
from app.vendors.skode import ratelimit
from app.vendors.skode.constants import BODY_NOT_AN_OBJECT, ERROR_CODES, PLANS, UNAUTHENTICATED_PLAN
from app.vendors.skode.errors import OAuthError
from app.vendors.skode.schemas import MetaSchema

RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per 60-second window for this key.",
                          "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left in the current window.", "schema": {"type": "integer"}},
    "X-RateLimit-Reset": {"description": "Unix epoch seconds at which the current window ends.",
                          "schema": {"type": "integer"}},
}


class ErrorSchema(ma.Schema):
    error = ma.fields.String(required=True, metadata={"enum": ERROR_CODES, "example": "not_found"})
    message = ma.fields.String(required=True, metadata={"example": "Lead not found: lead_abc123."})
    details = ma.fields.Dict(metadata={"description": "For validation errors: each bad field and its messages.",
                                       "example": {"name": ["Missing data for required field."]}})


class SkodeApi(VendorApi):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"


class OAuthParser(Parser):
    """The token endpoint's parser: an unreadable body is RFC 6749's ``invalid_request``."""

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except InvalidJson:
            raise OAuthError("invalid_request", BODY_NOT_AN_OBJECT) from None


def _throttle(who):
    limit = who["limit"]
    numbers = ratelimit.hit(who["bucket"], limit, who["id"])
    g.skode_rate = numbers
    if numbers["exceeded"]:
        raise RateLimited(numbers["retry_after"], details={"limit": limit, "retry_after": numbers["retry_after"]})


class SkodeBlueprint(VendorBlueprint):
    """Skode API routes: envelopes, bearer authentication, rate limits."""

    def __init__(self, *args, auth=None, **kwargs):
        super().__init__(*args, auth=auth, **kwargs)
        if auth is not None:
            self.after_request(self._rate_headers)

    def _authenticate(self):
        if request.method == "OPTIONS":  # CORS preflight: no credentials, not counted
            return None
        try:
            who = self.auth()
        except Unauthorized:
            # Sandbox: requests without valid credentials count per client IP at the Free
            # limit (the headers show that window) but always answer 401, never 429.
            g.skode_rate = ratelimit.hit("ip:" + (request.remote_addr or "unknown"), PLANS[UNAUTHENTICATED_PLAN])
            raise
        _throttle(who)
        auth.set_principal(who)
        return None

    @staticmethod
    def _rate_headers(response):
        numbers = g.get("skode_rate")
        if numbers is not None:
            response.headers["X-RateLimit-Limit"] = str(numbers["limit"])
            response.headers["X-RateLimit-Remaining"] = str(numbers["remaining"])
            response.headers["X-RateLimit-Reset"] = str(numbers["reset"])
        return response

    def response(self, status_code, schema=None, **kwargs):
        kwargs.setdefault("headers", RATE_HEADERS)
        return super().response(status_code, schema, **kwargs)

    def render_success(self, result):
        """A list (a :class:`Page`) as ``{"data": [...], "meta": {...}}``, anything else as ``{"data": ...}``."""
        if isinstance(result, Page):
            return {"data": result.items, "meta": {"page": result.page, "per_page": result.per_page,
                                                   "total": result.total, "total_pages": result.total_pages}}
        return {"data": result}

    @staticmethod
    def _make_doc_response_schema(schema):
        if schema is None:
            return None
        return _envelope(schema.__class__, bool(schema.many))


@functools.cache
def _envelope(schema_class, many):
    """The documented wrapper: ``{"data": {...}}`` or ``{"data": [...], "meta": {...}}``."""
    name = schema_class.__name__.removesuffix("Schema")
    fields = {"data": ma.fields.Nested(schema_class, many=many, required=True)}
    if many:
        fields["meta"] = ma.fields.Nested(MetaSchema, required=True)
    return type(f"{name}{'List' if many else ''}Envelope", (ma.Schema,), fields)


class SkodeOAuthBlueprint(VendorBlueprint):
    """OAuth endpoints: RFC 6749 bodies, no auth, no rate limit; 302 views return a URL."""

    ARGUMENTS_PARSER = OAuthParser()

    def render_success(self, result):
        """No envelope: RFC 6749 bodies as they are."""
        return result
