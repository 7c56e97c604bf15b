from __future__ import annotations

from decimal import Decimal

import pytest

from competitors.models import Competitor, CompetitorAccount
from metrics import services
from metrics.models import BenchmarkOverride, Forecast, TargetMonth
from metrics.services import build_input, fingerprint, request_forecast, run_forecast
from strategies.models import BudgetLine, OwnAccount, StrategyPlatform

pytestmark = pytest.mark.django_db


def test_inputs_come_from_the_stages(planned):
    data = build_input(planned)
    vk, telegram = data.platforms
    assert data.months == 3
    assert (vk.platform, vk.followers, vk.posts_per_week) == ("vk", 5000, Decimal("3.00"))
    assert (telegram.followers, telegram.posts_per_week) == (0, Decimal("5.00"))
    # the all-platforms design line is shared 2 : 1 between the main and the supporting platform
    assert vk.monthly_budget == {"ads": Decimal("30000.00"), "content": Decimal("6000.00")}
    assert telegram.monthly_budget == {"content": Decimal("3000.00")}
    assert vk.benchmarks["cpm"] == Decimal("225.00")  # 2.50 USD × 90
    assert (vk.er_basis, vk.reach_basis) == ("benchmark", "benchmark")
    assert data.audience == Decimal(50_000) and data.audience_basis == "estimated"  # 10 × 5,000 followers


def test_competitors_median_er_replaces_the_benchmark(planned):
    rival = Competitor.objects.create(strategy=planned, name="Rival")
    other = Competitor.objects.create(strategy=planned, name="Other")
    third = Competitor.objects.create(strategy=planned, name="Third")
    # ER by views = (100 + 10 + 10) / 4,000 × 100 = 3 %
    CompetitorAccount.objects.create(
        competitor=rival,
        platform="vk",
        followers=10_000,
        posts_per_week=3,
        avg_likes=100,
        avg_comments=10,
        avg_shares=10,
        avg_views=4000,
    )
    # no views: ER by followers 0.5 % / the competitors' median reach rate 70 % = 0.71 %
    CompetitorAccount.objects.create(
        competitor=other,
        platform="vk",
        followers=20_000,
        posts_per_week=3,
        avg_likes=80,
        avg_comments=10,
        avg_shares=10,
    )
    CompetitorAccount.objects.create(
        competitor=third,
        platform="vk",
        followers=1000,
        posts_per_week=1,
        avg_likes=10,
        avg_comments=0,
        avg_shares=0,
        avg_views=1000,
    )  # 1 %
    vk = build_input(planned).platforms[0]
    # reach rates from views: 4,000 / 10,000 = 40 % and 1,000 / 1,000 = 100 %: median 70 %
    assert (vk.reach_rate, vk.reach_basis) == (Decimal("70.00"), "competitors")
    # ERR 3 %, 0.71 %, 1 %: median 1 %
    assert (vk.er_reach, vk.er_basis) == (Decimal("1.00"), "competitors")
    assert vk.er_conversion == {"er_followers": "0.50", "reach_rate": "70.00"}


def test_the_brands_audit_comes_before_competitors_and_benchmarks(planned):
    rival = Competitor.objects.create(strategy=planned, name="Rival")
    CompetitorAccount.objects.create(
        competitor=rival, platform="vk", followers=10_000, posts_per_week=3, avg_likes=100, avg_views=4000
    )
    OwnAccount.objects.filter(strategy=planned, platform="vk").update(avg_reach=1500, engagement_rate=Decimal("1.5"))
    vk = build_input(planned).platforms[0]
    # the audit's reach per post 1,500 of 5,000 followers = 30 %; its ER by followers 1.5 % / 30 % = 5 % by reach
    assert (vk.reach_rate, vk.reach_basis) == (Decimal("30.00"), "audit")
    assert (vk.er_reach, vk.er_basis) == (Decimal("5.00"), "audit")
    assert vk.er_conversion == {"er_followers": "1.50", "reach_rate": "30.00"}


def test_a_typed_audience_is_used_as_it_is(planned):
    planned.addressable_audience = 123_456
    planned.save()
    data = build_input(planned)
    assert (data.audience, data.audience_basis) == (Decimal(123_456), "typed")


