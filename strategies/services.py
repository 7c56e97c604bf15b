from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import Strategy
from .snapshot import dump_strategy, load_strategy
from .stages import Progress, StoredCheck, all_stages, health_rules


@transaction.atomic(savepoint=False)  # part of the caller's save: no savepoint of its own
def refresh_cached_figures(strategy: Strategy, changed: str | None = None) -> int:
    """Store each stage's figures, the completeness and the health-check warnings, so pages need no per-row work.

    ``changed`` is the stage (or ``stages.SETTINGS``) whose data was just written:
    only the checks and rules that read it run again. None runs them all.
    """
    # The strategy's row is locked while its figures are merged, so two stages saved
    # at once both keep their part instead of one save writing over the other's. The
    # checks read this fresh copy, not the caller's, whose related rows may be cached.
    current = Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
    if current is None:
        return 0
    stages, counts = dict(current.stage_progress or {}), dict(current.warning_counts or {})
    for stage in all_stages():
        if stage.key not in stages or stage.affected_by(changed):
            check = stage.check(current)
            stages[stage.key] = [check.done, check.total]
    for rule in health_rules():
        if rule.name not in counts or rule.affected_by(changed):
            counts[rule.name] = len(rule.check(current))
    # Figures of a stage or rule that no longer exists (an upgrade removed it) are dropped.
    stages = {stage.key: stages[stage.key] for stage in all_stages()}
    counts = {rule.name: counts[rule.name] for rule in health_rules()}
    percent = Progress([(stage, StoredCheck(*stages[stage.key])) for stage in all_stages()]).percent
    warnings = sum(counts.values())
    Strategy.objects.filter(pk=strategy.pk).update(
        completeness=percent,
        warning_count=warnings,
        stage_progress=stages,
        warning_counts=counts,
        updated_at=timezone.now(),
    )
    strategy.completeness, strategy.warning_count = percent, warnings
    strategy.stage_progress, strategy.warning_counts = stages, counts
    return percent


@transaction.atomic
def create_strategy(*, owner, client, title, period_months, start_date, currency, language) -> Strategy:
    strategy = Strategy.objects.create(
        owner=owner,
        client=client,
        title=title,
        period_months=period_months,
        start_date=start_date,
        currency=currency,
        language=language,
    )
    refresh_cached_figures(strategy)
    return strategy


def duplicate_strategy(strategy: Strategy, *, by) -> Strategy:
    title = gettext_lazy("Copy of %(title)s") % {"title": strategy.title}
    copy = load_strategy(dump_strategy(strategy), client=strategy.client, owner=by, title=str(title)[:200])
    refresh_cached_figures(copy)
    return copy


def import_strategy(data: dict, *, client, owner) -> Strategy:
    strategy = load_strategy(data, client=client, owner=owner)
    refresh_cached_figures(strategy)
    return strategy
