from __future__ import annotations

from django.utils.translation import gettext as _

from strategies.stages import StageCheck

from .catalogue import BY_KEY


def metrics(strategy) -> StageCheck:
    check = StageCheck()
    keys = set(strategy.kpis.values_list("metric", flat=True))
    check.require(bool(keys), _("Choose the KPIs."))
    if strategy.leading_goal:
        check.require(
            any(BY_KEY[k].goal == strategy.leading_goal for k in keys),
            _("Add at least one KPI for the leading goal."),
        )
    return check
