from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from audiences.models import Segment
from competitors.models import Competitor, CompetitorAccount
from metrics.catalogue import METRICS
from metrics.models import Kpi
from strategies.models import (
    BudgetLine,
    ContentPillar,
    ContentPlanItem,
    OwnAccount,
    SmartGoal,
    StageRevision,
    Strategy,
    StrategyPlatform,
    StrategyTool,
    ToneOfVoice,
    Usp,
)
from strategies.stages import all_stages, progress
from tests.strategies.helpers import management, rows, stage_post

pytestmark = pytest.mark.django_db


def url(name: str, strategy: Strategy, **kwargs) -> str:
    return reverse(name, kwargs={"strategy_pk": strategy.pk, **kwargs})


@pytest.fixture
def marketer(client, tenant):
    client.force_login(tenant.marketer)
    return client


def test_stages_come_in_the_order_of_the_method():
    assert [s.key for s in all_stages()] == [
        "goals",
        "current",
        "competitors",
        "audience",
        "tone",
        "usp",
        "platforms",
        "content",
        "budget",
        "metrics",
        "review",
    ]


def test_marketer_creates_a_strategy_and_lands_on_goals(marketer, tenant):
    response = marketer.post(
        reverse("strategies:create"),
        {
            "client": tenant.client.pk,
            "title": "Launch",
            "period_months": 6,
            "start_date": "2027-03-01",
            "currency": "RUB",
            "language": "ru",
        },
    )
    strategy = Strategy.objects.get(title="Launch")
    assert response.url == url("strategies:goals", strategy)
    assert strategy.owner == tenant.marketer and strategy.status == Strategy.Status.DRAFT


