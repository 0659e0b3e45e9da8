"""Skarbe's wire shapes (camelCase, as documented)."""

import marshmallow as ma

from app.vendors.skarbe.constants import LEAD_STATUS_TYPES, PHONE_NUMBERS_TYPE


class _Schema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE
        ordered = True


class PhoneNumbers(ma.fields.Field):
    """A phone number string or a list of them, kept as sent."""

    default_error_messages = {"invalid": PHONE_NUMBERS_TYPE}

    def _deserialize(self, value, attr, data, **kwargs):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise self.make_error("invalid")
        return value


PHONE_NUMBERS_DOC = {
    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    "example": ["+1 415-555-0132"],
}


class LeadStatusRefSchema(_Schema):
    id = ma.fields.Integer(required=True, metadata={"example": 1})
    label = ma.fields.String(required=True, metadata={"example": "New Lead"})
    color = ma.fields.String(required=True, metadata={"example": "#3B82F6"})


class ContactSchema(_Schema):
    id = ma.fields.Integer(required=True, metadata={"example": 1})
    email = ma.fields.String(required=True, allow_none=True, metadata={"example": "john.doe@acme.test"})
    photo = ma.fields.String(required=True, allow_none=True, metadata={"description": "Profile photo URL"})
    firstName = ma.fields.String(required=True, allow_none=True, metadata={"example": "John"})
    lastName = ma.fields.String(required=True, allow_none=True, metadata={"example": "Doe"})
    fullName = ma.fields.String(required=True, allow_none=True, metadata={
        "example": "John Doe", "description": "Sandbox: `firstName lastName`, or null when both are empty."})
    jobTitle = ma.fields.String(required=True, allow_none=True, metadata={"example": "Developer"})
    companyName = ma.fields.String(required=True, allow_none=True, metadata={"example": "Acme Corp"})
    phoneNumbers = PhoneNumbers(required=True, allow_none=True, metadata={
        **PHONE_NUMBERS_DOC, "description": "Sandbox: as sent on create, a string or a list of strings."})
    facebookUrl = ma.fields.String(required=True, allow_none=True)
    instagramUrl = ma.fields.String(required=True, allow_none=True)
    linkedinUrl = ma.fields.String(required=True, allow_none=True)
    note = ma.fields.String(required=True, allow_none=True)
    lastActivityAt = ma.fields.String(required=True, allow_none=True, metadata={
        "format": "date-time", "example": "2023-02-01T09:15:00Z"})
    createdAt = ma.fields.String(required=True, metadata={"format": "date-time", "example": "2023-01-15T10:00:00Z"})
    leadStatus = ma.fields.Nested(LeadStatusRefSchema, required=True, allow_none=True)


class ContactQuerySchema(_Schema):
    query = ma.fields.String(metadata={
        "description": "Search term to filter contacts by first name, last name, or email.",
        "example": "john"})


class ContactCreateSchema(_Schema):
    class Meta(_Schema.Meta):
        # Added to the OpenAPI component by api.SchemaExtrasPlugin.
        openapi_extra = {"anyOf": [
            {"required": ["email"], "properties": {"email": {"type": "string", "minLength": 1}}},
            {"required": ["firstName"], "properties": {"firstName": {"type": "string", "minLength": 1}}},
        ]}

    email = ma.fields.String(allow_none=True, metadata={"format": "email", "example": "jane@techsolutions.test",
                                            "description": "Must be a valid email address if provided."})
    firstName = ma.fields.String(allow_none=True, metadata={"example": "Jane",
                                                "description": "Required if email is not provided."})
    lastName = ma.fields.String(allow_none=True, metadata={"example": "Smith"})
    jobTitle = ma.fields.String(allow_none=True, metadata={"example": "Marketing Manager"})
    companyName = ma.fields.String(allow_none=True, metadata={"example": "Tech Solutions Inc"})
    phoneNumbers = PhoneNumbers(allow_none=True, metadata=PHONE_NUMBERS_DOC)
    facebookUrl = ma.fields.String(allow_none=True)
    instagramUrl = ma.fields.String(allow_none=True)
    linkedinUrl = ma.fields.String(allow_none=True)
    twitterUrl = ma.fields.String(allow_none=True, metadata={
        "description": "Stored, but not among the attributes GET returns."})
    note = ma.fields.String(allow_none=True)
    leadStatus = ma.fields.Integer(strict=True, allow_none=True, metadata={
        "enum": [1, 2, 3, None], "example": 1,
        "description": "Lead status ID of your workspace. Sandbox: every workspace has 1, 2 and 3."})


class LeadStatusSchema(_Schema):
    id = ma.fields.Integer(required=True, metadata={"example": 1})
    type = ma.fields.String(required=True, metadata={"enum": LEAD_STATUS_TYPES})
    label = ma.fields.String(required=True, metadata={"example": "New Lead"})
    color = ma.fields.String(required=True, metadata={"example": "#3B82F6"})
    order = ma.fields.Integer(required=True, metadata={"example": 1})


class UserDetailsSchema(_Schema):
    name = ma.fields.String(required=True, metadata={"example": "John Admin"})
    email = ma.fields.String(required=True, metadata={"example": "john@acme.test"})


class WorkspaceSchema(_Schema):
    name = ma.fields.String(required=True, metadata={"example": "Acme Corporation"})


class MeSchema(_Schema):
    details = ma.fields.Nested(UserDetailsSchema, required=True)
    workspace = ma.fields.Nested(WorkspaceSchema, required=True)
