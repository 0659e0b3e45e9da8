"""The only builder of Discko error bodies.

``{"success": false, "error": {"code", "message", "details"}, "timestamp"}``
with ``timestamp`` in ISO 8601 UTC without milliseconds, from the sandbox clock.
"""

from flask import request

from app.core import clock, errors
from app.vendors.discko.constants import ERRORS


# core error -> (Discko code, its details); the most specific class wins (errors.type_for)
CODES = {
    errors.InvalidJson: ("INVALID_JSON", None),
    errors.InvalidChoice: ("INVALID_STATUS", lambda e: {"provided": e.provided, "allowed": e.allowed}),
    errors.Invalid: ("VALIDATION_ERROR", lambda e: e.fields or None),
    errors.BadRequest: ("VALIDATION_ERROR", None),
    errors.Unauthorized: ("UNAUTHORIZED", None),
    errors.Forbidden: ("FORBIDDEN", lambda e: e.details),
    errors.RouteNotFound: ("NOT_FOUND", lambda e: {"method": request.method, "path": request.path}),
    errors.NotFound: ("LEAD_NOT_FOUND", lambda e: {"lead_id": e.ident}),
    errors.MethodNotAllowed: ("METHOD_NOT_ALLOWED", lambda e: {"allowed": e.allowed}),
    errors.PayloadTooLarge: ("PAYLOAD_TOO_LARGE", None),
}


def _code(error):
    code, details = errors.type_for(error, CODES, ("INTERNAL_ERROR", None))
    if isinstance(error, errors.InvalidChoice) and error.field != "status":
        code, details = CODES[errors.Invalid]   # only the status enum has its own code
    return code, details(error) if details else None


def render_error(error):
    code, details = _code(error)
    status, message = ERRORS[code]
    body = {
        "success": False,
        "error": {"code": code, "message": message, "details": details},
        "timestamp": clock.iso(clock.now()),
    }
    return body, status, error.headers
