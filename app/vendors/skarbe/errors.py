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


# core error -> (status, message); None: the error's own message, else the failed fields
ANSWERS = {
    errors.InvalidJson: (400, INVALID_JSON),
    errors.Invalid: (400, None),
    errors.BadRequest: (400, None),
    errors.Unauthorized: (401, UNAUTHORIZED),
    errors.NotFound: (404, NOT_FOUND),
    errors.MethodNotAllowed: (405, METHOD_NOT_ALLOWED),
    errors.PayloadTooLarge: (413, PAYLOAD_TOO_LARGE),
}


def _status_message(error):
    status, message = errors.type_for(error, ANSWERS, (500, INTERNAL_ERROR))
    if message is None:
        fields = getattr(error, "fields", None)
        message = error.message or (fields and fields_message(fields)) or BAD_REQUEST
    return status, message


def render_error(error):
    status, message = _status_message(error)
    return {"error": message}, status, error.headers
