"""Skode routes: the Leads API, webhook endpoints, and OAuth 2.0 (authorize page and token endpoint)."""

from urllib.parse import quote

from flask import current_app, request, url_for
from flask.views import MethodView
from werkzeug.routing import UnicodeConverter

from app.core.auth import principal
from app.vendors.skode import oauth, store, webhooks
from app.vendors.skode.api import RATE_HEADERS, SkodeBlueprint, SkodeOAuthBlueprint
from app.vendors.skode.auth import authenticate
from app.vendors.skode.schemas import (AuthorizeErrorSchema, AuthorizeQuerySchema, LeadCreateSchema, LeadQuerySchema,
                                       LeadSchema, LeadSearchSchema, LeadUpdateSchema, OAuthErrorSchema,
                                       TokenRequestSchema, TokenSchema, WebhookCreateSchema, WebhookQuerySchema,
                                       WebhookSchema)

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

blp = SkodeBlueprint(
    "skode_leads", __name__, url_prefix="/v1", auth=authenticate, settle="skode",
    description="Full CRUD for leads. Authenticate with `Authorization: Bearer <API key or OAuth token>`.",
)
webhooks_blp = SkodeBlueprint(
    "skode_webhooks", __name__, url_prefix="/v1", auth=authenticate, settle="skode",
    description="Webhook endpoints: Skode POSTs the events you subscribe to, signed when you set a secret.",
)
token_blp = SkodeOAuthBlueprint(
    "skode_oauth_token", __name__, url_prefix="/v1/oauth", settle="skode",
    description="OAuth 2.0 token endpoint (authorization code grant, RFC 6749).",
)
authorize_blp = SkodeOAuthBlueprint(
    "skode_oauth_authorize", __name__, url_prefix="/oauth", settle="skode",
    description="OAuth 2.0 consent page (https://app.skodeai.com/oauth/authorize in reality).",
)


