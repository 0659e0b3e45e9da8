"""Seed web forms: one for Acme, one for Globex (fixed links, documented in the README)."""

from app.vendors.lio.common import iso
from app.vendors.lio.ingestion.store import insert_form
from app.vendors.lio.seeding import ANCHOR

FORMS = (
    ("org_acme", "acme-contact-us", "Contact us", "Thanks! We will get back to you within one business day."),
    ("org_globex", "globex-demo-request", "Request a demo", "Thanks! A Globex specialist will contact you."),
)


def run(sdb, rand, scale, tick):
    for org_id, link, title, message in FORMS:
        insert_form(sdb, org_id, link, title, message, iso(ANCHOR))
