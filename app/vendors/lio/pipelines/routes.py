"""Pipeline and deal routes (doc 6.6, 7.2, 7.3): one function per documented path, named after it."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.pipelines import store
from app.vendors.lio.pipelines.schemas import (DealCreateSchema, DealListQuery, DealSchema, DealUpdateSchema,
                                               DeletedSchema, IdsSchema, PipelineCreateSchema, PipelineListQuery,
                                               PipelineSchema, PipelineUpdateSchema, PipelineStageSchema)

blp = LioBlueprint("lio_pipelines", __name__, auth=bearer, description="Pipelines, their stages, and deals.")


@blp.route("/pipelines/list", methods=["GET"])
@blp.arguments(PipelineListQuery, location="query")
@blp.response(200, PipelineSchema(many=True), message="Pipelines fetched")
@blp.doc(operationId="listPipelines")
def pipelines_list(args):
    """List pipelines

    Sandbox: each pipeline carries its stages (by position) and `deal_count`/`deal_value`.
    `state_id` takes comma-separated values (1=Active, 0=Inactive); `search_value` matches name
    or region; `start_date`/`end_date` are on `created_at`. Every organization has a seeded
    default "Sales Pipeline" (`is_default: true`).
    """
    return store.list_pipelines(principal(), args)


@blp.route("/pipelines/add", methods=["POST"])
@blp.arguments(PipelineCreateSchema)
@blp.response(201, PipelineSchema, message="Pipeline created")
@blp.doc(operationId="createPipeline")
def pipelines_add(body):
    """Create a pipeline with stages

    Sandbox: without `stages` the pipeline gets the default six stages (Prospecting 0.1 ...
    Won 1.0, Lost 0), unprotected. A stage without `probability` gets 1 when `is_won`, else 0;
    without `position` its place in the array. At most one won and one lost stage (422).
    `max_deal_limit` caps the `value` of the pipeline's deals (422 `value` above it).
    """
    return store.create_pipeline(principal(), body)


@blp.route("/pipelines/update/<int:id>", methods=["PUT"])
@blp.arguments(PipelineUpdateSchema)
@blp.response(200, PipelineSchema, message="Pipeline updated")
@blp.doc(operationId="updatePipeline")
def pipelines_update(body, id):
    """Update a pipeline

    Accepts any pipeline field.

    Sandbox: only the fields sent change. In `stages`, an item with `id` updates that stage of
    this pipeline (only the fields it sends), an item without `id` adds a stage (needs `name`);
    stages not sent are kept. `remove_stage_ids` removes stages (409 while a stage has deals).
    Changing or removing a protected stage (the won and lost stages of the default pipeline)
    answers 403 `forbidden`; a stage id of another pipeline answers 422. A pipeline of another
    organization answers 404.
    """
    return store.update_pipeline(principal(), id, body)


@blp.route("/pipelines/delete", methods=["DELETE"])
@blp.arguments(IdsSchema)
@blp.response(200, DeletedSchema, message="Pipelines deleted")
@blp.doc(operationId="deletePipelines")
def pipelines_delete(body):
    """Delete pipelines

    Sandbox: the body is `{"ids": [...]}`; ids of other organizations are ignored (404 when none
    is yours). The default pipeline answers 403 `forbidden`, a pipeline that still has deals 409
    `conflict`; then nothing is deleted. Answers `data: {"deleted": <count>}`.
    """
    return store.delete_pipelines(principal(), body)


@blp.route("/pipelines/stages/<int:id>", methods=["GET"])
@blp.response(200, PipelineStageSchema(many=True), message="Stages fetched")
@blp.doc(operationId="listPipelineStages")
def pipelines_stages(id):
    """Stages for a pipeline

    Sandbox: the stages by `position`; a pipeline of another organization answers 404.
    """
    return store.list_stages(principal(), id)


@blp.route("/lead/deal/list", methods=["GET"])
@blp.arguments(DealListQuery, location="query")
@blp.response(200, DealSchema(many=True), message="Deals fetched")
@blp.doc(operationId="listDeals")
def lead_deal_list(args):
    """List deals

    Sandbox: `status` is a comma-separated list of stage ids; `lead_id`, `pipeline_id` and
    `priority` match exactly; `start_date`/`end_date` are on `created_at`, `close_from`/`close_to`
    on `expected_close_date` (inclusive); `search_value` matches title or description.
    """
    return store.list_deals(principal(), args)


@blp.route("/lead/deal/add", methods=["POST"])
@blp.arguments(DealCreateSchema)
@blp.response(201, DealSchema, message="Deal created")
@blp.doc(operationId="createDeal")
def lead_deal_add(body):
    """Create a deal

    Sandbox: `lead_id` must be a lead and `pipeline_id` a pipeline of your organization, and
    `stage_id` a stage of that pipeline (422 naming the field otherwise). `priority` defaults to
    2. The deal's `stage_entered_at` is now and its first forecast history point is recorded.
    """
    return store.create_deal(principal(), body)


@blp.route("/lead/deal/update/<int:id>", methods=["POST"])
@blp.arguments(DealUpdateSchema)
@blp.response(200, DealSchema, message="Deal updated")
@blp.doc(operationId="updateDeal")
def lead_deal_update(body, id):
    """Update a deal

    Accepts any deal field.

    Sandbox: only the fields sent change, with the rules of create (moving to another pipeline
    needs a `stage_id` of it). A stage change resets `stage_entered_at`; each change of stage,
    value or expected close date records a forecast history point. A deal of another organization
    answers 404.
    """
    return store.update_deal(principal(), id, body)


@blp.route("/lead/deal/delete", methods=["DELETE"])
@blp.arguments(IdsSchema)
@blp.response(200, DeletedSchema, message="Deals deleted")
@blp.doc(operationId="deleteDeals")
def lead_deal_delete(body):
    """Delete deals

    Sandbox: the body is `{"ids": [...]}`; ids of other organizations are ignored (404 when none
    is yours); the deals' history goes with them. Answers `data: {"deleted": <count>}`.
    """
    return store.delete_deals(principal(), body)