class LeadIdConverter(UnicodeConverter):
    """A lead id: any path segment but ``search``, so ``/v1/leads/search`` is the search route alone
    (GET, PATCH and DELETE there are 405 with ``Allow: OPTIONS, POST``, not "Lead not found: search.")."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = r"(?!search\Z)[^/]{1,}"


blp.record_once(lambda state: state.app.url_map.converters.setdefault("lead_id", LeadIdConverter))


@blp.route("/leads")
class Leads(MethodView):
    @blp.doc(operationId="listLeads")
    @blp.arguments(LeadQuerySchema, location="query")
    @blp.response(200, LeadSchema(many=True))
    def get(self, args):
        """List leads

        Retrieve a paginated list of leads with optional filtering and sorting.
        `per_page` is at most 100; prefix `sort` with `-` for descending.

        Sandbox: the response is `{"data": [...], "meta": {"page", "per_page",
        "total", "total_pages"}}`; `per_page` defaults to 25 and `sort` to
        `-created_at`; `sort` takes `created_at`, `updated_at`, `name` (case-
        insensitive), `deal_value` or `status` (alphabetical), each optionally
        prefixed with `-`. Anything else, `per_page` outside 1-100, a `page`
        below 1, an unknown `status`/`source` or an unparseable date answers 422
        `validation_error` naming the parameter. `created_after` is inclusive,
        `created_before` exclusive; a date alone means midnight UTC. Unknown
        query parameters are ignored.
        """
        return store.list_leads(principal(), args)

    @blp.doc(operationId="createLead")
    @blp.arguments(LeadCreateSchema)
    @blp.response(201, LeadSchema, headers={**RATE_HEADERS, "Location": {
        "description": "The new lead's URL.", "schema": {"type": "string", "example": "/v1/leads/lead_abc123"}}})
    def post(self, body):
        """Create a lead

        Required fields: `name`. Optional: `email`, `phone`, `company`,
        `source`, `deal_value`, `status`, `owner_id`, `tags`, `custom_fields`.

        Sandbox: answers 201 with `{"data": {...}}` and a `Location` header.
        `status` defaults to `new`. `email` must be a valid address or null;
        `deal_value` a number >= 0 or null; `owner_id` a user of the workspace
        (see `/__admin/tenants`) or null; `tags` an array of strings;
        `custom_fields` an object. Wrong types, unknown enum values and unknown
        fields answer 422 `validation_error` with `details` naming each bad field.
        The read-only `id`, `owner`, `created_at` and `updated_at` are ignored.
        The body is read as JSON whatever its Content-Type.
        """
        lead = store.create_lead(principal(), body)
        # what url_for("skode_leads.LeadById", lead_id=...) answers, without building a URL adapter
        mount = current_app.extensions["leadmock.mounts"]["skode"]
        return lead, 201, {"Location": f"{request.script_root}{mount}/v1/leads/{quote(lead['id'], safe='')}"}


@blp.route("/leads/<lead_id:lead_id>")
class LeadById(MethodView):
    @blp.doc(operationId="getLead")
    @blp.response(200, LeadSchema)
    def get(self, lead_id):
        """Get a lead

        Retrieve a single lead by ID, including all fields and related data.

        Sandbox: the related data is `owner` (`{id, name, email}` of the
        owning user, or null). A lead of another workspace, or in the trash,
        answers 404 `not_found`.
        """
        return store.get_lead(principal(), lead_id)

    @blp.doc(operationId="updateLead")
    @blp.arguments(LeadUpdateSchema, required=False)   # no body changes nothing, as `{}` does
    @blp.response(200, LeadSchema)
    def patch(self, body, lead_id):
        """Update a lead

        Send only the fields you want to update. All other fields remain unchanged.

        Sandbox: the same field rules as create (`name` may not be null or
        blank; `status`, `tags` and `custom_fields` may not be null); `tags` and
        `custom_fields` are replaced as a whole. `updated_at` moves to the
        sandbox time whenever a field is sent; an empty object changes nothing.
        """
        return store.update_lead(principal(), lead_id, body)

    @blp.doc(operationId="deleteLead")
    @blp.response(204)
    def delete(self, lead_id):
        """Delete a lead

        Returns 204 No Content on success. Deleted leads are moved to trash and
        can be restored within 30 days.

        Sandbox: a trashed lead answers 404 to GET, PATCH and DELETE. The trash
        is not a Skode route: `GET /__admin/skode/trash?workspace=<id>` lists it
        and `POST /__admin/skode/trash/<lead_id>/restore` restores a lead;
        after 30 days of sandbox time the lead is purged for good.
        """
        return store.delete_lead(principal(), lead_id)


@blp.route("/leads/search")
class LeadSearch(MethodView):
    @blp.doc(operationId="searchLeads")
    @blp.arguments(LeadSearchSchema)
    @blp.response(200, LeadSchema(many=True))
    def post(self, body):
        """Search leads

        Full-text search over leads.

        Sandbox: the body is `{"query" (required, non-empty), "fields"
        (optional subset of name, email, phone, company, source, status; all six
        by default), "page", "per_page"}`. Matching is a case-insensitive
        substring match of the literal query (`%` and `_` are not wildcards);
        results are newest first, in the list envelope.
        """
        return store.search_leads(principal(), body)


WEBHOOK_SANDBOX = """
        Sandbox: of the documented events only `lead.created`, `lead.updated`,
        `lead.deleted` and `lead.assigned` (the owner changed; sent after
        `lead.updated`) are sent, by the Leads API of this sandbox; the others
        are accepted and never fire. Each delivery POSTs
        `{"id": "evt_...", "event", "created_at", "data": <the lead>}`
        (`lead.deleted`: the lead as it was) with `Content-Type: application/json`
        and, when the endpoint has a secret, `X-Skode-Signature`: the hex
        HMAC-SHA256 of the raw body keyed by the secret. An answer outside 2xx
        (redirects are not followed), a refused connection or a timeout (30 s,
        or `LEADMOCK_WEBHOOK_TIMEOUT`) is retried after 1 min, 5 min, 30 min,
        2 h and 24 h of sandbox time (`POST /__admin/clock/advance` fires them),
        then the delivery is failed. Every delivery and attempt is listed at
        `GET /__admin/webhooks/deliveries?vendor=skode`.
"""


def _doc(func):
    """A webhook view's docstring with the shared Sandbox paragraph (before the spec reads it)."""
    func.__doc__ = func.__doc__.rstrip() + "\n" + WEBHOOK_SANDBOX
    return func


