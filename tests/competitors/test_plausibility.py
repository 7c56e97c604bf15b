"""Implausible figures of a competitor's accounts are saved, with a warning next to the field."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from competitors.models import Competitor, CompetitorAccount
from tests.strategies.helpers import rows, stage_post

pytestmark = pytest.mark.django_db


def warnings_next_to(page: str, name: str) -> list[str]:
    """The plausibility warnings laid out with the field named ``name``: after its widget, before the next label."""
    start = page.index(f'name="{name}"')
    end = page.find("<label", start)
    chunk = page[start : end if end != -1 else None]
    found = re.findall(r'<div class="form-text text-warning-emphasis plausibility-warning">⚠ (.*?)</div>', chunk)
    return [htmllib.unescape(text) for text in found]


@pytest.fixture
def rival(tenant):
    return Competitor.objects.create(strategy=tenant.strategy, name="Rival Coffee")


@pytest.fixture
def marketer(client, tenant):
    client.force_login(tenant.marketer)
    return client


def accounts_url(rival) -> str:
    return reverse("competitors:accounts", kwargs={"strategy_pk": rival.strategy_id, "pk": rival.pk})


def save(client, rival, **figures):
    account = {"platform": "vk", "followers": "1000", "posts_per_week": "3", **figures}
    # "Save" stays on the sub-page, which is then loaded again.
    data = stage_post(accounts=rows("accounts", [account]))
    return client.post(accounts_url(rival), data, follow=True)


def test_an_er_over_20_percent_is_saved_and_warned_at_the_followers(marketer, rival):
    response = save(marketer, rival, avg_likes="200", avg_comments="20", avg_shares="30")
    assert response.redirect_chain == [(accounts_url(rival), 302)]
    assert CompetitorAccount.objects.get().er_by_followers == 25
    page = response.content.decode()
    assert warnings_next_to(page, "accounts-0-followers") == [
        "Likes, comments and shares per post come to an ER of 25 % by followers, unusually high (typical values "
        "are 0.05–6 %). Check that the followers are not in thousands and the reactions are averages per post."
    ]
    assert page.count("plausibility-warning") == 1


def test_plausible_figures_show_no_warning(marketer, rival):
    page = save(marketer, rival, avg_likes="150", avg_comments="30", avg_shares="20", avg_views="2000").content
    assert CompetitorAccount.objects.get().avg_views == 2000
    assert b"plausibility-warning" not in page


def test_views_far_above_the_followers_are_warned(marketer, rival):
    page = save(marketer, rival, avg_views="2500").content.decode()
    assert CompetitorAccount.objects.get().avg_views == 2500
    assert warnings_next_to(page, "accounts-0-avg_views") == [
        "Average views of 2500 are more than 2 times the followers (1000); on this platform they usually stay "
        "below that. Check that they are views per post, not in total."
    ]


def test_on_tiktok_views_may_reach_ten_times_the_followers(marketer, rival):
    assert b"plausibility-warning" not in save(marketer, rival, platform="tiktok", avg_views="10000").content
    CompetitorAccount.objects.all().delete()
    page = save(marketer, rival, platform="tiktok", avg_views="10001").content.decode()
    [warning] = warnings_next_to(page, "accounts-0-avg_views")
    assert "more than 10 times the followers" in warning


def test_reactions_above_the_views_are_warned(marketer, rival):
    page = save(marketer, rival, avg_likes="80", avg_comments="15", avg_shares="10", avg_views="100").content.decode()
    assert warnings_next_to(page, "accounts-0-avg_views") == [
        "Likes, comments and shares (105 per post) are more than the views (100); usually only a few per cent of "
        "viewers react. Check that the views are per post."
    ]


def test_the_russian_interface_warns_in_russian(marketer, rival, tenant):
    tenant.marketer.language = "ru"
    tenant.marketer.save()
    page = save(marketer, rival, avg_likes="255", avg_views="10000").content.decode()
    assert warnings_next_to(page, "accounts-0-followers") == [
        "Лайки, комментарии и репосты на пост дают ER 25,5 % по подписчикам — необычно высокий (обычно 0,05–6 %). "
        "Проверьте, что подписчики указаны не в тысячах, а реакции — в среднем на пост."
    ]
    [views] = warnings_next_to(page, "accounts-0-avg_views")
    assert views.startswith("Средние просмотры (10000) больше, чем подписчики (1000) × 2")
