"""The control plane at ``/__admin``: never inside a vendor mount or spec."""

from app.control.routes import bp, require_admin, token_accepted  # noqa: F401
from app.control import webhooks  # noqa: E402,F401  (GET /__admin/webhooks/deliveries)
from app.control import tenants  # noqa: F401,E402  (routes on bp)
