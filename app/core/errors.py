"""Wire-neutral exceptions raised by stores, parsers and auth.

They carry what went wrong, never how a vendor spells it: each vendor's
``errors.render_error`` turns them into that vendor's body and status, looking
the error up in a ``{core error class: its code}`` table with :func:`type_for`.
"""


def type_for(error, table, default=None):
    """``table``'s value for the most specific class of ``error`` (its MRO walked in order).

    The table's order does not matter: ``RouteNotFound`` finds its own entry
    before ``NotFound``'s, and a subclass with no entry of its own (a vendor's
    ``OAuthError``) gets its parent's. ``default`` when no class is listed.
    """
    for cls in type(error).__mro__:
        if cls in table:
            return table[cls]
    return default


class ApiError(Exception):
    """Base of every error a client may see. ``status`` is a default only."""

    status = 500

    def __init__(self, message=None, *, details=None, headers=None):
        super().__init__(message or self.__class__.__name__)
        self.message = message
        self.details = details
        self.headers = dict(headers or {})


class BadRequest(ApiError):
    """The request is malformed in a way that is not a field validation."""

    status = 400


class InvalidJson(BadRequest):
    """The body could not be parsed as JSON."""


class Invalid(ApiError):
    """One or more fields failed validation.

    ``fields`` maps a field name (``_schema`` for the body as a whole) to a
    list of messages.
    """

    status = 422

    def __init__(self, fields=None, message=None, **kwargs):
        super().__init__(message, **kwargs)
        self.fields = dict(fields or {})


class InvalidChoice(Invalid):
    """A field holds a value outside its enumeration."""

    def __init__(self, field, provided, allowed, message=None):
        super().__init__({field: [f"Must be one of: {', '.join(map(str, allowed))}."]}, message)
        self.field = field
        self.provided = provided
        self.allowed = list(allowed)


class Unauthorized(ApiError):
    """Credentials are missing, unknown or expired."""

    status = 401


class Forbidden(ApiError):
    """The caller is known but may not do this."""

    status = 403


class NotFound(ApiError):
    """A resource does not exist for this tenant."""

    status = 404

    def __init__(self, resource=None, ident=None, message=None, **kwargs):
        super().__init__(message, **kwargs)
        self.resource = resource
        self.ident = ident


class RouteNotFound(NotFound):
    """No route matches the URL."""


class MethodNotAllowed(ApiError):
    """The route exists but not with this method."""

    status = 405

    def __init__(self, allowed=(), **kwargs):
        super().__init__(**kwargs)
        self.allowed = sorted(allowed)
        if self.allowed:
            self.headers.setdefault("Allow", ", ".join(self.allowed))


class Conflict(ApiError):
    """The change clashes with existing state (duplicate, already used)."""

    status = 409


class PayloadTooLarge(ApiError):
    """The body is over the sandbox's limit."""

    status = 413


class RateLimited(ApiError):
    """Too many requests in the current window."""

    status = 429

    def __init__(self, retry_after, **kwargs):
        super().__init__(**kwargs)
        self.retry_after = int(retry_after)
        self.headers.setdefault("Retry-After", str(self.retry_after))


class Internal(ApiError):
    """Anything unexpected. Never carries a traceback to the client."""

    status = 500
