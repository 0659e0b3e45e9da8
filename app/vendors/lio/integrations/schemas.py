"""Integration request and response shapes (doc 6.14)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut, QueryInt
from app.vendors.lio.integrations.store import (COMPANY_TARGETS, EVENT_TYPES, IMPORT_LIMIT_DEFAULT, IMPORT_LIMIT_MAX,
                                                LEAD_TARGETS)

PROPERTY_NAME = ma.fields.String(validate=validate.Length(1, 100))


class ConnectedAppSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 1})
    provider = ma.fields.String(required=True, metadata={"enum": ["hubspot", "slack", "teams"], "example": "hubspot"})
    name = ma.fields.String(required=True, metadata={"example": "HubSpot"})
    status = ma.fields.String(required=True, metadata={"enum": ["connected", "not_connected"]})
    is_connected = ma.fields.Boolean(required=True)
    account_name = ma.fields.String(required=True, allow_none=True,
                                    metadata={"example": "Acme Corp (portal 24816320)"})
    account_id = ma.fields.String(required=True, allow_none=True, metadata={"example": "24816320"})
    scopes = ma.fields.List(ma.fields.String(), required=True)
    connected_by = ma.fields.Integer(required=True, allow_none=True, metadata={"example": 142})
    connected_at = ma.fields.String(required=True, allow_none=True)
    last_synced_at = ma.fields.String(required=True, allow_none=True,
                                      metadata={"description": "HubSpot: when the last import completed."})


class PropertiesQuery(LioIn):
    all = QueryInt(load_default=0, validate=validate.OneOf([0, 1]), metadata={
        "enum": [0, 1], "description": "1: also the hidden, read-only properties (record ids, dates, "
                                       "lifecycle); 0 (default): the importable ones."})


class HubspotPropertySchema(LioOut):
    name = ma.fields.String(required=True, metadata={"example": "firstname"})
    label = ma.fields.String(required=True, metadata={"example": "First name"})
    type = ma.fields.String(required=True, metadata={"example": "string"})
    field_type = ma.fields.String(required=True, metadata={"example": "text"})
    object_type = ma.fields.String(required=True, metadata={"enum": ["contact", "company"]})
    group_name = ma.fields.String(required=True, metadata={"example": "contactinformation"})
    hidden = ma.fields.Boolean(required=True)
    importable = ma.fields.Boolean(required=True, metadata={
        "description": "Can be a key of `mapping.lead` (contact) or `mapping.company` (company) in an import."})
    custom = ma.fields.Boolean(required=True)


class MappingSchema(LioIn):
    lead = ma.fields.Dict(keys=PROPERTY_NAME, values=ma.fields.String(metadata={"enum": list(LEAD_TARGETS)}),
                          validate=validate.Length(max=50), metadata={
                              "description": "HubSpot contact property → lead field.",
                              "example": {"firstname": "first_name", "lastname": "last_name", "email": "email"}})
    company = ma.fields.Dict(keys=PROPERTY_NAME, values=ma.fields.String(metadata={"enum": list(COMPANY_TARGETS)}),
                             validate=validate.Length(max=50), metadata={
                                 "description": "HubSpot company property → company field.",
                                 "example": {"name": "company_name", "domain": "website"}})


class HubspotImportSchema(LioIn):
    mapping = ma.fields.Nested(MappingSchema, metadata={
        "description": "Which HubSpot property fills which LIO field. Omitted: the default mapping (names, email, "
                       "phone, job title, city, country, LinkedIn URL; company name, domain, industry, size)."})
    from_ = ma.fields.Date(data_key="from", metadata={"description": "Inclusive, on the HubSpot create date."})
    to = ma.fields.Date(metadata={"description": "Inclusive, on the HubSpot create date."})
    limit = ma.fields.Integer(strict=True, load_default=IMPORT_LIMIT_DEFAULT,
                              validate=validate.Range(1, IMPORT_LIMIT_MAX))

    @ma.post_load
    def _rename(self, data, **kwargs):
        if "from_" in data:
            data["from"] = data.pop("from_")
        return data


class SlackLastNotificationSchema(LioOut):
    event_type = ma.fields.String(required=True, metadata={"example": "test"})
    text = ma.fields.String(required=True)
    sent_at = ma.fields.String(required=True)


class SlackChannelSchema(LioOut):
    id = ma.fields.Integer(required=True, metadata={"example": 2})
    channel_id = ma.fields.String(required=True, metadata={"example": "C0A1B2C3D4E"})
    name = ma.fields.String(required=True, metadata={"example": "sales"})
    is_private = ma.fields.Boolean(required=True)
    num_members = ma.fields.Integer(required=True, metadata={"example": 21})
    topic = ma.fields.String(required=True, allow_none=True)
    workspace = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    notifications_sent = ma.fields.Integer(required=True, metadata={"description": "Test notifications sent here."})
    last_notification = ma.fields.Nested(SlackLastNotificationSchema, required=True, allow_none=True)


class SlackTestSchema(LioIn):
    channel = ma.fields.String(required=True, validate=validate.Length(1, 100), metadata={
        "description": "A channel id (`C0…`) or name (`sales` or `#sales`) of your Slack workspace.",
        "example": "#sales"})
    event_type = ma.fields.String(load_default="test", validate=validate.OneOf(EVENT_TYPES),
                                  metadata={"enum": list(EVENT_TYPES)})


class SlackSentSchema(LioOut):
    id = ma.fields.Integer(required=True)
    ok = ma.fields.Boolean(required=True)
    workspace = ma.fields.String(required=True, allow_none=True)
    channel_id = ma.fields.String(required=True)
    channel = ma.fields.String(required=True, metadata={"example": "sales"})
    event_type = ma.fields.String(required=True, metadata={"enum": list(EVENT_TYPES)})
    text = ma.fields.String(required=True)
    ts = ma.fields.String(required=True, metadata={"example": "1781514000.000001"})
    sent_by = ma.fields.Integer(required=True, allow_none=True)
    sent_at = ma.fields.String(required=True)


class TeamsQuery(LioIn):
    team_id = ma.fields.String(validate=validate.Length(1, 100), metadata={
        "description": "A team of your Microsoft Teams tenant; omitted: the channels of every team."})


class TeamsChannelSchema(LioOut):
    id = ma.fields.Integer(required=True)
    team_id = ma.fields.String(required=True)
    team_name = ma.fields.String(required=True, metadata={"example": "Sales"})
    channel_id = ma.fields.String(required=True, metadata={"example": "19:4f1c…@thread.tacv2"})
    name = ma.fields.String(required=True, metadata={"example": "General"})
    description = ma.fields.String(required=True, allow_none=True)
    membership_type = ma.fields.String(required=True, metadata={"enum": ["standard", "private"]})
    web_url = ma.fields.String(required=True)
    created_at = ma.fields.String(required=True)
