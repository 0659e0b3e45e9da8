"""Public booking routes (doc 10): no authentication; the rep comes from the slug."""

from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.booking import store
from app.vendors.lio.booking.schemas import (
    BookingAvailabilityQuery,
    BookingConfirmedSchema,
    BookingConfirmSchema,
    BookingProfileSchema,
)
from app.vendors.lio.mail.schemas import SlotSchema

blp = LioBlueprint("lio_booking", __name__, prefixes=("/api/v1", "/api"),
                   description="A rep's public scheduling page (no authentication).")


@blp.route("/booking/<slug>", methods=["GET"])
@blp.response(200, BookingProfileSchema, message="Booking profile fetched successfully")
@blp.doc(operationId="getBookingProfile")
def booking_profile(slug):
    """Booking profile for a rep

    Sandbox: the seeded page `your-name` belongs to Your Name (Acme); an unknown slug answers 404.
    """
    return store.profile(slug)


@blp.route("/booking/<slug>/availability", methods=["GET"])
@blp.arguments(BookingAvailabilityQuery, location="query")
@blp.response(200, SlotSchema(many=True), message="Availability fetched successfully")
@blp.doc(operationId="getBookingAvailability")
def booking_availability(args, slug):
    """Available slots

    Sandbox: `date` (YYYY-MM-DD) is required; `duration` minutes 15-240 (default 30); `tz` an IANA
    name (default the rep's; unknown → 422); `from`/`to` (HH:MM) narrow the day. Slots lie within
    09:00-17:00 in `tz` on weekdays, minus the rep's meetings and calendar events, never in the past of
    the sandbox clock; `start`/`end` are ISO 8601 UTC.
    """
    return store.availability(slug, args)


@blp.route("/booking/<slug>/confirm", methods=["POST"])
@blp.arguments(BookingConfirmSchema)
@blp.response(201, BookingConfirmedSchema, message="Booking confirmed successfully")
@blp.doc(operationId="confirmBooking")
def booking_confirm(body, slug):
    """Confirm a booking

    Sandbox: `start`/`end` must be exactly one slot the availability offers (send the `tz` you asked
    it with, default the rep's) — else 422; a slot already taken answers 409. Creates a meeting
    (status 1, `source: booking`) for the rep with the attendee, matches the attendee to a lead of
    the rep's organization by email or creates one (`lead_source` 1, assigned to the rep), and
    notifies the rep — all at once.
    """
    return store.confirm(slug, body)
