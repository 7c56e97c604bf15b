from __future__ import annotations

import pytest

from accounts.demo import seed_demo_accounts
from documents.demo import seed_demo_strategies
from metrics.models import Forecast
from metrics.services import run_forecast


def compute(strategy) -> None:
    forecast, _ = Forecast.objects.get_or_create(strategy=strategy)
    run_forecast(strategy.pk, generation=forecast.generation)


@pytest.fixture
def demo(db):
    """The demo agency with its two complete strategies and their targets."""
    people = seed_demo_accounts()
    ru, en = seed_demo_strategies(people)
    for strategy in (ru, en):
        compute(strategy)
    return {**people, "ru": ru, "en": en}
