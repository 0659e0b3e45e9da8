"""Mail routes (doc 6.11): mail configurations, inbox, calendar, meetings."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import DeletedSchema
from app.vendors.lio.mail import store
from app.vendors.lio.mail.schemas import (
    AvailabilityQuery,
    EventCreateSchema,
    EventSchema,
    InboxListQuery,
    InboxViewQuery,
    MailConfigCreateSchema,
    MailConfigListQuery,
    MailConfigSchema,
    MeetingCreateSchema,
    MeetingListQuery,
    MeetingSchema,
    MeetingUpdateSchema,
    MessageSchema,
    RangeQuery,
    ReplySchema,
    SendSchema,
    SlotSchema,
    SummaryRequestSchema,
    SummarySchema,
    TranscriptSchema,
)

blp = LioBlueprint("lio_mail", __name__, auth=bearer,
                   description="Connect mailboxes, read and send email, manage calendars and meetings.")


@blp.route("/mail-configurations/list", methods=["GET"])
@blp.arguments(MailConfigListQuery, location="query")
@blp.response(200, MailConfigSchema(many=True), message="Mail configurations fetched successfully")
@blp.doc(operationId="listMailConfigurations")
def mail_configurations_list(args):
    """List mail configurations

    Sandbox: `mailer` is `gmail`, `outlook` or `smtp`; `state_id` 1 connected, 0 disconnected;
    `search_value` matches the address, name or mailer. Passwords and tokens are never returned.
    """
    return store.list_configs(principal(), args)


@blp.route("/mail-configurations/add", methods=["POST"])
@blp.arguments(MailConfigCreateSchema)
@blp.response(201, MailConfigSchema, message="Mail configuration added successfully")
@blp.doc(operationId="createMailConfiguration")
def mail_configurations_add(body):
    """Add a mail configuration

    Sandbox: `mailer`, `from_address`, `from_name` and a `password` (or `oauth_token`) are required.
    The secret is stored (hashed) and never appears in any response. The new configuration is connected.
    """
    return store.add_config(principal(), body)


@blp.route("/inbox/list", methods=["GET"])
@blp.arguments(InboxListQuery, location="query")
@blp.response(200, MessageSchema(many=True), message="Messages fetched successfully")
@blp.doc(operationId="listInboxMessages")
def inbox_list(args):
    """List messages of a mailbox

    Sandbox: `folder` is `inbox`, `sent`, `drafts` or `archive` (all when absent); `search` (or
    `search_value`) matches subject, body and addresses; `unreadOnly=true` keeps unread ones.
    """
    return store.list_messages(principal(), args)


@blp.route("/inbox/view/<int:messageId>", methods=["GET"])
@blp.arguments(InboxViewQuery, location="query")
@blp.response(200, MessageSchema, message="Message fetched successfully")
@blp.doc(operationId="getInboxMessage")
def inbox_view(args, messageId):
    """Get one message

    Sandbox: viewing marks the message read. A message not in that configuration answers 404.
    """
    return store.view_message(principal(), messageId, args["config_id"])


@blp.route("/inbox/send", methods=["POST"])
@blp.arguments(SendSchema)
@blp.response(201, MessageSchema, message="Email sent successfully")
@blp.doc(operationId="sendEmail")
def inbox_send(body):
    """Send an email

    Sandbox: nothing leaves the sandbox. The message is stored in the configuration's `sent`
    folder in a new thread (`thread_id`) with a `tracking_token` (`trk_...`) that the tracking
    pixel and links use. `to`, `cc`, `bcc` take an email or an array of emails; `lead_id` (a lead
    of your organization) links it to a lead: then `GET /api/v1/track/open/<tracking_token>` records
    `email_opened` for that lead (the third open also `email_opened_3x`, an alert and a hot lead).
    """
    return store.send(principal(), body)


@blp.route("/inbox/reply/<int:messageId>", methods=["POST"])
@blp.arguments(ReplySchema)
@blp.response(201, MessageSchema, message="Reply sent successfully")
@blp.doc(operationId="replyToEmail")
def inbox_reply(body, messageId):
    """Reply to a message

    Sandbox: the reply is a tracked `sent` message in the same `thread_id`, with subject
    `Re: <subject>`, addressed to the original sender (or, replying to a sent message, its recipients).
    """
    return store.reply(principal(), messageId, body)


@blp.route("/calendar/availability", methods=["GET"])
@blp.arguments(AvailabilityQuery, location="query")
@blp.response(200, SlotSchema(many=True), message="Availability fetched successfully")
@blp.doc(operationId="getCalendarAvailability")
def calendar_availability(args):
    """Your free slots on a day

    Sandbox: `duration`-minute slots (15-240, default 30) within working hours 09:00-17:00 in
    `tz` (an IANA name, default UTC; unknown → 422) on weekdays, narrowed by `from`/`to` (HH:MM),
    minus your meetings (not cancelled) and calendar events, never in the past of the sandbox clock.
    `start`/`end` are ISO 8601 UTC.
    """
    return store.availability(principal(), args)


@blp.route("/calendar/<provider>/events", methods=["GET"])
@blp.arguments(RangeQuery, location="query")
@blp.response(200, EventSchema(many=True), message="Calendar events fetched successfully")
@blp.doc(operationId="listCalendarEvents")
def calendar_events_list(args, provider):
    """List calendar events

    Sandbox: `provider` is `google` or `outlook` (else 404); your events overlapping `from`..`to`
    (ISO 8601), by start, at most 500.
    """
    return store.list_events(principal(), provider, args)


@blp.route("/calendar/<provider>/events", methods=["POST"])
@blp.arguments(EventCreateSchema)
@blp.response(201, EventSchema, message="Calendar event created successfully")
@blp.doc(operationId="createCalendarEvent")
def calendar_events_add(body, provider):
    """Create a calendar event

    Sandbox: takes the provider's event object: a title in `summary` (Google), `subject`
    (Outlook) or `title`; `start`/`end` as ISO 8601 or `{"dateTime", "timeZone"}`; `attendees`
    as emails or objects (`email` or Outlook's `emailAddress.address`). The event blocks your availability.
    """
    return store.add_event(principal(), provider, body)


@blp.route("/meeting/list", methods=["GET"])
@blp.arguments(MeetingListQuery, location="query")
@blp.response(200, MeetingSchema(many=True), message="Meetings fetched successfully")
@blp.doc(operationId="listMeetings")
def meeting_list(args):
    """List meetings

    Sandbox: filters `lead_id`, `contact_id`, `company_id`, `status` (1 Scheduled, 2 Rescheduled,
    3 Held, 4 Cancelled, 5 No show) and `from`/`to` (ISO 8601, meetings overlapping the range).
    """
    return store.list_meetings(principal(), args)


@blp.route("/meeting/add", methods=["POST"])
@blp.arguments(MeetingCreateSchema)
@blp.response(201, MeetingSchema, message="Meeting created successfully")
@blp.doc(operationId="createMeeting")
def meeting_add(body):
    """Create a meeting

    Sandbox: `end_time` must be after `start_time` (ISO 8601); `lead_id`, `contact_id`,
    `company_id` must be your organization's (422 otherwise). `meeting_tool` `meet`, `teams` or
    `zoom` generates a `meeting_url`. New meetings are status 1 Scheduled, owned by you, and block
    your availability.
    """
    return store.add_meeting(principal(), body)


@blp.route("/meeting/view/<int:id>", methods=["GET"])
@blp.response(200, MeetingSchema, message="Meeting fetched successfully")
@blp.doc(operationId="getMeeting")
def meeting_view(id):
    """Get one meeting"""
    return store.get_meeting(principal(), id)


@blp.route("/meeting/update/<int:id>", methods=["POST"])
@blp.arguments(MeetingUpdateSchema)
@blp.response(200, MeetingSchema, message="Meeting updated successfully")
@blp.doc(operationId="updateMeeting")
def meeting_update(body, id):
    """Update a meeting

    Sandbox: only the fields sent change. Moving a scheduled meeting's times sets status 2
    Rescheduled unless `status` is sent.
    """
    return store.update_meeting(principal(), id, body)


@blp.route("/meeting/delete/<int:id>", methods=["DELETE"])
@blp.response(200, DeletedSchema, message="Meeting deleted successfully")
@blp.doc(operationId="deleteMeeting")
def meeting_delete(id):
    """Delete a meeting"""
    return store.delete_meeting(principal(), id)


@blp.route("/meeting/<int:id>/transcript", methods=["GET"])
@blp.response(200, TranscriptSchema, message="Transcript fetched successfully")
@blp.doc(operationId="getMeetingTranscript")
def meeting_transcript(id):
    """Get a meeting's transcript

    Sandbox: seeded held meetings (status 3) have transcripts; any other meeting answers 404.
    """
    return store.transcript(principal(), id)


@blp.route("/meeting/<int:id>/generate-summary", methods=["POST"])
@blp.arguments(SummaryRequestSchema)
@blp.response(200, SummarySchema, message="Meeting summary generated successfully")
@blp.doc(operationId="generateMeetingSummary")
def meeting_generate_summary(body, id):
    """Generate an AI meeting summary

    Sandbox: deterministic text from the transcript (or the title). Costs `meeting_summary`
    credits (5 for `brief`, 10 for `detailed`); a balance that cannot pay answers 403
    `insufficient_credits` and nothing is stored or spent. The summary is saved on the meeting.
    """
    return store.generate_summary(principal(), id, body)
