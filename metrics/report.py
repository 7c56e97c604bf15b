"""The forecast as one JSON-able object (``manage.py forecast_strategy ID --json``), documented in the README.

Plain data, no ORM. Counts are whole numbers, rates and money carry two decimals
(an export: kopecks kept); every figure of a month is named by its variant, and
the rates say where they came from.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import display
from .catalogue import FORECAST_BY_KEY, FORECAST_METRICS
from .forecast import FORECAST_VERSION, ForecastInput, forecast
from .goals import REACHED, SATURATES, TargetCheck
from .plan import Plan

BASES = {"er_reach": "er_basis", "reach_per_post": "reach_basis"}
PERIOD_KEYS = (
    "unique_reach",
    "total_reach",
    "organic_reach",
    "paid_reach",
    "impressions",
    "engagements",
    "er_reach",
    "er_paid",
    "link_clicks",
    "leads",
    "paid_leads",
    "spend",
    "paid_spend",
    "cpl",
    "cpl_all_in",
    "cpc",
    "cpc_all_in",
    "cpe",
    "cpe_all_in",
    "net_followers",
    "followers_end",
    "mentions",
    "posts",
)


def _number(key: str, value) -> int | float | None:
    shown = display.export(key, value)
    if shown is None:
        return None
    return int(shown) if display.kind_of(key) == "count" else float(shown)


def _figures(values: dict[str, Decimal]) -> dict:
    return {key: _number(key, values.get(key)) for key in PERIOD_KEYS if key in values}


def forecast_report(
    strategy_id: int, data: ForecastInput, checks: list[TargetCheck], *, start: dt.date, currency: str
) -> dict:
    results = forecast(data)
    plan = Plan.from_forecast(results, months=data.months, start=start)
    plans = {p.platform: p for p in data.platforms}
    platforms = {}
    for platform, months in results.items():
        rows = []
        for index, cells in enumerate(months, start=1):
            month = {"month": index, "starts": plan.month_label(index).isoformat()}
            for metric in FORECAST_METRICS:
                if metric.key not in cells:
                    continue
                entry = {"value": _number(metric.key, cells[metric.key].value), "variant": str(metric.label)}
                basis = cells[metric.key].inputs.get(BASES.get(metric.key, ""))
                if basis:
                    entry["basis"] = basis
                month[metric.key] = entry
            rows.append(month)
        rates = plans[platform]
        platforms[platform] = {
            "inputs": {
                "followers": rates.followers,
                "posts_per_week": float(rates.posts_per_week),
                "monthly_budget": {k: float(v) for k, v in rates.monthly_budget.items()},
                "organic_reach_rate": {"value": float(rates.reach_rate), "basis": rates.reach_basis},
                "er_reach": {"value": float(rates.er_reach), "basis": rates.er_basis, **rates.er_conversion},
                "ad_er": float(rates.benchmarks["ad_er"]),
                "ad_ctr": float(rates.benchmarks["ctr"]),
                "organic_ctr": float(rates.benchmarks["organic_ctr"]),
            },
            "months": rows,
            "total": _figures(plan.platform_total(platform)),
        }
    return {
        "strategy": strategy_id,
        "forecast_version": FORECAST_VERSION,
        "currency": currency,
        "months": data.months,
        "monthly_budget": float(data.monthly_budget),
        "addressable_audience": int(data.audience),
        "addressable_audience_basis": data.audience_basis,
        "variants": {key: str(FORECAST_BY_KEY[key].label) for key in PERIOD_KEYS},
        "platforms": platforms,
        "period": _figures(plan.grand_total()),
        "targets": [_target(check) for check in checks],
    }


def _target(check: TargetCheck) -> dict:
    target, search = check.target, check.search
    kind = check.definition.kind if check.definition else "count"
    as_number = (lambda v: None if v is None else int(v.quantize(Decimal(1)))) if kind == "count" else _float
    entry = {
        "metric": target.metric,
        "platform": target.platform or None,
        "month": target.month or None,
        "scope": target.scope,
        "label": target.label,
        "target": as_number(target.target),
        "forecast": as_number(check.forecast),
        "gap_percent": _float(check.gap_percent, "0.1"),
        "status": check.status,
        "reachable": check.status == REACHED or bool(search and not search.reason),
        "monthly_budget_to_reach": None,
        "posts_per_week_to_reach": None,
    }
    if search:
        if search.monthly_budget:
            entry["monthly_budget_to_reach"] = int(Decimal(search.monthly_budget))
        if search.posts_per_week:
            entry["posts_per_week_to_reach"] = float(search.posts_per_week)
        if search.reason:
            entry["not_reachable_because"] = search.reason
        if search.reason == SATURATES:
            entry["saturates_at"] = as_number(Decimal(search.saturates_at))
    return entry


def _float(value, places: str = "0.01") -> float | None:
    return None if value is None else float(Decimal(value).quantize(Decimal(places)))
