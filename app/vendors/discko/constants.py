"""Discko's texts, enums and limits, as its documentation spells them."""

STATUSES = ["NEW", "IN_PROGRESS", "WON", "LOST"]
KEY_HEADER = "X-Discko-Key"
APP_URL = "https://app.discko.io"
FINISHED = 100

# code -> (HTTP status, message): the doc's "Available Error Codes" table.
ERRORS = {
    "UNAUTHORIZED": (401, "API key is missing or invalid."),
    "FORBIDDEN": (403, "Access denied to this resource."),
    "LEAD_NOT_FOUND": (404, "The requested lead does not exist or is not yet finished."),
    "VALIDATION_ERROR": (400, "Request validation failed."),
    "INVALID_JSON": (400, "Request body is not valid JSON."),
    "INVALID_STATUS": (400, "Status must be one of: NEW, IN_PROGRESS, WON, LOST."),
    "INTERNAL_ERROR": (500, "An unexpected error occurred."),
    # Sandbox: codes the doc does not list, for requests outside its three routes.
    "NOT_FOUND": (404, "Route not found."),
    "METHOD_NOT_ALLOWED": (405, "Method not allowed."),
    "PAYLOAD_TOO_LARGE": (413, "Request body is too large."),
}

# -- outgoing webhooks (https://docs.discko.io/integrations/webhook) ---------------------
WEBHOOK_EVENTS = ["test", "lead.unlocked"]
WEBHOOK_RETRY_DELAYS = [2 ** n for n in range(8)]             # 8 retries after 1, 2, 4, ... 128 s
WEBHOOK_RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504]   # other answers outside 2xx are not retried
WEBHOOK_URL_MAX = 2048
WEBHOOK_URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][!-~]*)?$"
WEBHOOK_URL_MESSAGE = "Must be an http:// or https:// URL with a host, printable ASCII without spaces."
# Sandbox: the documentation does not show the `test` event's data.
TEST_EVENT_MESSAGE = "This is a test event from Discko."
