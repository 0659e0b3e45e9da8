"""Company routes (doc 6.4): one function per documented path, named after it."""

from flask import request

from app.core.auth import principal
from app.core.errors import Invalid
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import DeletedSchema, one_page
from app.vendors.lio.companies import store
from app.vendors.lio.companies.schemas import (CompanyCreateSchema, CompanyDeleteSchema, CompanyListQuery,
                                               CompanySchema, CompanyStatsSchema, CompanyUpdateSchema, CompanyEnrichSchema,
                                               SimilarQuery)

blp = LioBlueprint("lio_companies", __name__, auth=bearer, description="The organization's companies (accounts).")
MAX_LOGO = 2 * 1024 * 1024


def _logo():
    """The multipart ``company_logo`` image, as (bytes, content type), or None."""
    upload = request.files.get("company_logo")
    if upload is None:
        return None
    data = upload.read(MAX_LOGO + 1)
    if not data or len(data) > MAX_LOGO or not (upload.mimetype or "").startswith("image/"):
        raise Invalid({"company_logo": ["Must be an image file of at most 2 MB."]})
    return data, upload.mimetype


@blp.route("/company/list", methods=["GET"])
@blp.arguments(CompanyListQuery, location="query")
@blp.response(200, CompanySchema(many=True), message="Companies fetched successfully")
@blp.doc(operationId="listCompanies")
def company_list(args):
    """List companies (filter, sort, paginate)

    Sandbox: `my=true` keeps the companies you created; `company_id` takes comma-separated ids;
    `industry` is comma-separated, each a case-insensitive substring of `industry_type` (any of
    them); `search_value` is a substring of company name, website or city; `start_date`/`end_date`
    are inclusive on `created_at`.
    """
    return store.list_companies(principal(), args)


@blp.route("/company/stats", methods=["GET"])
@blp.arguments(CompanyListQuery, location="query")
@blp.response(200, CompanyStatsSchema, message="Company stats fetched successfully")
@blp.doc(operationId="getCompanyStats")
def company_stats(args):
    """Company statistics

    Sandbox: computed from the companies the list's filters select (paging ignored): total,
    counts by industry, employee size and country (null as `Unknown`), average rating.
    """
    return store.stats(principal(), args)


@blp.route("/company/view/<int:id>", methods=["GET"])
@blp.response(200, CompanySchema, message="Company fetched successfully")
@blp.doc(operationId="getCompany")
def company_view(id):
    """Get one company

    Sandbox: a company of another organization answers 404.
    """
    return store.get_company(principal(), id)


@blp.route("/company/similar/<int:id>", methods=["GET"])
@blp.arguments(SimilarQuery, location="query")
@blp.response(200, CompanySchema(many=True), message="Similar companies fetched successfully")
@blp.doc(operationId="listSimilarCompanies")
def company_similar(args, id):
    """Similar companies

    Sandbox: your organization's companies with the same industry and/or employee size, never
    the company itself; both matching first, then industry, then size, then by rating. `limit`
    1-100 (10).
    """
    return one_page(store.similar(principal(), id, args["limit"]))


@blp.route("/company/add", methods=["POST"])
@blp.arguments(CompanyCreateSchema, location="json_or_form")
@blp.response(201, CompanySchema, message="Company created successfully")
@blp.doc(operationId="createCompany")
def company_add(body):
    """Create a company

    Sandbox: JSON, or multipart/form-data with an image file `company_logo` (at most 2 MB), kept by
    the sandbox; `company_logo` then is its URL. A `company_name` already used in your organization
    (case-insensitively) answers 409. `rating` is 1-5.
    """
    return store.create_company(principal(), body, _logo())


@blp.route("/company/update/<int:id>", methods=["POST"])
@blp.arguments(CompanyUpdateSchema, location="json_or_form")
@blp.response(200, CompanySchema, message="Company updated successfully")
@blp.doc(operationId="updateCompany")
def company_update(body, id):
    """Update a company

    Sandbox: only the fields sent change; same rules as create (409 for a name taken by another
    company of your organization; multipart `company_logo` file accepted).
    """
    return store.update_company(principal(), id, body, _logo())


@blp.route("/company/enrich", methods=["POST"])
@blp.arguments(CompanyEnrichSchema)
@blp.response(200, CompanySchema, message="Company enriched successfully")
@blp.doc(operationId="enrichCompany")
def company_enrich(body):
    """Enrich company data

    Sandbox: fills only the missing website, industry, employee size, rating, contact email, logo
    and summary, deterministically from the company's domain (website, else contact email, else
    name); sets `enriched_at`. A company of another organization answers 404.
    """
    return store.enrich(principal(), body["company_id"])


@blp.route("/company/delete/<int:id>", methods=["DELETE"])
@blp.arguments(CompanyDeleteSchema, location="json_or_form")
@blp.response(200, DeletedSchema, message="Companies deleted successfully")
@blp.doc(operationId="deleteCompanies")
def company_delete(body, id):
    """Delete companies

    Sandbox: deletes the path id plus any body `ids` (use path id `0` to delete only body `ids`);
    `select_all: true` with `filters` (the list's filters) deletes every matching company instead.
    Ids of other organizations are ignored; 404 when none is yours. Leads and contacts of a deleted
    company keep existing with `company_id` null.
    """
    return store.delete_companies(principal(), id, body)
