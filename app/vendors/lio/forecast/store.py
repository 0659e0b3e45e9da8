"""Forecast: a read model over the pipelines area's deals and deal history, computed at read
time on the sandbox clock (doc 6.7). A deal counts ``value × stage probability`` in the month of
its ``expected_close_date``; no tables of its own."""

import csv
import io
from datetime import date

from app.core import clock
from app.core.paging import Page
from app.vendors.lio.common import one_page
from app.vendors.lio.pipelines import store as pipelines       # lower area: see AREAS

ACCURACY_COLUMNS = ("month", "forecast", "actual", "variance", "accuracy", "deals_won")


def _month(d):
    return d.year * 12 + d.month - 1          # a month number: year * 12 + month - 1


def _label(number):
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _close_month(deal):
    return _month(date.fromisoformat(deal["expected_close_date"]))


def _weighted(deal):
    return round(deal["value"] * deal["probability"], 2)


def _state(deal):
    return "won" if deal["is_won"] else "lost" if deal["is_lost"] else "open"


def deal_forecast(who, deal_id):
    deal = pipelines.get_deal(who, deal_id)
    points = pipelines.deal_history(who, deal_id, 2)
    weighted = _weighted(deal)
    previous = points[1]["weighted_value"] if len(points) > 1 else None
    trend = "flat" if previous is None or previous == weighted else "up" if weighted > previous else "down"
    return {"deal_id": deal["id"], "title": deal["title"], "pipeline_id": deal["pipeline_id"],
            "stage_id": deal["stage_id"], "stage_name": deal["stage_name"], "status": _state(deal),
            "value": deal["value"], "probability": deal["probability"], "weighted_value": weighted,
            "expected_close_date": deal["expected_close_date"], "close_month": deal["expected_close_date"][:7],
            "trend": trend, "previous_weighted_value": previous,
            "recorded_at": points[0]["recorded_at"] if points else None}


def deal_forecast_history(who, deal_id, limit):
    return one_page(pipelines.deal_history(who, deal_id, limit))


def pipeline_forecast(who, args):
    deals = pipelines.deals_for_forecast(who, args.get("pipeline_id"))
    current = _month(clock.now().date())
    step = 3 if args["period"] == "quarterly" else 1
    start = current - current % 3 if step == 3 else current
    count = -(-args["months"] // step)
    periods = []
    for n in range(count):
        low, high = start + n * step, start + (n + 1) * step - 1
        inside = [d for d in deals if low <= _close_month(d) <= high]
        won = sum(d["value"] for d in inside if d["is_won"])
        opened = [d for d in inside if not d["is_won"] and not d["is_lost"]]
        label = _label(low) if step == 1 else f"{low // 12:04d}-Q{low % 12 // 3 + 1}"
        periods.append({"period": label, "start_month": _label(low), "end_month": _label(high),
                        "won_value": round(won, 2), "weighted_value": round(sum(_weighted(d) for d in opened), 2),
                        "best_case_value": round(won + sum(d["value"] for d in opened), 2),
                        "open_deals": len(opened), "deal_count": len(inside) - len([d for d in inside if d["is_lost"]])})
    return {"period": args["period"], "months": args["months"], "pipeline_id": args.get("pipeline_id"),
            "currency": "USD", "periods": periods,
            "totals": {key: round(sum(p[key] for p in periods), 2)
                       for key in ("won_value", "weighted_value", "best_case_value", "deal_count")}}


def contributors(who, args):
    year, month = (int(part) for part in args["period_month"].split("-"))
    target = year * 12 + month - 1
    deals = [d for d in pipelines.deals_for_forecast(who, args.get("pipeline_id")) if _close_month(d) == target]
    deals.sort(key=lambda d: (-_weighted(d), d["id"]))
    items = [{"deal_id": d["id"], "title": d["title"], "lead_id": d["lead_id"], "pipeline_id": d["pipeline_id"],
              "stage_id": d["stage_id"], "stage_name": d["stage_name"], "status": _state(d), "value": d["value"],
              "probability": d["probability"], "weighted_value": _weighted(d),
              "expected_close_date": d["expected_close_date"], "owner_id": d["owner_id"]} for d in deals]
    first = (args["page"] - 1) * args["limit"]
    return Page(items[first:first + args["limit"]], len(items), args["page"], args["limit"])


def at_risk(who, args):
    now = clock.now()
    today = now.date()
    out = []
    for d in pipelines.deals_for_forecast(who, args.get("pipeline_id")):
        if d["is_won"] or d["is_lost"]:
            continue
        if args.get("status") and d["stage_id"] not in args["status"]:
            continue
        if args["owner"] == "me" and d["owner_id"] != who.get("user_id"):
            continue
        close = date.fromisoformat(d["expected_close_date"])
        days_in_stage = max(0, (now - clock.parse_iso(d["stage_entered_at"])).days)
        reasons = []
        if close < today:
            reasons.append({"code": "past_due", "message": f"Expected to close on {close.isoformat()}, "
                                                            f"{(today - close).days} day(s) ago."})
        if d["max_days_in_stage"] and days_in_stage > d["max_days_in_stage"]:
            reasons.append({"code": "stalled", "message": f"{days_in_stage} days in {d['stage_name']} "
                                                           f"(limit {d['max_days_in_stage']})."})
        if reasons:
            out.append({"deal_id": d["id"], "title": d["title"], "lead_id": d["lead_id"],
                        "pipeline_id": d["pipeline_id"], "stage_id": d["stage_id"], "stage_name": d["stage_name"],
                        "value": d["value"], "weighted_value": _weighted(d),
                        "expected_close_date": d["expected_close_date"],
                        "days_past_due": max(0, (today - close).days), "days_in_stage": days_in_stage,
                        "owner_id": d["owner_id"], "reasons": reasons})
    out.sort(key=lambda r: (-r["days_past_due"], -r["days_in_stage"], r["deal_id"]))
    return one_page(out[:args["limit"]])


def accuracy(who, args):
    """Per past month (the ``months`` before the current sandbox month): the forecast as it stood at
    the month's start (each deal's latest history point recorded before it, closing in that month)
    against the value of the deals now won with their close date in that month."""
    deals = {d["id"]: d for d in pipelines.deals_for_forecast(who, args.get("pipeline_id"))}
    points = [p for p in pipelines.all_history(who) if p["deal_id"] in deals]
    current = _month(clock.now().date())
    rows = []
    for number in range(current - args["months"], current):
        start = f"{_label(number)}-01T00:00:00.000Z"
        latest = {}
        for p in points:
            if p["recorded_at"] < start:
                latest[p["deal_id"]] = p
        forecast = round(sum(p["weighted_value"] for p in latest.values()
                             if _month(date.fromisoformat(p["expected_close_date"])) == number), 2)
        won = [d for d in deals.values() if d["is_won"] and _close_month(d) == number]
        actual = round(sum(d["value"] for d in won), 2)
        top = max(forecast, actual)
        rows.append({"month": _label(number), "forecast": forecast, "actual": actual,
                     "variance": round(actual - forecast, 2),
                     "accuracy": round(1 - abs(actual - forecast) / top, 4) if top else None,
                     "deals_won": len(won)})
    return rows


def accuracy_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACCURACY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return out.getvalue()
