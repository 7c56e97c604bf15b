"""The forecast formulas against cases computed by hand."""

from __future__ import annotations

from decimal import Decimal

from metrics.forecast import ForecastInput, PlatformPlan, forecast, forecast_platform, median, sum_rows

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
}


def plan(**changes) -> PlatformPlan:
    base = {
        "platform": "vk",
        "followers": 10_000,
        "posts_per_week": Decimal("2"),
        "monthly_budget": {"ads": Decimal("20000"), "influencers": Decimal("5000"), "content": Decimal("15000")},
        "benchmarks": BENCH,
        "er_reach": Decimal("4"),
        "er_reach_basis": "benchmark",
    }
    return PlatformPlan(**{**base, **changes})


def test_first_month_by_hand():
    month = forecast_platform(plan(), months=1)[0]
    values = {key: cell.value for key, cell in month.items()}
    # posts = 2 × 4.345 = 8.69; organic reach = 10,000 × 10 % × 8.69 = 8,690
    assert values["posts"] == Decimal("8.7")
    assert values["organic_reach"] == Decimal("8690")
    # paid impressions = 20,000 / 200 × 1000 + 5,000 / 500 × 1000 = 100,000 + 10,000
    assert values["paid_impressions"] == Decimal("110000")
    assert values["paid_reach"] == Decimal("55000")  # / frequency 2
    assert values["reach"] == Decimal("63690")
    assert values["impressions"] == Decimal("118690")
    assert values["engagements"] == Decimal("2548")  # 4 % of 63,690 = 2,547.6
    assert values["link_clicks"] == Decimal("1187")  # 1 % of 118,690 = 1,186.9
    assert values["leads"] == Decimal("59.3")  # 5 % of 1,186.9 = 59.345
    assert values["spend"] == Decimal("40000.00")
    assert values["cpl"] == Decimal("674.02")  # 40,000 / 59.345 = 674.0247
    assert values["cpe"] == Decimal("15.70")  # 40,000 / 2,547.6
    # growth = 63,690 × 1 % − 10,000 × 2 % = 636.9 − 200
    assert values["net_followers"] == Decimal("437")
    assert values["followers_end"] == Decimal("10437")
    assert values["mentions"] == Decimal("32")  # 63,690 / 1000 × 0.5 = 31.845


def test_followers_feed_the_next_month():
    first, second = forecast_platform(plan(), months=2)
    assert second["organic_reach"].value > first["organic_reach"].value
    # month 2 starts from 10,436.9 followers: 10,436.9 × 10 % × 8.69
    assert second["organic_reach"].value == Decimal("9070")


def test_every_figure_records_its_inputs():
    month = forecast_platform(plan(), months=1)[0]
    assert month["organic_reach"].inputs == {"followers": "10000", "posts": "8.7", "organic_reach_rate": "10"}
    assert month["engagements"].inputs["er_basis"] == "benchmark"


def test_no_budget_and_no_followers_give_zeros_not_errors():
    month = forecast_platform(plan(followers=0, monthly_budget={}), months=1)[0]
    assert month["reach"].value == 0 and month["followers_end"].value == 0
    assert "cpl" not in month  # no leads: a cost per lead does not exist, rather than a misleading 0


def test_totals_recompute_ratios_from_sums():
    totals = sum_rows(
        [
            {"engagements": Decimal(10), "reach": Decimal(100), "spend": Decimal(50), "leads": Decimal(5)},
            {"engagements": Decimal(30), "reach": Decimal(900), "spend": Decimal(150), "leads": Decimal(15)},
        ]
    )
    assert totals["er_reach"] == Decimal("4.00")  # 40 / 1000, not the mean of 10 % and 3.33 %
    assert totals["cpl"] == Decimal("10.00")


def test_median():
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == 2
    assert median([Decimal(1), Decimal(4)]) == Decimal("2.5")
    assert median([]) is None


def test_forecast_covers_every_platform_and_month():
    result = forecast(ForecastInput(months=12, platforms=(plan(), plan(platform="telegram"))))
    assert set(result) == {"vk", "telegram"} and all(len(rows) == 12 for rows in result.values())
