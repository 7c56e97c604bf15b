"""Target forecast speed.

    python -m benchmarks.targets [--strategies 10000]

One 12-month, 5-platform strategy end to end (inputs from the database,
forecast, goal feasibility with its budget search for each of three missed
goals, targets stored), then a benchmark change recomputing N such strategies
in one process, as one worker process would, and again spread over one process
per core, as a worker's default pool does. Baseline in the same run: the pure
forecast alone, so the ratio shows what the database work costs.
Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
from decimal import Decimal

from benchmarks._common import Timer, emit, setup_django, test_database


def make_strategies(count: int):
    from accounts.models import Agency, Client, Role, User
    from metrics.models import Forecast
    from strategies.models import BudgetLine, ContentPlanItem, OwnAccount, SmartGoal, Strategy, StrategyPlatform

    agency = Agency.objects.create(name="Benchmark agency")
    client = Client.objects.create(agency=agency, name="Benchmark client")
    owner = User.objects.create_user("bench@example.com", "x", agency=agency, role=Role.MARKETER)
    platforms = ["instagram", "vk", "telegram", "tiktok", "youtube"]
    strategies = Strategy.objects.bulk_create(
        Strategy(client=client, owner=owner, title=f"S{i}", start_date=dt.date(2027, 1, 1), period_months=12)
        for i in range(count)
    )
    rows = {"platforms": [], "accounts": [], "items": [], "lines": [], "forecasts": [], "goals": []}
    for strategy in strategies:
        for index, platform in enumerate(platforms):
            rows["platforms"].append(
                StrategyPlatform(strategy=strategy, platform=platform, role="main" if index < 2 else "supporting")
            )
            rows["accounts"].append(OwnAccount(strategy=strategy, platform=platform, followers=1000 * (index + 1)))
            rows["items"].append(
                ContentPlanItem(strategy=strategy, platform=platform, format="photo", posts_per_week=Decimal(3))
            )
            rows["lines"].append(
                BudgetLine(strategy=strategy, category="targeted_ads", platform=platform, monthly_amount=Decimal(20000))
            )
        rows["lines"].append(BudgetLine(strategy=strategy, category="design", monthly_amount=Decimal(30000)))
        rows["forecasts"].append(Forecast(strategy=strategy))
        # Goals the forecast misses, so every recompute searches for the budget that reaches them:
        # one reachable by budget, one the audience cannot give, one on an organic-only figure.
        deadline = dt.date(2027, 12, 31)
        for metric, platform, target in (("leads", "", 5000), ("reach", "", 10_000_000), ("er_reach", "vk", 50)):
            rows["goals"].append(
                SmartGoal(
                    strategy=strategy,
                    goal="leads",
                    metric=metric,
                    platform=platform,
                    target_value=target,
                    deadline=deadline,
                )
            )
    StrategyPlatform.objects.bulk_create(rows["platforms"], batch_size=5000)
    OwnAccount.objects.bulk_create(rows["accounts"], batch_size=5000)
    ContentPlanItem.objects.bulk_create(rows["items"], batch_size=5000)
    BudgetLine.objects.bulk_create(rows["lines"], batch_size=5000)
    Forecast.objects.bulk_create(rows["forecasts"], batch_size=5000)
    SmartGoal.objects.bulk_create(rows["goals"], batch_size=5000)
    # Every saved strategy carries its stage figures (a save stores them), so a recompute
    # re-runs only the health rule that reads the forecast.
    from strategies.services import refresh_cached_figures

    for strategy in strategies:
        refresh_cached_figures(strategy)
    return agency, strategies


def _recompute(pks: list[int]) -> int:
    from django.db import connection

    from metrics.services import run_forecast

    connection.close()  # a forked child opens its own connection
    return sum(run_forecast(pk, generation=0) == "computed" for pk in pks)


def recompute_in_processes(pks: list[int], processes: int) -> int:
    from django.db import connections

    connections.close_all()
    chunks = [pks[index::processes] for index in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return sum(pool.map(_recompute, chunks))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--strategies", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()
    with test_database():
        from metrics.forecast import forecast
        from metrics.models import BenchmarkOverride
        from metrics.services import build_input, run_forecast

        agency, strategies = make_strategies(args.strategies)
        first = strategies[0]

        data = build_input(first)
        with Timer() as pure:
            for _ in range(100):
                forecast(data)
        pure_seconds = pure.seconds / 100

        with Timer() as one:
            outcome = run_forecast(first.pk, generation=0)
        assert outcome == "computed"

        # A benchmark change: every strategy's fingerprint changes, all recompute.
        BenchmarkOverride.objects.create(agency=agency, platform="vk", key="cpm", currency="RUB", value=Decimal(300))
        with Timer() as batch:
            computed = sum(run_forecast(s.pk, generation=0) == "computed" for s in strategies)
        # The same recompute as a worker with one process per core (celery's default pool) does it.
        BenchmarkOverride.objects.filter(agency=agency).update(value=Decimal(320))
        with Timer() as pooled:
            pooled_computed = recompute_in_processes([s.pk for s in strategies], os.cpu_count() or 1)
        from metrics.models import TargetMonth

        emit(
            {
                "benchmark": "targets",
                "strategies": len(strategies),
                "seconds_per_strategy": round(one.seconds, 4),
                "strategies_per_second": round(computed / batch.seconds, 1),
                "recompute_seconds": round(batch.seconds, 2),
                "processes": os.cpu_count() or 1,
                "strategies_per_second_all_cores": round(pooled_computed / pooled.seconds, 1),
                "pure_forecast_seconds": round(pure_seconds, 5),
                "ratio_to_pure_forecast": round(one.seconds / pure_seconds, 1),
                "target_rows": TargetMonth.objects.count(),
                "goals_per_strategy": 3,
            }
        )


if __name__ == "__main__":
    main()
