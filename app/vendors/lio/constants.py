"""LIO's texts, enums and limits: the doc's values (vendor-docs/lio.md) and the sandbox
conventions of DESIGN.md section 6 where the doc is silent. Every area reads them from here."""

from datetime import timedelta

REAL_BASE_URL = "https://<host>"
PREFIXES = ("/api", "/api/v1")          # every route answers under both; the first is documented

# -- auth -------------------------------------------------------------------------------------
JWT_ALGORITHM = "HS256"
JWT_SECRET_DEFAULT = "leadmock-lio-sandbox-secret-change-me-please"   # LEADMOCK_LIO_JWT_SECRET
TOKEN_LIFETIME = timedelta(days=30)
API_KEY_HEADER = "x-api-key"

# -- error types (DESIGN section 6): type -> status ---------------------------------------------
ERROR_TYPES = {
    "bad_request": 400, "unauthorized": 401, "forbidden": 403, "not_found": 404,
    "method_not_allowed": 405, "conflict": 409, "payload_too_large": 413, "validation_error": 422,
    "rate_limited": 429, "server_error": 500, "insufficient_credits": 403,
}
ERROR_MESSAGES = {
    "bad_request": "Bad request.",
    "unauthorized": "Not authenticated.",
    "forbidden": "Forbidden.",
    "not_found": "Not found.",
    "method_not_allowed": "Method not allowed.",
    "conflict": "Conflict.",
    "payload_too_large": "Request body is larger than 10 MiB.",
    "validation_error": "Validation failed.",
    "rate_limited": "Too many requests.",
    "server_error": "Server error.",
    "insufficient_credits": "Insufficient credits.",
}
INVALID_JSON = "Malformed JSON body."
TOKEN_MISSING = "Authentication token missing."
TOKEN_INVALID = "Invalid or malformed token."
TOKEN_EXPIRED = "Token expired."
TOKEN_REVOKED = "Token revoked."
USER_INACTIVE = "Account inactive."
KEY_MISSING = "API key missing."
KEY_INVALID = "Invalid or expired API key."
KEY_NOT_ALLOWED = "The calling IP/domain is not allowed for this API key."
LOGIN_MISSING = "email and password are both required."
LOGIN_INVALID = "Invalid credentials."
LOGIN_NO_ACCOUNT = "No LIO account exists for this email."
LOGIN_INACTIVE = "Account inactive."
LOGIN_NO_ORG = "No organization assigned to this account."

# -- lists (doc 5) ------------------------------------------------------------------------------
LIMIT_DEFAULT = 10
LIMIT_MAX = 100
PAGE_MAX = 2**31 - 1
ORDER_IN = ("ASC", "DESC")

# -- leads (doc 7.1, 11) ------------------------------------------------------------------------
NAME_LENGTH = (2, 50)
PRIORITIES = {1: "Low", 2: "Medium", 3: "High", 4: "Urgent"}
LEAD_SOURCES = {1: "Website", 2: "Referral", 3: "LinkedIn", 4: "Email", 5: "Direct"}
LEAD_STATUSES = {1: "New", 2: "Contacted", 3: "Qualified", 4: "Proposal Sent", 5: "Won", 6: "Lost"}
DEFAULT_STATUS = 1
DEFAULT_PRIORITY = 2
FOLLOW_UP_STATUSES = {1: "Pending", 2: "Completed", 3: "Missed", 4: "Rescheduled", 5: "Cancelled", 6: "In progress"}
AI_SCORE_DELAY = timedelta(seconds=5)
JOB_PROCESSING_AFTER = timedelta(seconds=1)
JOB_DONE_AFTER = timedelta(seconds=5)
MAX_UPLOAD_ROWS = 10_000

MESSAGES = {
    "login": "Login successful",
    "logout": "Logged out successfully",
    "user_fetched": "User fetched successfully",
    "users_fetched": "Users fetched successfully",
    "user_created": "User created successfully",
    "user_updated": "User updated successfully",
    "user_deleted": "User deleted successfully",
    "password_changed": "Password changed successfully",
    "roles_fetched": "Roles fetched successfully",
    "role_created": "Role created successfully",
    "leads_fetched": "Leads fetched successfully",
    "lead_fetched": "Lead fetched successfully",
    "lead_created": "Lead created successfully",
    "lead_updated": "Lead updated successfully",
    "leads_updated": "Leads updated successfully",
    "leads_deleted": "Leads deleted successfully",
}
