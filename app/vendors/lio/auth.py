"""LIO authentication: bearer JWTs on the sandbox clock, and ``x-api-key`` keys.

- :func:`bearer`: HS256 JWT from ``POST /api/auth/login`` (minted by ``users.store.issue_token``).
  PyJWT would check ``exp``, ``iat`` and ``nbf`` against the real clock, so those checks are off
  and ``exp`` is compared with ``clock.now()``. alg ``none``, a bad signature, expiry, a revoked
  ``jti`` (logout) or an inactive user → 401.
- :func:`api_key`: missing → 401; unknown, expired, or restricted and the caller matches neither
  an allowed domain (host of ``Origin``, else ``Referer``) nor an allowed IP → 403.
- :data:`key_or_bearer`: ingestion takes either; the first credential present decides.

Public routes (login, web form, tracking, booking) sit on blueprints without ``auth``.
"""

from app.core import auth, clock
from app.core.errors import Unauthorized
from app.vendors.lio.constants import API_KEY_HEADER, KEY_MISSING, TOKEN_EXPIRED, TOKEN_MISSING
from app.vendors.lio.users import store as users


def bearer():
    value = auth.bearer()
    if value is None:
        raise Unauthorized(TOKEN_MISSING)
    claims = users.claims_of(value)
    if claims["exp"] <= clock.now().timestamp():            # the sandbox clock decides
        raise Unauthorized(TOKEN_EXPIRED)
    return users.principal_for_token(claims)                 # revoked / inactive -> 401


def api_key():
    key = auth.header(API_KEY_HEADER)
    if key is None:
        raise Unauthorized(KEY_MISSING)
    return users.principal_for_key(key, host=auth.origin_host(), ip=auth.client_ip())   # 403 inside


key_or_bearer = auth.first_of((API_KEY_HEADER, api_key), ("Authorization", bearer))

# what each authenticator is in the spec (LioBlueprint documents every operation with it)
bearer.security = [{"LioBearer": []}]
api_key.security = [{"LioApiKey": []}]
key_or_bearer.security = [{"LioApiKey": []}, {"LioBearer": []}]
