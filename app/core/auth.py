"""Credential extraction and the authenticated principal of a request.

A vendor blueprint declares one authenticator (``auth=``); it runs before
every view of the blueprint and stores what it returns here. Views read it
with :func:`principal` and pass the tenant to stores explicitly.
"""

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
    """An authenticator: the key in ``header_name``, resolved by ``lookup(key)``; 401 when either fails."""
    def authenticate():
        key = header(header_name)
        found = lookup(key) if key else None
        if found is None:
            raise Unauthorized()
        return found

    return authenticate


def set_principal(value):
    g.principal = value


def principal():
    """What the blueprint's authenticator returned for this request."""
    value = g.get("principal")
    if value is None:
        raise Unauthorized()
    return value
