"""Intent routes (doc 6.13, 9): signals, alerts, hot leads, and the public email-tracking pixel and click."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.intent import store
from app.vendors.lio.intent.schemas import (
    AlertListQuery,
    AlertSchema,
    HotLeadSchema,
    HotLeadsQuery,
    LeadAlertsQuery,
    SignalCreateSchema,
    SignalSchema,
)

blp = LioBlueprint("lio_intent", __name__, auth=bearer, description="Intent signals, alerts and hot leads.")
v1_blp = LioBlueprint("lio_intent_signal", __name__, auth=bearer, prefixes=("/api/v1", "/api"),
                      description="Log behavioural intent signals (doc 9.1).")
public_blp = LioBlueprint("lio_tracking", __name__, prefixes=("/api/v1", "/api"),
                          description="Email open and click tracking (public; the organization comes from the token).")


def _signal(body):
    return store.log_signal(principal(), body)


@blp.route("/intent-alert/signal", methods=["POST"])
@blp.arguments(SignalCreateSchema)
@blp.response(201, SignalSchema, message="Intent signal logged")
@blp.doc(operationId="logIntentAlertSignal")
def intent_alert_signal(body):
    """Log an intent signal

    Sandbox: `lead_id` must be a lead of your organization (else 422 naming it); `signal_type` one
    of the documented values (else 422); `occurred_at` ISO 8601 (no zone: UTC), default now.
    Weights: demo_requested 40, reply_received 30, pricing_page_visit 25, email_opened_3x 20,
    form_submitted 15, case_study_download 15, link_clicked 10, manual 5, email_opened 2.
    `demo_requested`, `pricing_page_visit`, `reply_received` and `email_opened_3x` raise an alert
    (returned as `alert`, else null) assigned to the lead's assignee, who gets a `hot_lead`
    notification (the whole organization when the lead is unassigned).
    """
    return _signal(body)


@v1_blp.route("/intent-signal", methods=["POST"])
@v1_blp.arguments(SignalCreateSchema)
@v1_blp.response(201, SignalSchema, message="Intent signal logged")
@v1_blp.doc(operationId="logIntentSignal")
def intent_signal(body):
    """Record a behavioural signal against a lead

    Sandbox: `lead_id` must be a lead of your organization (else 422 naming it); `signal_type` one
    of the documented values (else 422); `occurred_at` ISO 8601 (no zone: UTC), default now.
    Weights: demo_requested 40, reply_received 30, pricing_page_visit 25, email_opened_3x 20,
    form_submitted 15, case_study_download 15, link_clicked 10, manual 5, email_opened 2.
    `demo_requested`, `pricing_page_visit`, `reply_received` and `email_opened_3x` raise an alert
    (returned as `alert`, else null) assigned to the lead's assignee, who gets a `hot_lead`
    notification (the whole organization when the lead is unassigned).
    """
    return _signal(body)


@blp.route("/intent-alert/list", methods=["GET"])
@blp.arguments(AlertListQuery, location="query")
@blp.response(200, AlertSchema(many=True), message="Intent alerts fetched")
@blp.doc(operationId="listIntentAlerts")
def intent_alert_list(args):
    """List intent alerts

    Sandbox: `from_date`/`to_date` (and `start_date`/`end_date`) are inclusive days on
    `created_at`; `assigned_to_id` is the lead's assignee when the alert was raised;
    `is_acknowledged` filters by state; `search_value` matches the title or signal type.
    """
    return store.list_alerts(principal(), args)


@blp.route("/intent-alert/lead/<int:leadId>", methods=["GET"])
@blp.arguments(LeadAlertsQuery, location="query")
@blp.response(200, AlertSchema(many=True), message="Intent alerts fetched")
@blp.doc(operationId="listLeadIntentAlerts")
def intent_alert_lead(args, leadId):
    """Alerts for a lead

    Sandbox: newest first; a lead of another organization (or none) → 404.
    """
    return store.lead_alerts(principal(), leadId, args)


@blp.route("/intent-alert/acknowledge/<int:id>", methods=["POST"])
@blp.response(200, AlertSchema, message="Intent alert acknowledged")
@blp.doc(operationId="acknowledgeIntentAlert")
def intent_alert_acknowledge(id):
    """Acknowledge an alert

    Sandbox: sets `is_acknowledged`, `acknowledged_at` and `acknowledged_by` (the caller);
    acknowledging again changes nothing (200). Another organization's alert → 404.
    """
    return store.acknowledge(principal(), id)


@blp.route("/intent-alert/hot-leads", methods=["GET"])
@blp.arguments(HotLeadsQuery, location="query")
@blp.response(200, HotLeadSchema(many=True), message="Hot leads fetched")
@blp.doc(operationId="listHotLeads")
def intent_alert_hot_leads(args):
    """Hot leads

    Sandbox: a lead is hot when it had a `demo_requested`, `pricing_page_visit`,
    `reply_received` or `email_opened_3x` signal in the last 30 sandbox days (signals dated in the
    future do not count yet). Hot leads rank by
    `intent_score`, the sum of the weights of all their signals in those 30 days (weights as in
    `POST /api/v1/intent-signal`), then by the latest signal. `signal_type` keeps leads with a
    signal of that type in the window; `assigned_to_id` the lead's current assignee; `limit` 1-100
    (default 10).
    """
    return store.hot_leads(principal(), args)


@public_blp.route("/track/open/<string:token>", methods=["GET"])
@public_blp.response(200, content_type="image/gif")
@public_blp.doc(operationId="trackEmailOpen")
def track_open(token):
    """Open-tracking pixel

    Sandbox: always 200 with a 1×1 GIF, also for unknown tokens. A known token records an
    `email_opened` signal for its lead; its third open also records `email_opened_3x` (which
    raises an alert). Seeded: `trk_open_demo` (Acme lead 80001).
    """
    return store.track_open(token)


@public_blp.route("/track/click/<string:token>", methods=["GET"])
@public_blp.response(302)
@public_blp.doc(operationId="trackEmailClick")
def track_click(token):
    """Click redirect

    Sandbox: 302 to the URL stored for the token (any URL in the query is ignored) and records a
    `link_clicked` signal. Unknown token → 404 JSON without `Location`. Seeded: `trk_click_demo`
    (Acme lead 80001) → `https://acme.test/pricing`.
    """
    return store.track_click(token)
