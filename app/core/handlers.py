"""The one app-level error handler.

Every exception, from a store, a parser, an authenticator or Flask's own
routing (404/405/413), ends here. The vendor is found by the request path's
mount prefix and renders the error in its own envelope. Nothing else builds
an error response; no HTML page and no traceback ever reaches a client.
"""

import logging

from flask import current_app, request
from werkzeug.exceptions import HTTPException

from app.core import errors

log = logging.getLogger("leadmock")


# werkzeug's HTTP errors (routing, body limit) as core errors; 405 also carries the allowed methods
HTTP_ERRORS = {400: errors.BadRequest, 401: errors.Unauthorized, 403: errors.Forbidden,
               404: errors.RouteNotFound, 413: errors.PayloadTooLarge}


def to_api_error(exc):
    """Map any exception onto a wire-neutral :class:`errors.ApiError`."""
    if isinstance(exc, errors.ApiError):
        return exc
    if isinstance(exc, HTTPException):
        code = exc.code or 500
        if code == 405:
            return errors.MethodNotAllowed(allowed=getattr(exc, "valid_methods", None) or ())
        if code in HTTP_ERRORS:
            return HTTP_ERRORS[code]()
        if code < 500:
            err = errors.BadRequest()
            err.status = code
            return err
        return errors.Internal()
    log.exception("unexpected error on %s %s", request.method, request.path)
    return errors.Internal()


def renderer_for(path):
    """The ``render_error`` of the mount owning ``path`` (longest prefix wins)."""
    for prefix, render in current_app.extensions["leadmock.error_renderers"]:
        if prefix == "" or path == prefix or path.startswith(prefix + "/"):
            return render
    return render_plain


def render_plain(error):
    """Errors outside any vendor (``/``, ``/__admin``): ``{"error", "message"}``."""
    names = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
             405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
             422: "validation_error", 429: "rate_limited", 500: "internal_error"}
    body = {"error": names.get(error.status, "error"), "message": error.message or names.get(error.status, "error")}
    if isinstance(error, errors.Invalid) and error.fields:
        body["details"] = error.fields
    return body, error.status, error.headers


def handle(exc):
    error = to_api_error(exc)
    try:
        body, status, headers = renderer_for(request.path)(error)
    except Exception:  # a renderer must never turn an error into an HTML 500
        log.exception("error renderer failed")
        body, status, headers = render_plain(errors.Internal())
    status = getattr(error, "forced_status", None) or status   # a fault's status, in the vendor's body
    response = current_app.json.response(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def init_app(app):
    app.register_error_handler(Exception, handle)
