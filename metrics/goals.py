"""Goals against the forecast: forecast vs target, the gap, and what it takes to reach it (method §5).

Plain functions on plain data, no ORM. A target names a figure of the KPI
catalogue (strategies.kpis), optionally one platform, a deadline month and
whether it counts the whole time to the deadline or the deadline's month alone.
Where the forecast falls short, the smallest monthly budget that reaches the
target is found by bisection on the forecast itself (it is monotone in the
budget), every budget line scaled in proportion as the what-if does; for a
platform with no paid budget the posting rate is searched instead. A target the
audience cannot give (people reached saturate at U) is "not reachable".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from decimal import ROUND_CEILING, Decimal

from strategies.kpis import BY_KEY

from .catalogue import KPI_FORECAST
from .forecast import ONE, ZERO, ForecastInput, forecast
from .plan import Plan

# Figures that grow with the budget or the posting rate; the rest are rates and costs per result,
# which follow CPM, CTR, ER and conversion, not the size of the budget.
VOLUME_METRICS = {
    "reach",
    "total_reach",
    "impressions",
    "mentions",
    "followers_end",
    "net_followers",
    "follower_growth",
    "engagements",
    "link_clicks",
    "leads",
}
MAX_BUDGET_FACTOR = Decimal(1024)
MAX_POSTS_PER_WEEK = Decimal(70)  # the content plan's own ceiling per format line
PRECISION = Decimal("1.002")  # the search stops when the bracket is within 0.2 %

# Outcomes
REACHED, SHORT, NOT_FORECAST = "reached", "short", "not_forecast"
# Why a short target has no budget: its figure is a rate/cost, or the audience saturates first.
RATE, SATURATES, NO_LEVER = "rate", "saturates", "no_lever"


@dataclass(frozen=True)
class Target:
    key: str  # identity for storing its search result, e.g. "goal-12"
    metric: str  # a strategies.kpis key
    target: Decimal
    platform: str = ""
    month: int = 0  # deadline month of the strategy; 0: the end of the period
    scope: str = "period"  # period: from the start to the deadline; month: the deadline's month alone
    label: str = ""  # what the client calls it


@dataclass
class Search:
    """What it takes to reach a target, as found by the search (stored by the worker)."""

    lever: str = ""  # budget / posts / ""
    factor: str = ""  # the factor found, as a decimal string
    monthly_budget: str = ""
    posts_per_week: str = ""
    reason: str = ""  # RATE / SATURATES / NO_LEVER when nothing reaches it
    saturates_at: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class TargetCheck:
    target: Target
    forecast: Decimal | None
    status: str
    gap_percent: Decimal | None = None
    search: Search | None = None

    @property
    def definition(self):
        return BY_KEY.get(self.target.metric)

    @property
    def misses(self) -> bool:
        return self.status == SHORT

    def as_dict(self) -> dict:
        """Plain JSON-able data (a document snapshot keeps it); ``from_dict`` reads it back."""
        return {
            "target": {**asdict(self.target), "target": str(self.target.target)},
            "forecast": None if self.forecast is None else str(self.forecast),
            "status": self.status,
            "gap_percent": None if self.gap_percent is None else str(self.gap_percent),
            "search": self.search.as_dict() if self.search else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> TargetCheck:
        target = Target(**{**data["target"], "target": Decimal(data["target"]["target"])})
        return cls(
            target,
            None if data["forecast"] is None else Decimal(data["forecast"]),
            data["status"],
            None if data["gap_percent"] is None else Decimal(data["gap_percent"]),
            Search(**data["search"]) if data["search"] else None,
        )


def deadline_month(start: dt.date, deadline: dt.date, months: int) -> int:
    index = (deadline.year - start.year) * 12 + deadline.month - start.month + 1
    return min(max(index, 1), months)


def forecast_value(plan: Plan, target: Target) -> Decimal | None:
    key = KPI_FORECAST.get(target.metric)
    if key is None or plan.is_empty:
        return None
    platforms = [target.platform] if target.platform else plan.platforms
    if target.platform and target.platform not in plan.platforms:
        return None
    last = target.month or plan.months
    months = [last] if target.scope == "month" else list(range(1, last + 1))
    return plan.figure(key, platforms, months)


def _met(target: Target, value: Decimal | None) -> bool:
    if value is None:
        return False
    definition = BY_KEY[target.metric]
    return value <= target.target if definition.is_cost else value >= target.target


def check(plan: Plan, target: Target, search: Search | None = None) -> TargetCheck:
    """Forecast vs target and the gap in % (negative: short of a goal; for a cost, above it)."""
    value = forecast_value(plan, target)
    if value is None:
        return TargetCheck(target, None, NOT_FORECAST)
    gap = (value - target.target) / target.target * 100 if target.target else None
    return TargetCheck(target, value, REACHED if _met(target, value) else SHORT, gap, search)


def _value_at(data: ForecastInput, target: Target, start: dt.date, *, budget=ONE, posts=ONE) -> Decimal | None:
    """The target's figure when the plan is scaled: only its platform(s) and the months up to its deadline."""
    scaled = data.scaled(budget=budget, posts=posts)
    months = min(target.month or data.months, data.months)
    if target.platform:
        scaled = replace(scaled, platforms=tuple(p for p in scaled.platforms if p.platform == target.platform))
    plan = Plan.from_forecast(forecast(replace(scaled, months=months), explain=False), months=months, start=start)
    return forecast_value(plan, target)


