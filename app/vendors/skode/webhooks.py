"""Skode webhook endpoints and the lead events they receive (a store: SQL and rules, no Flask).

An endpoint belongs to one workspace; every query filters on it, so another workspace's endpoint is a
404. :func:`emit` runs inside the write transaction of the lead change (``store.py`` calls it) and hands
each subscribed endpoint's delivery to ``app.core.webhooks`` with Skode's retry rules: any answer
outside 2xx or a 30 s timeout is retried after 1 min, 5 min, 30 min, 2 h and 24 h of sandbox time, then
failed; redirects are not followed. With a secret, ``X-Skode-Signature`` is the hex HMAC-SHA256 of the
raw body keyed by the secret.
"""

import hashlib
import hmac

import orjson

from app.core import clock, db, webhooks
from app.core.errors import Forbidden, NotFound
from app.core.json import raw
from app.core.paging import fetch_page
from app.core.rand import token
from app.core.sql import Where
from app.vendors.skode.constants import (EVENT_ID_PREFIX, READ_SCOPE, SIGNATURE_HEADER, WRITE_SCOPE, WEBHOOK_ID_PREFIX, WEBHOOK_RETRY_DELAYS,
                                         WEBHOOK_TIMEOUT_SECONDS)

ENDPOINTS = "skode_webhooks"
RULES = webhooks.policy(WEBHOOK_RETRY_DELAYS, retry_statuses=None, follow_redirects=False,
                        timeout=WEBHOOK_TIMEOUT_SECONDS)


def create_tables(sdb):
    sdb.execute(f"CREATE TABLE {ENDPOINTS} (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, created_at TEXT NOT NULL,"
                " events TEXT NOT NULL, secret TEXT, url TEXT NOT NULL, doc TEXT NOT NULL)")
    sdb.execute(f"CREATE INDEX idx_{ENDPOINTS}_workspace ON {ENDPOINTS} (workspace_id, created_at, id)")


def _require(who, scope):
    """Lead events need the leads scopes: reading endpoints ``leads:read``, changing them ``leads:write``."""
    if scope not in who["scopes"]:
        raise Forbidden(f"The access token lacks the {scope} scope.")


def create(who, body):
    """A new endpoint ``{url, events, secret}`` of the workspace; returns it."""
    _require(who, WRITE_SCOPE)
    events = list(dict.fromkeys(body["events"]))       # duplicates collapse, order kept
    doc = {"id": WEBHOOK_ID_PREFIX + token(14), "url": body["url"], "events": events,
           "secret": body.get("secret"), "created_at": clock.iso(clock.now())}
    with db.write() as c:
        c.execute(f"INSERT INTO {ENDPOINTS} (id, workspace_id, created_at, events, secret, url, doc)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  (doc["id"], who["id"], doc["created_at"], orjson.dumps(events).decode(), doc["secret"],
                   doc["url"], orjson.dumps(doc).decode()))
    return doc


def list_endpoints(who, page, per_page):
    """A :class:`Page` of the workspace's endpoints, oldest first."""
    _require(who, READ_SCOPE)
    return fetch_page(db.conn(), f"SELECT doc FROM {ENDPOINTS}", Where("workspace_id", who["id"]),
                      "created_at, id", page, per_page).map(lambda row: raw(row[0]))


def get(who, webhook_id):
    _require(who, READ_SCOPE)
    row = db.conn().execute(f"SELECT doc FROM {ENDPOINTS} WHERE id = ? AND workspace_id = ?",
                            (webhook_id, who["id"])).fetchone()
    if row is None:
        raise NotFound("webhook", webhook_id)
    return raw(row[0])


def delete(who, webhook_id):
    """Remove the endpoint; its deliveries still to be made are cancelled (those already made stay
    visible in /__admin/webhooks/deliveries)."""
    _require(who, WRITE_SCOPE)
    with db.write() as c:
        gone = c.execute(f"DELETE FROM {ENDPOINTS} WHERE id = ? AND workspace_id = ? RETURNING id",
                         (webhook_id, who["id"])).fetchone()
        if gone is not None:
            webhooks.cancel("skode", who["id"], webhook_id)
    if gone is None:
        raise NotFound("webhook", webhook_id)


def signature(secret, body):
    """The ``X-Skode-Signature`` value: hex HMAC-SHA256 of the raw body keyed by the secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def emit(c, workspace_id, event, data):
    """Queue ``event`` with ``data`` for every endpoint of the workspace subscribed to it (inside ``c``'s write)."""
    rows = c.execute(f"SELECT id, url, events, secret FROM {ENDPOINTS} WHERE workspace_id = ? ORDER BY created_at, id",
                     (workspace_id,)).fetchall()
    targets = [r for r in rows if event in orjson.loads(r["events"])]
    if not targets:
        return
    body = orjson.dumps({"id": EVENT_ID_PREFIX + token(14), "event": event,
                         "created_at": clock.iso(clock.now()), "data": data})
    for target in targets:
        headers = {"Content-Type": "application/json"}
        if target["secret"]:
            headers[SIGNATURE_HEADER] = signature(target["secret"], body)
        webhooks.enqueue("skode", workspace_id, event, target["url"], body, headers, RULES, endpoint=target["id"])


def counts():
    return {"webhooks": db.conn().execute(f"SELECT count(*) FROM {ENDPOINTS}").fetchone()[0]}
