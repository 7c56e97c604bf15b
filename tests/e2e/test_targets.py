"""A marketer changes the budget and watches the targets update, without reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from documents.demo import seed_demo_strategies
from metrics.models import Forecast
from metrics.services import run_forecast
from tests.e2e.conftest import log_in
from tests.worker import running_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_budget_change_updates_the_targets(page, settings):
    settings.FORECAST_DEBOUNCE_SECONDS = 0
    demo = seed_demo_accounts()
    strategy = seed_demo_strategies(demo)[1]  # the English yoga studio
    Forecast.objects.create(strategy=strategy)
    run_forecast(strategy.pk, generation=0)
    log_in(page, "marketer@demo.example", DEMO_PASSWORD)

    page.goto(f"/strategies/{strategy.pk}/metrics/")
    leads = page.locator("#kpi-forecast tr", has_text="Leads").locator("td").nth(1)
    before = leads.inner_text()
    expect(page.locator("#forecast-status")).to_contain_text("Up to date")

    with running_worker():
        page.goto(f"/strategies/{strategy.pk}/budget/")
        row = page.locator("tr.formset-row", has=page.locator("option[value=instagram][selected]")).filter(
            has=page.locator("option[value=targeted_ads][selected]")
        )
        row.locator("input[name$=monthly_amount]").fill("3000")
        page.click("button[value=_next]")
        expect(page.locator("h2.h4")).to_have_text("Metrics")
        # The page polls the worker's progress and swaps the plan in place.
        expect(page.locator("#forecast-status")).to_contain_text("Up to date", timeout=30_000)
        expect(leads).not_to_have_text(before, timeout=30_000)

    after = leads.inner_text()
    assert float(after.replace(",", "")) > float(before.replace(",", ""))
    # How a number was computed, in place.
    page.locator("#plan-table tbody a").first.click()
    expect(page.locator("#target-explanation")).to_contain_text("How this number was computed")
