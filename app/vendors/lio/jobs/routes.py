"""Import jobs (doc 6.2): one function per documented path."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.jobs import store
from app.vendors.lio.jobs.schemas import ImportJobListQuery, JobSchema

blp = LioBlueprint("lio_jobs", __name__, auth=bearer, description="Track import and other background jobs.")


@blp.route("/import-job/list", methods=["GET"])
@blp.arguments(ImportJobListQuery, location="query")
@blp.response(200, JobSchema(many=True), message="Import jobs fetched successfully")
@blp.doc(operationId="listImportJobs")
def import_job_list(args):
    """Track import job status

    Sandbox: every job of your organization (lead imports, enrichment, exports, HubSpot
    imports), newest first; `type` filters one kind. A job is `queued` for its first second of
    sandbox time, then `processing`, and `completed` (with `result` counts) or `failed` 5 seconds
    after it was created — `POST /__admin/clock/advance` moves it along.
    """
    return store.list_jobs(principal(), args)
