"""Lead enrichment routes (doc 6.3)."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.enrichment import store
from app.vendors.lio.enrichment.schemas import (
    BulkEnrichSchema,
    EnrichmentJobSchema,
    EnrichResultSchema,
    EnrichSchema,
    LinkedinLeadSchema,
    LinkedinQuery,
)

blp = LioBlueprint("lio_enrichment", __name__, auth=bearer, description="Enrich leads and browse LinkedIn leads.")


@blp.route("/lead-enrichment/enrich", methods=["POST"])
@blp.arguments(EnrichSchema)
@blp.response(200, EnrichResultSchema, message="Lead enriched successfully")
@blp.doc(operationId="enrichLead")
def enrich(body):
    """Enrich a single lead

    Sandbox: the profile is a deterministic function of the input (the same input always answers
    the same job title, seniority, company size, industry, location, phone, LinkedIn URL and email);
    nothing leaves the sandbox. With `lead_id` (a lead of your organization, else 422) the lead's
    own fields complete the input and only its EMPTY fields are filled (`filled_fields`); `lead` is
    the lead afterwards. With only a `name` there is nothing to match: `status` is `not_found`.
    """
    return store.enrich(principal(), body)


@blp.route("/lead-enrichment/enrich/bulk", methods=["POST"])
@blp.arguments(BulkEnrichSchema)
@blp.response(202, EnrichmentJobSchema, message="Bulk enrichment started")
@blp.doc(operationId="bulkEnrichLeads")
def enrich_bulk(body):
    """Bulk enrich (asynchronous)

    Sandbox: `leads` is 1-500 objects each with at least one of linkedin_url, email, name,
    company, domain (422 naming the index otherwise). Answers 202 with an `enrichment` job that
    completes 5 seconds of sandbox time later (`POST /__admin/clock/advance`): one result per input,
    and leads of your organization matching an input's email or LinkedIn URL get their empty
    fields filled. `result` counts `total`, `enriched`, `failed` (name-only inputs fail).
    """
    return store.enrich_bulk(principal(), body)


@blp.route("/lead-enrichment/job/<int:jobId>", methods=["GET"])
@blp.response(200, EnrichmentJobSchema, message="Enrichment job fetched successfully")
@blp.doc(operationId="getEnrichmentJob")
def enrichment_job(jobId):
    """Enrichment job status

    Sandbox: `results` is null until the job is `completed`. A job of another organization, or
    a job that is not an enrichment, answers 404.
    """
    return store.get_job(principal(), jobId)


@blp.route("/lead-enrichment/linkedin-leads/recent", methods=["GET"])
@blp.arguments(LinkedinQuery, location="query")
@blp.response(200, LinkedinLeadSchema(many=True), message="LinkedIn leads fetched successfully")
@blp.doc(operationId="listRecentLinkedinLeads")
def linkedin_recent(args):
    """Recent LinkedIn leads

    Sandbox: seeded per organization, newest first; `search` is a case-insensitive substring of
    name, headline, company or location; `limit` is 1-100.
    """
    return store.recent_linkedin(principal(), args)


@blp.route("/lead-enrichment/linkedin-leads/<int:id>", methods=["GET"])
@blp.response(200, LinkedinLeadSchema, message="LinkedIn lead fetched successfully")
@blp.doc(operationId="getLinkedinLead")
def linkedin_one(id):
    """One LinkedIn lead

    Sandbox: a LinkedIn lead of another organization answers 404.
    """
    return store.get_linkedin(principal(), id)
