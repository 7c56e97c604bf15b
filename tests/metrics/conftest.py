from __future__ import annotations

from decimal import Decimal

import pytest

from metrics.models import Forecast
from strategies.models import BudgetLine, ContentPlanItem, OwnAccount, StrategyPlatform


@pytest.fixture
def planned(tenant):
    """A small plan: VK (main, 5,000 followers) and Telegram (supporting, new)."""
    strategy = tenant.strategy
    strategy.currency = "RUB"
    strategy.period_months = 3
    strategy.save()
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main", rationale="r")
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting", rationale="r")
    OwnAccount.objects.create(strategy=strategy, platform="vk", followers=5000, posts_per_week=Decimal(3))
    ContentPlanItem.objects.create(strategy=strategy, platform="vk", format="photo", posts_per_week=Decimal(2))
    ContentPlanItem.objects.create(strategy=strategy, platform="vk", format="video", posts_per_week=Decimal(1))
    ContentPlanItem.objects.create(strategy=strategy, platform="telegram", format="longread", posts_per_week=Decimal(5))
    BudgetLine.objects.create(strategy=strategy, category="targeted_ads", platform="vk", monthly_amount=Decimal(30000))
    BudgetLine.objects.create(strategy=strategy, category="design", platform="", monthly_amount=Decimal(9000))
    Forecast.objects.create(strategy=strategy)
    return strategy
