from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import Strategy
from .snapshot import dump_strategy, load_strategy
from .stages import health_warnings, progress


def refresh_cached_figures(strategy: Strategy) -> int:
    """Store completeness and the health-check count, so lists need no per-row work."""
    percent = progress(strategy).percent
    warnings = len(health_warnings(strategy))
    Strategy.objects.filter(pk=strategy.pk).update(
        completeness=percent, warning_count=warnings, updated_at=timezone.now()
    )
    strategy.completeness, strategy.warning_count = percent, warnings
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
