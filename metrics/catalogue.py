"""The KPIs a strategy can be judged by, with the formula each one uses.

Plain data, no ORM: the wizard, the forecast and the PDF all read it.
Definitions follow the method (shared methodology, §4).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MetricDefinition:
    key: str
    goal: str  # awareness / loyalty / leads
    label: str
    formula: str
    unit: str


METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition("reach", "awareness", _("Reach"), _("unique people who saw the content"), _("people")),
    MetricDefinition("impressions", "awareness", _("Impressions"), _("times the content was shown"), _("views")),
    MetricDefinition(
        "mentions", "awareness", _("Brand mentions"), _("posts and comments naming the brand"), _("mentions")
    ),
    MetricDefinition(
        "share_of_voice",
        "awareness",
        _("Share of voice"),
        _("brand mentions / (brand + competitor mentions) × 100"),
        "%",
    ),
    MetricDefinition(
        "follower_growth",
        "awareness",
        _("Audience growth rate"),
        _("net new followers in the period / followers at the start × 100"),
        "%",
    ),
    MetricDefinition(
        "er_reach",
        "loyalty",
        _("ER by reach (ERR)"),
        _("engagements of a post / reach of that post × 100; period value = mean of per-post ERR"),
        "%",
    ),
    MetricDefinition(
        "er_followers",
        "loyalty",
        _("ER per post by followers"),
        _("(likes + comments + shares) / followers × 100"),
        "%",
    ),
    MetricDefinition("comments", "loyalty", _("Comments"), _("comments on the brand's posts"), _("comments")),
    MetricDefinition(
        "repeat_engagement",
        "loyalty",
        _("Repeat engagement"),
        _("people who engaged more than once / all people who engaged × 100"),
        "%",
    ),
    MetricDefinition("link_clicks", "leads", _("Link clicks"), _("clicks on links to the site or shop"), _("clicks")),
    MetricDefinition("ctr", "leads", _("CTR (link)"), _("link clicks / impressions × 100"), "%"),
    MetricDefinition("leads", "leads", _("Leads"), _("link clicks × click-to-lead conversion"), _("leads")),
    MetricDefinition("cpl", "leads", _("Cost per lead (CPL)"), _("spend / leads"), _("currency")),
    MetricDefinition("cpc", "leads", _("Cost per click (CPC)"), _("spend / clicks"), _("currency")),
)

BY_KEY = {m.key: m for m in METRICS}
METRIC_CHOICES = [(m.key, m.label) for m in METRICS]
DEFAULTS_BY_GOAL = {
    "awareness": ("reach", "impressions", "mentions", "share_of_voice", "follower_growth"),
    "loyalty": ("er_reach", "comments", "repeat_engagement"),
    "leads": ("link_clicks", "ctr", "leads", "cpl"),
}


def suggested_metrics(goals: set[str]) -> list[str]:
    """The KPIs pre-selected for a strategy's goals, in catalogue order."""
    wanted = {key for goal in goals for key in DEFAULTS_BY_GOAL.get(goal, ())}
    return [m.key for m in METRICS if m.key in wanted]


@dataclass(frozen=True)
class ForecastMetric:
    key: str
    label: str
    formula: str
    money: bool = False
    percent: bool = False


FORECAST_METRICS: tuple[ForecastMetric, ...] = (
    ForecastMetric("reach", _("Reach"), _("organic reach + paid reach")),
    ForecastMetric("organic_reach", _("Organic reach"), _("followers × organic reach rate × posts")),
    ForecastMetric("paid_reach", _("Paid reach"), _("paid impressions / ad frequency")),
    ForecastMetric("impressions", _("Impressions"), _("organic reach + paid impressions")),
    ForecastMetric(
        "paid_impressions",
        _("Paid impressions"),
        _("ads budget / CPM × 1000 + influencer and seeding budgets / cost per 1,000 views × 1000"),
    ),
    ForecastMetric("engagements", _("Engagements"), _("ER by reach × reach")),
    ForecastMetric("er_reach", _("ER by reach (ERR)"), _("engagements / reach × 100"), percent=True),
    ForecastMetric("link_clicks", _("Link clicks"), _("CTR × impressions")),
    ForecastMetric("ctr", _("CTR (link)"), _("link clicks / impressions × 100"), percent=True),
    ForecastMetric("leads", _("Leads"), _("link clicks × click-to-lead conversion")),
    ForecastMetric("spend", _("Spend"), _("content and promotion budget of the platform"), money=True),
    ForecastMetric("cpl", _("Cost per lead (CPL)"), _("spend / leads"), money=True),
    ForecastMetric("cpe", _("Cost per engagement (CPE)"), _("spend / engagements"), money=True),
    ForecastMetric("cpc", _("Cost per click (CPC)"), _("spend / link clicks"), money=True),
    ForecastMetric("net_followers", _("Follower growth"), _("reach × follow rate − followers × monthly unfollow rate")),
    ForecastMetric("followers_end", _("Followers at month end"), _("followers + follower growth")),
    ForecastMetric("mentions", _("Brand mentions"), _("reach / 1000 × mentions per 1,000 reached")),
    ForecastMetric("posts", _("Posts"), _("posts per week × 4.345 weeks")),
)
FORECAST_BY_KEY = {m.key: m for m in FORECAST_METRICS}

# Which forecast figure stands for a KPI of the wizard (None: set by hand).
KPI_FORECAST = {
    "reach": "reach",
    "impressions": "impressions",
    "mentions": "mentions",
    "share_of_voice": None,
    "follower_growth": "follower_growth_rate",
    "er_reach": "er_reach",
    "er_followers": "er_followers",
    "comments": None,
    "repeat_engagement": None,
    "link_clicks": "link_clicks",
    "ctr": "ctr",
    "leads": "leads",
    "cpl": "cpl",
    "cpc": "cpc",
}

INPUT_LABELS = {
    "followers": _("followers"),
    "posts": _("posts"),
    "posts_per_week": _("posts per week"),
    "weeks": _("weeks per month"),
    "organic_reach_rate": _("organic reach rate, %"),
    "ads_budget": _("ads budget"),
    "cpm": _("CPM"),
    "influencer_budget": _("influencer budget"),
    "influencer_cpv": _("influencer cost per 1,000 views"),
    "seeding_budget": _("seeding budget"),
    "seeding_cpv": _("seeding cost per 1,000 views"),
    "paid_impressions": _("paid impressions"),
    "frequency": _("ad frequency"),
    "organic_reach": _("organic reach"),
    "paid_reach": _("paid reach"),
    "reach": _("reach"),
    "impressions": _("impressions"),
    "er_reach": _("ER by reach, %"),
    "er_basis": _("ER aimed at"),
    "ctr": _("CTR, %"),
    "link_clicks": _("link clicks"),
    "click_to_lead": _("click-to-lead conversion, %"),
    "spend": _("spend"),
    "leads": _("leads"),
    "engagements": _("engagements"),
    "benchmark_cpc": _("benchmark CPC"),
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
ER_BASIS_LABELS = {
    "benchmark": _("the benchmark for the platform"),
    "competitors": _("the competitors' median on this platform (instead of the benchmark)"),
}
