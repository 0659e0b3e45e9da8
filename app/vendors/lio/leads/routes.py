"""Lead routes (doc 6.2, 7.1): one function per documented path, named after it."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.constants import MESSAGES as M
from app.vendors.lio.jobs.schemas import JobSchema
from app.vendors.lio.leads import imports, notes, store
from app.vendors.lio.leads.schemas import (CustomFieldSchema, CustomFieldsSchema, DocumentFormSchema,
                                           DocumentListQuery, DocumentSchema, FileSchema, ImageSchema, FollowUpAddSchema,
                                           FollowUpListQuery, FollowUpSchema, NoteAddSchema, NoteListQuery,
                                           NoteSchema, DeletedSchema, LeadAssignUserSchema, LeadCreateSchema, LeadDeleteSchema,
                                           LeadListQuery, LeadSchema, LeadStatusChangeSchema, LeadTagsSchema,
                                           LeadUpdateSchema, UpdatedSchema)

blp = LioBlueprint("lio_leads", __name__, auth=bearer, description="Capture, qualify and work leads.")

BULK = ("Sandbox: send `ids` (an array of lead ids) or `select_all: true` with `filters` (an object with the "
        "list's query parameters: `search_value`, `score_min`, `priority`, ...); both absent answers 422, and "
        "when both are sent `ids` wins. Leads of other organizations are never touched. Answers `data: {\"updated\": <count>}`.")


@blp.route("/lead/list", methods=["GET"])
@blp.arguments(LeadListQuery, location="query")
@blp.response(200, LeadSchema(many=True), message=M["leads_fetched"])
@blp.doc(operationId="listLeads")
def lead_list(args):
    """List leads (filter, sort, paginate)

    Sandbox: `search_value` is a case-insensitive substring of first name, last name, email,
    company or phone; `assigned_to=true` means you; `score_min`/`score_max` and the date ranges
    (`created_from`/`created_to`, `start_date`/`end_date`, on `created_at`) are inclusive;
    `company`, `city`, `state`, `country` match substrings; `lead_source`, `priority` and
    `state_id` (status values) take comma-separated values. `order_by` takes only the listed
    names (422 otherwise); `limit` is 1-100.
    """
    return store.list_leads(principal(), args)


@blp.route("/lead/add", methods=["POST"])
@blp.arguments(LeadCreateSchema)
@blp.response(201, LeadSchema, message=M["lead_created"])
@blp.doc(operationId="createLead")
def lead_add(body):
    """Create a lead

    Sandbox: an email already used by a lead of your organization answers 409 `conflict`;
    `status` must be a status lookup value and `tags` tag lookup ids of your organization
    (`/api/custom-lookups/list`), `assigned_to` one of your organization's users (422 otherwise).
    A new `company` name creates the company. `ai_information` is read-only here; the AI `score`
    is 0 until 5 seconds of sandbox time have passed. Unknown fields are ignored.
    """
    return store.create_lead(principal(), body)


@blp.route("/lead/view/<int:id>", methods=["GET"])
@blp.response(200, LeadSchema, message=M["lead_fetched"])
@blp.doc(operationId="getLead")
def lead_view(id):
    """Get one lead

    Sandbox: a lead of another organization answers 404, like a missing one.
    """
    return store.get_lead(principal(), id)


@blp.route("/lead/update/<int:id>", methods=["POST"])
@blp.arguments(LeadUpdateSchema)
@blp.response(200, LeadSchema, message=M["lead_updated"])
@blp.doc(operationId="updateLead")
def lead_update(body, id):
    """Update a lead

    Accepts any creatable field. `custom_fields` and `ai_information` are merged into the
    existing values.

    Sandbox: only the fields sent change; the same rules as create (409 for an email taken by
    another lead of your organization).
    """
    return store.update_lead(principal(), id, body)


@blp.route("/lead/delete", methods=["DELETE"])
@blp.arguments(LeadDeleteSchema)
@blp.response(200, DeletedSchema, message=M["leads_deleted"])
@blp.doc(operationId="deleteLeads")
def lead_delete(body):
    """Delete leads

    Sandbox: the body is `{"ids": [...]}`; answers `data: {"deleted": <count>}`; ids of other
    organizations are ignored, and 404 when none of the ids is a lead of yours. Notes,
    follow-ups and documents of a deleted lead go with it.
    """
    return store.delete_leads(principal(), body)


@blp.route("/lead/status-change", methods=["POST"])
@blp.arguments(LeadStatusChangeSchema)
@blp.response(200, UpdatedSchema, message=M["leads_updated"])
@blp.doc(operationId="changeLeadStatus", description=BULK)
def lead_status_change(body):
    """Change lead status"""
    return store.change_status(principal(), body)


@blp.route("/lead/assign-user", methods=["POST"])
@blp.arguments(LeadAssignUserSchema)
@blp.response(200, UpdatedSchema, message=M["leads_updated"])
@blp.doc(operationId="assignLeadsToUser", description=BULK + " `assigned_to: null` unassigns; the assignee "
         "gets a notification.")
def lead_assign_user(body):
    """Assign leads to a rep"""
    return store.assign_user(principal(), body)


@blp.route("/lead/assign-tags", methods=["POST"])
@blp.arguments(LeadTagsSchema)
@blp.response(200, UpdatedSchema, message=M["leads_updated"])
@blp.doc(operationId="addLeadTags", description=BULK + " The tags are added to each lead's own.")
def lead_assign_tags(body):
    """Add tags"""
    return store.set_tags(principal(), body, replace=False)


@blp.route("/lead/set-assign-tags", methods=["POST"])
@blp.arguments(LeadTagsSchema)
@blp.response(200, UpdatedSchema, message=M["leads_updated"])
@blp.doc(operationId="replaceLeadTags", description=BULK + " Each lead's tags become exactly `tags`.")
def lead_set_assign_tags(body):
    """Replace tags"""
    return store.set_tags(principal(), body, replace=True)


# -- custom fields, notes, follow-ups (doc 6.5) -------------------------------------------------------
@blp.route("/lead/update-custom-fields", methods=["POST"])
@blp.arguments(CustomFieldsSchema)
@blp.response(200, LeadSchema, message="Custom fields updated")
@blp.doc(operationId="updateLeadCustomFields")
def lead_update_custom_fields(body):
    """Merge custom fields into a lead

    Sandbox: `custom_fields` is merged into the lead's (a key sent with `null` keeps the key with
    null). A `lead_id` of another organization answers 404, like a missing one.
    """
    return notes.set_custom_fields(principal(), body["lead_id"], body["custom_fields"])


@blp.route("/lead/custom-field", methods=["POST"])
@blp.arguments(CustomFieldSchema)
@blp.response(200, LeadSchema, message="Custom field saved")
@blp.doc(operationId="setLeadCustomField")
def lead_custom_field(body):
    """Set one custom field of a lead

    Sandbox: `custom_fields[field_name]` becomes `field_value` (null when absent). A `lead_id` of
    another organization answers 404.
    """
    return notes.set_custom_fields(principal(), body["lead_id"], {body["field_name"]: body["field_value"]})


@blp.route("/lead/note/list", methods=["GET"])
@blp.arguments(NoteListQuery, location="query")
@blp.response(200, NoteSchema(many=True), message="Notes fetched")
@blp.doc(operationId="listLeadNotes")
def lead_note_list(args):
    """List a lead's notes

    Sandbox: `lead_id` is required; a lead of another organization answers 404.
    """
    return notes.list_notes(principal(), args)


@blp.route("/lead/note/add", methods=["POST"])
@blp.arguments(NoteAddSchema)
@blp.response(201, NoteSchema, message="Note added")
@blp.doc(operationId="addLeadNote")
def lead_note_add(body):
    """Add a note to a lead

    Sandbox: a `lead_id` of another organization answers 404. The lead's `last_activity_at`
    moves to now and the activity feed records `note_added`.
    """
    return notes.add_note(principal(), body)


@blp.route("/lead/follow-up/list", methods=["GET"])
@blp.arguments(FollowUpListQuery, location="query")
@blp.response(200, FollowUpSchema(many=True), message="Follow-ups fetched")
@blp.doc(operationId="listLeadFollowUps")
def lead_follow_up_list(args):
    """List a lead's follow-ups

    Sandbox: `lead_id` is required; `status` (1-6) filters; a lead of another organization
    answers 404.
    """
    return notes.list_follow_ups(principal(), args)


@blp.route("/lead/follow-up/add", methods=["POST"])
@blp.arguments(FollowUpAddSchema)
@blp.response(201, FollowUpSchema, message="Follow-up added")
@blp.doc(operationId="addLeadFollowUp")
def lead_follow_up_add(body):
    """Schedule a follow-up for a lead

    Sandbox: `follow_up_date` is ISO 8601 (UTC when it has no offset) and is answered in UTC;
    `status` defaults to 1. A `lead_id` of another organization answers 404. The lead's
    `last_activity_at` moves to now and the feed records `follow_up_added`.
    """
    return notes.add_follow_up(principal(), body)


# -- documents, profile image, imports (doc 6.2, 6.5, 7.1) ---------------------------------------------
@blp.route("/lead/document/list", methods=["GET"])
@blp.arguments(DocumentListQuery, location="query")
@blp.response(200, DocumentSchema(many=True), message="Documents fetched")
@blp.doc(operationId="listLeadDocuments")
def lead_document_list(args):
    """List a lead's documents

    Sandbox: metadata only (never the bytes); the lead's profile images are listed too
    (`document_type: profile_image`). A lead of another organization answers 404.
    """
    return notes.list_documents(principal(), args)


@blp.route("/lead/document/add", methods=["POST"])
@blp.arguments(DocumentFormSchema, location="form", content_type="multipart/form-data")
@blp.response(201, DocumentSchema, message="Document added")
@blp.doc(operationId="addLeadDocument")
def lead_document_add(form):
    """Attach a document to a lead

    Sandbox: multipart/form-data with `lead_id` and `file` (any type, 1 byte to 10 MB, else 422
    naming `file`). A `lead_id` of another organization answers 404. Answers the metadata; the
    lead's `last_activity_at` moves to now and the feed records `document_added`.
    """
    return notes.add_document(principal(), form, form["file"])


@blp.route("/lead/<int:id>/upload-profile-image", methods=["POST"])
@blp.arguments(ImageSchema, location="files")
@blp.response(200, LeadSchema, message="Profile image uploaded")
@blp.doc(operationId="uploadLeadProfileImage")
def lead_upload_profile_image(files, id):
    """Upload a lead's profile image

    Sandbox: multipart/form-data with `image`; the type is sniffed from the bytes (PNG, JPEG,
    GIF, WebP; anything else answers 422 naming `image`), over 5 MB answers 422 naming `image`.
    The lead's `profile_image` becomes a stable URL of the stored image (also listed among its
    documents). A lead of another organization answers 404.
    """
    return notes.upload_profile_image(principal(), id, files["image"])


@blp.route("/lead/lead-imports", methods=["POST"])
@blp.arguments(FileSchema, location="files")
@blp.response(202, JobSchema, message="Lead import queued")
@blp.doc(operationId="importLeads")
def lead_imports(files):
    """Import leads from a CSV or XLSX file

    Sandbox: multipart/form-data with `file`; the header row names lead fields (`first_name`,
    `last_name`, `email`, `phone_number`, `company`, `job_title`, `linkedin_url`, `status`,
    `priority` (1-4 or Low/Medium/High/Urgent), `lead_source`, `estimated_value`, `city`,
    `country`, ...; unknown columns are ignored). An unreadable file, another type, no header row
    or more than 10,000 rows answers 422 naming `file`. Answers 202 with the `lead_import` job
    (see `/api/import-job/list`): `queued` for 1 s, `processing` until 5 s of sandbox time, then
    `completed` with `result: {total, created, duplicate, failed}`: a row whose email a lead of
    your organization (or an earlier row) has is a `duplicate`, a row breaking the `lead/add`
    rules is `failed`. You get an `import_done` notification.
    """
    return imports.start_import(principal(), files["file"])
