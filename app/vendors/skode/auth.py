"""Skode authentication: ``Authorization: Bearer <API key or OAuth access token>``,
and the OAuth token endpoint's HTTP Basic client credentials."""

from flask import request

from app.core import auth
from app.core.errors import Unauthorized
from app.vendors.skode import oauth, store


def authenticate():
    """The principal of the request's key or token; 401 when missing, unknown or expired."""
    credential = auth.bearer()
    if credential is None:
        raise Unauthorized("Missing API key: send Authorization: Bearer <API key or access token>.")
    who = store.principal_for_key(credential) or oauth.principal_for_token(credential)
    if who is None:
        raise Unauthorized("Invalid API key or access token.")
    return who


def with_basic_client(params):
    """The token request's parameters with HTTP Basic client credentials (RFC 6749
    2.3.1) filled in where the body has none: the body wins."""
    basic = request.authorization
    if basic is None or basic.type != "basic":
        return params
    params = dict(params)
    params.setdefault("client_id", basic.username)
    params.setdefault("client_secret", basic.password)
    return params
