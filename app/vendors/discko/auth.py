"""Discko authentication: ``X-Discko-Key`` names one organization."""

from app.core import auth
from app.vendors.discko import store
from app.vendors.discko.constants import KEY_HEADER

authenticate = auth.api_key(KEY_HEADER, store.org_for_key)
