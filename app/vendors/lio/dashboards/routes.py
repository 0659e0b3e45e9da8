"""Dashboard routes (doc 6.10) and global search (doc 6.1)."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import DeletedSchema
from app.vendors.lio.dashboards import store
from app.vendors.lio.dashboards.schemas import (
    AiDashboardSchema, DashboardCreateSchema, DashboardListQuery, DashboardSchema, DashboardUpdateSchema,
    GlobalSearchQuery, GlobalSearchSchema, LeadAgingSchema, OverviewSchema, QueryExecuteSchema,
    QueryResultSchema, QuerySchema, RangeQuery, TopAccountSchema, TopAccountsQuery)

blp = LioBlueprint("lio_dashboards", __name__, auth=bearer,
                   description="Dashboards, saved queries and global search over your organization's data.")


@blp.route("/dashboard/overview", methods=["GET"])
@blp.arguments(RangeQuery, location="query")
@blp.response(200, OverviewSchema, message="Dashboard overview fetched successfully")
@blp.doc(operationId="getDashboardOverview")
def overview(args):
    """Dashboard overview

    Sandbox: computed from the organization's current data: leads created in the range (on
    `created_at`, dates inclusive), by status and source, `conversion_rate` = Won leads / leads,
    `pipeline_value` = their estimated values; deals created in the range, open and won (count and
    value); companies and contacts created in the range. No range = all time.
    """
    return store.overview(principal(), args)


@blp.route("/dashboard/stats", methods=["GET"])
@blp.arguments(RangeQuery, location="query")
@blp.response(200, OverviewSchema, message="Dashboard stats fetched successfully")
@blp.doc(operationId="getDashboardStats")
def stats(args):
    """Dashboard stats

    Sandbox: the same numbers as `/dashboard/overview` for the range.
    """
    return store.overview(principal(), args)


@blp.route("/dashboard/lead-aging", methods=["GET"])
@blp.response(200, LeadAgingSchema, message="Lead aging fetched successfully")
@blp.doc(operationId="getLeadAging")
def lead_aging():
    """Lead aging

    Sandbox: open leads (not Won or Lost) bucketed by whole days since `created_at` on the sandbox
    clock: 0-7, 8-30, 31-90, 90+.
    """
    return store.lead_aging(principal())


@blp.route("/dashboard/top-accounts", methods=["GET"])
@blp.arguments(TopAccountsQuery, location="query")
@blp.response(200, TopAccountSchema(many=True), message="Top accounts fetched successfully")
@blp.doc(operationId="listTopAccounts")
def top_accounts(args):
    """Top accounts

    Sandbox: companies with linked leads, ranked by `total_value` = the leads' estimated values plus
    their deals' values (ties by company id); at most `limit` (default 10, max 100).
    """
    return store.top_accounts(principal(), args["limit"])


@blp.route("/dashboards", methods=["GET"])
@blp.arguments(DashboardListQuery, location="query")
@blp.response(200, DashboardSchema(many=True), message="Dashboards fetched successfully")
@blp.doc(operationId="listDashboards")
def dashboards(args):
    """List dashboards

    Sandbox: `personal` dashboards are listed to their creator only; `team` and `workspace` ones
    to the whole organization. `scope` filters.
    """
    return store.list_dashboards(principal(), args)


@blp.route("/dashboards", methods=["POST"])
@blp.arguments(DashboardCreateSchema)
@blp.response(201, DashboardSchema, message="Dashboard created successfully")
@blp.doc(operationId="createDashboard")
def dashboard_create(body):
    """Create dashboard

    Sandbox: `dashboard_id` is a client-chosen key unique per organization (taken → 409);
    `id` is the numeric id PUT and DELETE take. `scope` defaults to `personal`.
    """
    return store.create_dashboard(principal(), body)


@blp.route("/dashboards/<int:id>", methods=["PUT"])
@blp.arguments(DashboardUpdateSchema, required=False)
@blp.response(200, DashboardSchema, message="Dashboard updated successfully")
@blp.doc(operationId="updateDashboard")
def dashboard_update(body, id):
    """Update dashboard

    Sandbox: only the fields sent change; a `dashboard_id` taken by another dashboard → 409.
    """
    return store.update_dashboard(principal(), id, body)


@blp.route("/dashboards/<int:id>", methods=["DELETE"])
@blp.response(200, DeletedSchema, message="Dashboard deleted successfully")
@blp.doc(operationId="deleteDashboard")
def dashboard_delete(id):
    """Delete dashboard"""
    return store.delete_dashboard(principal(), id)


@blp.route("/ai-dashboards/generate", methods=["POST"])
@blp.arguments(AiDashboardSchema)
@blp.response(201, DashboardSchema, message="Dashboard generated successfully")
@blp.doc(operationId="generateAiDashboard")
def ai_generate(body):
    """Generate a dashboard with AI

    Sandbox: deterministic: one widget per topic the prompt names (status/pipeline/funnel, deal/stage/
    revenue, source/channel, trend/daily/created), all four when none; stored as a dashboard
    (`dashboard_id` defaults to `ai-dashboard-<n>`). Spends the `ai_dashboard` price (10 credits);
    a balance that cannot pay → 403 `insufficient_credits` and nothing is stored.
    """
    return store.generate(principal(), body)


@blp.route("/queries", methods=["GET"])
@blp.response(200, QuerySchema(many=True), message="Queries fetched successfully")
@blp.doc(operationId="listQueries")
def queries():
    """List saved queries

    Sandbox: every organization has the same four saved queries: leads_by_status, deals_by_stage,
    top_sources, leads_created_per_day.
    """
    return store.list_queries(principal())


@blp.route("/queries/<queryId>/execute", methods=["POST"])
@blp.arguments(QueryExecuteSchema, required=False)
@blp.response(200, QueryResultSchema, message="Query executed successfully")
@blp.doc(operationId="executeQuery")
def query_execute(body, queryId):
    """Execute a saved query

    Sandbox: computed over the organization's current data; `parameters.start_date`/`end_date`
    bound `created_at`, `limit` keeps the first rows. Unknown query → 404.
    """
    return store.execute_query(principal(), queryId, body)


@blp.route("/user/global-search", methods=["GET"])
@blp.arguments(GlobalSearchQuery, location="query")
@blp.response(200, GlobalSearchSchema, message="Search results fetched successfully")
@blp.doc(operationId="globalSearch")
def global_search(args):
    """Global search

    Sandbox: case-insensitive substring match over the organization's leads (name, email, company,
    phone), contacts (name, email, phone) and companies (name, website, city), grouped, newest
    first, at most `limit` (default 10, max 50) per group.
    """
    return store.global_search(principal(), args)
