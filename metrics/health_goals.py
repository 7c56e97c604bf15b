"""Health rules about the targets: a goal the forecast misses, and a target that names no figure."""

from __future__ import annotations

from django.utils.translation import gettext as _

from strategies.models import Strategy
from strategies.stages import HealthWarning

from .selectors import goal_checks, stored_plan


def forecast_misses_a_goal(strategy: Strategy) -> list[HealthWarning]:
    plan = stored_plan(strategy)
    if plan.is_empty:
        return []
    return [
        HealthWarning(
            _("Goal «%(label)s»: forecast %(forecast)s, target %(target)s. %(outcome)s")
            % {"label": row["label"], "forecast": row["forecast"], "target": row["target"], "outcome": row["outcome"]},
            "metrics",
            subject=row["check"].target.key,
        )
        for row in goal_checks(strategy, plan)
        if row["check"].misses
    ]


def target_without_metric(strategy: Strategy) -> list[HealthWarning]:
    return [
        HealthWarning(
            _(
                "The SMART target «%(note)s» names no figure of the catalogue: pick one, so that it is held against "
                "the forecast."
            )
            % {"note": goal.note or "—"},
            "goals",
            subject=f"goal-{goal.pk}",
        )
        for goal in strategy.goals.all()
        if not goal.metric
    ]
