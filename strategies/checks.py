"""Completeness of the stages that live in this app; each returns a StageCheck."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import Strategy, StrategyPlatform
from .stages import StageCheck


def goals(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    check.require(bool(strategy.leading_goal), _("Choose the leading goal."))
    check.require(bool(strategy.product.strip()), _("Describe the product or service."))
    check.require(bool(strategy.market.strip() or strategy.geography.strip()), _("Name the market or geography."))
    goals = list(strategy.goals.all())
    check.require(bool(goals), _("Add at least one SMART target."))
    if strategy.leading_goal:
        check.require(any(g.goal == strategy.leading_goal for g in goals), _("Give the leading goal a SMART target."))
    return check


def current_state(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    accounts = list(strategy.own_accounts.all())
    check.require(bool(accounts), _("Add the brand's accounts, or the platforms where it has none yet."))
    for account in accounts:
        if account.has_account:
            check.require(
                account.followers is not None and account.posts_per_week is not None,
                _("%(platform)s: give followers and posts per week.") % {"platform": account.get_platform_display()},
            )
    return check


def tone(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    tone = getattr(strategy, "tone", None)
    check.require(tone is not None, _("Set the tone-of-voice scales."))
    if tone is None:
        return check
    check.require(bool(tone.personality.strip()), _("Give the brand's personality in a few words."))
    check.require(bool(tone.examples()), _("Add example phrases."))
    check.require(bool(tone.words_to_avoid.strip()), _("List words and topics to avoid."))
    check.require(bool(tone.comment_replies.strip()), _("Say how to answer comments."))
    if strategy.language == Strategy.Language.RU:
        check.require(bool(tone.address_form), _("Choose «ты» or «вы»."))
    return check


def usp(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    usp = getattr(strategy, "usp", None)
    check.require(usp is not None and bool(usp.statement.strip()), _("Write the USP statement."))
    check.require(
        usp is not None and bool(usp.product_strengths.strip() or usp.brand_strengths.strip()),
        _("List the strengths."),
    )
    check.require(usp is not None and bool(usp.reasons_to_believe.strip()), _("Give reasons to believe."))
    return check


def platforms(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    chosen = list(strategy.platforms.all())
    check.require(bool(chosen), _("Choose at least one platform."))
    check.require(any(p.role == StrategyPlatform.Role.MAIN for p in chosen), _("Mark at least one platform as main."))
    for platform in chosen:
        check.require(
            bool(platform.rationale.strip()),
            _("%(platform)s: say why it is in the plan.") % {"platform": platform.get_platform_display()},
        )
    return check


def content(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    planned = set(strategy.content_items.values_list("platform", flat=True))
    for platform in strategy.platforms.all():
        check.require(
            platform.platform in planned,
            _("%(platform)s: plan at least one format.") % {"platform": platform.get_platform_display()},
        )
    total = strategy.pillars.aggregate(total=Sum("share"))["total"]
    check.require(total is not None, _("Add content pillars."))
    if total is not None:
        check.require(total == Decimal(100), _("Pillar shares must add up to 100 %."))
    return check


def budget(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    check.require(strategy.tools.exists(), _("Choose the promotion tools."))
    check.require(strategy.budget_lines.exists(), _("Add budget lines."))
    return check


def review(strategy: Strategy) -> StageCheck:
    check = StageCheck()
    check.require(strategy.review_every_months is not None, _("Choose how often the strategy is reviewed."))
    check.require(strategy.next_review_date is not None, _("Set the next review date."))
    return check