def test_create_form_offers_only_the_agencys_clients(marketer, tenant, other_tenant):
    response = marketer.post(
        reverse("strategies:create"),
        {
            "client": other_tenant.client.pk,
            "title": "X",
            "period_months": 6,
            "start_date": "2027-03-01",
            "currency": "RUB",
            "language": "ru",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Strategy.objects.filter(title="X").exists()


def test_goals_stage_saves_and_moves_on(marketer, tenant):
    strategy = tenant.strategy
    data = stage_post(
        goto="_next",
        form={"leading_goal": "leads", "product": "Coffee beans", "market": "B2C", "geography": "Moscow"},
        goals=rows(
            "goals",
            [
                {
                    "goal": "leads",
                    "metric": "leads",
                    "platform": "",
                    "scope": "period",
                    "target_value": "120",
                    "deadline": "2027-06-30",
                    "note": "Orders from social",
                }
            ],
        ),
    )
    response = marketer.post(url("strategies:goals", strategy), data)
    assert response.status_code == 302 and response.url == url("strategies:current", strategy)
    strategy.refresh_from_db()
    assert strategy.leading_goal == "leads" and strategy.product == "Coffee beans"
    goal = SmartGoal.objects.get(strategy=strategy)
    assert (goal.metric, goal.target_value, goal.note) == ("leads", Decimal("120"), "Orders from social")
    assert StageRevision.objects.get(strategy=strategy, stage="goals").revision == 1
    assert strategy.completeness == progress(strategy).percent > 0


def test_invalid_input_keeps_everything_and_says_what_to_fix(marketer, tenant):
    strategy = tenant.strategy
    data = stage_post(
        form={"leading_goal": "leads", "product": "Unsaved product text", "market": "", "geography": ""},
        goals=rows(
            "goals",
            [{"goal": "leads", "metric": "Orders", "target_value": "lots", "unit": "", "deadline": "2026-01-01"}],
        ),
    )
    response = marketer.post(url("strategies:goals", strategy), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a number." in html
    assert "The deadline is before the strategy starts." in html
    assert "Unsaved product text" in html and 'value="lots"' in html
    strategy.refresh_from_db()
    assert strategy.product == "" and not SmartGoal.objects.exists()


def test_errors_are_in_russian_for_a_russian_user(marketer, tenant):
    tenant.marketer.language = "ru"
    tenant.marketer.save()
    data = stage_post(
        form={"leading_goal": "leads"},
        goals=rows("goals", [{"goal": "leads", "metric": "M", "target_value": "x", "deadline": "2027-02-01"}]),
    )
    html = marketer.post(url("strategies:goals", tenant.strategy), data).content.decode()
    assert "Введите число." in html


def test_adding_and_removing_rows_does_not_save(marketer, tenant):
    strategy = tenant.strategy
    data = stage_post(
        accounts=rows("accounts", [{"platform": "vk", "has_account": "on", "followers": "100"}]),
    )
    data["_add"] = "accounts"
    response = marketer.post(url("strategies:current", strategy), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="accounts-TOTAL_FORMS" value="2"' in html
    assert 'name="accounts-1-platform"' in html and 'value="100"' in html
    # the new row starts like the first: "account exists" ticked, as the model's default says
    assert re.search(r'<input[^>]*name="accounts-1-has_account"[^>]*checked', html)
    assert not OwnAccount.objects.exists()

    data = stage_post(
        accounts=rows(
            "accounts",
            [
                {"platform": "vk", "has_account": "on", "followers": "100", "posts_per_week": "3"},
                {"platform": "telegram", "has_account": "on", "followers": "50", "posts_per_week": "5"},
            ],
        ),
    )
    data["_remove"] = "accounts-0"
    html = marketer.post(url("strategies:current", strategy), data).content.decode()
    assert 'name="accounts-0-DELETE"' in html and not OwnAccount.objects.exists()
    # Saving the page as shown keeps only the row that was not removed.
    data.pop("_remove")
    data["accounts-0-DELETE"] = "on"
    marketer.post(url("strategies:current", strategy), data)
    assert list(OwnAccount.objects.values_list("platform", flat=True)) == ["telegram"]


def test_second_save_of_a_stale_form_is_refused_and_input_kept(client, tenant):
    strategy = tenant.strategy
    first = stage_post(revision=0, form={"product": "Alice's text"}, goals=management("goals", 0))
    second = stage_post(revision=0, form={"product": "Bob's text"}, goals=management("goals", 0))
    client.force_login(tenant.marketer)
    assert client.post(url("strategies:goals", strategy), first).status_code == 302
    client.force_login(tenant.manager)
    response = client.post(url("strategies:goals", strategy), second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "saved this stage" in html and "Bob&#39;s text</textarea>" in html  # kept, escaped
    assert 'name="_revision" value="1"' in html
    strategy.refresh_from_db()
    assert strategy.product == "Alice's text"
    # Knowingly saving again (now against revision 1) replaces it.
    client.post(url("strategies:goals", strategy), {**second, "_revision": "1"})
    strategy.refresh_from_db()
    assert strategy.product == "Bob's text"


def test_navigation_saves_then_goes_where_asked(marketer, tenant):
    strategy = tenant.strategy
    base = stage_post(form={"product": "P"}, goals=management("goals", 0))
    assert marketer.post(url("strategies:goals", strategy), {**base, "_goto": "usp"}).url == url(
        "strategies:usp", strategy
    )
    data = stage_post(revision=0, form={"statement": "Only us"})
    assert marketer.post(url("strategies:usp", strategy), {**data, "_goto": "_back"}).url == url(
        "strategies:tone", strategy
    )
    review = stage_post(revision=0, form={"review_every_months": "3", "next_review_date": "2027-04-01"})
    assert marketer.post(url("strategies:review", strategy), {**review, "_goto": "_next"}).url == url(
        "strategies:summary", strategy
    )


def test_platforms_stage_keeps_only_ticked_networks(marketer, tenant):
    strategy = tenant.strategy
    data = {"_revision": "0", "_goto": ""}
    for platform in ("instagram", "facebook", "vk", "ok", "tiktok", "youtube", "linkedin", "x", "telegram"):
        data[f"platform-{platform}-platform"] = platform
        data[f"platform-{platform}-role"] = "main"
        data[f"platform-{platform}-account_status"] = "exists"
    data.update({"platform-vk-use": "on", "platform-vk-rationale": "Audience is here"})
    data.update({"platform-telegram-use": "on", "platform-telegram-role": "supporting"})
    html = marketer.post(url("strategies:platforms", strategy), data).content.decode()
    assert "Say why this platform is in the plan." in html
    assert not StrategyPlatform.objects.exists()
    data["platform-telegram-rationale"] = "Loyal readers"
    marketer.post(url("strategies:platforms", strategy), data)
    assert dict(StrategyPlatform.objects.values_list("platform", "role")) == {"vk": "main", "telegram": "supporting"}
    data.pop("platform-telegram-use")
    data["_revision"] = "1"
    marketer.post(url("strategies:platforms", strategy), data)
    assert list(StrategyPlatform.objects.values_list("platform", flat=True)) == ["vk"]


def test_pillar_shares_must_add_up_to_100(marketer, tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", rationale="r")
    data = stage_post(
        items=rows("items", [{"platform": "vk", "format": "photo", "posts_per_week": "3"}]),
        pillars=rows("pillars", [{"name": "Product", "share": "60"}, {"name": "Behind the scenes", "share": "30"}]),
    )
    html = marketer.post(url("strategies:content", strategy), data).content.decode()
    assert "The shares add up to 90 %; they must add up to 100 %." in html
    tenant.marketer.language = "ru"
    tenant.marketer.save(update_fields=["language"])
    data["pillars-1-share"] = "30.5"
    html = marketer.post(url("strategies:content", strategy), data).content.decode()
    assert "Сумма долей — 90,5 %, а должна составлять 100 %." in html
    assert not ContentPillar.objects.exists() and not ContentPlanItem.objects.exists()
    data["pillars-1-share"] = "40"
    marketer.post(url("strategies:content", strategy), data)
    assert ContentPillar.objects.count() == 2 and ContentPlanItem.objects.count() == 1


def test_content_formats_only_for_chosen_platforms(marketer, tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", rationale="r")
    data = stage_post(
        items=rows("items", [{"platform": "tiktok", "format": "video", "posts_per_week": "3"}]),
        pillars=management("pillars", 0),
    )
    assert "Select a valid choice" in marketer.post(url("strategies:content", strategy), data).content.decode()


def test_budget_stage_money_is_decimal_and_totals_add_up(marketer, tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", rationale="r")
    data = {"_revision": "0", "_goto": ""}
    for tool in ("targeted_ads", "influencers", "seeding", "community", "contests"):
        data[f"tool-{tool}-tool"] = tool
    data.update({"tool-targeted_ads-use": "on", "tool-targeted_ads-notes": "Lookalikes"})
    data.update(
        rows(
            "lines",
            [
                {"category": "targeted_ads", "platform": "vk", "monthly_amount": "30000.10"},
                {"category": "design", "platform": "", "monthly_amount": "15000.25"},
            ],
        )
    )
    marketer.post(url("strategies:budget", strategy), data)
    assert list(StrategyTool.objects.values_list("tool", "notes")) == [("targeted_ads", "Lookalikes")]
    amounts = sorted(BudgetLine.objects.values_list("monthly_amount", flat=True))
    assert amounts == [Decimal("15000.25"), Decimal("30000.10")]
    html = marketer.get(url("strategies:budget", strategy)).content.decode()
    # shown in whole roubles (kopecks only in exports), summed exactly: 45,000.35 and 270,002.10
    assert "₽45,000<" in html  # per month
    assert "₽270,002<" in html  # × 6 months

    data["lines-0-monthly_amount"] = "-5"
    data["_revision"] = "1"
    html = marketer.post(url("strategies:budget", strategy), data).content.decode()
    assert "Ensure this value is greater than or equal to 0.01." in html


def test_audience_needs_exactly_one_primary_segment(marketer, tenant):
    strategy = tenant.strategy
    data = stage_post(segments=rows("segments", [{"name": "Students"}, {"name": "Parents"}]))
    html = marketer.post(url("audiences:stage", strategy), data).content.decode()
    assert "Mark exactly one segment as primary." in html
    data["segments-1-is_primary"] = "on"
    data["segments-1-age_bands"] = ["25-34", "35-44"]
    data["segments-1-platforms"] = ["vk"]
    marketer.post(url("audiences:stage", strategy), data)
    primary = Segment.objects.get(is_primary=True)
    assert primary.name == "Parents" and primary.age_bands == ["25-34", "35-44"] and primary.platforms == ["vk"]


def test_competitor_accounts_sub_page(marketer, tenant):
    strategy = tenant.strategy
    data = stage_post(competitors=rows("competitors", [{"name": "Rival Coffee", "strengths": "Reels"}]))
    marketer.post(url("competitors:stage", strategy), data)
    rival = Competitor.objects.get()
    sub = url("competitors:accounts", strategy, pk=rival.pk)
    accounts = stage_post(
        accounts=rows(
            "accounts",
            [
                {
                    "platform": "vk",
                    "followers": "2000",
                    "posts_per_week": "4",
                    "avg_likes": "30",
                    "avg_comments": "5",
                    "avg_shares": "5",
                }
            ],
        )
    )
    assert marketer.post(sub, accounts).url == sub  # Save stays on the sub-page
    accounts["accounts-INITIAL_FORMS"] = "1"
    accounts["accounts-0-id"] = str(CompetitorAccount.objects.get().pk)
    accounts.update({"_revision": "1", "_goto": "_next"})
    assert marketer.post(sub, accounts).url == url("competitors:stage", strategy)
    account = CompetitorAccount.objects.get()
    assert account.er_by_followers == Decimal("2.00")
    assert "2.00" in marketer.get(url("competitors:stage", strategy)).content.decode()


def test_tone_rejects_bad_colours(marketer, tenant):
    data = stage_post(
        form={
            "formal_casual": "2",
            "serious_playful": "4",
            "respectful_irreverent": "1",
            "enthusiastic_matter_of_fact": "3",
            "emoji_policy": "sparing",
            "brand_colors": "#112233, red",
        }
    )
    html = marketer.post(url("strategies:tone", tenant.strategy), data).content.decode()
    assert "Not a colour: red." in html
    assert not ToneOfVoice.objects.exists()


def test_metrics_are_preselected_from_the_goals(marketer, tenant):
    strategy = tenant.strategy
    strategy.leading_goal = "leads"
    strategy.save()
    html = marketer.get(url("metrics:stage", strategy)).content.decode()
    checked = set(re.findall(r'<input type="checkbox" name="kpi-(\w+)-use"[^>]*checked', html))
    assert checked == {"link_clicks", "ctr", "leads", "cpl"}


def test_usp_and_stage_pages_are_read_only_once_submitted(marketer, tenant):
    strategy = tenant.strategy
    strategy.status = Strategy.Status.IN_REVIEW
    strategy.save()
    response = marketer.post(url("strategies:usp", strategy), stage_post(form={"statement": "Changed"}))
    assert response.status_code == 302
    assert not Usp.objects.exists()
    assert "read-only" in marketer.get(url("strategies:usp", strategy)).content.decode()


def test_submitting_needs_every_stage_complete(marketer, tenant):
    strategy = tenant.strategy
    response = marketer.post(reverse("documents:submit", kwargs={"strategy_pk": strategy.pk}), follow=True)
    assert "Complete every stage before submitting" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DRAFT


def test_kpi_rows_saved_and_removed(marketer, tenant):
    strategy = tenant.strategy
    data = {"_revision": "0", "_goto": ""}
    for metric in METRICS:
        data[f"kpi-{metric.key}-metric"] = metric.key
    data["kpi-reach-use"] = "on"
    data["kpi-reach-target_value"] = "150000"
    marketer.post(url("metrics:stage", strategy), data)
    assert list(Kpi.objects.values_list("metric", "target_value")) == [("reach", Decimal("150000.00"))]
    reach = Kpi.objects.get(metric="reach")

    # A changed value is written into the same row; a newly ticked metric gets one.
    data.update({"_revision": "1", "kpi-reach-target_value": "180000", "kpi-reach-notes": "spring push"})
    data.update({"kpi-leads-use": "on", "kpi-leads-target_value": "40"})
    assert marketer.post(url("metrics:stage", strategy), data).status_code == 302
    rows = {k.metric: k for k in Kpi.objects.all()}
    assert rows.keys() == {"reach", "leads"} and rows["reach"].pk == reach.pk
    assert (rows["reach"].target_value, rows["reach"].notes) == (Decimal("180000.00"), "spring push")

    # Unticked: removed.
    del data["kpi-reach-use"]
    data["_revision"] = "2"
    assert marketer.post(url("metrics:stage", strategy), data).status_code == 302
    assert list(Kpi.objects.values_list("metric", flat=True)) == ["leads"]


@pytest.mark.parametrize(
    ("language", "left", "right"), [("en", "Formal", "Casual"), ("ru", "Официально", "Непринуждённо")]
)
def test_tone_scales_say_what_their_ends_mean(marketer, tenant, language, left, right):
    tenant.marketer.language = language
    tenant.marketer.save()
    html = marketer.get(url("strategies:tone", tenant.strategy)).content.decode()
    scale = html[html.index('for="id_formal_casual"') : html.index("</output>", html.index('for="id_formal_casual"'))]
    assert f'scale-end">{left}<' in scale and f'scale-end">{right}<' in scale


@pytest.mark.parametrize(("language", "label"), [("en", "Text post"), ("ru", "Текстовый пост")])
def test_the_content_plan_offers_text_posts(marketer, tenant, language, label):
    from strategies.models import ContentPlanItem, StrategyPlatform

    tenant.marketer.language = language
    tenant.marketer.save()
    StrategyPlatform.objects.create(strategy=tenant.strategy, platform="telegram", role="main")
    ContentPlanItem.objects.create(strategy=tenant.strategy, platform="telegram", format="photo", posts_per_week=1)
    html = marketer.get(url("strategies:content", tenant.strategy)).content.decode()
    assert f'<option value="text">{label}</option>' in html
