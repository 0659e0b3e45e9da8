"""Dashboard wire shapes and request validation (doc 6.10, 6.1 global search)."""

import marshmallow as ma
from marshmallow import validate

from app.vendors.lio.common import LioIn, LioOut
from app.vendors.lio.dashboards.store import SCOPES, WIDGET_TYPES

KEY = validate.Length(min=1, max=100)
NAME = validate.Length(min=1, max=255)


class RangeQuery(LioIn):
    start_date = ma.fields.Date(metadata={"description": "YYYY-MM-DD, inclusive (on created_at)."})
    end_date = ma.fields.Date(metadata={"description": "YYYY-MM-DD, inclusive (on created_at)."})


class StatusCountSchema(LioOut):
    status = ma.fields.Integer(required=True)
    label = ma.fields.String(required=True)
    count = ma.fields.Integer(required=True)


class SourceCountSchema(LioOut):
    lead_source = ma.fields.Integer(required=True)
    count = ma.fields.Integer(required=True)


class OverviewSchema(LioOut):
    start_date = ma.fields.String(required=True, allow_none=True)
    end_date = ma.fields.String(required=True, allow_none=True)
    leads_created = ma.fields.Integer(required=True)
    leads_by_status = ma.fields.List(ma.fields.Nested(StatusCountSchema), required=True)
    leads_by_source = ma.fields.List(ma.fields.Nested(SourceCountSchema), required=True)
    won_leads = ma.fields.Integer(required=True)
    conversion_rate = ma.fields.Float(required=True)
    pipeline_value = ma.fields.Float(required=True)
    open_deals = ma.fields.Integer(required=True)
    open_deal_value = ma.fields.Float(required=True)
    won_deals = ma.fields.Integer(required=True)
    won_deal_value = ma.fields.Float(required=True)
    companies = ma.fields.Integer(required=True)
    contacts = ma.fields.Integer(required=True)


class AgeBucketSchema(LioOut):
    bucket = ma.fields.String(required=True, metadata={"example": "0-7"})
    min_days = ma.fields.Integer(required=True)
    max_days = ma.fields.Integer(required=True, allow_none=True)
    count = ma.fields.Integer(required=True)


class LeadAgingSchema(LioOut):
    as_of = ma.fields.String(required=True)
    open_leads = ma.fields.Integer(required=True)
    buckets = ma.fields.List(ma.fields.Nested(AgeBucketSchema), required=True)


class TopAccountsQuery(LioIn):
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(1, 100))


class TopAccountSchema(LioOut):
    company_id = ma.fields.Integer(required=True)
    company_name = ma.fields.String(required=True)
    leads = ma.fields.Integer(required=True)
    estimated_value = ma.fields.Float(required=True)
    deal_value = ma.fields.Float(required=True)
    total_value = ma.fields.Float(required=True)


class DashboardListQuery(LioIn):
    scope = ma.fields.String(validate=validate.OneOf(SCOPES))


class DashboardCreateSchema(LioIn):
    dashboard_id = ma.fields.String(required=True, validate=KEY, metadata={"example": "sales-weekly"})
    name = ma.fields.String(required=True, validate=NAME, metadata={"example": "Sales weekly"})
    scope = ma.fields.String(load_default="personal", validate=validate.OneOf(SCOPES))
    definition = ma.fields.Dict(load_default=dict, metadata={"example": {"widgets": []}})


class DashboardUpdateSchema(LioIn):
    dashboard_id = ma.fields.String(validate=KEY)
    name = ma.fields.String(validate=NAME)
    scope = ma.fields.String(validate=validate.OneOf(SCOPES))
    definition = ma.fields.Dict()


class DashboardSchema(LioOut):
    id = ma.fields.Integer(required=True)
    dashboard_id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    scope = ma.fields.String(required=True, metadata={"enum": list(SCOPES)})
    definition = ma.fields.Dict(required=True)
    prompt = ma.fields.String(required=True, allow_none=True)
    user_id = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True)


class AiDashboardSchema(LioIn):
    prompt = ma.fields.String(required=True, validate=validate.Length(min=1, max=2000))
    dashboard_id = ma.fields.String(validate=KEY)
    name = ma.fields.String(validate=NAME)
    scope = ma.fields.String(validate=validate.OneOf(SCOPES))


class QuerySchema(LioOut):
    query_id = ma.fields.String(required=True, metadata={"example": "leads_by_status"})
    name = ma.fields.String(required=True)
    widget_types = ma.fields.List(ma.fields.String(), required=True)


class QueryParameters(LioIn):
    start_date = ma.fields.Date()
    end_date = ma.fields.Date()
    limit = ma.fields.Integer(validate=validate.Range(1, 1000))


class QueryExecuteSchema(LioIn):
    parameters = ma.fields.Nested(QueryParameters, load_default=dict)
    widgetType = ma.fields.String(load_default="table", validate=validate.OneOf(WIDGET_TYPES))


class QueryResultSchema(LioOut):
    query_id = ma.fields.String(required=True)
    widgetType = ma.fields.String(required=True)
    data = ma.fields.Dict(required=True, metadata={"description": "Shaped by widgetType: number {value}, table"
                                                   " {columns, rows}, pie {slices}, bar/line {labels, series}."})
    executed_at = ma.fields.String(required=True)


class GlobalSearchQuery(LioIn):
    search_value = ma.fields.String(required=True, validate=validate.Length(min=1, max=255))
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(1, 50))


class SearchLeadSchema(LioOut):
    id = ma.fields.Integer(required=True)
    first_name = ma.fields.String(required=True, allow_none=True)
    last_name = ma.fields.String(required=True, allow_none=True)
    email = ma.fields.String(required=True, allow_none=True)
    company = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.Integer(required=True)


class SearchContactSchema(LioOut):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    email = ma.fields.String(required=True, allow_none=True)
    company_id = ma.fields.Integer(required=True, allow_none=True)


class SearchCompanySchema(LioOut):
    id = ma.fields.Integer(required=True)
    company_name = ma.fields.String(required=True)
    website = ma.fields.String(required=True, allow_none=True)
    city = ma.fields.String(required=True, allow_none=True)


class GlobalSearchSchema(LioOut):
    search_value = ma.fields.String(required=True)
    leads = ma.fields.List(ma.fields.Nested(SearchLeadSchema), required=True)
    contacts = ma.fields.List(ma.fields.Nested(SearchContactSchema), required=True)
    companies = ma.fields.List(ma.fields.Nested(SearchCompanySchema), required=True)
