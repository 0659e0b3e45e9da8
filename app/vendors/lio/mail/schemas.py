"""Mail, inbox, calendar and meeting wire shapes and request schemas."""

import re

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import Flag, LioIn, LioOut, list_query
from app.vendors.lio.mail.store import (
    CONFIG_ORDER,
    FOLDERS,
    MAILERS,
    MEETING_ORDER,
    MEETING_STATUSES,
    MEETING_TOOLS,
    MESSAGE_ORDER,
)

ID = {"strict": False, "validate": validate.Range(1, 2**53)}
TEXT = validate.Length(max=500)
EMAIL = ma.fields.Email(validate=validate.Length(max=254))


def _emails(**kw):
    return ma.fields.List(ma.fields.Email(validate=validate.Length(max=254)), validate=validate.Length(max=100), **kw)


# -- configurations -------------------------------------------------------------------------------
class MailConfigSchema(LioOut):
    id = ma.fields.Integer(required=True)
    mailer = ma.fields.String(required=True, metadata={"enum": list(MAILERS)})
    from_address = ma.fields.String(required=True, metadata={"example": "you@company.com"})
    from_name = ma.fields.String(required=True, metadata={"example": "Your Name"})
    smtp_host = ma.fields.String(required=True, allow_none=True)
    smtp_port = ma.fields.Integer(required=True, allow_none=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    state_id = ma.fields.Integer(required=True, metadata={"description": "1 connected, 0 disconnected."})
    connected = ma.fields.Boolean(required=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


MailConfigListQuery = list_query(
    "MailConfigListQuery", CONFIG_ORDER,
    mailer=ma.fields.String(validate=validate.OneOf(MAILERS), metadata={"enum": list(MAILERS)}),
    state_id=ma.fields.Integer(validate=validate.OneOf([0, 1])))


class MailConfigCreateSchema(LioIn):
    mailer = ma.fields.String(required=True, validate=validate.OneOf(MAILERS), metadata={"enum": list(MAILERS)})
    from_address = ma.fields.Email(required=True, validate=validate.Length(max=254))
    from_name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    password = ma.fields.String(validate=validate.Length(1, 500), load_only=True,
                                metadata={"description": "SMTP password (or send oauth_token). Never returned."})
    oauth_token = ma.fields.String(validate=validate.Length(1, 4000), load_only=True,
                                   metadata={"description": "OAuth token for gmail/outlook. Never returned."})
    smtp_host = ma.fields.String(validate=validate.Length(max=253))
    smtp_port = ma.fields.Integer(validate=validate.Range(1, 65535))


# -- inbox ----------------------------------------------------------------------------------------
class MessageSchema(LioOut):
    id = ma.fields.Integer(required=True)
    config_id = ma.fields.Integer(required=True)
    folder = ma.fields.String(required=True, metadata={"enum": list(FOLDERS)})
    thread_id = ma.fields.String(required=True, metadata={"example": "thr_5f2c..."})
    from_address = ma.fields.String(required=True)
    from_name = ma.fields.String(required=True, allow_none=True)
    to = ma.fields.List(ma.fields.String(), required=True)
    cc = ma.fields.List(ma.fields.String(), required=True)
    bcc = ma.fields.List(ma.fields.String(), required=True)
    subject = ma.fields.String(required=True)
    body = ma.fields.String(required=True)
    is_read = ma.fields.Boolean(required=True)
    lead_id = ma.fields.Integer(required=True, allow_none=True)
    tracking_token = ma.fields.String(required=True, allow_none=True, metadata={"example": "trk_9a1b..."})
    in_reply_to = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)


InboxListQuery = list_query(
    "InboxListQuery", MESSAGE_ORDER,
    config_id=ma.fields.Integer(required=True, **ID),
    folder=ma.fields.String(validate=validate.OneOf(FOLDERS), metadata={"enum": list(FOLDERS)}),
    search=ma.fields.String(validate=TEXT),
    unreadOnly=Flag())


class InboxViewQuery(LioIn):
    config_id = ma.fields.Integer(required=True, **ID)


class SendSchema(LioIn):
    config_id = ma.fields.Integer(required=True, **ID)
    to = _emails(required=True, metadata={"description": "Recipients (an array of emails)."})
    subject = ma.fields.String(required=True, validate=validate.Length(1, 500))
    body = ma.fields.String(required=True, validate=validate.Length(1, 100_000))
    cc = _emails()
    bcc = _emails()
    lead_id = ma.fields.Integer(**ID)

    @ma.pre_load
    def _one_recipient(self, data, **kwargs):
        if isinstance(data, dict):
            data = dict(data)
            for key in ("to", "cc", "bcc"):
                if isinstance(data.get(key), str):
                    data[key] = [data[key]]
        return data

    @ma.validates("to")
    def _not_empty(self, value, **kwargs):
        if not value:
            raise ma.ValidationError("At least one recipient.")


class ReplySchema(LioIn):
    config_id = ma.fields.Integer(required=True, **ID)
    body = ma.fields.String(required=True, validate=validate.Length(1, 100_000))
    cc = _emails()


# -- calendar -------------------------------------------------------------------------------------
class SlotSchema(LioOut):
    start = ma.fields.String(required=True, metadata={"example": "2026-06-16T09:00:00.000Z"})
    end = ma.fields.String(required=True, metadata={"example": "2026-06-16T09:30:00.000Z"})


HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Must be HH:MM.")


class AvailabilityQuery(LioIn):
    date = ma.fields.Date(required=True)
    duration = ma.fields.Integer(load_default=30, validate=validate.Range(15, 240))
    tz = ma.fields.String(load_default="UTC", validate=validate.Length(1, 64), metadata={"example": "Europe/Berlin"})
    from_ = ma.fields.String(data_key="from", validate=HHMM, metadata={"example": "09:00"})
    to = ma.fields.String(validate=HHMM, metadata={"example": "17:00"})


class EventSchema(LioOut):
    id = ma.fields.Integer(required=True)
    provider = ma.fields.String(required=True, metadata={"enum": ["google", "outlook"]})
    external_id = ma.fields.String(required=True)
    summary = ma.fields.String(required=True)
    start = ma.fields.String(required=True)
    end = ma.fields.String(required=True)
    time_zone = ma.fields.String(required=True, allow_none=True)
    attendees = ma.fields.List(ma.fields.String(), required=True)
    location = ma.fields.String(required=True, allow_none=True)
    description = ma.fields.String(required=True, allow_none=True)
    user_id = ma.fields.Integer(required=True)
    created_at = ma.fields.String(required=True)


DATE_TIME = validate.Regexp(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)?$",
                            flags=re.IGNORECASE, error="Not a valid ISO 8601 date-time.")


