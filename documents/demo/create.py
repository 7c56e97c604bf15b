"""The shape of a demo spec, with the shorthands the specs use, and `_create`, which writes one as rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audiences.models import Segment
from competitors.models import Competitor, CompetitorAccount
from metrics.catalogue import suggested_metrics
from metrics.models import Kpi, Scenario
from strategies.models import (
    BudgetLine,
    ContentPillar,
    ContentPlanItem,
    OwnAccount,
    SmartGoal,
    Strategy,
    StrategyPlatform,
    StrategyTool,
    ToneOfVoice,
    Usp,
)
from strategies.services import refresh_cached_figures

Spec = dict[str, Any]

MAIN = StrategyPlatform.Role.MAIN
SUPPORTING = StrategyPlatform.Role.SUPPORTING
TO_CREATE = StrategyPlatform.AccountStatus.TO_CREATE


def _create(spec: Spec, *, client, owner) -> Strategy:
    """Write one strategy and all its stages from a spec like those in `coffee_shop` and `yoga_studio`."""
    strategy = Strategy.objects.create(client=client, owner=owner, status=Strategy.Status.DRAFT, **spec["strategy"])

    SmartGoal.objects.bulk_create(
        SmartGoal(
            strategy=strategy,
            goal=goal,
            metric=metric,
            platform=platform,
            scope=scope,
            target_value=Decimal(target),
            deadline=date,
            note=note,
        )
        for goal, metric, platform, scope, target, date, note in spec["goals"]
    )
    OwnAccount.objects.bulk_create(OwnAccount(strategy=strategy, **row) for row in spec["own_accounts"])

    for row in spec["competitors"]:
        data = dict(row)
        accounts = data.pop("accounts")
        competitor = Competitor.objects.create(strategy=strategy, **data)
        CompetitorAccount.objects.bulk_create(
            CompetitorAccount(
                competitor=competitor,
                platform=platform,
                url=url,
                followers=followers,
                posts_per_week=Decimal(posts),
                avg_likes=likes,
                avg_comments=comments,
                avg_shares=shares,
                avg_views=views,
                formats=formats,
            )
            for platform, url, followers, posts, likes, comments, shares, views, formats in accounts
        )

    Segment.objects.bulk_create(Segment(strategy=strategy, **row) for row in spec["segments"])
    ToneOfVoice.objects.create(strategy=strategy, **spec["tone"])
    Usp.objects.create(strategy=strategy, **spec["usp"])
    StrategyPlatform.objects.bulk_create(StrategyPlatform(strategy=strategy, **row) for row in spec["platforms"])
    ContentPlanItem.objects.bulk_create(
        ContentPlanItem(strategy=strategy, platform=platform, format=fmt, posts_per_week=Decimal(posts))
        for platform, fmt, posts in spec["content"]
    )
    ContentPillar.objects.bulk_create(
        ContentPillar(strategy=strategy, name=name, description=description, share=Decimal(share))
        for name, description, share in spec["pillars"]
    )
    StrategyTool.objects.bulk_create(
        StrategyTool(strategy=strategy, tool=tool, notes=notes) for tool, notes in spec["tools"]
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(strategy=strategy, category=category, platform=platform, monthly_amount=Decimal(amount), note=note)
        for category, platform, amount, note in spec["budget"]
    )

    goals = {strategy.leading_goal} | {goal for goal, *_ in spec["goals"]}
    notes = spec["kpi_notes"]
    Kpi.objects.bulk_create(
        Kpi(strategy=strategy, metric=key, notes=notes.get(key, "")) for key in suggested_metrics(goals)
    )

    Scenario.objects.bulk_create(
        Scenario(strategy=strategy, name=name, budget_percent=Decimal(budget), posts_percent=Decimal(posts))
        for name, budget, posts in spec.get("scenarios", ())
    )

    refresh_cached_figures(strategy)
    return strategy
