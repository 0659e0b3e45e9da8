"""Discko's outgoing webhook: one endpoint URL per organization, events ``test`` and ``lead.unlocked``.

In reality the URL is set in Discko's dashboard (Mise en place > CRM > Webhook); in the sandbox through
``/__admin/discko/webhooks/<org>``. Deliveries are ``{"date", "event", "data"}`` POSTed without a
signature, handed to ``app.core.webhooks`` with Discko's rules: 408, 413, 429, 500, 502, 503 and 504 are
retried 8 times after 1, 2, 4, ... 128 s of sandbox time; network errors and timeouts too (Sandbox: the
page is cut off there); other answers outside 2xx are not retried; redirects are followed.
"""

import re

import orjson

from app.core import clock, db, webhooks
from app.core.errors import Conflict, Invalid, NotFound
from app.vendors.discko.constants import (TEST_EVENT_MESSAGE, WEBHOOK_RETRY_DELAYS, WEBHOOK_RETRY_STATUSES,
                                          WEBHOOK_URL_MAX, WEBHOOK_URL_MESSAGE, WEBHOOK_URL_PATTERN)

ENDPOINTS = "discko_webhooks"
ORGS = "discko_orgs"
RULES = webhooks.policy(WEBHOOK_RETRY_DELAYS, retry_statuses=WEBHOOK_RETRY_STATUSES, follow_redirects=True)


def create_tables(sdb):
    sdb.execute(f"CREATE TABLE {ENDPOINTS} (org_id TEXT PRIMARY KEY REFERENCES {ORGS}(id), url TEXT NOT NULL,"
                " updated_at TEXT NOT NULL)")


def org(ref):
    """The organization by id or slug (``{id, name, slug}``); 404 when unknown."""
    row = db.conn().execute(f"SELECT id, name, slug FROM {ORGS} WHERE id = ? OR slug = ? ORDER BY id = ? DESC"
                            " LIMIT 1", (ref, ref, ref)).fetchone()
    if row is None:
        raise NotFound("organization", ref, message=f"No Discko organization {ref!r} (use its organizationId "
                                                    "or slug, see /__admin/tenants).")
    return dict(row)


def _view(found, row):
    return {"organizationId": found["id"], "organizationName": found["name"], "slug": found["slug"],
            "url": row["url"] if row else None, "updatedAt": row["updated_at"] if row else None}


def endpoint(ref):
    found = org(ref)
    row = db.conn().execute(f"SELECT url, updated_at FROM {ENDPOINTS} WHERE org_id = ?", (found["id"],)).fetchone()
    return _view(found, row)


def set_endpoint(ref, body):
    """Set the organization's webhook URL (``{"url": ...}``)."""
    url = body.get("url")
    if not isinstance(url, str) or len(url) > WEBHOOK_URL_MAX or not re.match(WEBHOOK_URL_PATTERN, url):
        raise Invalid({"url": [WEBHOOK_URL_MESSAGE]}, message=f"url: {WEBHOOK_URL_MESSAGE}")
    found = org(ref)
    stamp = clock.iso(clock.now())
    with db.write() as c:
        c.execute(f"INSERT INTO {ENDPOINTS} (org_id, url, updated_at) VALUES (?, ?, ?) ON CONFLICT (org_id)"
                  " DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at", (found["id"], url, stamp))
    return _view(found, {"url": url, "updated_at": stamp})


def delete_endpoint(ref):
    found = org(ref)
    with db.write() as c:
        c.execute(f"DELETE FROM {ENDPOINTS} WHERE org_id = ?", (found["id"],))
        webhooks.cancel("discko", found["id"])
    return _view(found, None)


def emit(c, org_id, event, data):
    """Queue ``event`` for the organization's URL, if it has one (inside ``c``'s write); the delivery id or None."""
    row = c.execute(f"SELECT url FROM {ENDPOINTS} WHERE org_id = ?", (org_id,)).fetchone()
    if row is None:
        return None
    body = orjson.dumps({"date": clock.iso(clock.now()), "event": event, "data": data})
    return webhooks.enqueue("discko", org_id, event, row["url"], body, {"Content-Type": "application/json"}, RULES)


def send_test(ref):
    """The dashboard's "Test the connection": a ``test`` event to the organization's URL."""
    found = org(ref)
    with db.write() as c:
        delivery = emit(c, found["id"], "test", {"message": TEST_EVENT_MESSAGE, "organizationId": found["id"],
                                                 "organizationName": found["name"]})
    if delivery is None:
        raise Conflict(f"Organization {found['name']!r} has no webhook URL: PUT /__admin/discko/webhooks/"
                       f"{found['slug']} {{\"url\": ...}} first.")
    return {"status": "queued", "event": "test", "delivery_id": delivery}
