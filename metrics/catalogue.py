"""The forecast's figures with the formula each one uses, and which figure stands for each KPI.

Plain data, no ORM: the wizard, the forecast and the PDF all read it. The KPI
catalogue itself (also the SMART targets' metrics) is ``strategies.kpis``.
Definitions follow the method (shared methodology, §4 and §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from strategies.kpis import BY_KEY, DEFAULTS_BY_GOAL, METRIC_CHOICES, METRICS, MetricDefinition, suggested_metrics

__all__ = [
    "BY_KEY",
    "DEFAULTS_BY_GOAL",
    "FORECAST_BY_KEY",
    "FORECAST_METRICS",
    "KPI_FORECAST",
    "METRICS",
    "METRIC_CHOICES",
    "MetricDefinition",
    "suggested_metrics",
]


@dataclass(frozen=True)
class ForecastMetric:
    key: str
    label: str
    formula: str
    money: bool = False
    percent: bool = False


FORECAST_METRICS: tuple[ForecastMetric, ...] = (
    ForecastMetric(
        "unique_reach",
        _("People reached (unique)"),
        _(
            "U × (1 − (1 − organic people / U) × (1 − people reached by ads / U)), each part "
            "pool × (1 − e^(−contacts / pool)); not the sum of months"
        ),
    ),
    ForecastMetric("total_reach", _("Total reach (sum of post and ad reach)"), _("organic post reach + ad reach")),
    ForecastMetric("organic_reach", _("Organic post reach (sum over posts)"), _("reach per post × posts")),
    ForecastMetric(
        "reach_per_post", _("Reach per post"), _("followers × organic reach rate (audit, competitors or benchmark)")
    ),
    ForecastMetric("paid_reach", _("People reached by ads"), _("U × (1 − e^(−paid impressions / ad frequency / U))")),
    ForecastMetric("impressions", _("Impressions"), _("organic post reach + paid impressions")),
    ForecastMetric(
        "paid_impressions",
        _("Paid impressions"),
        _("ads budget / CPM × 1000 + influencer and seeding budgets / cost per 1,000 views × 1000"),
    ),
    ForecastMetric("engagements", _("Engagements"), _("organic engagements + paid engagements")),
    ForecastMetric("organic_engagements", _("Organic engagements"), _("organic post reach × organic ER by reach")),
    ForecastMetric("paid_engagements", _("Paid engagements"), _("paid impressions × ad ER by impressions")),
    ForecastMetric(
        "er_reach",
        _("ER by reach (ERR), organic posts"),
        _("organic engagements / organic post reach × 100"),
        percent=True,
    ),
    ForecastMetric(
        "er_paid", _("ER by impressions, ads"), _("paid engagements / paid impressions × 100"), percent=True
    ),
    ForecastMetric("link_clicks", _("Link clicks"), _("organic post reach × organic CTR + paid impressions × ad CTR")),
    ForecastMetric("ctr", _("CTR (link), all impressions"), _("link clicks / impressions × 100"), percent=True),
    ForecastMetric("leads", _("Leads"), _("link clicks × click-to-lead conversion")),
    ForecastMetric("paid_leads", _("Leads from ads"), _("paid link clicks × click-to-lead conversion")),
    ForecastMetric(
        "spend", _("Spend, all-in"), _("content, community and promotion budget of the platform"), money=True
    ),
    ForecastMetric("paid_spend", _("Paid spend"), _("ads, influencer and seeding budget"), money=True),
    ForecastMetric("cpl", _("CPL (ads)"), _("paid spend / leads from ads"), money=True),
    ForecastMetric("cpl_all_in", _("Cost per lead, all-in"), _("all spend / all leads"), money=True),
    ForecastMetric("cpc", _("CPC (ads)"), _("paid spend / paid link clicks"), money=True),
    ForecastMetric("cpc_all_in", _("Cost per click, all-in"), _("all spend / all link clicks"), money=True),
    ForecastMetric("cpe", _("CPE (ads)"), _("paid spend / paid engagements"), money=True),
    ForecastMetric("cpe_all_in", _("Cost per engagement, all-in"), _("all spend / all engagements"), money=True),
    ForecastMetric(
        "net_followers",
        _("Follower growth"),
        _("people reached who do not follow yet × follow rate − followers × monthly unfollow rate"),
    ),
    ForecastMetric("followers_end", _("Followers at month end"), _("followers + follower growth")),
    ForecastMetric("mentions", _("Brand mentions"), _("people reached / 1000 × mentions per 1,000 reached")),
    ForecastMetric("posts", _("Posts"), _("posts per week × 4.345 weeks")),
)
FORECAST_BY_KEY = {m.key: m for m in FORECAST_METRICS}
# Figures people count one by one: shown as whole numbers (money and rates have their own rules).
COUNT_KEYS = {m.key for m in FORECAST_METRICS if not (m.money or m.percent)}

# Which forecast figure stands for a KPI or SMART target (None: not forecast, measured or set by hand).
KPI_FORECAST = {
    "reach": "unique_reach",
    "total_reach": "total_reach",
    "impressions": "impressions",
    "mentions": "mentions",
    "share_of_voice": None,
    "followers_end": "followers_end",
    "net_followers": "net_followers",
    "follower_growth": "follower_growth_rate",
    "er_reach": "er_reach",
    "er_followers": "er_followers",
    "engagements": "engagements",
    "comments": None,
    "repeat_engagement": None,
    "link_clicks": "link_clicks",
    "ctr": "ctr",
    "leads": "leads",
    "cpl": "cpl",
    "cpl_all_in": "cpl_all_in",
    "cpc": "cpc",
    "cpc_all_in": "cpc_all_in",
}

INPUT_LABELS = {
    "followers": _("followers at the start of the month"),
    "posts": _("posts"),
    "posts_per_week": _("posts per week"),
    "weeks": _("weeks per month"),
    "organic_reach_rate": _("organic reach rate, percent of followers"),
    "reach_basis": _("reach rate taken from"),
    "reach_per_post": _("reach per post"),
    "ads_budget": _("ads budget"),
    "cpm": _("CPM"),
    "influencer_budget": _("influencer budget"),
    "influencer_cpv": _("influencer cost per 1,000 views"),
    "seeding_budget": _("seeding budget"),
    "seeding_cpv": _("seeding cost per 1,000 views"),
    "paid_impressions": _("paid impressions"),
    "frequency": _("ad frequency"),
    "audience": _("addressable audience U, people"),
    "organic_reach": _("organic post reach (sum over posts)"),
    "organic_pool": _("people organic posts are shown to (followers, at most U)"),
    "organic_people": _("people reached by organic posts"),
    "paid_reach": _("people reached by ads"),
    "unique_reach": _("people reached (unique)"),
    "impressions": _("impressions"),
    "er_reach": _("organic ER by reach, %"),
    "er_basis": _("ER by reach taken from"),
    "er_followers": _("ER per post by followers, % (converted)"),
    "reach_rate": _("reach rate it was measured against, %"),
    "ad_er": _("ad ER by impressions, %"),
    "ctr": _("ad CTR, %"),
    "organic_ctr": _("organic CTR, %"),
    "organic_clicks": _("organic link clicks"),
    "paid_clicks": _("paid link clicks"),
    "link_clicks": _("link clicks"),
    "click_to_lead": _("click-to-lead conversion, %"),
    "spend": _("all spend"),
    "paid_spend": _("paid spend"),
    "leads": _("leads"),
    "organic_leads": _("leads from organic posts"),
    "paid_leads": _("leads from ads"),
    "engagements": _("engagements"),
    "organic_engagements": _("organic engagements"),
    "paid_engagements": _("paid engagements"),
    "follow_rate": _("follow rate, %"),
    "churn": _("monthly unfollow rate, %"),
    "net_followers": _("follower growth"),
    "mention_rate": _("mentions per 1,000 reached"),
    "ads": _("targeted ads"),
    "influencers": _("influencers"),
    "seeding": _("seeding"),
    "community": _("community management"),
    "contests": _("contests"),
    "content": _("content production"),
}
# Where a rate came from (metrics.forecast AUDIT / COMPETITORS / BENCHMARK).
BASIS_LABELS = {
    "audit": _("the brand's own audit (current state)"),
    "competitors": _("the competitors' median on this platform"),
    "benchmark": _("the agency's benchmark for the platform"),
}
