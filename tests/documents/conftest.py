from __future__ import annotations

import pytest

from accounts.demo import seed_demo_accounts
from documents.demo import seed_demo_strategies
from documents.models import Version
from documents.workflow import perform
from metrics.models import Forecast
from metrics.services import run_forecast
from tests.worker import wait_until


def approve_and_wait_for_pdf(strategy, people) -> Version:
    """Submit and approve ``strategy``; return its version once a running worker has rendered the PDF (or failed)."""
    perform(strategy, "submit", by=people["marketer"])
    perform(strategy, "approve", by=people["manager"])
    version = strategy.versions.get()
    wait_until(
        lambda: Version.objects.get(pk=version.pk).pdf_status != Version.PdfStatus.PENDING,
        timeout=120,
        message="the worker to render the version PDF",
    )
    version.refresh_from_db()
    return version


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
