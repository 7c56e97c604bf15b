"""Strategy health check: consistency rules across stages, all in one place.

Each rule takes a strategy and returns the warnings it finds; the summary page
shows them with a link to the stage that fixes each one.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from strategies.models import BudgetCategory, Goal, Platform, Strategy, StrategyPlatform
from strategies.stages import SETTINGS, HealthWarning

from .benchmarks import content_cost_per_post
from .forecast import WEEKS_PER_MONTH

# A content budget below this share of what the posting plan costs is flagged.
CONTENT_BUDGET_FLOOR = Decimal("0.5")


def leads_goal_without_lead_tools(strategy: Strategy) -> list[HealthWarning]:
    if strategy.leading_goal != Goal.LEADS:
        return []
    warnings = []
    if not strategy.kpis.filter(metric__in=["link_clicks", "leads"]).exists():
        warnings.append(
            HealthWarning(_("The leading goal is leads, but no link-click or lead KPI is chosen."), "metrics")
        )
    if not strategy.budget_lines.filter(category=BudgetCategory.TARGETED_ADS).exists():
        warnings.append(
            HealthWarning(_("The leading goal is leads, but there is no budget for targeted ads."), "budget")
        )
    return warnings


def main_platform_outside_primary_segment(strategy: Strategy) -> list[HealthWarning]:
    primary = strategy.segments.filter(is_primary=True).first()
    if primary is None or not primary.platforms:
        return []
    return [
        HealthWarning(
            _("%(platform)s is a main platform, but the primary segment does not use it.")
            % {"platform": p.get_platform_display()},
            "platforms",
        )
        for p in strategy.platforms.filter(role=StrategyPlatform.Role.MAIN)
        if p.platform not in primary.platforms
    ]


def budget_for_platforms_not_chosen(strategy: Strategy) -> list[HealthWarning]:
    chosen = set(strategy.chosen_platforms())
    stray = sorted(set(strategy.budget_lines.exclude(platform="").values_list("platform", flat=True)) - chosen)
    return [
        HealthWarning(
            _("There are budget lines for %(platform)s, which is not among the chosen platforms.")
            % {"platform": Platform(p).label},
            "budget",
        )
        for p in stray
    ]


def pillars_not_100(strategy: Strategy) -> list[HealthWarning]:
    total = strategy.pillars.aggregate(total=Sum("share"))["total"]
    if total is None or total == Decimal(100):
        return []
    shown = format(total.normalize(), "f")
    return [HealthWarning(_("Content pillar shares add up to %(total)s %%, not 100 %%.") % {"total": shown}, "content")]


def content_budget_too_small(strategy: Strategy) -> list[HealthWarning]:
    need = sum(
        (
            item.posts_per_week * WEEKS_PER_MONTH * content_cost_per_post(item.format, strategy.currency)
            for item in strategy.content_items.all()
        ),
        Decimal(0),
    )
    if not need:
        return []
    have = strategy.budget_lines.filter(category__in=BudgetCategory.content()).aggregate(s=Sum("monthly_amount"))[
        "s"
    ] or Decimal(0)
    if have >= need * CONTENT_BUDGET_FLOOR:
        return []
    return [
        HealthWarning(
            _(
                "The posting plan needs about %(need)s %(currency)s of content a month, but the content budget "
                "is %(have)s %(currency)s."
            )
            % {"need": f"{need:,.0f}", "have": f"{have:,.0f}", "currency": strategy.currency},
            "budget",
        )
    ]


def tone_without_examples(strategy: Strategy) -> list[HealthWarning]:
    tone = getattr(strategy, "tone", None)
    if tone is not None and tone.examples():
        return []
    return [HealthWarning(_("The tone of voice has no example phrases."), "tone")]


def platform_without_followers(strategy: Strategy) -> list[HealthWarning]:
    audited = {a.platform for a in strategy.own_accounts.all()}
    return [
        HealthWarning(
            _("%(platform)s is in the plan but missing from the current state, so its forecast starts from zero.")
            % {"platform": p.get_platform_display()},
            "current",
        )
        for p in strategy.platforms.all()
        if p.platform not in audited
    ]


# Each rule with the stages whose data it reads (SETTINGS: currency, language, dates),
# so a save re-runs only the rules it can change.
RULES = (
    (leads_goal_without_lead_tools, ("goals", "metrics", "budget")),
    (main_platform_outside_primary_segment, ("audience", "platforms")),
    (budget_for_platforms_not_chosen, ("budget", "platforms")),
    (pillars_not_100, ("content",)),
    (content_budget_too_small, ("content", "budget", SETTINGS)),
    (tone_without_examples, ("tone",)),
    (platform_without_followers, ("current", "platforms")),
)
