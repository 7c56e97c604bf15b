"""The forecast's figures as the plan page, the PDF and the CSV show them (smmplanner.numbers).

Counts whole, money in whole units, rates with at most two decimals; in a month
× platform table every column's months add up to the column's shown total
(largest-remainder rounding), which a sum of separately rounded months would not.
People reached (unique) is not a sum of months, so its column is rounded cell by cell.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from smmplanner import numbers
from strategies.models import Platform

from .catalogue import FORECAST_BY_KEY
from .forecast import ADDITIVE
from .goals import NO_LEVER, NOT_FORECAST, RATE, REACHED, SATURATES

RATE_TOTALS = {"follower_growth_rate", "er_followers"}


def kind_of(key: str) -> str:
    definition = FORECAST_BY_KEY.get(key)
    if key in RATE_TOTALS or (definition and definition.percent):
        return "rate"
    if definition and definition.money:
        return "money"
    return "count"


def shown(key: str, value, currency: str) -> str:
    """One forecast figure, formatted by what it measures, in the active language."""
    return numbers.figure(kind_of(key), value, currency)


def export(key: str, value) -> Decimal | None:
    return numbers.export_value(kind_of(key), value)


def rounded_table(plan, metric: str) -> tuple[list, list, object]:
    """The month × platform table of one figure, rounded for display.

    Returns (rows, column totals, grand total): rows are (month date, [cells], month total).
    """
    rows = plan.table(metric)
    column_totals, grand = plan.column_totals(metric)
    if metric not in ADDITIVE:
        return rows, column_totals, grand
    places = 0
    columns = []
    for index, total in enumerate(column_totals):
        cells = [cells[index] for _month, cells, _total in rows]
        columns.append(numbers.largest_remainder(cells, places, total))
    month_totals = numbers.largest_remainder([total for _m, _c, total in rows], places, grand)
    rounded_rows = [
        (month, [column[row] for column in columns], month_totals[row]) for row, (month, _c, _t) in enumerate(rows)
    ]
    return (
        rounded_rows,
        [numbers.rounded(total, places) for total in column_totals],
        numbers.rounded(grand, places),
    )


def goal_outcome(check, currency: str) -> tuple[str, str]:
    """A Bootstrap colour and one sentence: whether the forecast reaches a target, and what would."""
    if check.status == NOT_FORECAST:
        return "secondary", _("Not forecast: measured after the fact, or the platform is not in the plan.")
    if check.status == REACHED:
        return "success", _("The forecast reaches it.")
    search = check.search
    if search is None:
        return "warning", _("The forecast misses it; what would reach it is being computed.")
    if search.reason == RATE:
        return "warning", _(
            "The forecast misses it. A rate or a cost per result does not change with the size of the budget: "
            "it follows the rates (CPM, CTR, ER, conversion) — revise them or the target."
        )
    if search.reason == SATURATES:
        ceiling = numbers.figure(kind_of_target(check), Decimal(search.saturates_at or 0), currency)
        if search.lever == "posts":
            return "danger", _(
                "Not reachable by posting more: even at 70 posts a week the forecast stays at %(n)s."
            ) % {"n": ceiling}
        return "danger", _("Not reachable: the audience saturates at %(n)s.") % {"n": ceiling}
    if search.reason == NO_LEVER:
        return "danger", _("Not reachable: there is neither a budget nor a posting plan to scale on this platform.")
    if search.lever == "posts":
        return "warning", _(
            "The forecast misses it; about %(posts)s posts a week (%(factor)s of the plan) reach it."
        ) % {
            "posts": numbers.typed(Decimal(search.posts_per_week)),
            "factor": numbers.rate(Decimal(search.factor) * 100, 0),
        }
    return "warning", _(
        "The forecast misses it; a monthly budget of %(budget)s (every budget line × %(factor)s) reaches it."
    ) % {
        "budget": numbers.money(Decimal(search.monthly_budget), currency),
        "factor": numbers.number(Decimal(search.factor), 2),
    }


def kind_of_target(check) -> str:
    definition = check.definition
    return definition.kind if definition else "count"


def goal_row(check, plan, currency: str) -> dict:
    """One row of the "goals against the forecast" table (the Metrics stage and the document)."""
    target = check.target
    colour, outcome = goal_outcome(check, currency)
    kind = kind_of_target(check)
    return {
        "check": check,
        "label": check.definition.label if check.definition else target.metric,
        "platform": Platform(target.platform).label if target.platform else _("All platforms"),
        "until": plan.month_label(target.month or plan.months),
        "scope": target.scope,
        "forecast": numbers.figure(kind, check.forecast, currency),
        "target": numbers.figure(kind, target.target, currency),
        "gap": numbers.rate(check.gap_percent, 1) if check.gap_percent is not None else "—",
        "colour": colour,
        "outcome": outcome,
    }
