"""Implausible figures of the brand's own accounts are saved, with a warning next to the field."""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from strategies.forms import OwnAccountForm
from strategies.models import OwnAccount
from tests.strategies.helpers import rows, stage_post

pytestmark = pytest.mark.django_db

ER_WARNING = (
    "An ER of 35 % by followers is unusually high (typical values are 0.05–6 %). "
    "Check that it is a percentage of followers, not of reach."
)


def warnings_next_to(page: str, name: str) -> list[str]:
    """The plausibility warnings laid out with the field named ``name``: after its widget, before the next label."""
    start = page.index(f'name="{name}"')
    end = page.find("<label", start)
    chunk = page[start : end if end != -1 else None]
    found = re.findall(r'<div class="form-text text-warning-emphasis plausibility-warning">⚠ (.*?)</div>', chunk)
    return [htmllib.unescape(text) for text in found]


@pytest.fixture
def marketer(client, tenant):
    client.force_login(tenant.marketer)
    return client


def current_url(strategy) -> str:
    return reverse("strategies:current", kwargs={"strategy_pk": strategy.pk})


def account(**figures) -> dict[str, str]:
    return {"platform": "vk", "has_account": "on", "followers": "1000", "posts_per_week": "3", **figures}


def save(client, strategy, *accounts: dict[str, str]):
    return client.post(current_url(strategy), stage_post(accounts=rows("accounts", list(accounts))), follow=True)


def test_an_er_over_20_percent_is_saved_and_warned_next_to_the_field(marketer, tenant):
    response = save(marketer, tenant.strategy, account(engagement_rate="35", avg_reach="300"))
    assert response.redirect_chain == [(current_url(tenant.strategy), 302)]
    assert OwnAccount.objects.get().engagement_rate == Decimal("35")
    page = response.content.decode()
    assert warnings_next_to(page, "accounts-0-engagement_rate") == [ER_WARNING]
    assert page.count("plausibility-warning") == 1
    # Loaded again later, the saved figure still earns its warning.
    assert warnings_next_to(marketer.get(current_url(tenant.strategy)).content.decode(), "accounts-0-engagement_rate")


def test_plausible_figures_show_no_warning(marketer, tenant):
    page = save(
        marketer, tenant.strategy, account(engagement_rate="20", avg_reach="2000", posts_per_week="35")
    ).content.decode()
    assert OwnAccount.objects.get().avg_reach == 2000
    assert "plausibility-warning" not in page


def test_reach_above_twice_the_followers_is_warned(marketer, tenant):
    page = save(marketer, tenant.strategy, account(avg_reach="2001")).content.decode()
    assert OwnAccount.objects.get().avg_reach == 2001
    assert warnings_next_to(page, "accounts-0-avg_reach") == [
        "A reach of 2001 per post is more than twice the followers (1000); organic reach is usually 5–30 % of "
        "followers. Check that it is not the reach of an ad or of one viral post."
    ]


def test_reach_without_followers_is_warned(marketer, tenant):
    page = save(marketer, tenant.strategy, account(followers="0", avg_reach="500")).content.decode()
    assert OwnAccount.objects.get().followers == 0
    [warning] = warnings_next_to(page, "accounts-0-avg_reach")
    assert warning.startswith("A reach of 500 per post is given, but no followers")


def test_more_than_35_posts_a_week_is_warned(marketer, tenant):
    page = save(marketer, tenant.strategy, account(posts_per_week="40")).content.decode()
    assert OwnAccount.objects.get().posts_per_week == Decimal("40")
    [warning] = warnings_next_to(page, "accounts-0-posts_per_week")
    assert warning.startswith("40 posts a week is more than five a day")


def test_a_page_shown_again_with_errors_warns_about_the_rows_typed(marketer, tenant):
    response = save(
        marketer,
        tenant.strategy,
        account(engagement_rate="35"),
        {"platform": "telegram", "has_account": "on", "followers": "", "engagement_rate": "50"},
    )
    page = response.content.decode()
    assert response.redirect_chain == [] and not OwnAccount.objects.exists()
    assert warnings_next_to(page, "accounts-0-engagement_rate") == [ER_WARNING]
    # The row with an error is judged on what cleaned: its ER, not the missing followers.
    assert len(warnings_next_to(page, "accounts-1-engagement_rate")) == 1
    assert warnings_next_to(page, "accounts-1-followers") == []


def test_the_russian_interface_warns_in_russian_with_a_decimal_comma(marketer, tenant):
    tenant.marketer.language = "ru"
    tenant.marketer.save()
    page = save(marketer, tenant.strategy, account(engagement_rate="35.5")).content.decode()
    assert warnings_next_to(page, "accounts-0-engagement_rate") == [
        "ER 35,5 % по подписчикам — необычно высокий (обычно 0,05–6 %). "
        "Проверьте, что это процент от подписчиков, а не от охвата."
    ]


def test_an_unbound_form_judges_the_saved_row(tenant):
    row = OwnAccount.objects.create(strategy=tenant.strategy, platform="vk", followers=100, posts_per_week=50)
    assert list(OwnAccountForm(instance=row, strategy=tenant.strategy).plausibility_warnings()) == ["posts_per_week"]
    assert OwnAccountForm(strategy=tenant.strategy).plausibility_warnings() == {}
