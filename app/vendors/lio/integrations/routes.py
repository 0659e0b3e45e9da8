"""Integration routes (doc 6.14): connected apps, HubSpot, Slack, Teams."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.integrations import store
from app.vendors.lio.integrations.schemas import (ConnectedAppSchema, HubspotImportSchema, HubspotPropertySchema,
                                                  PropertiesQuery, SlackChannelSchema, SlackSentSchema, SlackTestSchema,
                                                  TeamsChannelSchema, TeamsQuery)
from app.vendors.lio.jobs.schemas import JobSchema

blp = LioBlueprint("lio_integrations", __name__, auth=bearer,
                   description="Connected apps: import from HubSpot, notify Slack, list Teams channels.")


@blp.route("/connected-apps/list", methods=["GET"])
@blp.response(200, ConnectedAppSchema(many=True), message="Connected apps fetched successfully")
@blp.doc(operationId="listConnectedApps")
def connected_apps_list():
    """List connected providers

    Sandbox: every provider (HubSpot, Slack, Teams) with its `status` for your organization, seeded:
    Acme has all three connected, Globex only Slack, generated organizations none. HubSpot's
    `last_synced_at` moves when an import completes.
    """
    return store.list_apps(principal())


@blp.route("/connected-apps/hubspot/properties", methods=["GET"])
@blp.arguments(PropertiesQuery, location="query")
@blp.response(200, HubspotPropertySchema(many=True), message="HubSpot properties fetched successfully")
@blp.doc(operationId="listHubspotProperties")
def hubspot_properties(args):
    """HubSpot fields

    Sandbox: the connected portal's contact and company properties (seeded). `all=0` (default)
    lists the visible, importable ones (the keys an import `mapping` takes); `all=1` adds the hidden
    read-only ones (record id, dates, lifecycle stage, lead status).

    Sandbox: a provider that is not connected for your organization answers 409 `conflict`.
    """
    return store.hubspot_properties(principal(), args)


@blp.route("/connected-apps/hubspot/import", methods=["POST"])
@blp.arguments(HubspotImportSchema, required=False)
@blp.response(202, JobSchema, message="HubSpot import started")
@blp.doc(operationId="startHubspotImport")
def hubspot_import(body):
    """Start a HubSpot import

    Sandbox: answers 202 with a `hubspot_import` job (also listed by `/api/import-job/list`):
    `queued`, `processing` after 1 second of sandbox time, `completed` after 5 (`POST
    /__admin/clock/advance`). At completion the portal's HubSpot contacts created between `from`
    and `to` (inclusive dates on the HubSpot create date; oldest first, at most `limit`, 1-1000,
    default 100) become leads, and their associated HubSpot companies become companies (reused by
    name). `mapping.lead` maps HubSpot contact properties to lead fields and must fill
    `first_name` and `last_name`; `mapping.company` maps company properties to company fields and
    must fill `company_name`; a property that is not importable (see `hubspot/properties`) or an
    unknown target field answers 422 naming `mapping.<lead|company>.<property>`. Rows follow the
    rules of `lead/add`: an email already in your organization (or earlier in the same import)
    counts as `duplicate`, a row those rules refuse as `failed`. `result` counts `total`,
    `created`, `duplicate`, `failed`, `companies_created`, `companies_existing`, with the created
    `lead_ids`; each lead carries `custom_fields.hubspot_object_id`. An `import_done` notification
    follows. The body is optional: without one, the default mapping and the first 100 records.

    Sandbox: HubSpot not connected for your organization answers 409 `conflict`.
    """
    return store.start_hubspot_import(principal(), body)


@blp.route("/connected-apps/hubspot/import/<int:id>/status", methods=["GET"])
@blp.response(200, JobSchema, message="HubSpot import status fetched successfully")
@blp.doc(operationId="getHubspotImportStatus")
def hubspot_import_status(id):
    """HubSpot import status

    Sandbox: a job of another organization, or a job that is not a HubSpot import, answers 404.
    """
    return store.hubspot_import_status(principal(), id)


@blp.route("/slack/channels", methods=["GET"])
@blp.response(200, SlackChannelSchema(many=True), message="Slack channels fetched successfully")
@blp.doc(operationId="listSlackChannels")
def slack_channels():
    """List Slack channels

    Sandbox: the seeded channels of your organization's Slack workspace, by name, each with the
    count and the last of the test notifications sent to it.

    Sandbox: Slack not connected for your organization answers 409 `conflict`.
    """
    return store.slack_channels(principal())


@blp.route("/slack/test-notification", methods=["POST"])
@blp.arguments(SlackTestSchema)
@blp.response(201, SlackSentSchema, message="Test notification sent")
@blp.doc(operationId="sendSlackTestNotification")
def slack_test_notification(body):
    """Send a test Slack notification

    Sandbox: nothing leaves the sandbox: the message (a sample text for `event_type`, default
    `test`) is recorded, answers 201, shows in the channel's `last_notification` in
    `slack/channels` and in the activity feed (`model_type=slack_channel`). `channel` is a channel
    id or name (`#` optional, case-insensitive); a channel not in your workspace answers 404.

    Sandbox: Slack not connected for your organization answers 409 `conflict`.
    """
    return store.slack_test_notification(principal(), body)


@blp.route("/teams/channels", methods=["GET"])
@blp.arguments(TeamsQuery, location="query")
@blp.response(200, TeamsChannelSchema(many=True), message="Teams channels fetched successfully")
@blp.doc(operationId="listTeamsChannels")
def teams_channels(args):
    """List Teams channels

    Sandbox: the seeded channels of the team `team_id` (the `team_id` of any listed channel);
    without `team_id`, the channels of every team of your tenant. A `team_id` that is not one of
    your teams answers 404.

    Sandbox: Teams not connected for your organization answers 409 `conflict`.
    """
    return store.teams_channels(principal(), args)
