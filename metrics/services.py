"""Gather a strategy's forecast inputs from the database, run the forecast, store targets."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from competitors.models import CompetitorAccount
from strategies.models import BudgetCategory, OwnAccount, Strategy, StrategyPlatform
from strategies.services import refresh_cached_figures

from .benchmarks import BenchmarkValue, default_benchmarks
from .forecast import (
    AUDIT,
    BENCHMARK,
    COMPETITORS,
    FORECAST_VERSION,
    HUNDRED,
    ForecastInput,
    PlatformPlan,
    forecast,
    median,
)
from .goals import Target, deadline_month, evaluate
from .models import BenchmarkOverride, Forecast, Scenario, TargetMonth
from .plan import Plan

# What a stored forecast counts as in ``reads`` of the health rules (strategies.stages).
FORECAST_STAGE = "forecast"

log = logging.getLogger(__name__)

BUDGET_KIND = {
    BudgetCategory.TARGETED_ADS: "ads",
    BudgetCategory.INFLUENCERS: "influencers",
    BudgetCategory.SEEDING: "seeding",
    BudgetCategory.COMMUNITY: "community",
    BudgetCategory.CONTESTS: "contests",
    BudgetCategory.COPYWRITING: "content",
    BudgetCategory.DESIGN: "content",
    BudgetCategory.PHOTO: "content",
    BudgetCategory.VIDEO: "content",
}
# Lines for "all platforms" are shared out with main platforms weighing double.
ROLE_WEIGHT = {StrategyPlatform.Role.MAIN: Decimal(2), StrategyPlatform.Role.SUPPORTING: Decimal(1)}


def benchmark_table(agency_id: int, currency: str) -> dict[tuple[str, str], BenchmarkValue]:
    table = default_benchmarks(currency)
    for override in BenchmarkOverride.objects.filter(agency_id=agency_id):
        if override.currency and override.currency != currency:
            continue
        default = table.get((override.platform, override.key))
        table[(override.platform, override.key)] = BenchmarkValue(
            override.value, override.source or (default.source if default else ""), override.updated_at.year, True
        )
    return table


# The addressable audience when the marketer has not typed one: this many times the followers the
# strategy knows of (the brand's plus its largest competitor's, per platform), and never below the floor.
AUDIENCE_PER_KNOWN_FOLLOWER = 10
AUDIENCE_FLOOR = 10_000
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Rate:
    value: Decimal
    basis: str
    conversion: dict[str, str]


def competitor_reach_rate(accounts: list[CompetitorAccount]) -> Decimal | None:
    """The competitors' median reach of one post, % of followers, where views were given."""
    found = median(
        [Decimal(a.avg_views) / Decimal(a.followers) * HUNDRED for a in accounts if a.avg_views and a.followers]
    )
    return found.quantize(TWO_PLACES) if found is not None else None


def competitor_er_reach(accounts: list[CompetitorAccount], reach_rate: Decimal) -> Rate | None:
    """The competitors' median organic ER by reach on one platform.

    Where views were given, ER by views stands for ER by reach (engagements / views). Otherwise the
    ER per post by followers is turned into ER by reach with ``reach_rate``, the reach rate it is
    measured against (the competitors' own median where known, else the benchmark), and the
    conversion is recorded.
    """
    values, converted = [], []
    for account in accounts:
        if account.engagements is None:
            continue
        if account.avg_views:
            values.append(Decimal(account.engagements) / Decimal(account.avg_views) * HUNDRED)
        elif account.er_by_followers is not None and reach_rate:
            converted.append(account.er_by_followers)
            values.append(account.er_by_followers / reach_rate * HUNDRED)
    found = median(values)
    if found is None:
        return None
    conversion = {}
    if converted:  # the median ER by followers that was converted, and the rate it was converted with
        conversion = {"er_followers": str(median(converted).quantize(TWO_PLACES)), "reach_rate": str(reach_rate)}
    return Rate(found.quantize(TWO_PLACES), COMPETITORS, conversion)


def organic_rates(own: OwnAccount | None, accounts: list[CompetitorAccount], benchmarks: dict[str, Decimal]):
    """Reach rate and organic ER by reach of one platform, each from the best source there is (method §5)."""
    rival_rate = competitor_reach_rate(accounts)
    if own is not None and own.avg_reach and own.followers:
        reach = Rate((Decimal(own.avg_reach) / Decimal(own.followers) * HUNDRED).quantize(TWO_PLACES), AUDIT, {})
    elif rival_rate is not None:
        reach = Rate(rival_rate, COMPETITORS, {})
    else:
        reach = Rate(benchmarks["organic_reach_rate"], BENCHMARK, {})
    if own is not None and own.engagement_rate is not None and reach.value:
        # The audit's ER is by followers; its own reach rate (or the one used for its reach) converts it.
        value = (own.engagement_rate / reach.value * HUNDRED).quantize(TWO_PLACES)
        er = Rate(value, AUDIT, {"er_followers": str(own.engagement_rate), "reach_rate": str(reach.value)})
    else:
        er = competitor_er_reach(accounts, rival_rate or benchmarks["organic_reach_rate"])
        er = er or Rate(benchmarks["er_reach"], BENCHMARK, {})
    return reach, er


