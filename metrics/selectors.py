"""Reading a strategy's stored forecast for the pages, the health check and the document."""

from __future__ import annotations

from smmplanner import numbers

from . import display, goals
from .models import Forecast, TargetMonth
from .plan import Plan
from .services import strategy_targets


def stored_plan(strategy) -> Plan:
    return Plan.from_targets(
        TargetMonth.objects.filter(strategy=strategy).defer("inputs"),  # the explanations are read one by one
        platforms=strategy.chosen_platforms(),
        months=strategy.period_months,
        start=strategy.start_date,
    )


def checks_of(strategy, plan: Plan) -> list[goals.TargetCheck]:
    """Each target (SMART goals, then KPI targets) against the stored plan, with the worker's search."""
    row = Forecast.objects.filter(strategy=strategy).only("goal_searches").first()
    searches = row.goal_searches if row else {}
    results = []
    for target in strategy_targets(strategy):
        found = searches.get(target.key)
        results.append(goals.check(plan, target, goals.Search(**found) if found else None))
    return results


def goal_checks(strategy, plan: Plan) -> list[dict]:
    """The rows of the "goals against the forecast" table, formatted in the active language."""
    return [display.goal_row(check, plan, strategy.currency) for check in checks_of(strategy, plan)]


def audience_note(strategy) -> dict:
    """The addressable audience the forecast used, and whether it was typed or estimated."""
    row = TargetMonth.objects.filter(strategy=strategy).only("computed").first()
    value = row.computed.get("audience") if row else None
    return {"value": numbers.count(value) if value else None, "typed": bool(strategy.addressable_audience)}


def stored_goal_checks(strategy) -> list[dict]:
    """The goals against the stored plan as plain data, for a document snapshot (frozen with a version)."""
    return [check.as_dict() for check in checks_of(strategy, stored_plan(strategy))]
