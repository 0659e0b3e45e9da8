"""Users (doc 2.1, 6.1): login/logout, users, roles; API keys and the principal of every request."""

from app.vendors.lio.users import seed, store
from app.vendors.lio.users.routes import blp, public_blp

BLUEPRINTS = (public_blp, blp)
create_tables = store.create_tables
run_seed = seed.run
