"""Skarbe authentication: ``X-Api-Key`` names one workspace (and the user who made the key)."""

from app.core import auth
from app.core.errors import Unauthorized
from app.vendors.skarbe import store
from app.vendors.skarbe.constants import KEY_HEADER


def authenticate():
    key = auth.header(KEY_HEADER)
    workspace = store.workspace_for_key(key) if key else None
    if workspace is None:
        raise Unauthorized()
    return workspace
