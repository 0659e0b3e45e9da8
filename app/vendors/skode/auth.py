"""Skode authentication: ``Authorization: Bearer <API key or OAuth access token>``,
and the parsing of the OAuth token endpoint's body (JSON or form)."""

import orjson
from flask import request

from app.core import auth
from app.core.errors import Unauthorized
from app.vendors.skode import oauth, store
from app.vendors.skode.errors import OAuthError

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def authenticate():
    """The principal of the request's key or token; 401 when missing, unknown or expired."""
    credential = auth.bearer()
    if credential is None:
        raise Unauthorized("Missing API key: send Authorization: Bearer <API key or access token>.")
    who = store.principal_for_key(credential) or oauth.principal_for_token(credential)
    if who is None:
        raise Unauthorized("Invalid API key or access token.")
    return who


def token_params():
    """The token request's parameters from a JSON or form-encoded body.

    Client credentials may also come as HTTP Basic (RFC 6749 2.3.1); the body wins.
    """
    if request.mimetype in FORM_TYPES:
        params = request.form.to_dict()
    else:
        raw = request.get_data(cache=True)
        if not raw.strip():
            params = {}
        else:
            try:
                params = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise OAuthError("invalid_request", "The body must be a JSON object or form-encoded.") from None
    if not isinstance(params, dict):
        raise OAuthError("invalid_request", "The body must be a JSON object or form-encoded.")
    basic = request.authorization
    if basic is not None and basic.type == "basic":
        params.setdefault("client_id", basic.username)
        params.setdefault("client_secret", basic.password)
    return params
