"""The figures against small examples worked out by hand (Moscow time, UTC+3)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pytest

from competitors.analytics import (
    FORMULAS,
    account_figures,
    formula_text,
    platform_comparison,
    share_of_voice,
    suggestions,
)


@pytest.fixture(autouse=True)
def moscow(settings):
    settings.TIME_ZONE = "Europe/Moscow"


def sample_posts() -> pd.DataFrame:
    """Four posts over two weeks.

    Mon 6 May 10:00  photo        90 + 5 + 5 = 100 engagements, 1,000 followers, reach 500, views 1,000
    Mon 6 May 18:00  video        40 + 5 + 5 = 50, 2,000 followers, views 0
    Mon 13 May 10:30 photo        10 + 5 + 5 = 20, 2,000 followers, reach 0
    Sun 19 May 23:00 short video  no engagement figures, reach 100, views 500
    """
    return pd.DataFrame(
        {
            "published_at": pd.to_datetime(
                ["2024-05-06T07:00:00Z", "2024-05-06T15:00:00Z", "2024-05-13T07:30:00Z", "2024-05-19T20:00:00Z"]
            ),
            "format": ["photo", "video", "photo", "short_video"],
            "likes": pd.array([90, 40, 10, None], dtype="Int64"),
            "comments": pd.array([5, 5, 5, None], dtype="Int64"),
            "shares": pd.array([5, 5, 5, None], dtype="Int64"),
            "views": pd.array([1000, 0, None, 500], dtype="Int64"),
            "reach": pd.array([500, None, 0, 100], dtype="Int64"),
            "followers_at_post": pd.array([1000, 2000, 2000, None], dtype="Int64"),
        }
    )


def test_er_per_post_by_followers_is_the_mean_of_the_posts_with_followers():
    figures = account_figures(sample_posts())
    # (100 / 1,000 + 50 / 2,000 + 20 / 2,000) × 100 / 3 = (10 + 2.5 + 1) / 3
    assert figures["er_by_followers"] == 4.5
    assert figures["basis"]["er_by_followers"] == 3


def test_er_by_reach_and_by_views_skip_posts_without_a_positive_base():
    figures = account_figures(sample_posts())
    assert figures["er_by_reach"] == 20.0  # only the first post: 100 / 500 × 100
    assert figures["er_by_views"] == 10.0  # only the first post: 100 / 1,000 × 100
    assert (figures["basis"]["er_by_reach"], figures["basis"]["er_by_views"]) == (1, 1)


def test_daily_er_is_the_days_engagements_over_that_days_followers():
    figures = account_figures(sample_posts())
    # 6 May: (100 + 50) / 2,000 × 100 = 7.5; 13 May: 20 / 2,000 × 100 = 1; mean 4.25
    assert figures["daily_er"] == 4.25
    assert figures["basis"]["daily_er"] == 2


def test_posts_per_week_followers_growth_and_format_mix():
    figures = account_figures(sample_posts())
    assert figures["period"] == {"start": "2024-05-06", "end": "2024-05-19", "days": 14}
    assert figures["posts_per_week"] == 2.0  # 4 posts / 14 days × 7
    assert figures["followers"] == 2000
    assert figures["follower_growth"] == {"first": 1000, "last": 2000, "net": 1000, "percent": 100.0}
    assert figures["format_mix"] == {"photo": 50.0, "video": 25.0, "short_video": 25.0}


def test_means_and_medians_count_only_posts_that_report_the_figure():
    averages = account_figures(sample_posts())["averages"]
    assert averages["likes"] == {"mean": 46.67, "median": 40.0, "posts": 3}
    assert averages["reach"] == {"mean": 200.0, "median": 100.0, "posts": 3}
    assert averages["engagements"] == {"mean": 56.67, "median": 50.0, "posts": 3}


def test_heat_map_cells_are_mean_engagements_by_local_weekday_and_hour():
    heatmap = account_figures(sample_posts())["heatmap"]
    monday = heatmap["mean_engagements"][0]
    assert monday[10] == 60.0  # 100 at 10:00 and 20 at 10:30, both Monday in Moscow
    assert monday[18] == 50.0
    assert heatmap["posts"][0][10] == 2
    assert monday[7] is None  # 07:00 UTC is not the local hour
    assert heatmap["best"] == {"weekday": 0, "hour": 10, "mean_engagements": 60.0}


def test_top_posts_are_ranked_by_er_per_post_by_followers():
    top = account_figures(sample_posts())["top_posts"]
    assert [(p["published_at"], p["format"], p["engagements"], p["er"]) for p in top] == [
        ("2024-05-06T10:00:00+03:00", "photo", 100, 10.0),
        ("2024-05-06T18:00:00+03:00", "video", 50, 2.5),
        ("2024-05-13T10:30:00+03:00", "photo", 20, 1.0),
    ]


def test_a_period_keeps_only_its_posts_and_counts_its_days():
    figures = account_figures(sample_posts(), start=dt.date(2024, 5, 13), end=dt.date(2024, 5, 26))
    assert figures["posts"] == 2
    assert figures["period"] == {"start": "2024-05-13", "end": "2024-05-26", "days": 14}
    assert figures["posts_per_week"] == 1.0
    assert figures["er_by_followers"] == 1.0


def test_figures_are_json_and_name_their_formulas():
    figures = account_figures(sample_posts())
    assert json.loads(json.dumps(figures)) == figures
    assert figures["formulas"]["er_by_followers"] == "er_by_followers"
    assert figures["formulas"]["top_posts"] == "er_by_followers"
    assert set(figures["formulas"].values()) <= set(FORMULAS)
    assert formula_text("er_by_reach").startswith("ER by reach (ERR) = engagements of a post / reach")


def test_an_account_without_posts_has_empty_figures():
    empty = sample_posts().iloc[0:0]
    figures = account_figures(empty)
    assert figures["posts"] == 0
    assert figures["posts_per_week"] is None
    assert figures["er_by_followers"] is None
    assert figures["top_posts"] == []
    json.dumps(figures)


def summary(ppw: float, er: float, mix: dict[str, float], **more) -> dict:
    return {"posts_per_week": ppw, "er_by_followers": er, "format_mix": mix, **more}


def test_platform_comparison_sets_the_brand_against_each_competitor_and_their_median():
    comparison = platform_comparison(
        {
            "Brand": summary(3.0, 0.6, {"photo": 100.0}),
            "Rival": summary(6.0, 1.0, {"photo": 100.0}),
            "Other": summary(9.0, 1.2, {"photo": 100.0}),
            "Third": summary(4.0, 0.8, {"photo": 100.0}),
        }
    )
    assert comparison["brand"] == "Brand"
    assert comparison["competitors"] == ["Rival", "Other", "Third"]
    er = next(row for row in comparison["metrics"] if row["metric"] == "er_by_followers")
    assert er["formula"] == "er_by_followers"
    assert er["competitors"] == {"Rival": 1.0, "Other": 1.2, "Third": 0.8}
    assert er["competitors_median"] == 1.0
    assert er["brand_vs_median_percent"] == -40.0
    assert er["brand_vs_competitor_percent"]["Other"] == -50.0
    frequency = next(row for row in comparison["metrics"] if row["metric"] == "posts_per_week")
    assert (frequency["brand"], frequency["competitors_median"]) == (3.0, 6.0)


def test_a_material_er_gap_becomes_a_suggestion():
    brand = summary(3.0, 0.6, {"photo": 100.0})
    rivals = [
        summary(3.0, 1.0, {"photo": 100.0}),
        summary(3.0, 1.2, {"photo": 100.0}),
        summary(3.0, 0.8, {"photo": 100.0}),
    ]
    assert suggestions(brand, rivals) == [
        "The brand's ER per post by followers is 40 % below the competitors' median (0.60 % against 1.00 %)."
    ]


def test_a_small_er_gap_is_not_worth_a_suggestion():
    brand = summary(3.0, 0.95, {"photo": 100.0})
    rivals = {"Rival": summary(3.0, 1.0, {"photo": 100.0}), "Other": summary(3.2, 1.1, {"photo": 100.0})}
    assert suggestions(brand, rivals) == []
    assert suggestions(brand, {}) == []


def test_posting_frequency_and_formats_become_suggestions():
    brand = summary(2.0, 1.0, {"photo": 75.0, "short_video": 25.0})  # photo 1.5 a week, short video 0.5
    rivals = [
        summary(
            6.0, 1.0, {"photo": 40.0, "short_video": 25.0, "stories": 35.0}
        ),  # photo 2.4, short video 1.5, stories 2.1
        summary(4.0, 1.0, {"photo": 50.0, "short_video": 50.0}),  # photo 2.0, short video 2.0, no stories
        summary(
            5.0, 1.0, {"photo": 50.0, "short_video": 20.0, "stories": 30.0}
        ),  # photo 2.5, short video 1.0, stories 1.5
    ]
    assert suggestions(brand, rivals) == [
        "Competitors post 2.5× more often than the brand (median 5.0 posts a week against 2.0).",
        "Competitors post short video 3.0× more often than the brand.",
        "Competitors post stories (median 1.5 a week) and the brand does not.",
    ]


def test_share_of_voice():
    assert share_of_voice({"Brand": 30, "Rival": 50, "Other": 20}, "Brand") == Decimal("30.00")
    assert share_of_voice({"Brand": 1, "Rival": 2}, "Brand") == Decimal("33.33")
    assert share_of_voice({"Brand": 0, "Rival": 0}, "Brand") is None
    assert share_of_voice({"Rival": 5}, "Brand") is None
    with pytest.raises(ValueError):
        share_of_voice({"Brand": -1, "Rival": 5}, "Brand")
