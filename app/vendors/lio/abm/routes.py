"""Target account (ABM) routes (doc 6.8)."""

from app.core.auth import principal
from app.vendors.lio.abm import store
from app.vendors.lio.abm.schemas import (
    AccountCreateSchema,
    AccountDetailSchema,
    AccountListQuery,
    AccountSchema,
    AccountUpdateSchema,
    AddContactSchema,
    BulkEmailResultSchema,
    BulkEmailSchema,
    FunnelSchema,
    PlanCreateSchema,
    PlanListQuery,
    PlanSchema,
    TopQuery,
)
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import DeletedSchema

blp = LioBlueprint("lio_abm", __name__, auth=bearer, description="Account-based marketing: target accounts.")

RULES = ("Sandbox: `engagement_score` is 10 per email sent plus 15 per outreach step (25 for a meeting), "
         "capped at 100. `health`, on the sandbox clock, comes from the latest engagement (email sent or outreach "
         "step created): `healthy` within 14 days, `at_risk` within 45 days, `cold` older or never. "
         "Seeded engagement is dated before the seed anchor 2026-06-15, so seeded accounts read `cold` on a "
         "later clock until new activity (`PUT /__admin/clock` to look from the anchor).")


@blp.route("/target-accounts", methods=["GET"])
@blp.arguments(AccountListQuery, location="query")
@blp.response(200, AccountSchema(many=True), message="Target accounts fetched successfully")
@blp.doc(operationId="listTargetAccounts", description=RULES + " `search` is a case-insensitive substring of the "
         "company name; `sort` is one of the listed names, `-` first for descending (default `-id`).")
def list_accounts(args):
    """List target accounts"""
    return store.list_accounts(principal(), args)


@blp.route("/target-accounts", methods=["POST"])
@blp.arguments(AccountCreateSchema)
@blp.response(201, AccountSchema, message="Target account created successfully")
@blp.doc(operationId="createTargetAccount")
def create_account(body):
    """Create a target account

    Sandbox: `company_id` must be a company of your organization and `owner_id` one of your users
    (422 otherwise; the owner defaults to you); a company already targeted answers 409. `tier` is
    1-3 (default 2), `icp_fit_score` 0-100, `status` active|paused|won|lost (default active).
    """
    return store.create_account(principal(), body)


@blp.route("/target-accounts/<int:id>", methods=["GET"])
@blp.response(200, AccountDetailSchema, message="Target account fetched successfully")
@blp.doc(operationId="getTargetAccount", description=RULES + " An account of another organization answers 404.")
def get_account(id):
    """Account detail"""
    return store.get_account(principal(), id)


@blp.route("/target-accounts/<int:id>", methods=["PATCH"])
@blp.arguments(AccountUpdateSchema, required=False)
@blp.response(200, AccountDetailSchema, message="Target account updated successfully")
@blp.doc(operationId="updateTargetAccount")
def update_account(body, id):
    """Update an account

    Sandbox: only the fields sent change; the rules of create apply.
    """
    return store.update_account(principal(), id, body)


@blp.route("/target-accounts/<int:id>", methods=["DELETE"])
@blp.response(200, DeletedSchema, message="Target account deleted successfully")
@blp.doc(operationId="deleteTargetAccount")
def delete_account(id):
    """Delete an account

    Sandbox: its stakeholders, emails and outreach plans go with it; the company and contacts stay.
    """
    return store.delete_account(principal(), id)


@blp.route("/target-accounts/<int:id>/contacts", methods=["POST"])
@blp.arguments(AddContactSchema)
@blp.response(201, AccountDetailSchema, message="Contact added successfully")
@blp.doc(operationId="addTargetAccountContact")
def add_contact(body, id):
    """Add a contact

    Sandbox: `contact_id` must be a contact of your organization (422), once per account (409);
    `stakeholder_role` decision_maker|champion|influencer|economic_buyer|user (default influencer).
    Answers the account detail.
    """
    return store.add_contact(principal(), id, body)


@blp.route("/target-accounts/<int:id>/send-bulk-email", methods=["POST"])
@blp.arguments(BulkEmailSchema)
@blp.response(200, BulkEmailResultSchema, message="Emails sent successfully")
@blp.doc(operationId="sendTargetAccountBulkEmail")
def send_bulk_email(body, id):
    """Email account contacts

    Sandbox: `contact_ids` must be contacts of this account (422 otherwise; default all of them);
    `mode` individual|bcc. One sent message is recorded per recipient with an email address
    (others are `skipped`), which raises the account's engagement (answered).
    """
    return store.send_bulk_email(principal(), id, body)


@blp.route("/target-accounts/<int:id>/outreach-plans", methods=["GET"])
@blp.arguments(PlanListQuery, location="query")
@blp.response(200, PlanSchema(many=True), message="Outreach plans fetched successfully")
@blp.doc(operationId="listOutreachPlans")
def list_plans(args, id):
    """List outreach plans

    Sandbox: every step of the account, by `scheduled_at`.
    """
    return store.list_plans(principal(), id, args)


@blp.route("/target-accounts/<int:id>/outreach-plans", methods=["POST"])
@blp.arguments(PlanCreateSchema)
@blp.response(201, PlanSchema, message="Outreach step created successfully")
@blp.doc(operationId="createOutreachPlan")
def create_plan(body, id):
    """Create an outreach step

    Sandbox: `contact_id` a contact of your organization, `assigned_to` one of your users (422
    otherwise); `channel` email|call|linkedin|meeting; `scheduled_at` ISO 8601 (UTC when no offset).
    A step counts as engagement when created.
    """
    return store.create_plan(principal(), id, body)


@blp.route("/reports/abm/funnel", methods=["GET"])
@blp.response(200, FunnelSchema, message="ABM funnel fetched successfully")
@blp.doc(operationId="getAbmFunnel")
def abm_funnel():
    """ABM funnel metrics

    Sandbox: computed from your target accounts now: `targeted` every account; `engaged` those
    with an email sent or an outreach step (or won); `opportunity` those with a stakeholder linked
    to a lead, a meeting step, or won; `won` status won. `rate` is the percent of targeted; `health`
    counts accounts per health.
    """
    return store.funnel(principal())


@blp.route("/reports/abm/top-engaged", methods=["GET"])
@blp.arguments(TopQuery, location="query")
@blp.response(200, AccountSchema(many=True), message="Top engaged accounts fetched successfully")
@blp.doc(operationId="listTopEngagedAccounts", description=RULES + " Highest engagement first (ties by id); "
         "`limit` 1-100, default 10.")
def abm_top_engaged(args):
    """Top engaged accounts"""
    return store.top_engaged(principal(), args["limit"])
