"""A marketer reads the goals against the forecast, saves scenarios and makes one the plan, in both languages."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from metrics.services import run_forecast
from tests.e2e.conftest import log_in
from tests.worker import running_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_goals_feasibility_and_scenarios(page, settings, tenant, book_cafe, language):
    settings.FORECAST_DEBOUNCE_SECONDS = 0
    tenant.marketer.language = language
    tenant.marketer.save()
    run_forecast(book_cafe.pk, generation=0)
    with translation.override(language):
        misses, reached = translation.gettext("misses"), translation.gettext("reached")
        saturates = translation.gettext("Not reachable: the audience saturates at %(n)s.").split("%(n)s")[0]
        budget_text = translation.gettext(
            "The forecast misses it; a monthly budget of %(budget)s (every budget line × %(factor)s) reaches it."
        ).split("%(budget)s")[0]
        duplicate = translation.gettext("This strategy already has a scenario of that name.")
        use_as_plan = translation.gettext("Use as the plan")
        up_to_date = translation.gettext("Up to date")
    log_in(page, "marketer@alpha.test", "pw-Marketer-123")

    page.goto(f"/strategies/{book_cafe.pk}/metrics/")
    leads = page.locator("#goal-checks tr[data-metric=leads]")
    expect(leads).to_contain_text(misses)
    expect(leads).to_contain_text(budget_text.strip())
    expect(page.locator("#goal-checks tr[data-metric=reach]")).to_contain_text(saturates.strip())

    # A scenario from the what-if: 180 % of the budget, which the goals table said reaches 300 leads.
    page.goto(f"/strategies/{book_cafe.pk}/metrics/scenarios/")
    page.fill("input[name=name]", "Ambitious")
    page.fill("input[name=budget_percent]", "180")
    page.click("#scenario-form button[type=submit]")
    expect(page.locator("#scenario-table thead")).to_contain_text("Ambitious")
    # The same name again, with a negative budget: both are told next to their fields, the input kept.
    page.fill("input[name=name]", "ambitious")
    page.fill("input[name=budget_percent]", "-5")
    page.click("#scenario-form button[type=submit]")
    expect(page.locator("#scenario-form")).to_contain_text(duplicate)
    expect(page.locator("#scenario-form .invalid-feedback")).to_have_count(2)
    expect(page.locator("input[name=budget_percent]")).to_have_value("-5")

    with running_worker():
        page.locator("#scenario-table tfoot button", has_text=use_as_plan).first.click()
        page.goto(f"/strategies/{book_cafe.pk}/metrics/")
        expect(page.locator("#forecast-status")).to_contain_text(up_to_date, timeout=30_000)
        expect(page.locator("#goal-checks tr[data-metric=leads]")).to_contain_text(reached, timeout=30_000)
