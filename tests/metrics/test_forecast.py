"""The forecast formulas (method v2) against cases computed by hand, and their properties."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.forecast import ForecastInput, PlatformPlan, combine, forecast, forecast_platform, median, reach_curve
from metrics.plan import Plan

BENCH = {
    "organic_reach_rate": Decimal("10"),
    "er_followers": Decimal("1"),
    "er_reach": Decimal("4"),
    "cpm": Decimal("200"),
    "frequency": Decimal("2"),
    "ctr": Decimal("1"),
    "cpc": Decimal("20"),
    "click_to_lead": Decimal("5"),
    "influencer_cpv": Decimal("500"),
    "seeding_cpv": Decimal("250"),
    "follow_rate": Decimal("1"),
    "churn": Decimal("2"),
    "mention_rate": Decimal("0.5"),
    "ad_er": Decimal("0.5"),
    "organic_ctr": Decimal("0.3"),
}
U = Decimal(200_000)


def plan(**changes) -> PlatformPlan:
    base = {
        "platform": "vk",
        "followers": 10_000,
        "posts_per_week": Decimal("2"),
        "monthly_budget": {"ads": Decimal("20000"), "influencers": Decimal("5000"), "content": Decimal("15000")},
        "benchmarks": BENCH,
        "reach_rate": Decimal("10"),
        "reach_basis": "benchmark",
        "er_reach": Decimal("4"),
        "er_basis": "benchmark",
    }
    return PlatformPlan(**{**base, **changes})


def test_reach_curve_and_sainsbury_by_hand():
    # 100 contacts on 100 people: 100 × (1 − e^−1) = 63.21
    assert reach_curve(Decimal(100), Decimal(100)).quantize(Decimal("0.01")) == Decimal("63.21")
    assert reach_curve(Decimal(0), Decimal(100)) == 0 and reach_curve(Decimal(5), Decimal(0)) == 0
    # half of U and half of U, independent: 1 − (1 − ½)(1 − ½) = ¾ of U
    assert combine(Decimal(1000), Decimal(500), Decimal(500)) == Decimal(750)
    # never beyond U, whatever the parts
    assert combine(Decimal(1000), Decimal(5000), Decimal(10)) == Decimal(1000)


def test_first_month_by_hand():
    month = {k: c.value for k, c in forecast_platform(plan(), 1, U)[0].items()}
    # organic: 2 posts × 4.345 weeks = 8.69 posts, each reaching 10,000 × 10 % = 1,000
    assert month["posts"] == Decimal("8.69")
    assert month["reach_per_post"] == Decimal("1000.00")
    assert month["organic_reach"] == Decimal("8690.00")
    assert month["organic_engagements"] == Decimal("347.60")  # 4 % organic ERR of 8,690
    assert month["organic_clicks"] == Decimal("26.07")  # 0.3 % organic CTR
    # paid: 20,000 / 200 × 1000 + 5,000 / 500 × 1000 impressions, with the ad rates only
    assert month["paid_impressions"] == Decimal("110000.00")
    assert month["paid_engagements"] == Decimal("550.00")  # 0.5 % ad ER by impressions
    assert month["paid_clicks"] == Decimal("1100.00")  # 1 % ad CTR
    assert month["engagements"] == Decimal("897.60")
    assert month["paid_leads"] == Decimal("55.00") and month["leads"] == Decimal("56.30")  # 5 % of 1,126.07
    # people: organic 8,690 contacts on the 10,000 followers; ads 110,000 / 2 = 55,000 contacts on U
    organic_people = 10_000 * (1 - math.exp(-0.869))
    paid_people = 200_000 * (1 - math.exp(-55_000 / 200_000))
    unique = 200_000 * (1 - (1 - organic_people / 200_000) * (1 - paid_people / 200_000))
    assert float(month["paid_reach"]) == pytest.approx(paid_people, abs=0.01)  # 48,085.6
    assert float(month["unique_reach"]) == pytest.approx(unique, abs=0.01)  # 52,495.8
    assert month["total_reach"] == Decimal("8690.00") + month["paid_reach"]
    # costs, both variants: CPL (ads) on paid spend and paid leads, all-in on everything
    assert month["cpl"] == Decimal("454.55")  # 25,000 / 55
    assert month["cpl_all_in"] == Decimal("710.44")  # 40,000 / 56.3035
    assert month["cpc"] == Decimal("22.73") and month["cpe"] == Decimal("45.45")
    assert month["er_reach"] == Decimal("4.00") and month["er_paid"] == Decimal("0.50")
    # followers: the people reached who do not follow yet × 1 % − 2 % of 10,000 leave
    growth = (unique - organic_people) * 0.01 - 200
    assert float(month["net_followers"]) == pytest.approx(growth, abs=0.01)
    assert float(month["mentions"]) == pytest.approx(unique / 1000 * 0.5, abs=0.01)


def test_followers_feed_the_next_month_and_the_audit_rate_scales_with_them():
    first, second = forecast_platform(plan(reach_rate=Decimal("31.82"), reach_basis="audit"), 2, U)
    start = first["followers_end"].value
    assert second["reach_per_post"].value == (start * Decimal("0.3182")).quantize(Decimal("0.01"))
    assert second["reach_per_post"].inputs["reach_basis"] == "audit"


def test_every_figure_records_its_inputs():
    month = forecast_platform(plan(er_basis="audit", er_conversion={"er_followers": "2", "reach_rate": "31.82"}), 1, U)
    engagements = month[0]["organic_engagements"].inputs
    assert engagements["er_basis"] == "audit" and engagements["reach_rate"] == "31.82"
    assert month[0]["paid_reach"].inputs == {"paid_impressions": "110000", "frequency": "2", "audience": "200000"}


def test_no_budget_and_no_followers_give_zeros_not_errors():
    month = forecast_platform(plan(followers=0, monthly_budget={}), 1, U)[0]
    assert month["unique_reach"].value == 0 and month["followers_end"].value == 0
    assert "cpl" not in month and "cpl_all_in" not in month  # no leads: no cost per lead rather than a 0


def test_period_people_are_not_the_sum_of_months():
    data = ForecastInput(months=6, platforms=(plan(), plan(platform="telegram")), audience=U)
    built = Plan.from_forecast(forecast(data), months=6, start=dt.date(2027, 1, 1))
    period = built.grand_total()
    months = sum(built.month_total(m)["unique_reach"] for m in range(1, 7))
    assert period["unique_reach"] < months
    assert period["unique_reach"] < period["total_reach"] and period["unique_reach"] <= U
    assert period["cpl"] == period["paid_spend"] / period["paid_leads"]


def test_median():
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == 2
    assert median([Decimal(1), Decimal(4)]) == Decimal("2.5")
    assert median([]) is None


amounts = st.integers(min_value=0, max_value=2_000_000).map(Decimal)
rates = st.decimals(min_value="0.5", max_value="150", places=2)


@st.composite
def inputs(draw):
    platforms = []
    for name in draw(st.lists(st.sampled_from(["vk", "telegram", "instagram", "tiktok"]), min_size=1, unique=True)):
        platforms.append(
            plan(
                platform=name,
                followers=draw(st.integers(min_value=0, max_value=2_000_000)),
                posts_per_week=draw(st.decimals(min_value=0, max_value=70, places=1)),
                monthly_budget={"ads": draw(amounts), "seeding": draw(amounts), "content": draw(amounts)},
                reach_rate=draw(rates),
                er_reach=draw(st.decimals(min_value=0, max_value=30, places=2)),
            )
        )
    audience = Decimal(draw(st.integers(min_value=100, max_value=10_000_000)))
    return ForecastInput(months=draw(st.integers(1, 12)), platforms=tuple(platforms), audience=audience)


@settings(max_examples=60, deadline=None)
@given(inputs())
def test_people_reached_never_exceed_the_audience_or_the_total_reach(data):
    built = Plan.from_forecast(forecast(data, explain=False), months=data.months, start=dt.date(2027, 1, 1))
    figures = [built.grand_total(), *(built.month_total(m) for m in range(1, data.months + 1))]
    figures += [built.platform_total(p.platform) for p in data.platforms]
    for values in figures:
        assert values["unique_reach"] <= data.audience * Decimal("1.000001")
        assert values["unique_reach"] <= values["total_reach"] * Decimal("1.000001") + Decimal("0.000001")


@settings(max_examples=40, deadline=None)
@given(inputs(), st.decimals(min_value="1", max_value="20", places=2))
def test_forecasts_grow_with_the_budget(data, factor):
    start = dt.date(2027, 1, 1)
    base = Plan.from_forecast(forecast(data, explain=False), months=data.months, start=start).grand_total()
    more = Plan.from_forecast(forecast(data.scaled(budget=factor), explain=False), months=data.months, start=start)
    more = more.grand_total()
    for key in ("unique_reach", "total_reach", "leads", "link_clicks", "engagements", "followers_end"):
        assert more[key] >= base[key] - Decimal("0.000001"), key


@settings(max_examples=25, deadline=None)
@given(inputs())
def test_one_figure_at_a_time_equals_the_whole_set(data):
    built = Plan.from_forecast(forecast(data, explain=False), months=data.months, start=dt.date(2027, 1, 1))
    months = list(range(1, data.months + 1))[-2:]
    platforms = [data.platforms[0].platform]
    for subset in ({}, {"platforms": platforms}, {"months": months}):
        whole = built.figures(**subset)
        for key, value in whole.items():
            assert built.figure(key, **subset) == value, (key, subset)