def _smallest_factor(value_of, target: Decimal, current: Decimal, limit: Decimal) -> Decimal | None:
    """The smallest factor in (1, limit] whose value reaches ``target``, or None when even ``limit`` falls short.

    ``value_of`` is monotone in the factor and ``current`` (its value at 1) is short. A safeguarded
    regula falsi: the next guess is where the straight line through the bracket meets the target
    (exact for figures linear in the budget, like leads), and a bisection step whenever one end
    of the bracket has stayed put twice, so a curved figure (people reached) converges as well.
    It stops once the bracket is within PRECISION or a reaching value overshoots by less than that.
    """
    at_limit = value_of(limit)
    if at_limit is None or at_limit < target:
        return None
    low, low_value, high, high_value = ONE, current, limit, at_limit
    kept = ""
    for _step in range(40):
        if high / low <= PRECISION or high_value <= target * PRECISION:
            break
        if kept.endswith("ll") or kept.endswith("hh") or high_value == low_value:
            guess = (low + high) / 2
        else:
            guess = low + (target - low_value) * (high - low) / (high_value - low_value)
            if not low < guess < high:
                guess = (low + high) / 2
        value = value_of(guess)
        if value is not None and value >= target:
            high, high_value, kept = guess, value, kept + "l"
        else:
            low, low_value, kept = guess, value or ZERO, kept + "h"
    return high


def round_up(amount: Decimal) -> Decimal:
    """Up to three significant figures: 171,234 → 172,000; 9,431 → 9,440."""
    if amount <= 0:
        return amount
    step = Decimal(10) ** max(amount.adjusted() - 2, 0)
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def search(data: ForecastInput, target: Target, start: dt.date, current: Decimal) -> Search:
    """What it takes to reach a target the forecast misses (``current``: its forecast as planned)."""
    if target.metric not in VOLUME_METRICS:
        return Search(reason=RATE)
    platforms = [p for p in data.platforms if not target.platform or p.platform == target.platform]
    paid = sum((p.monthly_budget.get(k, ZERO) for p in platforms for k in ("ads", "influencers", "seeding")), ZERO)
    base_budget = data.monthly_budget
    if paid > 0 and base_budget > 0:
        factor = _smallest_factor(
            lambda f: _value_at(data, target, start, budget=f), target.target, current, MAX_BUDGET_FACTOR
        )
        if factor is None:
            ceiling = _value_at(data, target, start, budget=MAX_BUDGET_FACTOR)
            return Search(lever="budget", reason=SATURATES, saturates_at=str(ceiling or ZERO))
        budget = round_up(base_budget * factor)
        return Search(lever="budget", factor=str(budget / base_budget), monthly_budget=str(budget))
    most_posts = max((p.posts_per_week for p in platforms), default=ZERO)
    if most_posts <= 0:
        return Search(reason=NO_LEVER)
    limit = MAX_POSTS_PER_WEEK / most_posts
    if limit <= 1:
        return Search(lever="posts", reason=SATURATES, saturates_at=str(_value_at(data, target, start) or ZERO))
    factor = _smallest_factor(lambda f: _value_at(data, target, start, posts=f), target.target, current, limit)
    if factor is None:
        ceiling = _value_at(data, target, start, posts=limit)
        return Search(lever="posts", reason=SATURATES, saturates_at=str(ceiling or ZERO))
    weekly = sum((p.posts_per_week for p in platforms), ZERO) * factor
    return Search(lever="posts", factor=str(factor), posts_per_week=str(weekly.quantize(Decimal("0.1"))))


def evaluate(data: ForecastInput, targets: list[Target], start: dt.date) -> list[TargetCheck]:
    """Every target against the forecast of ``data``, with a search wherever it falls short."""
    plan = Plan.from_forecast(forecast(data, explain=False), months=data.months, start=start)
    checks = []
    for target in targets:
        result = check(plan, target)
        if result.misses:
            result.search = search(data, target, start, result.forecast)
        checks.append(result)
    return checks
