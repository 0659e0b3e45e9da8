"""The control plane at ``/__admin``: never inside a vendor mount or spec."""

from app.control import faults, journal, openapi  # noqa: F401  (their routes go on bp)
from app.control.routes import bp, require_admin, token_accepted  # noqa: F401
