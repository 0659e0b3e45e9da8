"""``/__admin/openapi.json`` and ``/__admin/docs``: the control plane's own OpenAPI 3 document.

Hand-written: every ``/__admin`` route, the vendor ones (``/__admin/<vendor>/...``) included, has an
operation in :data:`PATHS` (a test checks the app's URL map against it, so a new route must add its
entry here). Path parameters are ``{name}``; their names need not match the Flask rule's.
"""

from flask import current_app

from app.control.routes import bp
from app.core import webhooks

ADMIN_DESCRIPTION = (
    "The control plane of the leadmock sandbox: health, reset, snapshots, the sandbox clock, tenants and "
    "their credentials, the request journal, fault and latency injection, webhook deliveries and "
    "vendor-specific controls. Never inside a vendor mount, never in a vendor spec.\n\n"
    "When `LEADMOCK_ADMIN_TOKEN` is set, every route but `/__admin/health` needs "
    "`Authorization: Bearer <token>`. Same-origin only unless `LEADMOCK_ADMIN_CORS_ORIGINS` lists other "
    "origins. Errors are `{\"error\": \"<code>\", \"message\": \"...\"}` (validation errors add `details`)."
)
VENDOR = {"type": "string", "enum": ["discko", "skode", "lio", "skarbe"]}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description):
    return _json(_ref("Error"), description)


def _op(summary, tag, responses, description=None, body=None, parameters=None, operation_id=None):
    operation = {"summary": summary, "tags": [tag], "operationId": operation_id or _slug(summary),
                 "responses": responses}
    if description:
        operation["description"] = description
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if parameters:
        operation["parameters"] = parameters
    return operation


def _slug(text):
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return words[0].lower() + "".join(word.capitalize() for word in words[1:])


def _path_param(name, description):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}, "description": description}


def _query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


OBJECT = {"type": "object", "additionalProperties": True}
BAD = {"400": _error("Bad input")}
MISSING = {"404": _error("Unknown")}
MATCHER_PARAMS = [
    _query("vendor", VENDOR, "Only this vendor's requests."),
    _query("tenant", {"type": "string"}, "Only this tenant's (its id as `GET /__admin/tenants` lists it)."),
    _query("method", {"type": "string", "example": "PUT"}, "Only this HTTP method."),
    _query("path", {"type": "string", "example": "/skode/v1/leads*"},
           "A glob (`*`, `?`, `[...]`) on the full request path."),
    _query("status", {"type": "integer", "minimum": 100, "maximum": 599}, "Only this response status."),
    _query("since", {"type": "string", "format": "date-time"}, "Only requests received at or after this real time."),
]