def estimated_audience(own: dict[str, OwnAccount], rivals: dict[str, list[CompetitorAccount]], platforms) -> int:
    known = 0
    for platform in platforms:
        account = own.get(platform)
        biggest = max((a.followers for a in rivals.get(platform, [])), default=0)
        known += (account.followers or 0 if account else 0) + biggest
    return max(known * AUDIENCE_PER_KNOWN_FOLLOWER, AUDIENCE_FLOOR)


PLAN = "plan"  # build_input's default: the strategy's plan scenario, if one is chosen


def build_input(
    strategy: Strategy,
    *,
    budget_factor: Decimal = Decimal(1),
    posts_factor: Decimal = Decimal(1),
    scenario: Scenario | str | None = PLAN,
) -> ForecastInput:
    """The forecast's inputs from every stage, scaled by the plan scenario (or by ``scenario``; None: as typed)."""
    platforms = list(strategy.platforms.all())
    table = benchmark_table(strategy.client.agency_id, strategy.currency)
    own = {a.platform: a for a in strategy.own_accounts.all() if a.has_account}
    posts: dict[str, Decimal] = {}
    for item in strategy.content_items.all():
        posts[item.platform] = posts.get(item.platform, Decimal(0)) + item.posts_per_week
    budget: dict[str, dict[str, Decimal]] = {p.platform: {} for p in platforms}
    weights = {p.platform: ROLE_WEIGHT[p.role] for p in platforms}
    weight_sum = sum(weights.values(), Decimal(0))
    for line in strategy.budget_lines.all():
        kind = BUDGET_KIND[line.category]
        if line.platform:
            shares = {line.platform: Decimal(1)} if line.platform in budget else {}
        else:
            shares = {p: w / weight_sum for p, w in weights.items()} if weight_sum else {}
        for platform, share in shares.items():
            amount = line.monthly_amount * share * budget_factor
            budget[platform][kind] = budget[platform].get(kind, Decimal(0)) + amount
    rivals: dict[str, list[CompetitorAccount]] = {}
    for account in CompetitorAccount.objects.filter(competitor__strategy=strategy):
        rivals.setdefault(account.platform, []).append(account)

    plans = []
    for platform in platforms:
        key = platform.platform
        values = {name: value.value for (p, name), value in table.items() if p == key}
        reach, er = organic_rates(own.get(key), rivals.get(key, []), values)
        account = own.get(key)
        plans.append(
            PlatformPlan(
                platform=key,
                followers=(account.followers or 0) if account else 0,
                posts_per_week=(posts.get(key, Decimal(0)) * posts_factor).quantize(TWO_PLACES),
                monthly_budget={k: v.quantize(TWO_PLACES) for k, v in sorted(budget[key].items())},
                benchmarks=values,
                reach_rate=reach.value,
                reach_basis=reach.basis,
                er_reach=er.value,
                er_basis=er.basis,
                er_conversion=er.conversion,
            )
        )
    typed = strategy.addressable_audience
    audience = typed or estimated_audience(own, rivals, [p.platform for p in platforms])
    data = ForecastInput(
        months=strategy.period_months,
        platforms=tuple(plans),
        audience=Decimal(audience),
        audience_basis="typed" if typed else "estimated",
    )
    if scenario == PLAN:
        scenario = strategy.scenarios.filter(is_plan=True).first()
    if isinstance(scenario, Scenario):
        budget, posts = scenario.factors([p.platform for p in plans])
        data = replace(data.scaled(budget=budget, posts=posts), scenario=scenario.name)
    return data


