"""Skarbe authentication: ``X-Api-Key`` names one workspace (and the user who made the key)."""

from app.core import auth
from app.vendors.skarbe import store
from app.vendors.skarbe.constants import KEY_HEADER

authenticate = auth.api_key(KEY_HEADER, store.workspace_for_key)
