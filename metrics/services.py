"""Gather a strategy's forecast inputs from the database, run the forecast, store targets."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from competitors.models import CompetitorAccount
from strategies.models import BudgetCategory, Strategy, StrategyPlatform

from .benchmarks import BenchmarkValue, default_benchmarks
from .forecast import HUNDRED, ForecastInput, PlatformPlan, forecast, median
from .models import BenchmarkOverride, Forecast, TargetMonth

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


def competitor_er_reach(accounts: list[CompetitorAccount], organic_reach_rate: Decimal) -> Decimal | None:
    """The competitors' median ER by reach on one platform.

    ER by views stands in for ER by reach where views were given; otherwise ER
    per post by followers is turned into ER by reach through the organic reach
    rate (reach per post = followers × rate).
    """
    values = []
    for account in accounts:
        if account.engagements is None:
            continue
        if account.avg_views:
            values.append(Decimal(account.engagements) / Decimal(account.avg_views) * HUNDRED)
        elif account.er_by_followers is not None and organic_reach_rate:
            values.append(account.er_by_followers / organic_reach_rate * HUNDRED)
    found = median(values)
    return found.quantize(Decimal("0.01")) if found is not None else None


def build_input(strategy: Strategy, *, budget_factor: Decimal = Decimal(1), posts_factor: Decimal = Decimal(1)):
    platforms = list(strategy.platforms.all())
    table = benchmark_table(strategy.client.agency_id, strategy.currency)
    followers = {a.platform: a.followers or 0 for a in strategy.own_accounts.all() if a.has_account}
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
    competitor_accounts: dict[str, list[CompetitorAccount]] = {}
    for account in CompetitorAccount.objects.filter(competitor__strategy=strategy):
        competitor_accounts.setdefault(account.platform, []).append(account)

    plans = []
    for platform in platforms:
        key = platform.platform
        values = {name: value.value for (p, name), value in table.items() if p == key}
        aimed = competitor_er_reach(competitor_accounts.get(key, []), values["organic_reach_rate"])
        plans.append(
            PlatformPlan(
                platform=key,
                followers=followers.get(key, 0),
                posts_per_week=(posts.get(key, Decimal(0)) * posts_factor).quantize(Decimal("0.01")),
                monthly_budget={k: v.quantize(Decimal("0.01")) for k, v in sorted(budget[key].items())},
                benchmarks=values,
                er_reach=aimed if aimed is not None else values["er_reach"],
                er_reach_basis="competitors" if aimed is not None else "benchmark",
            )
        )
    return ForecastInput(months=strategy.period_months, platforms=tuple(plans))


def fingerprint(data: ForecastInput) -> str:
    encoded = json.dumps(asdict(data), sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


@transaction.atomic
def store_targets(strategy: Strategy, results) -> None:
    """Replace the computed rows; a marketer's own values are carried over."""
    manual = {
        (platform, month): values
        for platform, month, values in TargetMonth.objects.filter(strategy=strategy)
        .exclude(manual={})
        .values_list("platform", "month", "manual")
    }
    TargetMonth.objects.filter(strategy=strategy).delete()
    TargetMonth.objects.bulk_create(
        TargetMonth(
            strategy=strategy,
            platform=platform,
            month=index,
            computed={metric: str(cell.value) for metric, cell in cells.items()},
            manual=manual.get((platform, index), {}),
            inputs={metric: cell.inputs for metric, cell in cells.items()},
        )
        for platform, months in results.items()
        for index, cells in enumerate(months, start=1)
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
        new_fingerprint = fingerprint(data)
        if new_fingerprint == row.fingerprint and TargetMonth.objects.filter(strategy=strategy).exists():
            latest.update(status=Forecast.Status.DONE, finished_at=timezone.now())
            return "unchanged"
        results = forecast(data)
        with transaction.atomic():
            store_targets(strategy, results)
            Forecast.objects.filter(pk=row.pk).update(fingerprint=new_fingerprint, runs=F("runs") + 1)
            latest.update(status=Forecast.Status.DONE, finished_at=timezone.now())
    except Exception as error:
        latest.update(
            status=Forecast.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        raise
    return "computed"
