"""The platforms stage shows the fields of the chosen networks only; ticking one opens its fields."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from strategies.models import StrategyPlatform
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_networks_not_chosen_are_collapsed(page, tenant):
    StrategyPlatform.objects.create(strategy=tenant.strategy, platform="vk", role="main", rationale="Where they are")
    log_in(page, "marketer@alpha.test", "pw-Marketer-123")
    page.goto(f"/strategies/{tenant.strategy.pk}/platforms/")
    rows = page.locator(".platform-row")
    expect(rows).to_have_count(9)
    visible = page.locator(".platform-details:visible")
    expect(visible).to_have_count(1)  # VK, the one chosen
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2500, height  # was 4,125 px with all nine open
    telegram = rows.filter(has_text="Telegram")
    telegram.locator(".form-switch input").check()
    expect(telegram.locator(".platform-details")).to_be_visible()
    expect(visible).to_have_count(2)


def test_row_selects_show_their_whole_choice_in_russian(page, tenant):
    from strategies.models import BudgetLine

    tenant.marketer.language = "ru"
    tenant.marketer.save()
    BudgetLine.objects.create(strategy=tenant.strategy, category="targeted_ads", platform="", monthly_amount=1000)
    log_in(page, "marketer@alpha.test", "pw-Marketer-123")
    page.goto(f"/strategies/{tenant.strategy.pk}/budget/")
    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll('.formset-table select')).filter((select) => {
            const probe = document.createElement('span');
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:' +
                getComputedStyle(select).font;
            probe.textContent = select.options[select.selectedIndex].text;
            document.body.appendChild(probe);
            const style = getComputedStyle(select);
            const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const fits = probe.getBoundingClientRect().width <= room + 1;
            probe.remove();
            return !fits;
        }).map((select) => select.options[select.selectedIndex].text)"""
    )
    assert cut == []  # «Продвижение: таргетированная реклама», «Все площадки» shown whole
