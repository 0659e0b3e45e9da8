"""The only builder of LIO error bodies.

``{"success": false, "error": {"message", "type", "code": null}}`` with ``type`` from the
table of DESIGN section 6; validation errors add a flat ``error.fields``
``{"<field or query parameter>": ["message", ...]}``.
"""

from app.core import errors
from app.vendors.lio.constants import ERROR_MESSAGES, ERROR_TYPES, INVALID_JSON


class InsufficientCredits(errors.Forbidden):
    """An AI call the organization's balance cannot pay (403 ``insufficient_credits``)."""


TYPES = {
    InsufficientCredits: "insufficient_credits",
    errors.Invalid: "validation_error",
    errors.BadRequest: "bad_request",
    errors.Unauthorized: "unauthorized",
    errors.Forbidden: "forbidden",
    errors.NotFound: "not_found",
    errors.MethodNotAllowed: "method_not_allowed",
    errors.Conflict: "conflict",
    errors.PayloadTooLarge: "payload_too_large",
    errors.RateLimited: "rate_limited",
    errors.ApiError: "server_error",
}


def _message(kind, error):
    if kind == "server_error":
        return ERROR_MESSAGES[kind]                # never leak what went wrong
    if isinstance(error, errors.InvalidJson):
        return error.message or INVALID_JSON
    if error.message:
        return error.message
    if isinstance(error, errors.NotFound) and error.resource:
        return f"{error.resource.capitalize()} not found."
    return ERROR_MESSAGES[kind]


def render_error(error):
    """``(body, status, headers)`` for any ``app.core.errors.ApiError``."""
    kind = errors.type_for(error, TYPES)
    status = ERROR_TYPES[kind]
    if kind == "bad_request" and 400 <= error.status < 500:
        status = error.status
    body = {"message": _message(kind, error), "type": kind, "code": None}
    if isinstance(error, errors.Invalid):
        body["fields"] = error.fields or {}
    return {"success": False, "error": body}, status, error.headers
