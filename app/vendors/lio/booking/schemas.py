"""Public booking wire shapes."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut
from app.vendors.lio.mail.schemas import HHMM, MeetingSchema


class WorkingHoursSchema(LioOut):
    start = ma.fields.String(required=True, metadata={"example": "09:00"})
    end = ma.fields.String(required=True, metadata={"example": "17:00"})
    days = ma.fields.List(ma.fields.String(), required=True)


class BookingProfileSchema(LioOut):
    slug = ma.fields.String(required=True, metadata={"example": "your-name"})
    name = ma.fields.String(required=True, metadata={"example": "Your Name"})
    title = ma.fields.String(required=True, allow_none=True)
    headline = ma.fields.String(required=True, allow_none=True)
    timezone = ma.fields.String(required=True, metadata={"example": "UTC"})
    durations = ma.fields.List(ma.fields.Integer(), required=True, metadata={"example": [15, 30, 60]})
    organization = ma.fields.String(required=True, allow_none=True, metadata={"example": "Acme Corp"})
    working_hours = ma.fields.Nested(WorkingHoursSchema, required=True)


class BookingAvailabilityQuery(LioIn):
    date = ma.fields.Date(required=True)
    duration = ma.fields.Integer(load_default=30, validate=validate.Range(15, 240))
    tz = ma.fields.String(validate=validate.Length(1, 64), metadata={"description": "IANA name; default the rep's."})
    from_ = ma.fields.String(data_key="from", validate=HHMM, metadata={"example": "09:00"})
    to = ma.fields.String(validate=HHMM, metadata={"example": "17:00"})


class BookingConfirmSchema(LioIn):
    start = ma.fields.String(required=True, validate=validate.Length(1, 40), metadata={"format": "date-time"})
    end = ma.fields.String(required=True, validate=validate.Length(1, 40), metadata={"format": "date-time"})
    name = ma.fields.String(required=True, validate=validate.Length(1, 100))
    email = ma.fields.Email(required=True, validate=validate.Length(max=254))
    company = ma.fields.String(validate=validate.Length(max=200))
    phone = ma.fields.String(validate=validate.Length(max=40))
    notes = ma.fields.String(validate=validate.Length(max=5000))
    tz = ma.fields.String(validate=validate.Length(1, 64),
                          metadata={"description": "The `tz` the slot was offered in; default the rep's."})

    @ma.validates("name")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Must not be blank.")


class BookingConfirmedSchema(LioOut):
    meeting = ma.fields.Nested(MeetingSchema, required=True)
    lead_id = ma.fields.Integer(required=True)
    lead_created = ma.fields.Boolean(required=True)
