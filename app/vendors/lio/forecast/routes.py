"""Forecast routes (doc 6.7): read models over deals, computed at request time on the sandbox clock."""

from flask import Response

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.forecast import store
from app.vendors.lio.forecast.schemas import (AccuracyQuery, AccuracySchema, AtRiskQuery, AtRiskSchema,
                                              ContributorSchema, ContributorsQuery, DealForecastSchema,
                                              DealHistoryPointSchema, HistoryQuery, PipelineForecastQuery,
                                              PipelineForecastSchema)

blp = LioBlueprint("lio_forecast", __name__, auth=bearer, description="Deal and pipeline forecasts.")


@blp.route("/forecast/deal/<int:id>", methods=["GET"])
@blp.response(200, DealForecastSchema, message="Deal forecast fetched")
@blp.doc(operationId="getDealForecast")
def forecast_deal(id):
    """Latest deal forecast and trend

    Sandbox: `weighted_value` is `value × probability` of the deal's stage; `trend` compares it
    with the previous history point (`up`, `down`, or `flat` when there is none or it is equal).
    A deal of another organization answers 404.
    """
    return store.deal_forecast(principal(), id)


@blp.route("/forecast/deal/<int:id>/history", methods=["GET"])
@blp.arguments(HistoryQuery, location="query")
@blp.response(200, DealHistoryPointSchema(many=True), message="Deal forecast history fetched")
@blp.doc(operationId="listDealForecastHistory")
def forecast_deal_history(args, id):
    """Deal forecast history

    Sandbox: newest first, `limit` points (1-100, default 10). A point is recorded when the deal
    is created and at each change of its stage, value or expected close date.
    """
    return store.deal_forecast_history(principal(), id, args["limit"])


@blp.route("/forecast/pipeline", methods=["GET"])
@blp.arguments(PipelineForecastQuery, location="query")
@blp.response(200, PipelineForecastSchema, message="Pipeline forecast fetched")
@blp.doc(operationId="getPipelineForecast")
def forecast_pipeline(args):
    """Pipeline forecast

    Sandbox: periods start at the current sandbox month (`monthly`) or quarter (`quarterly`,
    `months` rounded up to whole quarters); `months` is 1-24 (default 6). Per period, by
    `expected_close_date`: `won_value` (deals in a won stage), `weighted_value` (open deals'
    value × stage probability), `best_case_value` (won + every open deal's full value),
    `open_deals`, `deal_count` (open + won). Open deals already past due are not in any period
    (see `/forecast/at-risk`). A `pipeline_id` of another organization answers 422.
    """
    return store.pipeline_forecast(principal(), args)


@blp.route("/forecast/pipeline/contributors", methods=["GET"])
@blp.arguments(ContributorsQuery, location="query")
@blp.response(200, ContributorSchema(many=True), message="Forecast contributors fetched")
@blp.doc(operationId="listForecastContributors")
def forecast_pipeline_contributors(args):
    """Deal-level breakdown

    Sandbox: the deals (open, won and lost) whose `expected_close_date` is in `period_month`
    (`YYYY-MM`, required), by weighted value, highest first; `page`/`limit` (1-100, default 10).
    """
    return store.contributors(principal(), args)


@blp.route("/forecast/at-risk", methods=["GET"])
@blp.arguments(AtRiskQuery, location="query")
@blp.response(200, AtRiskSchema(many=True), message="At-risk deals fetched")
@blp.doc(operationId="listAtRiskDeals")
def forecast_at_risk(args):
    """At-risk deals

    Sandbox: open deals (not in a won or lost stage) whose `expected_close_date` is before the
    sandbox date (`past_due`) or that have been longer than their stage's `max_days_in_stage` in
    it (`stalled`), each with its `reasons`; most overdue first. `status` takes comma-separated
    stage ids; `owner=me` keeps deals whose lead is assigned to you (`all` by default); `limit`
    is 1-100 (default 20).
    """
    return store.at_risk(principal(), args)


@blp.route("/forecast/accuracy", methods=["GET"])
@blp.arguments(AccuracyQuery, location="query")
@blp.response(200, AccuracySchema(many=True), message="Forecast accuracy fetched")
@blp.doc(operationId="getForecastAccuracy", responses={"200": {"description": "The rows (JSON envelope), or CSV with `format=csv`.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccuracyListEnvelope"}}, "text/csv": {"schema": {
    "type": "string", "example": "month,forecast,actual,variance,accuracy,deals_won\n2026-05,12500.0,10000.0,"
                                 "-2500.0,0.8,1\n"}}}}})
def forecast_accuracy(args):
    """Forecast accuracy report

    Sandbox: one row per month, the `months` (1-24, default 6) before the current sandbox month:
    `forecast` is the weighted value the forecast showed for that month at its start (each deal's
    latest history point recorded before it), `actual` the value of the deals now in a won stage
    closing in that month, `accuracy` = 1 − |actual − forecast| / max(actual, forecast) (null
    when both are 0). `format=csv` answers the same rows as `text/csv` (header
    `month,forecast,actual,variance,accuracy,deals_won`, as an attachment) instead of the JSON
    envelope.
    """
    rows = store.accuracy(principal(), args)
    if args["format"] == "csv":
        return Response(store.accuracy_csv(rows), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="forecast-accuracy.csv"'})
    return store.one_page(rows)
