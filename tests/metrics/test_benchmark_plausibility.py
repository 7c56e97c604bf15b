"""An agency's implausible benchmark value is saved, with a warning after the save and next to the field."""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.forms import BenchmarkOverrideForm
from metrics.models import BenchmarkOverride

pytestmark = pytest.mark.django_db

URL = reverse("metrics:benchmarks")
ER_WARNING = (
    "An ER of 35 % by followers is unusually high (typical values are 0.05–6 %). "
    "Check that it is a percentage of followers, not of reach."
)


@pytest.fixture
def manager(client, tenant):
    client.force_login(tenant.manager)
    return client


def benchmark(**changes) -> dict[str, str]:
    return {"platform": "vk", "key": "er_followers", "currency": "RUB", "value": "35", "source": "", **changes}


def alerts(page: str, level: str) -> list[str]:
    found = re.findall(rf'<div class="alert alert-{level} [^"]*" role="alert">\s*(.*?)\s*<', page, re.S)
    return [htmllib.unescape(text) for text in found]


def warnings_next_to(page: str, name: str) -> list[str]:
    start = page.index(f'name="{name}"')
    end = page.find("<label", start)
    chunk = page[start : end if end != -1 else None]
    found = re.findall(r'<div class="form-text text-warning-emphasis plausibility-warning">⚠ (.*?)</div>', chunk)
    return [htmllib.unescape(text) for text in found]


def test_an_implausible_value_is_saved_and_the_saved_page_warns(manager, tenant):
    response = manager.post(URL, benchmark(), follow=True)
    assert response.redirect_chain == [(f"{URL}?currency=RUB", 302)]
    assert BenchmarkOverride.objects.get(agency=tenant.agency, platform="vk", key="er_followers").value == 35
    page = response.content.decode()
    assert alerts(page, "success") == ["Benchmark saved. Your draft strategies are being recomputed."]
    assert alerts(page, "warning") == [ER_WARNING]


def test_a_plausible_value_is_saved_without_a_warning(manager, tenant):
    page = manager.post(URL, benchmark(value="20"), follow=True).content.decode()
    assert BenchmarkOverride.objects.get(agency=tenant.agency).value == 20
    assert alerts(page, "success") and alerts(page, "warning") == []
    assert "plausibility-warning" not in page


def test_the_form_shown_again_warns_next_to_the_value(manager):
    response = manager.post(URL, benchmark(key="ctr", value="12.5", source="x" * 301))
    assert response.status_code == 422 and not BenchmarkOverride.objects.exists()
    assert warnings_next_to(response.content.decode(), "value") == [
        "A CTR of 12.5 % is unusually high (typical values are 0.3–2 %). Check that it is clicks per 100 impressions."
    ]


def test_going_back_to_the_default_does_not_warn(manager, tenant):
    BenchmarkOverride.objects.create(agency=tenant.agency, platform="vk", key="er_followers", value=Decimal(35))
    page = manager.post(URL, {**benchmark(), "clear": "1"}, follow=True).content.decode()
    assert not BenchmarkOverride.objects.exists()
    assert alerts(page, "warning") == []


def test_the_russian_interface_warns_in_russian(manager, tenant):
    tenant.manager.language = "ru"
    tenant.manager.save()
    page = manager.post(URL, benchmark(key="frequency", value="0.5"), follow=True).content.decode()
    assert BenchmarkOverride.objects.get().value == Decimal("0.5")
    assert alerts(page, "warning") == [
        "Частота показа рекламы 0,5 — меньше 1, хотя каждый охваченный видит рекламу хотя бы раз (обычно 1,5–3)."
    ]


@pytest.mark.parametrize(
    ("key", "plausible", "implausible"),
    [
        ("er_followers", "20", "20.01"),
        ("er_reach", "20", "21"),
        ("ctr", "10", "10.5"),
        ("organic_reach_rate", "100", "101"),
        ("click_to_lead", "50", "51"),
        ("frequency", "1", "0.9"),
        ("frequency", "20", "21"),
        ("churn", "20", "25"),
        ("follow_rate", "20", "30"),
    ],
)
def test_each_key_warns_only_past_its_limit(key, plausible, implausible):
    def warnings(value: str) -> dict[str, list[str]]:
        form = BenchmarkOverrideForm(benchmark(key=key, value=value))
        assert form.is_valid()
        return form.plausibility_warnings()

    assert warnings(plausible) == {}
    assert list(warnings(implausible)) == ["value"]


def test_money_values_are_never_judged():
    form = BenchmarkOverrideForm(benchmark(key="cpm", value="100000"))
    assert form.is_valid() and form.plausibility_warnings() == {}
