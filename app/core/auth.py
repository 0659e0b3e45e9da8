"""Credential extraction and the authenticated principal of a request.

A vendor blueprint declares one authenticator (``auth=``); it runs before
every view of the blueprint and stores what it returns here. Views read it
with :func:`principal` and pass the tenant to stores explicitly. The rule:
a missing credential is 401; a known-but-refused one (unknown, expired,
restricted) is whatever the vendor's lookup raises (LIO: 403 ``Forbidden``).
"""

from urllib.parse import urlsplit

from flask import g, request

from app.core.errors import Unauthorized


def header(name):
    """The stripped value of header ``name``, or ``None`` when absent or empty."""
    value = request.headers.get(name, "").strip()
    return value or None


def bearer():
    """The token of ``Authorization: Bearer <token>``, or ``None``."""
    value = header("Authorization")
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def api_key(header_name, lookup):
    """An authenticator: the key in ``header_name``, resolved by ``lookup(key)``.

    No key is 401 ``Unauthorized``; ``lookup`` returning None is 401 too, and
    ``lookup`` may raise instead (``Forbidden`` for an unknown or restricted key).
    """
    def authenticate():
        key = header(header_name)
        found = lookup(key) if key else None
        if found is None:
            raise Unauthorized()
        return found

    return authenticate


def first_of(*choices):
    """An authenticator from ``(header_name, authenticator)`` pairs: the first header
    present (non-empty) decides which one runs; with none present the first runs
    (so its missing-credential 401 answers)."""
    def authenticate():
        for name, authenticator in choices:
            if header(name) is not None:
                return authenticator()
        return choices[0][1]()

    return authenticate


def origin_host():
    """The lowercase host of ``Origin``, else of ``Referer``; None when absent or unparseable."""
    for name in ("Origin", "Referer"):
        value = header(name)
        if value is None:
            continue
        try:
            host = urlsplit(value).hostname
        except ValueError:
            host = None
        if host:
            return host.lower()
    return None


def client_ip():
    """The first ``X-Forwarded-For`` address when the header is sent, else the peer's address."""
    forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
    return forwarded or request.remote_addr


def set_principal(value):
    g.principal = value


def principal():
    """What the blueprint's authenticator returned for this request."""
    value = g.get("principal")
    if value is None:
        raise Unauthorized()
    return value
