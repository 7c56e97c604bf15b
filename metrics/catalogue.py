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
