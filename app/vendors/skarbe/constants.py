"""Skarbe's texts, enums and limits, as its documentation spells them."""

KEY_HEADER = "X-Api-Key"
REAL_BASE_URL = "https://api.skarbe.com"

# The documented create-contact messages (``{"error": "<message>"}``, 400).
EMAIL_OR_FIRST_NAME_REQUIRED = "At least email or firstName is required"
INVALID_EMAIL = "Invalid email"
INVALID_LEAD_STATUS = "Invalid lead status"

# Sandbox: messages the doc does not spell out.
UNAUTHORIZED = "Unauthorized"
INVALID_JSON = "Invalid JSON"
BODY_NOT_OBJECT = "Request body must be a JSON object"
BAD_REQUEST = "Bad request"
NOT_FOUND = "Not found"
METHOD_NOT_ALLOWED = "Method not allowed"
PAYLOAD_TOO_LARGE = "Payload too large"
INTERNAL_ERROR = "Internal server error"
PHONE_NUMBERS_TYPE = "Must be a string or a list of strings."

# Request fields whose every validation failure reads as one documented message.
FIELD_MESSAGES = {"email": INVALID_EMAIL, "leadStatus": INVALID_LEAD_STATUS}

LEAD_STATUS_TYPES = ["lead", "qualified", "disqualified"]

# Contact attributes in the documented order (``leadStatus`` last, as listed).
CONTACT_ATTRIBUTES = [
    "id", "email", "photo", "firstName", "lastName", "fullName", "jobTitle", "companyName",
    "phoneNumbers", "facebookUrl", "instagramUrl", "linkedinUrl", "note", "lastActivityAt",
    "createdAt", "leadStatus",
]
# The documented writable fields, each with its column. ``twitterUrl`` is
# writable but, as documented, never returned.
WRITABLE = {
    "email": "email", "firstName": "first_name", "lastName": "last_name", "jobTitle": "job_title",
    "companyName": "company_name", "phoneNumbers": "phone_numbers", "facebookUrl": "facebook_url",
    "instagramUrl": "instagram_url", "linkedinUrl": "linkedin_url", "twitterUrl": "twitter_url",
    "note": "note",
}
