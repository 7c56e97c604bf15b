"""Strategy health check: consistency rules across stages, all in one place.

Each rule takes a strategy and returns the warnings it finds; the summary page
shows them with a link to the stage that fixes each one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from strategies.models import BudgetCategory, Goal, Platform, Strategy, StrategyPlatform
from strategies.stages import SETTINGS, HealthWarning

from .benchmarks import ASSUMPTION, USD_RATES, content_cost_per_post
from .forecast import WEEKS_PER_MONTH
from .health_goals import forecast_misses_a_goal, target_without_metric
from .services import FORECAST_STAGE

# A content budget below this share of what the posting plan costs is flagged.
CONTENT_BUDGET_FLOOR = Decimal("0.5")


def leads_goal_without_lead_tools(strategy: Strategy) -> list[HealthWarning]:
    if strategy.leading_goal != Goal.LEADS:
        return []
    warnings = []
    if not strategy.kpis.filter(metric__in=["link_clicks", "leads"]).exists():
        warnings.append(
            HealthWarning(
                _("The leading goal is leads, but no link-click or lead KPI is chosen."), "metrics", subject="kpis"
            )
        )
    if not strategy.budget_lines.filter(category=BudgetCategory.TARGETED_ADS).exists():
        warnings.append(
            HealthWarning(
                _("The leading goal is leads, but there is no budget for targeted ads."), "budget", subject="ads"
            )
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
            subject=p.platform,
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
            subject=p,
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
    def whole(value: Decimal) -> str:  # money: whole units, grouped as the reader's locale writes them
        return number_format(value.quantize(Decimal(1), ROUND_HALF_UP), 0, force_grouping=True)

    def plain(value: Decimal) -> str:  # 2, 1.5: no trailing zeros, the reader's decimal separator
        return number_format(value.normalize())

    currency = strategy.currency
    plan = []
    for item in strategy.content_items.all():
        per_piece = content_cost_per_post(item.format, currency)
        plan.append((item, per_piece, item.posts_per_week * WEEKS_PER_MONTH * per_piece))
    need = sum((monthly for _item, _per_piece, monthly in plan), Decimal(0))
    if not need:
        return []
    have = strategy.budget_lines.filter(category__in=BudgetCategory.content()).aggregate(s=Sum("monthly_amount"))[
        "s"
    ] or Decimal(0)
    if have >= need * CONTENT_BUDGET_FLOOR:
        return []
    weeks = number_format(WEEKS_PER_MONTH, 3)
    rate = USD_RATES.get(currency, Decimal(1))
    if currency == "USD" or currency not in USD_RATES:
        source = _("Source of the costs per piece: %(source)s, in USD.") % {"source": ASSUMPTION}
    else:
        source = _(
            "Source of the costs per piece: %(source)s, in USD, converted at a fixed rate of "
            "1 USD = %(rate)s %(currency)s."
        ) % {"source": ASSUMPTION, "rate": plain(rate), "currency": currency}
    details = (
        _(
            "Formula: posts per week × %(weeks)s weeks a month × cost per piece of the format, summed over "
            "the content plan."
        )
        % {"weeks": weeks},
        *(
            _(
                "%(platform)s, %(format)s: %(posts)s a week × %(weeks)s × %(cost)s %(currency)s a piece "
                "= %(monthly)s %(currency)s a month."
            )
            % {
                "platform": item.get_platform_display(),
                "format": item.get_format_display(),
                "posts": plain(item.posts_per_week),
                "weeks": weeks,
                "cost": whole(per_piece),
                "monthly": whole(monthly),
                "currency": currency,
            }
            for item, per_piece, monthly in plan
        ),
        _("Content budget (copywriting, design, photo and video lines): %(have)s %(currency)s a month.")
        % {"have": whole(have), "currency": currency},
        _("Flagged when the content budget is below %(floor)s %% of the need, here %(limit)s %(currency)s.")
        % {
            "floor": plain(CONTENT_BUDGET_FLOOR * 100),
            "limit": whole(need * CONTENT_BUDGET_FLOOR),
            "currency": currency,
        },
        source,
    )
    return [
        HealthWarning(
            _(
                "The posting plan needs about %(need)s %(currency)s of content a month, but the content budget "
                "is %(have)s %(currency)s."
            )
            % {"need": whole(need), "have": whole(have), "currency": currency},
            "budget",
            details=details,
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
            subject=p.platform,
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
    (forecast_misses_a_goal, ("goals", "metrics", "platforms", SETTINGS, FORECAST_STAGE)),
    (target_without_metric, ("goals",)),
)