SCHEMAS = {
    "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"type": "string", "example": "bad_request"}, "message": {"type": "string"},
        "details": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}}},
    "Clock": {"type": "object", "properties": {
        "now": {"type": "string", "format": "date-time"}, "frozen": {"type": "boolean"},
        "offset_seconds": {"type": "number", "nullable": True}}},
    "JournalEntry": {"type": "object", "description": (
        "One vendor request. Secrets are redacted (`[redacted]`): the `Authorization`, `X-Discko-Key`, "
        "`X-Api-Key` headers and the body/query fields `password`, `client_secret`, `refresh_token`, "
        "`access_token`, `token`, `api_key`, `secret` (request and response bodies). Bodies are cut at 64 KiB; "
        "binary and multipart bodies are null."), "properties": {
        "id": {"type": "integer", "description": "Increasing; never reused, even after a reset."},
        "at": {"type": "string", "format": "date-time", "description": "Sandbox time."},
        "real_at": {"type": "string", "format": "date-time", "description": "Real time."},
        "vendor": VENDOR,
        "tenant": {"type": "string", "nullable": True,
                   "description": "The authenticated tenant's id (as `GET /__admin/tenants` lists it)."},
        "method": {"type": "string"}, "path": {"type": "string"}, "query": {"type": "string"},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
        "body": {"type": "string", "nullable": True}, "status": {"type": "integer"},
        "response_body": {"type": "string", "nullable": True}, "duration_ms": {"type": "number"},
        "fault": {"type": "string", "nullable": True,
                  "description": "The id of the fault applied, `prefer` for a `Prefer` header, else null."}}},
    "Matcher": {"type": "object", "additionalProperties": False, "properties": {
        "vendor": VENDOR, "tenant": {"type": "string"}, "method": {"type": "string", "example": "PUT"},
        "path": {"type": "string", "example": "/discko/api/v1/leads/req_xyz789"},
        "status": {"type": "integer", "minimum": 100, "maximum": 599},
        "since": {"type": "string", "format": "date-time"}}},
    "FaultInput": {"type": "object", "required": ["vendor"], "additionalProperties": False, "properties": {
        "vendor": VENDOR,
        "method": {"type": "string", "example": "GET"},
        "path": {"type": "string", "example": "/skode/v1/leads*", "description": "A glob on the full request path."},
        "tenant": {"type": "string", "description": "Only requests authenticated as this tenant."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599,
                   "description": "Answered with the vendor's own error body (or `body`)."},
        "delay_ms": {"type": "integer", "minimum": 0, "maximum": 60000,
                     "description": "Sleep first; alone, the real answer follows."},
        "body": {"description": "Any JSON, answered as is with `status`."},
        "probability": {"type": "number", "minimum": 0, "maximum": 1, "default": 1,
                        "description": "Seeded draws: the same run repeats."},
        "times": {"type": "integer", "minimum": 1, "description": "Expires after matching this many requests."}}},
    "Fault": {"allOf": [_ref("FaultInput"), {"type": "object", "properties": {
        "id": {"type": "string", "example": "flt_a1b2c3d4e5f6g7h8"},
        "matched": {"type": "integer", "description": "Requests it answered so far."}}}]},
    "Tenant": {"type": "object", "additionalProperties": True, "properties": {
        "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]}, "name": {"type": "string"},
        "credentials": OBJECT}},
}

