"""Discko authentication: ``X-Discko-Key`` names one organization."""

from app.core import auth
from app.core.errors import Unauthorized
from app.vendors.discko import store
from app.vendors.discko.constants import KEY_HEADER


def authenticate():
    key = auth.header(KEY_HEADER)
    org = store.org_for_key(key) if key else None
    if org is None:
        raise Unauthorized()
    return org
