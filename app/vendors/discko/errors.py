"""The only builder of Discko error bodies.

``{"success": false, "error": {"code", "message", "details"}, "timestamp"}``
with ``timestamp`` in ISO 8601 UTC without milliseconds, from the sandbox clock.
"""

from flask import request

from app.core import clock, errors
from app.vendors.discko.constants import ERRORS


def _code(error):
    if isinstance(error, errors.InvalidJson):
        return "INVALID_JSON", None
    if isinstance(error, errors.InvalidChoice) and error.field == "status":
        return "INVALID_STATUS", {"provided": error.provided, "allowed": error.allowed}
    if isinstance(error, errors.Invalid):
        return "VALIDATION_ERROR", error.fields or None
    if isinstance(error, errors.BadRequest):
        return "VALIDATION_ERROR", None
    if isinstance(error, errors.Unauthorized):
        return "UNAUTHORIZED", None
    if isinstance(error, errors.Forbidden):
        return "FORBIDDEN", error.details
    if isinstance(error, errors.RouteNotFound):
        return "NOT_FOUND", {"method": request.method, "path": request.path}
    if isinstance(error, errors.NotFound):
        return "LEAD_NOT_FOUND", {"lead_id": error.ident}
    if isinstance(error, errors.MethodNotAllowed):
        return "METHOD_NOT_ALLOWED", {"allowed": error.allowed}
    if isinstance(error, errors.PayloadTooLarge):
        return "PAYLOAD_TOO_LARGE", None
    return "INTERNAL_ERROR", None


def render_error(error):
    code, details = _code(error)
    status, message = ERRORS[code]
    body = {
        "success": False,
        "error": {"code": code, "message": message, "details": details},
        "timestamp": clock.iso(clock.now()),
    }
    return body, status, error.headers