def fingerprint(data: ForecastInput, targets: list[Target] = ()) -> str:
    encoded = json.dumps([asdict(data), [asdict(t) for t in targets]], sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def strategy_targets(strategy: Strategy) -> list[Target]:
    """The strategy's SMART targets that name a catalogue figure, then the KPIs given a target for the period."""
    targets = [
        Target(
            key=f"goal-{goal.pk}",
            metric=goal.metric,
            target=goal.target_value,
            platform=goal.platform,
            month=deadline_month(strategy.start_date, goal.deadline, strategy.period_months),
            scope=goal.scope,
            label=goal.note,
        )
        for goal in strategy.goals.all()
        if goal.metric
    ]
    targets += [
        Target(key=f"kpi-{kpi.metric}", metric=kpi.metric, target=kpi.target_value, label=kpi.notes)
        for kpi in strategy.kpis.all()
        if kpi.target_value is not None
    ]
    return targets


@transaction.atomic
def store_targets(strategy: Strategy, results) -> None:
    """Write the computed figures in place (one upsert); a marketer's own values stay as they are.

    Rows of platforms or months no longer in the plan go, with their own values.
    """
    platforms = list(results)
    months = max((len(rows) for rows in results.values()), default=0)
    TargetMonth.objects.filter(strategy=strategy).filter(~Q(platform__in=platforms) | Q(month__gt=months)).delete()
    TargetMonth.objects.bulk_create(
        [
            TargetMonth(
                strategy=strategy,
                platform=platform,
                month=index,
                computed={metric: str(cell.value) for metric, cell in cells.items()},
                inputs={metric: cell.inputs for metric, cell in cells.items()},
            )
            for platform, rows in results.items()
            for index, cells in enumerate(rows, start=1)
        ],
        update_conflicts=True,
        unique_fields=["strategy", "platform", "month"],
        update_fields=["computed", "inputs"],
    )


def request_forecast(strategy: Strategy) -> int:
    """Ask for a recomputation once the current transaction commits; returns the generation."""
    rows = Forecast.objects.filter(strategy=strategy)
    bump = {"generation": F("generation") + 1, "status": Forecast.Status.QUEUED, "error": ""}
    if not rows.update(**bump, requested_at=timezone.now()):
        Forecast.objects.get_or_create(strategy=strategy)
        rows.update(**bump, requested_at=timezone.now())
    generation = rows.values_list("generation", flat=True).get()
    transaction.on_commit(lambda: send_forecast_task(strategy.pk, generation))
    return generation


def send_forecast_task(strategy_id: int, generation: int) -> bool:
    from .tasks import compute_targets

    try:
        compute_targets.apply_async((strategy_id, generation), countdown=settings.FORECAST_DEBOUNCE_SECONDS)
    except Exception as error:  # broker down: the page says so, and the beat job re-sends it
        log.warning("could not queue the forecast of strategy %s: %s", strategy_id, error)
        Forecast.objects.filter(strategy_id=strategy_id, generation=generation).update(error="queue-unavailable")
        return False
    return True


def run_forecast(strategy_id: int, *, generation: int) -> str:
    """The task's body: compute and store, unless a newer request supersedes this one."""
    with transaction.atomic():
        row = Forecast.objects.select_for_update().filter(strategy_id=strategy_id).first()
        if row is None:
            return "gone"
        if row.generation > generation:
            return "superseded"
        row.status, row.started_at, row.error = Forecast.Status.RUNNING, timezone.now(), ""
        row.save(update_fields=["status", "started_at", "error"])
    latest = Forecast.objects.filter(strategy_id=strategy_id, generation=generation)
    try:
        strategy = Strategy.objects.select_related("client").get(pk=strategy_id)
        data = build_input(strategy)
        targets = strategy_targets(strategy)
        new_fingerprint = fingerprint(data, targets)
        if new_fingerprint == row.fingerprint and TargetMonth.objects.filter(strategy=strategy).exists():
            latest.update(status=Forecast.Status.DONE, finished_at=timezone.now())
            return "unchanged"
        results = forecast(data)
        searches = {c.target.key: c.search.as_dict() for c in evaluate(data, targets, strategy.start_date) if c.search}
        with transaction.atomic():
            store_targets(strategy, results)
            Forecast.objects.filter(pk=row.pk).update(
                fingerprint=new_fingerprint,
                runs=F("runs") + 1,
                method_version=FORECAST_VERSION,
                goal_searches=searches,
            )
            latest.update(status=Forecast.Status.DONE, finished_at=timezone.now())
            # The health check's "the forecast misses a goal" reads the targets just stored.
            refresh_cached_figures(strategy, changed=FORECAST_STAGE)
    except Exception as error:
        latest.update(
            status=Forecast.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        raise
    return "computed"


SCENARIO_FIGURES = ("unique_reach", "total_reach", "leads", "cpl", "cpl_all_in", "spend")


def scenario_comparison(strategy: Strategy) -> list[dict]:
    """The stages as typed, then every saved scenario, each forecast for the period (side by side)."""
    base = build_input(strategy, scenario=None)
    platforms = [p.platform for p in base.platforms]
    columns = [{"scenario": None, "data": base}]
    for scenario in strategy.scenarios.all():
        budget, posts = scenario.factors(platforms)
        columns.append({"scenario": scenario, "data": base.scaled(budget=budget, posts=posts)})
    for column in columns:
        data = column["data"]
        plan = Plan.from_forecast(forecast(data, explain=False), months=data.months, start=strategy.start_date)
        column["figures"] = {key: plan.grand_total().get(key) for key in SCENARIO_FIGURES}
        column["figures"]["monthly_budget"] = data.monthly_budget
    return columns


@transaction.atomic
def choose_plan_scenario(strategy: Strategy, scenario: Scenario | None) -> None:
    """Make ``scenario`` the plan (None: the stages as typed) and recompute the targets with it."""
    Scenario.objects.filter(strategy=strategy, is_plan=True).update(is_plan=False)
    if scenario is not None:
        Scenario.objects.filter(pk=scenario.pk).update(is_plan=True)
    request_forecast(strategy)


@transaction.atomic
def delete_scenario(scenario: Scenario) -> None:
    was_plan = scenario.is_plan
    strategy = scenario.strategy
    scenario.delete()
    if was_plan:
        request_forecast(strategy)
