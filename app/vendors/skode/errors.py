"""The only builder of Skode error bodies.

``{"error": "<code>", "message": "..."}`` plus ``details`` where useful
(validation errors name each bad field: ``{"field": ["message"]}``). The OAuth
token endpoint answers RFC 6749 bodies ``{"error", "error_description"}``
instead; the authorize endpoint answers Skode's body with an RFC 6749 code.
"""

from operator import attrgetter

from app.core import errors
from app.vendors.skode.constants import ERRORS


class OAuthError(errors.BadRequest):
    """An RFC 6749 error of the OAuth endpoints (a core ``ApiError``, without Flask).

    ``rfc_body`` chooses the token endpoint's ``{"error", "error_description"}``
    over Skode's ``{"error", "message"}`` (used by the authorize page).
    """

    def __init__(self, code, description, *, status=400, rfc_body=True, headers=None):
        super().__init__(description, headers=headers)
        self.code = code
        self.status = status
        self.rfc_body = rfc_body


# core error -> (Skode code, its details); the most specific class wins (errors.type_for)
CODES = {
    errors.InvalidJson: ("invalid_json", None),
    errors.Invalid: ("validation_error", lambda e: e.fields or None),
    errors.BadRequest: ("bad_request", attrgetter("details")),
    errors.Unauthorized: ("unauthorized", None),
    errors.Forbidden: ("forbidden", attrgetter("details")),
    errors.RouteNotFound: ("not_found", None),
    errors.NotFound: ("not_found", attrgetter("details")),
    errors.MethodNotAllowed: ("method_not_allowed", lambda e: {"allowed": e.allowed} if e.allowed else None),
    errors.Conflict: ("conflict", attrgetter("details")),
    errors.PayloadTooLarge: ("payload_too_large", None),
    errors.RateLimited: ("rate_limit_exceeded", attrgetter("details")),
}


def _code(error):
    code, details = errors.type_for(error, CODES, ("internal_error", None))
    return code, details(error) if details else None


def _message(code, error):
    if code == "internal_error":
        return ERRORS[code][1]          # never leak what went wrong
    if error.message:
        return error.message
    if code == "not_found" and isinstance(error, errors.NotFound) and error.resource:
        return f"{error.resource.capitalize()} not found: {error.ident}."
    if code == "rate_limit_exceeded":
        return f"Rate limit exceeded. Retry after {error.retry_after} seconds."
    return ERRORS[code][1]


def render_error(error):
    """``(body, status, headers)`` for any ``app.core.errors.ApiError``."""
    if isinstance(error, OAuthError):
        if error.rfc_body:
            body = {"error": error.code, "error_description": error.message}
            headers = {"Cache-Control": "no-store", "Pragma": "no-cache", **error.headers}
            return body, error.status, headers
        return {"error": error.code, "message": error.message}, error.status, error.headers
    code, details = _code(error)
    status = ERRORS[code][0]
    if code == "bad_request" and 400 <= error.status < 500:
        status = error.status
    body = {"error": code, "message": _message(code, error)}
    if details:
        body["details"] = details
    return body, status, error.headers
