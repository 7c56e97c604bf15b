"""Everything the finished document shows, as one JSON-able dict.

A frozen version stores it; the PDF, the HTML preview, the client portal and
the version comparison all read it, so a frozen version never changes when the
live strategy does.
"""

from __future__ import annotations

from competitors.models import AccountAnalytics
from metrics.models import Forecast, TargetMonth
from metrics.selectors import stored_goal_checks
from metrics.services import build_input, scenario_comparison
from strategies.models import Strategy
from strategies.snapshot import dump_strategy

SNAPSHOT_FORMAT = 2  # 2: forecast method v2 (named reach variants, goals against the forecast)


def document_snapshot(strategy: Strategy) -> dict:
    strategy = Strategy.objects.select_related("client__agency", "owner").get(pk=strategy.pk)
    agency = strategy.client.agency
    data = dump_strategy(strategy, with_files=False)
    data["document_format"] = SNAPSHOT_FORMAT
    data["meta"] = {
        "strategy_id": strategy.pk,
        "client": strategy.client.name,
        "agency": agency.name,
        "agency_logo": agency.logo.name if agency.logo else "",
        "accent_color": agency.accent_color,
        "owner": str(strategy.owner),
        "status": strategy.status,
    }
    forecast_row = Forecast.objects.filter(strategy=strategy).only("method_version").first()
    inputs = build_input(strategy)
    data["plan"] = {
        "forecast_version": forecast_row.method_version if forecast_row else 1,
        "audience": str(inputs.audience),
        "audience_basis": inputs.audience_basis,
        "platforms": strategy.chosen_platforms(),
        "months": strategy.period_months,
        "rows": [
            {
                "platform": row.platform,
                "month": row.month,
                "values": {**row.computed, **row.manual},
                "manual": sorted(row.manual),
            }
            for row in TargetMonth.objects.filter(strategy=strategy).order_by("platform", "month")
        ],
        "budget_by_platform": {
            plan.platform: {kind: str(amount) for kind, amount in plan.monthly_budget.items()}
            for plan in inputs.platforms
        },
        "goal_checks": stored_goal_checks(strategy),
        "scenario": inputs.scenario,
        "scenarios": scenarios(strategy),
    }
    data["competitor_analysis"] = competitor_analysis(strategy)
    return data


def competitor_analysis(strategy: Strategy) -> list[dict]:
    """The compact figures from imported posts, per platform: the brand first, then each competitor."""
    rows = []
    for row in AccountAnalytics.objects.filter(strategy=strategy).select_related("competitor"):
        figures = row.figures
        rows.append(
            {
                "platform": row.platform,
                "label": row.competitor.name if row.competitor else strategy.client.name,
                "is_brand": row.competitor is None,
                "account": row.account,
                "posts": figures.get("posts"),
                "followers": figures.get("followers"),
                "posts_per_week": figures.get("posts_per_week"),
                "er_by_followers": figures.get("er_by_followers"),
                "er_by_reach": figures.get("er_by_reach"),
            }
        )
    return sorted(rows, key=lambda r: (r["platform"], not r["is_brand"], r["label"]))


def scenarios(strategy: Strategy) -> list[dict]:
    """Every saved scenario's forecast for the period, after the stages as typed (none: no comparison)."""
    if not strategy.scenarios.exists():
        return []
    return [
        {
            "name": column["scenario"].name if column["scenario"] else "",
            "is_plan": bool(column["scenario"] and column["scenario"].is_plan),
            "budget_percent": str(column["scenario"].budget_percent) if column["scenario"] else "100",
            "posts_percent": str(column["scenario"].posts_percent) if column["scenario"] else "100",
            "figures": {key: None if value is None else str(value) for key, value in column["figures"].items()},
        }
        for column in scenario_comparison(strategy)
    ]