class RangeQuery(LioIn):
    from_ = ma.fields.String(data_key="from", validate=DATE_TIME, metadata={"format": "date-time"})
    to = ma.fields.String(validate=DATE_TIME, metadata={"format": "date-time"})


class EventTime(ma.fields.Field):
    """ISO 8601 text or ``{"dateTime", "timeZone"}``."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"oneOf": [{"type": "string", "format": "date-time"},
                                             {"type": "object", "properties": {"dateTime": {"type": "string"},
                                                                               "timeZone": {"type": "string"}}}]},
                         **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and 0 < len(value) <= 40:
            return value
        if isinstance(value, dict) and all(isinstance(value.get(k, ""), str) and len(value.get(k, "")) <= 64
                                           for k in ("dateTime", "date", "timeZone")):
            return value
        raise self.make_error("invalid")

    default_error_messages = {"invalid": "Must be an ISO 8601 date-time or an object with dateTime and timeZone."}


class EventCreateSchema(LioIn):
    summary = ma.fields.String(validate=validate.Length(1, 500), metadata={"description": "Google's title."})
    subject = ma.fields.String(validate=validate.Length(1, 500), metadata={"description": "Outlook's title."})
    title = ma.fields.String(validate=validate.Length(1, 500))
    start = EventTime(required=True)
    end = EventTime(required=True)
    attendees = ma.fields.List(ma.fields.Raw(), validate=validate.Length(max=200))
    location = ma.fields.String(validate=TEXT)
    description = ma.fields.String(validate=validate.Length(max=10_000))


# -- meetings -------------------------------------------------------------------------------------
class MeetingSchema(LioOut):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    start_time = ma.fields.String(required=True)
    end_time = ma.fields.String(required=True)
    user_id = ma.fields.Integer(required=True)
    lead_id = ma.fields.Integer(required=True, allow_none=True)
    contact_id = ma.fields.Integer(required=True, allow_none=True)
    company_id = ma.fields.Integer(required=True, allow_none=True)
    attendees = ma.fields.List(ma.fields.Dict(), required=True, metadata={"example": [{"email": "jane@x.com"}]})
    meeting_tool = ma.fields.String(required=True, metadata={"enum": list(MEETING_TOOLS)})
    meeting_url = ma.fields.String(required=True, allow_none=True)
    description = ma.fields.String(required=True, allow_none=True)
    location = ma.fields.String(required=True, allow_none=True)
    timezone = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.Integer(required=True, metadata={"enum": list(MEETING_STATUSES)})
    status_name = ma.fields.String(required=True, metadata={"enum": list(MEETING_STATUSES.values())})
    has_transcript = ma.fields.Boolean(required=True)
    summary = ma.fields.String(required=True, allow_none=True)
    source = ma.fields.String(required=True, metadata={"enum": ["api", "booking", "seed"]})
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


MeetingListQuery = list_query(
    "MeetingListQuery", MEETING_ORDER,
    lead_id=ma.fields.Integer(**ID), contact_id=ma.fields.Integer(**ID), company_id=ma.fields.Integer(**ID),
    status=ma.fields.Integer(validate=validate.Range(1, 5)),
    from_=ma.fields.String(data_key="from", validate=DATE_TIME, metadata={"format": "date-time"}),
    to=ma.fields.String(validate=DATE_TIME, metadata={"format": "date-time"}))


class MeetingCreateSchema(LioIn):
    title = ma.fields.String(required=True, validate=validate.Length(1, 500))
    start_time = ma.fields.String(required=True, validate=validate.Length(1, 40), metadata={"format": "date-time"})
    end_time = ma.fields.String(required=True, validate=validate.Length(1, 40), metadata={"format": "date-time"})
    lead_id = ma.fields.Integer(allow_none=True, **ID)
    contact_id = ma.fields.Integer(allow_none=True, **ID)
    company_id = ma.fields.Integer(allow_none=True, **ID)
    attendees = ma.fields.List(ma.fields.Raw(), validate=validate.Length(max=200),
                               metadata={"description": "Emails or objects with `email` (and `name`)."})
    meeting_tool = ma.fields.String(validate=validate.OneOf(MEETING_TOOLS), metadata={"enum": list(MEETING_TOOLS)})
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=10_000))
    location = ma.fields.String(allow_none=True, validate=TEXT)
    timezone = ma.fields.String(allow_none=True, validate=validate.Length(max=64))


class MeetingUpdateSchema(MeetingCreateSchema):
    title = ma.fields.String(validate=validate.Length(1, 500))
    start_time = ma.fields.String(validate=validate.Length(1, 40), metadata={"format": "date-time"})
    end_time = ma.fields.String(validate=validate.Length(1, 40), metadata={"format": "date-time"})
    status = ma.fields.Integer(validate=validate.Range(1, 5), metadata={"enum": list(MEETING_STATUSES)})


class TranscriptSegment(LioOut):
    at = ma.fields.String(required=True, metadata={"example": "00:01:30"})
    speaker = ma.fields.String(required=True)
    text = ma.fields.String(required=True)


class TranscriptSchema(LioOut):
    meeting_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    segments = ma.fields.List(ma.fields.Nested(TranscriptSegment), required=True)


class SummaryRequestSchema(LioIn):
    detail = ma.fields.String(load_default="brief", validate=validate.OneOf(["brief", "detailed"]),
                              metadata={"enum": ["brief", "detailed"]})


class SummarySchema(LioOut):
    meeting_id = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True, metadata={"enum": ["brief", "detailed"]})
    summary = ma.fields.String(required=True)
    credits_spent = ma.fields.Integer(required=True)
    credits_balance = ma.fields.Integer(required=True)
