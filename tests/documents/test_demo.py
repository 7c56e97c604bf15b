from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from accounts.demo import seed_demo_accounts
from accounts.models import User
from audiences.models import Segment
from competitors.models import Competitor
from documents.demo import EN_TITLE, RU_TITLE, seed_demo_strategies
from strategies.models import Currency, Strategy
from strategies.stages import progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> tuple[dict, list[Strategy]]:
    demo = seed_demo_accounts()
    return demo, seed_demo_strategies(demo)


def test_both_strategies_are_complete(seeded):
    _, strategies = seeded
    assert len(strategies) == 2
    for strategy in strategies:
        check = progress(strategy)
        assert check.is_complete, [(stage.key, c.missing) for stage, c in check.rows if c.missing]
        strategy.refresh_from_db()
        assert strategy.completeness == 100
        assert strategy.status == Strategy.Status.DRAFT


def test_languages_currencies_and_owners(seeded):
    demo, (ru, en) = seeded
    assert (ru.client, ru.language, ru.currency, ru.period_months, ru.title) == (
        demo["ru_client"],
        "ru",
        Currency.RUB,
        6,
        RU_TITLE,
    )
    assert (en.client, en.language, en.currency, en.period_months, en.title) == (
        demo["en_client"],
        "en",
        Currency.EUR,
        12,
        EN_TITLE,
    )
    assert ru.owner == en.owner == demo["marketer"]
    assert ru.chosen_platforms() == ["telegram", "vk", "instagram"]
    assert set(en.chosen_platforms()) == {"instagram", "tiktok", "facebook", "youtube"}


def test_pillar_shares_sum_to_100(seeded):
    _, strategies = seeded
    for strategy in strategies:
        assert strategy.pillars.aggregate(total=Sum("share"))["total"] == Decimal("100")


def test_goal_deadlines_fall_inside_the_period(seeded):
    _, strategies = seeded
    for strategy in strategies:
        year, month = divmod(strategy.start_date.month - 1 + strategy.period_months, 12)
        end = strategy.start_date.replace(year=strategy.start_date.year + year, month=month + 1)
        for goal in strategy.goals.all():
            assert strategy.start_date <= goal.deadline < end


def test_seeding_twice_creates_no_duplicates(seeded):
    _, first = seeded
    counts = (Strategy.objects.count(), Competitor.objects.count(), Segment.objects.count())
    second = seed_demo_strategies(seed_demo_accounts())
    assert [s.pk for s in second] == [s.pk for s in first]
    assert (Strategy.objects.count(), Competitor.objects.count(), Segment.objects.count()) == counts
    assert counts == (2, 6, 6)


def test_seed_demo_command_prints_the_strategy_titles():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert text.count(RU_TITLE) == 2
    assert text.count(EN_TITLE) == 2
    assert Strategy.objects.count() == 2


def test_the_demo_client_user_sees_the_shared_strategy(client):
    """After seeding, the client login shows the coffee shop's v1 with its targets, once, however often it runs."""
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    shared = Strategy.objects.get(title=RU_TITLE)
    assert shared.status == Strategy.Status.SHARED
    assert list(shared.versions.values_list("number", flat=True)) == [1]
    assert shared.versions.get().snapshot["plan"], "the targets are frozen with the version"
    assert Strategy.objects.get(title=EN_TITLE).status == Strategy.Status.DRAFT
    client.force_login(User.objects.get(email="client@demo.example"))
    portal = client.get(reverse("documents:portal", kwargs={"strategy_pk": shared.pk}))
    assert portal.status_code == 200
    assert RU_TITLE in portal.content.decode()