@webhooks_blp.route("/webhooks")
class Webhooks(MethodView):
    @webhooks_blp.doc(operationId="listWebhooks")
    @webhooks_blp.arguments(WebhookQuerySchema, location="query")
    @webhooks_blp.response(200, WebhookSchema(many=True))
    def get(self, args):
        """List webhook endpoints

        Sandbox: the workspace's endpoints, oldest first, in the list envelope
        (`page`, `per_page` as for leads).
        """
        return webhooks.list_endpoints(principal(), args["page"], args["per_page"])

    @webhooks_blp.doc(operationId="createWebhook")
    @webhooks_blp.arguments(WebhookCreateSchema)
    @webhooks_blp.response(201, WebhookSchema, headers={**RATE_HEADERS, "Location": {
        "description": "The new endpoint's URL.", "schema": {"type": "string", "example": "/v1/webhooks/wh_abc123"}}})
    @_doc
    def post(self, body):
        """Create a webhook endpoint

        `url` (HTTPS required), `events` (the event names to receive) and an
        optional `secret` (e.g. `whsec_...`) that signs every delivery.

        Sandbox: answers 201 with `{"data": {...}}` and a `Location` header.
        `http://localhost` and `http://127.0.0.1` URLs are accepted so a local
        receiver works; any other non-HTTPS URL, an unknown event name, an
        empty `events` or an unknown field answers 422 `validation_error`.
        """
        hook = webhooks.create(principal(), body)
        return hook, 201, {"Location": url_for("skode_webhooks.WebhookById", webhook_id=hook["id"], _external=False)}


@webhooks_blp.route("/webhooks/<string:webhook_id>")
class WebhookById(MethodView):
    @webhooks_blp.doc(operationId="getWebhook")
    @webhooks_blp.response(200, WebhookSchema)
    def get(self, webhook_id):
        """Get a webhook endpoint

        Sandbox: an endpoint of another workspace answers 404 `not_found`.
        """
        return webhooks.get(principal(), webhook_id)

    @webhooks_blp.doc(operationId="deleteWebhook")
    @webhooks_blp.response(204)
    def delete(self, webhook_id):
        """Delete a webhook endpoint

        Returns 204 No Content; no further event is sent to it.

        Sandbox: an endpoint of another workspace answers 404 `not_found`;
        its deliveries still to be made, retries included, are cancelled
        (`/__admin/webhooks/deliveries` shows them `cancelled`).
        """
        return webhooks.delete(principal(), webhook_id)


@token_blp.route("/token")
class Token(MethodView):
    @token_blp.doc(security=[])
    @token_blp.arguments(TokenRequestSchema, location="json_or_form", error_status_code=400)
    @token_blp.response(200, TokenSchema)
    @token_blp.alt_response(400, schema=OAuthErrorSchema, description="RFC 6749 error")
    @token_blp.doc(operationId="createToken")
    @token_blp.alt_response(401, schema=OAuthErrorSchema, description="invalid_client")
    def post(self, params):
        """Exchange an authorization code or a refresh token for an access token

        `grant_type=authorization_code` with `code`, `client_id`,
        `client_secret` and `redirect_uri`.

        Sandbox: the body may be JSON or form-encoded (client credentials may
        also come as HTTP Basic). `grant_type=refresh_token` with
        `refresh_token` and the client credentials is accepted too. Codes are
        single-use and valid 10 minutes of sandbox time; `redirect_uri` must
        equal the one used at authorize; reusing a code answers `invalid_grant`
        and revokes the tokens issued from it. Access tokens last 3600 s of
        sandbox time; refresh tokens do not expire but rotate (each is
        single-use; reusing one answers `invalid_grant` and revokes every token
        issued from the same code). Errors follow RFC 6749: 400 `{"error", "error_description"}`
        with `invalid_request`, `invalid_grant`, `unsupported_grant_type` or
        `invalid_scope`; 401 `invalid_client`. This endpoint needs no API key
        and is not rate limited.
        """
        return oauth.exchange(params), 200, NO_STORE


@authorize_blp.route("/authorize")
class Authorize(MethodView):
    @authorize_blp.doc(operationId="authorize")
    @authorize_blp.doc(security=[])
    @authorize_blp.arguments(AuthorizeQuerySchema, location="query")
    @authorize_blp.response(302, description="Redirect to redirect_uri with code and state")
    @authorize_blp.alt_response(400, schema=AuthorizeErrorSchema, description="No redirect")
    def get(self, args):
        """OAuth consent page

        Starts the authorization code flow: `response_type=code`, `client_id`,
        `redirect_uri`, `state`, optional `scope`.

        Sandbox: consent is given automatically for the app's workspace and the
        browser is redirected (302) to `redirect_uri?code=...&state=...`
        (`state` echoed when given). An unknown `client_id`, a missing or
        unregistered `redirect_uri` or a `response_type` other than `code`
        answers 400 `{"error", "message"}` without redirecting. Scopes are
        `leads:read` and `leads:write` (both by default); an unknown scope
        redirects with `error=invalid_scope`. A token without `leads:write`
        answers 403 `forbidden` to writes.
        """
        return oauth.authorize(args)