PATHS = {
    "/__admin/health": {"get": _op("Health", "sandbox", {"200": _json(OBJECT)},
                                   "Cheap liveness probe; always open (no token).")},
    "/__admin/reset": {"post": _op("Reset", "sandbox", {"200": _json(OBJECT)},
                                   "Back to the seeded state and the real clock; clears the request journal, the "
                                   "faults and the webhook deliveries.")},
    "/__admin/snapshots/{name}": {"post": _op(
        "Save snapshot", "sandbox", {"201": _json(OBJECT), **BAD},
        parameters=[_path_param("name", "1-64 letters, digits, `-` or `_`.")])},
    "/__admin/snapshots/{name}/restore": {"post": _op(
        "Restore snapshot", "sandbox", {"200": _json(OBJECT), **BAD, **MISSING},
        parameters=[_path_param("name", "A saved snapshot.")])},
    "/__admin/clock": {
        "get": _op("Get clock", "clock", {"200": _json(_ref("Clock"))}),
        "put": _op("Set clock", "clock", {"200": _json(_ref("Clock")), **BAD, "422": _error("Invalid")},
                   "Set the sandbox time (years 1970-9000), frozen by default.",
                   body={"type": "object", "required": ["now"], "properties": {
                       "now": {"type": "string", "format": "date-time"}, "frozen": {"type": "boolean"}}}),
        "delete": _op("Real clock", "clock", {"200": _json(_ref("Clock"))}, "Back to real time."),
    },
    "/__admin/clock/advance": {"post": _op(
        "Advance clock", "clock", {"200": _json(_ref("Clock")), **BAD, "422": _error("Invalid")},
        body={"type": "object", "required": ["seconds"], "properties": {"seconds": {"type": "number"}}})},
    "/__admin/tenants": {
        "get": _op("List tenants", "tenants", {"200": _json({"type": "object", "additionalProperties": {
            "type": "array", "items": _ref("Tenant")}})},
            "Every vendor's tenants and their credentials; isolated copies carry `\"isolated\": true`."),
        "post": _op("Create isolated tenant", "tenants", {"201": _json(_ref("Tenant")), **BAD, **MISSING},
                    "A new tenant with a deep copy of the tenant `like` names (its id, a credential, a LIO "
                    "user's email; default: the vendor's first documented tenant), under fresh ids and fresh "
                    "credentials (API keys, a Skode OAuth app, LIO users and `x-api-key`s). Two test processes "
                    "using their own tenants never see each other's writes. Reset removes isolated tenants.",
                    body={"type": "object", "required": ["vendor"], "properties": {
                        "vendor": VENDOR, "like": {"oneOf": [{"type": "string"}, {"type": "integer"}],
                                                   "example": "sk_live_your_api_key",
                                                   "description": "A tenant's id or one of its credentials."}}}),
    },
    "/__admin/tenants/{id}": {"delete": _op(
        "Delete isolated tenant", "tenants", {"204": {"description": "Removed with all its data"},
                                              "409": _error("A seeded tenant"), **MISSING},
        parameters=[_path_param("id", "An isolated tenant's id (from `POST /__admin/tenants`).")])},
    "/__admin/requests": {
        "get": _op("List requests", "journal", {"200": _json({"type": "object", "properties": {
            "requests": {"type": "array", "items": _ref("JournalEntry")}, "count": {"type": "integer"}}}), **BAD},
            "Journaled vendor requests, newest first (the newest `LEADMOCK_JOURNAL_SIZE`, 10,000 by default).",
            parameters=[*MATCHER_PARAMS, _query("limit", {"type": "integer", "minimum": 1, "maximum": 10000,
                                                          "default": 100}, "At most this many.")]),
        "delete": _op("Clear requests", "journal", {"200": _json({"type": "object", "properties": {
            "deleted": {"type": "integer"}}})}),
    },
    "/__admin/requests/{id}": {"get": _op(
        "Get request", "journal", {"200": _json(_ref("JournalEntry")), **MISSING},
        parameters=[{**_path_param("id", "A journal entry's id."), "schema": {"type": "integer"}}])},
    "/__admin/requests/count": {"post": _op(
        "Count requests", "journal", {"200": _json({"type": "object", "properties": {"count": {"type": "integer"}}}),
                                      **BAD},
        "How many journaled requests match, for verification (\"exactly one PUT to "
        "/discko/api/v1/leads/req_xyz789\").", body=_ref("Matcher"))},
    "/__admin/faults": {
        "post": _op("Create fault", "faults", {"201": _json(_ref("Fault")), **BAD},
                    "Inject a status (in the vendor's own error body, or `body`) and/or latency into matching "
                    "requests. Needs `status` or `delay_ms`. Faults without `tenant` apply before anything else; "
                    "with `tenant`, once the request authenticated as that tenant. One fault per request: the "
                    "newest that matches. A request header `Prefer: code=503` and/or `Prefer: delay=1500` applies "
                    "a one-off fault instead (codes outside 400-599 and unknown preferences are ignored).",
                    body=_ref("FaultInput")),
        "get": _op("List faults", "faults", {"200": _json({"type": "object", "properties": {
            "faults": {"type": "array", "items": _ref("Fault")}}})}),
        "delete": _op("Delete faults", "faults", {"200": _json({"type": "object", "properties": {
            "deleted": {"type": "integer"}}})}),
    },
    "/__admin/faults/{id}": {
        "get": _op("Get fault", "faults", {"200": _json(_ref("Fault")), **MISSING},
                   parameters=[_path_param("id", "A fault's id.")]),
        "delete": _op("Delete fault", "faults", {"204": {"description": "Removed"}, **MISSING},
                      parameters=[_path_param("id", "A fault's id.")]),
    },
    "/__admin/webhooks/deliveries": {"get": _op(
        "List webhook deliveries", "webhooks", {"200": _json(OBJECT), "422": _error("Bad filter")},
        "Outgoing webhook deliveries (Discko, Skode), newest first, each with its attempts (time, response "
        "status or error, next attempt; retries fall due on the sandbox clock). `total` counts every match.",
        parameters=[_query("vendor", VENDOR, "Only this vendor's."),
                    _query("tenant", {"type": "string"}, "Only this tenant's."),
                    _query("event", {"type": "string"}, "Only this event."),
                    _query("endpoint", {"type": "string"}, "Only deliveries to this endpoint."),
                    _query("status", {"type": "string", "enum": webhooks.STATUSES},
                           "Only deliveries in this state."),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
                           "At most this many.")])},
    "/__admin/webhooks/deliveries/{id}": {"get": _op(
        "Get webhook delivery", "webhooks", {"200": _json(OBJECT), **MISSING},
        "One delivery with its attempts.",
        parameters=[{**_path_param("id", "A delivery's id."), "schema": {"type": "integer"}}])},
    "/__admin/discko/webhooks/{org}": {
        "get": _op("Get Discko webhook URL", "discko", {"200": _json(OBJECT), **MISSING},
                   "The organization's webhook URL (`url` null when none).",
                   parameters=[_path_param("org", "A Discko organizationId or slug.")]),
        "put": _op("Set Discko webhook URL", "discko", {"200": _json(OBJECT), "422": _error("Invalid"), **MISSING},
                   "The organization's webhook endpoint (set in Discko's dashboard in reality); http:// or https://.",
                   body={"type": "object", "required": ["url"],
                         "properties": {"url": {"type": "string", "format": "uri"}}},
                   parameters=[_path_param("org", "A Discko organizationId or slug.")]),
        "delete": _op("Remove Discko webhook URL", "discko", {"200": _json(OBJECT), **MISSING},
                      "No further events for the organization; its retries still due are cancelled.",
                      parameters=[_path_param("org", "A Discko organizationId or slug.")]),
    },
    "/__admin/discko/webhooks/{org}/test": {"post": _op(
        "Send Discko test event", "discko", {"202": _json(OBJECT), "409": _error("No webhook URL"), **MISSING},
        "Sends the `test` event, like the dashboard's \"Test the connection\".",
        parameters=[_path_param("org", "A Discko organizationId or slug.")])},
    "/__admin/discko/leads/{id}/unlock": {"post": _op(
        "Unlock Discko lead", "discko", {"200": _json(OBJECT), **MISSING},
        "Unlocks a locked lead (the user's action in Discko): readable again, `lead.unlocked` is sent.",
        parameters=[_path_param("id", "A Discko lead id.")])},
    "/__admin/skode/trash": {"get": _op(
        "List Skode trash", "skode", {"200": _json({"type": "array", "items": OBJECT})},
        "Trashed Skode leads with `deleted_at` and `purge_at` (30 days of sandbox time).",
        parameters=[_query("workspace", {"type": "string"}, "Only this workspace's.")])},
    "/__admin/skode/trash/{lead_id}/restore": {"post": _op(
        "Restore Skode lead", "skode", {"200": _json(OBJECT), **MISSING},
        "Puts a trashed lead back; 404 when unknown or purged.",
        parameters=[_path_param("lead_id", "A trashed Skode lead id.")])},
    "/__admin/openapi.json": {"get": _op("Admin OpenAPI", "docs", {"200": _json(OBJECT)}, "This document.")},
    "/__admin/docs": {"get": _op("Admin docs", "docs", {"200": {
        "description": "Swagger UI", "content": {"text/html": {"schema": {"type": "string"}}}}},
        "Swagger UI for this document (local assets, works offline).")},
}

