"""Ingestion routes (doc 8): lead push and list with an API key (or bearer), hosted web forms."""

from flask import current_app, request

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import key_or_bearer
from app.vendors.lio.constants import MESSAGES as M
from app.vendors.lio.ingestion import store
from app.vendors.lio.ingestion.schemas import (IngestedLeadSchema, IngestLeadSchema, IngestListQuery,
                                               WebFormSubmitSchema)
from app.vendors.lio.leads.schemas import LeadSchema

blp = LioBlueprint("lio_ingestion", __name__, auth=key_or_bearer, prefixes=("/api/v1", "/api"),
                   description="Push leads from your site or tools with an API key (`x-api-key`) or a bearer token.")
public_blp = LioBlueprint("lio_web_forms", __name__, prefixes=("/api/v1", "/api"),
                          description="Hosted lead-capture forms (public).")


@blp.route("/lead", methods=["POST"])
@blp.arguments(IngestLeadSchema)
@blp.response(201, IngestedLeadSchema, message=M["lead_created"])
@blp.alt_response(200, schema=IngestedLeadSchema, description="`merge: 1` updated the existing lead.")
@blp.doc(operationId="ingestLead")
def lead(body):
    """Push a lead

    Sandbox: `x-api-key` or `Authorization: Bearer`; the first credential present decides
    (missing → 401, unknown, expired or restricted key → 403). At least one of `email`,
    `phone_number` or `linkedin_url` is required (422). `tags` are names, created when new. Any
    field not listed is stored under `custom_fields`. A lead of the same organization with the
    same email (case-insensitively) or LinkedIn URL answers 409 `conflict`; `duplicate: 1` creates
    anyway (201), `merge: 1` updates that lead with the sent fields, `custom_fields` merged,
    tags added (200, "Lead updated successfully"). `score` is 0 until 5 seconds of sandbox time
    have passed.
    """
    data, merged = store.ingest_lead(principal(), body)
    if merged:
        return current_app.json.response({"success": True, "message": M["lead_updated"], "data": data})
    return data


@blp.route("/lead/lead-list", methods=["GET"])
@blp.arguments(IngestListQuery, location="query")
@blp.response(200, LeadSchema(many=True), message=M["leads_fetched"])
@blp.doc(operationId="listIngestedLeads")
def lead_list(args):
    """List the key's organization's leads

    Sandbox: the same leads, search and ordering as `/api/lead/list`; `limit` is 1-100.
    """
    return store.list_ingested(principal(), args)


def _wants_json():
    return request.is_json or request.accept_mimetypes.best == "application/json"


@public_blp.route("/web-form/<string:form_link>", methods=["GET"])
@public_blp.response(200, content_type="text/html")
@public_blp.doc(operationId="getWebForm")
def web_form(form_link):
    """Get a hosted web form

    Sandbox: an HTML page with a `<form method="post">` posting to the same URL (fields
    first_name, last_name, email, phone_number, company, message). Seeded forms:
    `acme-contact-us` (Acme) and `globex-demo-request` (Globex). Unknown link → 404 (JSON).
    """
    return store.render_form(form_link)


@public_blp.route("/web-form/<string:form_link>", methods=["POST"])
@public_blp.arguments(WebFormSubmitSchema, location="json_or_form")
@public_blp.response(200, content_type="text/html")
@public_blp.alt_response(201, schema=IngestedLeadSchema, description="A JSON submission: the lead created.")
@public_blp.doc(operationId="submitWebForm")
def web_form_submit(body, form_link):
    """Submit a hosted web form

    Sandbox: url-encoded (as a browser posts) or JSON. Creates a lead in the form's
    organization with `lead_source` 1 (Website); `message` becomes the lead's notes. One of
    `email`/`phone_number` is required (422); a lead with the same email → 409. Answers a
    thank-you HTML page, or the JSON envelope with the lead (201) when the request is JSON.
    """
    data, page = store.submit_form(form_link, body)
    if _wants_json():
        response = current_app.json.response({"success": True, "message": M["lead_created"], "data": data})
        response.status_code = 201
        return response
    return page
