from __future__ import annotations

from decimal import Decimal

import pytest

from audiences.models import Segment
from metrics import health
from metrics.models import Kpi
from strategies.models import BudgetLine, ContentPillar, ContentPlanItem, OwnAccount, StrategyPlatform, ToneOfVoice
from strategies.stages import health_warnings

pytestmark = pytest.mark.django_db


def messages(rule, strategy) -> list[str]:
    return [w.message for w in rule(strategy)]


def test_leads_goal_needs_a_click_kpi_and_an_ads_budget(tenant):
    strategy = tenant.strategy
    strategy.leading_goal = "leads"
    strategy.save()
    found = health.leads_goal_without_lead_tools(strategy)
    assert {w.stage_key for w in found} == {"metrics", "budget"}
    Kpi.objects.create(strategy=strategy, metric="leads")
    BudgetLine.objects.create(strategy=strategy, category="targeted_ads", monthly_amount=Decimal(100))
    assert health.leads_goal_without_lead_tools(strategy) == []
    strategy.leading_goal = "awareness"
    Kpi.objects.all().delete()
    assert health.leads_goal_without_lead_tools(strategy) == []


def test_main_platform_the_primary_segment_does_not_use(tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main")
    StrategyPlatform.objects.create(strategy=strategy, platform="tiktok", role="supporting")
    Segment.objects.create(strategy=strategy, name="Mums", is_primary=True, platforms=["telegram", "tiktok"])
    assert messages(health.main_platform_outside_primary_segment, strategy) == [
        "VK is a main platform, but the primary segment does not use it."
    ]
    Segment.objects.update(platforms=["vk"])
    assert health.main_platform_outside_primary_segment(strategy) == []


def test_budget_for_a_platform_not_chosen(tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk")
    BudgetLine.objects.create(strategy=strategy, category="seeding", platform="ok", monthly_amount=Decimal(5))
    BudgetLine.objects.create(strategy=strategy, category="design", platform="", monthly_amount=Decimal(5))
    assert messages(health.budget_for_platforms_not_chosen, strategy) == [
        "There are budget lines for Odnoklassniki, which is not among the chosen platforms."
    ]


def test_pillars_must_add_up(tenant):
    strategy = tenant.strategy
    ContentPillar.objects.create(strategy=strategy, name="A", share=Decimal(70))
    assert messages(health.pillars_not_100, strategy) == ["Content pillar shares add up to 70 %, not 100 %."]
    ContentPillar.objects.create(strategy=strategy, name="B", share=Decimal(30))
    assert health.pillars_not_100(strategy) == []


def test_posting_plan_the_content_budget_cannot_pay_for(tenant):
    strategy = tenant.strategy
    strategy.currency = "USD"
    ContentPlanItem.objects.create(strategy=strategy, platform="vk", format="video", posts_per_week=Decimal(2))
    # 2 × 4.345 × 150 USD = 1,303.50 a month needed; 500 is below half of it
    BudgetLine.objects.create(strategy=strategy, category="video", monthly_amount=Decimal(500))
    assert messages(health.content_budget_too_small, strategy) == [
        "The posting plan needs about 1,304 USD of content a month, but the content budget is 500 USD."
    ]
    BudgetLine.objects.create(strategy=strategy, category="design", monthly_amount=Decimal(200))
    assert health.content_budget_too_small(strategy) == []  # 700 ≥ half of 1,303.50


def test_tone_without_examples(tenant):
    strategy = tenant.strategy
    assert len(health.tone_without_examples(strategy)) == 1
    ToneOfVoice.objects.create(strategy=strategy, example_phrases="Hello, friend!")
    strategy.refresh_from_db()
    assert health.tone_without_examples(strategy) == []


def test_planned_platform_missing_from_the_audit(tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram")
    assert [w.stage_key for w in health.platform_without_followers(strategy)] == ["current"]
    OwnAccount.objects.create(strategy=strategy, platform="telegram", has_account=False)
    assert health.platform_without_followers(strategy) == []


def test_summary_lists_the_warnings_with_links(client, tenant):
    client.force_login(tenant.marketer)
    html = client.get(f"/strategies/{tenant.strategy.pk}/").content.decode()
    assert "The tone of voice has no example phrases." in html
    assert f'href="/strategies/{tenant.strategy.pk}/tone/"' in html
    assert len(health_warnings(tenant.strategy)) >= 1
