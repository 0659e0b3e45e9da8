"""The only builder of Skarbe error bodies: ``{"error": "<message>"}``.

The documented statuses are 200, 400, 401 and 500; the sandbox adds 404 for
unknown routes, 405 for a wrong method and 413 for bodies over 10 MiB.
"""

from app.core import errors
from app.vendors.skarbe.constants import (
    BAD_REQUEST,
    BODY_NOT_OBJECT,
    FIELD_MESSAGES,
    INTERNAL_ERROR,
    INVALID_JSON,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    PAYLOAD_TOO_LARGE,
    UNAUTHORIZED,
)


def _flatten(messages):
    """marshmallow messages (lists, or dicts for list items) as one string."""
    if isinstance(messages, dict):
        return " ".join(_flatten(value) for value in messages.values())
    if isinstance(messages, (list, tuple)):
        return " ".join(_flatten(value) for value in messages)
    return str(messages)


def fields_message(fields):
    """One line naming the failed field(s): ``firstName: Not a valid string.``"""
    for name, message in FIELD_MESSAGES.items():
        if name in fields:
            return message
    if "_schema" in fields:
        return BODY_NOT_OBJECT
    return "; ".join(f"{name}: {_flatten(messages)}" for name, messages in sorted(fields.items()))


def _status_message(error):
    if isinstance(error, errors.InvalidJson):
        return 400, INVALID_JSON
    if isinstance(error, errors.Invalid):
        return 400, error.message or fields_message(error.fields) or BAD_REQUEST
    if isinstance(error, errors.BadRequest):
        return 400, error.message or BAD_REQUEST
    if isinstance(error, errors.Unauthorized):
        return 401, UNAUTHORIZED
    if isinstance(error, errors.NotFound):
        return 404, NOT_FOUND
    if isinstance(error, errors.MethodNotAllowed):
        return 405, METHOD_NOT_ALLOWED
    if isinstance(error, errors.PayloadTooLarge):
        return 413, PAYLOAD_TOO_LARGE
    return 500, INTERNAL_ERROR


def render_error(error):
    status, message = _status_message(error)
    return {"error": message}, status, error.headers
