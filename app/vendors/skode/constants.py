"""Skode's texts, enums and limits, as its documentation spells them (and the
sandbox conventions of DESIGN.md section 6 where it is silent)."""

# -- leads ---------------------------------------------------------------------
STATUSES = ["new", "contacted", "qualified", "unqualified", "converted", "lost"]
SOURCES = ["website", "referral", "email", "phone", "social", "import", "api", "form", "other"]
DEFAULT_STATUS = "new"
# `sort` (without its `-`) -> ORDER BY expression: ONE whitelist for the schema's enum and core.sql.order
SORT_ORDER = {"created_at": "created_at", "updated_at": "updated_at", "name": "name COLLATE NOCASE",
              "deal_value": "deal_value", "status": "status"}
SORTABLE = list(SORT_ORDER)
SORTS = SORTABLE + ["-" + column for column in SORTABLE]
DEFAULT_SORT = "-created_at"
SEARCHABLE = ["name", "email", "phone", "company", "source", "status"]
PER_PAGE_DEFAULT = 25
PER_PAGE_MAX = 100
PAGE_MAX = 2**31 - 1
LEAD_ID_PREFIX = "lead_"
TRASH_DAYS = 30

# -- auth, plans, rate limits ------------------------------------------------------
PLANS = {"free": 100, "pro": 1_000, "enterprise": 10_000}   # requests per minute
PLAN_NAMES = {"free": "Free", "pro": "Pro", "enterprise": "Enterprise"}
UNAUTHENTICATED_PLAN = "free"       # unauthenticated requests count per client IP at this plan
RATE_WINDOW_SECONDS = 60

# -- the well-known demo values the spec lists (they equal fixtures/skode/*.json) ----
DEMO_USER_IDS = ["user_abc123", "user_def456", "user_ghi789", "user_jkl012", "user_mno345"]   # Example Corp
DEMO_CLIENT_ID = "skode_demo_client"
DEMO_REDIRECT_URIS = ["http://localhost:3000/callback", "http://127.0.0.1:3000/callback"]

# -- OAuth 2.0 ------------------------------------------------------------------------
SCOPES = ["leads:read", "leads:write"]
DEFAULT_SCOPE = " ".join(SCOPES)
READ_SCOPE, WRITE_SCOPE = SCOPES
CODE_TTL_SECONDS = 600
ACCESS_TOKEN_TTL_SECONDS = 3600
TOKEN_TYPE = "Bearer"
GRANT_TYPES = ["authorization_code", "refresh_token"]
ACCESS_TOKEN_PREFIX = "sk_oauth_"
REFRESH_TOKEN_PREFIX = "sk_refresh_"
BODY_NOT_AN_OBJECT = "The body must be a JSON object or form-encoded."

# -- errors: code -> (HTTP status, default message) --------------------------------
ERRORS = {
    "invalid_json": (400, "Request body is not valid JSON."),
    "unauthorized": (401, "Missing or invalid API key or access token."),
    "forbidden": (403, "You do not have permission to perform this action."),
    "not_found": (404, "The requested resource was not found."),
    "method_not_allowed": (405, "Method not allowed for this endpoint."),
    "payload_too_large": (413, "Request body is too large (limit 10 MiB)."),
    "validation_error": (422, "The request contains invalid fields."),
    "rate_limit_exceeded": (429, "Rate limit exceeded. Retry after the window resets."),
    "internal_error": (500, "An unexpected error occurred."),
    # Sandbox: codes the documentation does not show, for the rare requests that need them.
    "bad_request": (400, "The request could not be understood."),
    "conflict": (409, "The request conflicts with the current state."),
}
ERROR_CODES = list(ERRORS)
OAUTH_ERROR_CODES = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                     "unsupported_grant_type", "unsupported_response_type", "invalid_scope"]

# -- webhooks (https://skodeai.com/docs/api-webhooks) ------------------------------------
WEBHOOK_EVENTS = ["lead.created", "lead.updated", "lead.deleted", "lead.assigned",
                  "deal.created", "deal.updated", "deal.stage_changed", "deal.closed",
                  "contact.created", "contact.updated", "contact.deleted", "contact.merged",
                  "invoice.created", "invoice.sent", "invoice.paid", "invoice.overdue",
                  "task.created", "task.completed", "task.overdue",
                  "message.received", "message.sent", "conversation.assigned"]
LEAD_EVENTS = ["lead.created", "lead.updated", "lead.deleted", "lead.assigned"]   # the ones the sandbox sends
WEBHOOK_ID_PREFIX = "wh_"
EVENT_ID_PREFIX = "evt_"
SIGNATURE_HEADER = "X-Skode-Signature"
WEBHOOK_RETRY_DELAYS = [60, 300, 1800, 7200, 86400]     # 1 min, 5 min, 30 min, 2 h, 24 h; then failed
WEBHOOK_TIMEOUT_SECONDS = 30
WEBHOOK_URL_MAX = 2048
# HTTPS required; Sandbox: http:// too for localhost and 127.0.0.1 (one regex for the validator and the spec)
WEBHOOK_URL_PATTERN = (r"^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127\.0\.0\.1)(:[0-9]{1,5})?)"
                       r"([/?#][!-~]*)?$")
WEBHOOK_URL_MESSAGE = ("Must be an https:// URL (Sandbox: http:// is accepted for localhost and 127.0.0.1), "
                       "printable ASCII without spaces.")