def test_an_agency_override_is_what_its_strategies_use(planned, other_tenant):
    BenchmarkOverride.objects.create(
        agency=planned.client.agency, platform="vk", key="cpm", currency="RUB", value=Decimal("300")
    )
    BenchmarkOverride.objects.create(agency=other_tenant.agency, platform="vk", key="ctr", value=Decimal("9"))
    vk = build_input(planned).platforms[0]
    assert vk.benchmarks["cpm"] == Decimal("300")
    assert vk.benchmarks["ctr"] == Decimal("0.60")  # another agency's override changes nothing here


def test_requests_coalesce_and_only_the_latest_computes(planned, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = request_forecast(planned)
        second = request_forecast(planned)
    assert (first, second) == (1, 2) and len(callbacks) == 2
    assert Forecast.objects.get(strategy=planned).status == Forecast.Status.QUEUED
    assert run_forecast(planned.pk, generation=first) == "superseded"
    assert not TargetMonth.objects.exists()
    assert run_forecast(planned.pk, generation=second) == "computed"
    row = Forecast.objects.get(strategy=planned)
    assert row.status == Forecast.Status.DONE and row.runs == 1
    assert TargetMonth.objects.get(strategy=planned, platform="vk", month=3).value("unique_reach") > 0


def test_unchanged_inputs_skip_the_work(planned):
    assert run_forecast(planned.pk, generation=0) == "computed"
    assert run_forecast(planned.pk, generation=0) == "unchanged"
    assert Forecast.objects.get(strategy=planned).runs == 1
    BudgetLine.objects.filter(strategy=planned, category="targeted_ads").update(monthly_amount=Decimal(40000))
    assert run_forecast(planned.pk, generation=0) == "computed"


def test_fingerprint_follows_every_input(planned):
    before = fingerprint(build_input(planned))
    OwnAccount.objects.filter(strategy=planned).update(followers=5001)
    assert fingerprint(build_input(planned)) != before


def test_manual_values_survive_recomputation(planned):
    run_forecast(planned.pk, generation=0)
    target = TargetMonth.objects.get(strategy=planned, platform="vk", month=1)
    target.manual["leads"] = "99"
    target.save()
    BudgetLine.objects.filter(strategy=planned, category="targeted_ads").update(monthly_amount=Decimal(60000))
    run_forecast(planned.pk, generation=0)
    target = TargetMonth.objects.get(strategy=planned, platform="vk", month=1)
    assert target.manual == {"leads": "99"} and target.value("leads") == Decimal("99")
    assert Decimal(target.computed["leads"]) != Decimal("99")


def test_a_failing_computation_keeps_the_previous_targets(planned, monkeypatch):
    run_forecast(planned.pk, generation=0)
    before = list(TargetMonth.objects.values_list("pk", "computed"))
    BudgetLine.objects.filter(strategy=planned).update(monthly_amount=Decimal(1))

    def broken(data, **kwargs):
        raise ZeroDivisionError("benchmark table is broken")

    monkeypatch.setattr(services, "forecast", broken)
    with pytest.raises(ZeroDivisionError):
        run_forecast(planned.pk, generation=0)
    row = Forecast.objects.get(strategy=planned)
    assert row.status == Forecast.Status.FAILED and "benchmark table is broken" in row.error
    assert list(TargetMonth.objects.values_list("pk", "computed")) == before


def test_removing_a_platform_removes_its_targets(planned):
    run_forecast(planned.pk, generation=0)
    StrategyPlatform.objects.filter(strategy=planned, platform="telegram").delete()
    run_forecast(planned.pk, generation=0)
    assert set(TargetMonth.objects.values_list("platform", flat=True)) == {"vk"}


def test_saving_a_stage_asks_for_a_forecast(client, planned, django_capture_on_commit_callbacks):
    client.force_login(planned.owner)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            f"/strategies/{planned.pk}/review/",
            {"_revision": "0", "_goto": "", "review_every_months": "3", "next_review_date": "2027-04-01"},
        )
    assert Forecast.objects.get(strategy=planned).generation == 1
    assert [c.__qualname__ for c in callbacks] == ["request_forecast.<locals>.<lambda>"]


def test_queue_outage_is_recorded_not_raised(planned, monkeypatch):
    from metrics.tasks import compute_targets

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(compute_targets, "apply_async", down)
    Forecast.objects.filter(strategy=planned).update(generation=4)
    assert services.send_forecast_task(planned.pk, 4) is False
    assert Forecast.objects.get(strategy=planned).error == "queue-unavailable"