DOCS_PAGE = """<!DOCTYPE html>
<html>
  <head>
    <title>leadmock /__admin</title>
    <meta charset="utf-8">
    <link href="{assets}swagger-ui.css" rel="stylesheet" type="text/css"/>
  </head>
  <body>
    <div id="swagger-ui-container"></div>
    <script src="{assets}swagger-ui-standalone-preset.js"></script>
    <script src="{assets}swagger-ui-bundle.js"></script>
    <script>
      window.onload = function () {{
        window.ui = SwaggerUIBundle({{url: "/__admin/openapi.json", dom_id: "#swagger-ui-container"}});
      }};
    </script>
  </body>
</html>
"""


def document():
    """The control plane's OpenAPI 3 document."""
    security = {"AdminToken": {"type": "http", "scheme": "bearer",
                               "description": "`LEADMOCK_ADMIN_TOKEN`, when set (health is always open)."}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "leadmock control plane (/__admin)", "version": "v1", "description": ADMIN_DESCRIPTION},
        "servers": [{"url": "/", "description": "leadmock sandbox"}],
        "security": [{}, {"AdminToken": []}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "securitySchemes": security},
    }


@bp.get("/openapi.json")
def admin_openapi():
    """This control plane's OpenAPI 3 document."""
    return document()


@bp.get("/docs")
def admin_docs():
    """Swagger UI for ``/__admin/openapi.json``."""
    from app import SWAGGER_ASSETS

    return current_app.response_class(DOCS_PAGE.format(assets=SWAGGER_ASSETS), mimetype="text/html")
