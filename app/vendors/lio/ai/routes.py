"""AI tools and AI email routes (doc 6.9)."""

from app.core.auth import principal
from app.vendors.lio.ai import store
from app.vendors.lio.ai.schemas import (
    BulkDraftRequestSchema,
    BulkDraftsSchema,
    DraftListQuery,
    DraftRequestSchema,
    DraftSchema,
    DraftSendSchema,
    EmailGeneratorSchema,
    GeneratedEmailSchema,
    MagicPenOutSchema,
    MagicPenSchema,
)
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer

blp = LioBlueprint("lio_ai", __name__, auth=bearer,
                   description="AI tools (MagicPen, email generator) and AI email drafts for leads.")


@blp.route("/ai-tools/magicpen", methods=["POST"])
@blp.arguments(MagicPenSchema)
@blp.response(200, MagicPenOutSchema, message="Note enhanced successfully")
@blp.doc(operationId="enhanceNoteText")
def magicpen(body):
    """Enhance note text

    Sandbox: deterministic template text (sentences capitalised and joined, the lead's name, title,
    company and industry from `leadContext`, a next step). Costs `magicpen` credits (1); a balance that
    cannot pay answers 403 `insufficient_credits` and nothing is spent.
    """
    return store.magicpen(principal(), body)


@blp.route("/ai-tools/email-generator", methods=["POST"])
@blp.arguments(EmailGeneratorSchema)
@blp.response(200, GeneratedEmailSchema, message="Email generated successfully")
@blp.doc(operationId="generateEmail")
def email_generator(body):
    """Generate an email body

    Sandbox: deterministic template text from `prompt`, `emailBody` and `leadContext`; `emailSubject`
    is kept when sent, otherwise derived from the prompt. Costs `email_generator` credits (2); a balance
    that cannot pay answers 403 `insufficient_credits`.
    """
    return store.email_generator(principal(), body)


@blp.route("/ai-email/generate/<int:lead_id>", methods=["POST"])
@blp.arguments(DraftRequestSchema, required=False)
@blp.response(201, DraftSchema, message="Draft generated successfully")
@blp.doc(operationId="generateAiEmailDraft")
def generate(body, lead_id):
    """Draft an AI email for a lead

    Sandbox: a draft (status `draft`) addressed to the lead's email, text from the persona's template
    and the lead's name, company, title and industry. A lead of another organization answers 404.
    Costs `ai_email_draft` credits (2); a balance that cannot pay answers 403 `insufficient_credits`
    and no draft is created.
    """
    return store.generate(principal(), lead_id, body)


@blp.route("/ai-email/bulk-generate", methods=["POST"])
@blp.arguments(BulkDraftRequestSchema)
@blp.response(201, BulkDraftsSchema, message="Drafts generated successfully")
@blp.doc(operationId="bulkGenerateAiEmailDrafts")
def bulk_generate(body):
    """Draft emails for many leads

    Sandbox: 1 to 500 `lead_ids` (duplicates count once), one draft per lead, synchronously. Every lead
    must be of your organization (422 naming `lead_ids` otherwise, nothing created). Costs
    `ai_email_bulk` credits per lead (1 each), all or nothing: 403 `insufficient_credits` creates nothing.
    """
    return store.bulk_generate(principal(), body)


@blp.route("/ai-email/drafts/lead/<int:lead_id>", methods=["GET"])
@blp.arguments(DraftListQuery, location="query")
@blp.response(200, DraftSchema(many=True), message="Drafts fetched successfully")
@blp.doc(operationId="listAiEmailDraftsForLead")
def drafts_for_lead(args, lead_id):
    """List drafts for a lead

    Sandbox: the lead's drafts, newest first by default; `status` filters (`draft`, `approved`,
    `sent`), `search_value` matches subject and body. A lead of another organization answers 404.
    """
    return store.list_drafts(principal(), lead_id, args)


@blp.route("/ai-email/draft/<int:draft_id>/approve", methods=["PUT"])
@blp.response(200, DraftSchema, message="Draft approved successfully")
@blp.doc(operationId="approveAiEmailDraft")
def approve(draft_id):
    """Approve a draft

    Sandbox: `draft` → `approved` (approving an approved draft is a no-op); a sent draft answers 409.
    """
    return store.approve(principal(), draft_id)


@blp.route("/ai-email/draft/<int:draft_id>/send", methods=["POST"])
@blp.arguments(DraftSendSchema)
@blp.response(200, DraftSchema, message="Draft sent successfully")
@blp.doc(operationId="sendAiEmailDraft")
def send(body, draft_id):
    """Send an approved draft

    Sandbox: `config_id` must be one of your mail configurations (422 otherwise). Only an `approved`
    draft can be sent: an unapproved or already sent draft answers 409. The email lands in the
    configuration's `sent` folder with a tracking token; the draft becomes `sent` with its `message_id`.
    """
    return store.send(principal(), draft_id, body)
