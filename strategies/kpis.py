"""The catalogue of measurable figures a strategy is judged by: the KPIs and the SMART targets.

Plain data, no ORM. It lives here, in the lowest stage app, because the goals
stage (SMART targets) and the metrics stage (KPIs) both pick from it; the
forecast (``metrics``) says which of its figures stands for each key.
Definitions follow the method (shared methodology, §4 and §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MetricDefinition:
    key: str
    goal: str  # awareness / loyalty / leads
    label: str
    formula: str
    unit: str
    kind: str = "count"  # count / rate / money
    # "up": the more the better; "down": a cost, the less the better.
    direction: str = "up"

    @property
    def is_cost(self) -> bool:
        return self.direction == "down"


METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        "reach",
        "awareness",
        _("People reached (unique)"),
        _("different people who saw the content at least once (random-duplication model)"),
        _("people"),
    ),
    MetricDefinition(
        "total_reach",
        "awareness",
        _("Total reach (sum of post and ad reach)"),
        _("reach of every post plus the monthly reach of the ads, added up: people seen twice count twice"),
        _("views"),
    ),
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
        kind="rate",
    ),
    MetricDefinition(
        "followers_end",
        "awareness",
        _("Followers at the end"),
        _("followers at the start + net new followers"),
        _("followers"),
    ),
    MetricDefinition(
        "net_followers",
        "awareness",
        _("New followers (net)"),
        _("followers gained − followers lost"),
        _("followers"),
    ),
    MetricDefinition(
        "follower_growth",
        "awareness",
        _("Audience growth rate"),
        _("net new followers in the period / followers at the start × 100"),
        "%",
        kind="rate",
    ),
    MetricDefinition(
        "er_reach",
        "loyalty",
        _("ER by reach (ERR), organic posts"),
        _("engagements of a post / reach of that post × 100; period value = mean of per-post ERR"),
        "%",
        kind="rate",
    ),
    MetricDefinition(
        "er_followers",
        "loyalty",
        _("ER per post by followers"),
        _("(likes + comments + shares) / followers × 100"),
        "%",
        kind="rate",
    ),
    MetricDefinition(
        "engagements",
        "loyalty",
        _("Engagements"),
        _("likes, comments and shares of posts and ads"),
        _("engagements"),
    ),
    MetricDefinition("comments", "loyalty", _("Comments"), _("comments on the brand's posts"), _("comments")),
    MetricDefinition(
        "repeat_engagement",
        "loyalty",
        _("Repeat engagement"),
        _("people who engaged more than once / all people who engaged × 100"),
        "%",
        kind="rate",
    ),
    MetricDefinition("link_clicks", "leads", _("Link clicks"), _("clicks on links to the site or shop"), _("clicks")),
    MetricDefinition("ctr", "leads", _("CTR (link)"), _("link clicks / impressions × 100"), "%", kind="rate"),
    MetricDefinition("leads", "leads", _("Leads"), _("link clicks × click-to-lead conversion"), _("leads")),
    MetricDefinition(
        "cpl",
        "leads",
        _("CPL (ads)"),
        _("paid spend (ads, influencers, seeding) / leads from paid clicks"),
        _("currency"),
        kind="money",
        direction="down",
    ),
    MetricDefinition(
        "cpl_all_in",
        "leads",
        _("Cost per lead, all-in"),
        _("all spend (content and community included) / all leads"),
        _("currency"),
        kind="money",
        direction="down",
    ),
    MetricDefinition(
        "cpc",
        "leads",
        _("CPC (ads)"),
        _("paid spend / paid link clicks"),
        _("currency"),
        kind="money",
        direction="down",
    ),
    MetricDefinition(
        "cpc_all_in",
        "leads",
        _("Cost per click, all-in"),
        _("all spend / all link clicks"),
        _("currency"),
        kind="money",
        direction="down",
    ),
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


# Free-text SMART metrics written before the catalogue (and in older export files), matched
# by their words, English and Russian; the first rule that matches wins, so the specific
# ones (cost per lead) stand before the general ones (lead).
_MATCH_RULES: tuple[tuple[str, str], ...] = (
    (
        "cpl",
        r"\bcpl\b|cost per (?:\w+ )?(?:lead|booking|sign-?up|order|enquiry|inquiry)"
        r"|(?:стоимост|цен)\w* (?:\w+ )?(?:лида|заявки|брони|записи|обращения)",
    ),
    ("cpc", r"\bcpc\b|cost per click|стоимост\w* клика|цен\w* клика"),
    ("ctr", r"\bctr\b"),
    ("share_of_voice", r"share of voice|\bsov\b|доля голоса"),
    ("follower_growth", r"(?:growth|рост|прирост)\w*.*%|%.*(?:growth|рост|прирост)"),
    ("net_followers", r"(?:growth|new|gain|рост|прирост|новых|\+)\w*.*(?:follower|subscriber|подписчик)"),
    ("followers_end", r"follower|subscriber|подписчик|участник"),
    ("er_followers", r"\ber\b.*(?:follower|подписчик)"),
    ("er_reach", r"\berr?\b|engagement rate|вовлеч\w*.*%"),
    ("engagements", r"engagement|вовлеч|реакци|interaction|взаимодейств"),
    ("comments", r"comment|коммент"),
    ("mentions", r"mention|упоминан"),
    ("leads", r"\blead|лид|заявк|обращени|брон|booking|sign-?up|регистрац"),
    ("link_clicks", r"click|клик|переход"),
    ("total_reach", r"total reach|суммарн\w* охват|охват\w* публикац"),
    ("impressions", r"impression|показ|просмотр|\bviews?\b"),
    ("reach", r"reach|охват|people|человек|людей|аудитори"),
)


def match_metric(text: str, unit: str = "") -> str:
    """The catalogue key a free-text metric (and its unit) names, or "" when none fits."""
    words = f"{text} {unit}".lower().replace("ё", "е")
    for key, pattern in _MATCH_RULES:
        if re.search(pattern, words):
            return key
    return ""


_MONTHLY = re.compile(r"monthly|per month|a month|each month|месячн|в месяц|ежемесячн|за месяц")


def is_monthly(text: str) -> bool:
    """Whether a free-text target speaks of one month ("monthly reach") rather than the whole period."""
    return bool(_MONTHLY.search(text.lower()))
