"""Charts keep their layout when a metric tab is swapped in, and speak the reader's language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from metrics.services import run_forecast
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAYOUT = """(id) => {
    const chart = document.getElementById(id);
    const top = chart.getBoundingClientRect().top;
    const layers = Array.from(chart.querySelectorAll('.main-svg'));
    return {
        layers: layers.map((s) => [getComputedStyle(s).position, Math.round(s.getBoundingClientRect().top - top)]),
        size: [Math.round(chart.getBoundingClientRect().width), Math.round(chart.getBoundingClientRect().height)],
        title: Math.round(chart.querySelector('.gtitle').getBoundingClientRect().top - top),
        toolbar: Math.round(chart.querySelector('.modebar').getBoundingClientRect().top - top),
    };
}"""


@pytest.mark.parametrize(("language", "autoscale"), [("en", "Autoscale"), ("ru", "Автоматическое шкалирование")])
def test_a_tab_switch_keeps_the_charts_laid_out(page, tenant, book_cafe, language, autoscale):
    tenant.marketer.language = language
    tenant.marketer.save()
    run_forecast(book_cafe.pk, generation=0)
    log_in(page, "marketer@alpha.test", "pw-Marketer-123")
    page.goto(f"/strategies/{book_cafe.pk}/metrics/")
    expect(page.locator("#chart-monthly .main-svg").first).to_be_visible()
    before = page.evaluate(LAYOUT, "chart-monthly")
    assert before["title"] < 40  # the title above the plot, inside its box
    tabs = page.locator("#plan-body nav a")
    other = tabs.nth(4)
    label = other.inner_text()
    other.click()  # another metric: the table and the charts are swapped in by htmx
    expect(page.locator("#plan-body nav a.btn-primary")).to_have_text(label)
    page.wait_for_function("document.querySelector('#chart-monthly.js-plotly-plot .main-svg') !== null")
    after = page.evaluate(LAYOUT, "chart-monthly")
    assert after == before
    titles = page.locator("#chart-monthly .modebar-btn[data-title]").evaluate_all(
        "(buttons) => buttons.map((button) => button.getAttribute('data-title'))"
    )
    assert autoscale in titles  # plotly's toolbar in the reader's language
