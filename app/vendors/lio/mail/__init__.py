"""Mail (doc 6.11): mail configurations, inbox, calendar and meetings; tracked sends and free slots for
the areas above (booking, ai, intent, abm)."""

from app.vendors.lio.mail import seed, store
from app.vendors.lio.mail.routes import blp

BLUEPRINTS = (blp,)
create_tables = store.create_tables
run_seed = seed.run
