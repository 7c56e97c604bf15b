from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Strategy
from .snapshot import dump_strategy, load_strategy
from .stages import progress


class WizardError(Exception):
    """A refused strategy operation; the message is shown to the user."""


def update_completeness(strategy: Strategy) -> int:
    percent = progress(strategy).percent
    Strategy.objects.filter(pk=strategy.pk).update(completeness=percent, updated_at=timezone.now())
    strategy.completeness = percent
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
    update_completeness(strategy)
    return strategy


def duplicate_strategy(strategy: Strategy, *, by) -> Strategy:
    title = gettext_lazy("Copy of %(title)s") % {"title": strategy.title}
    copy = load_strategy(dump_strategy(strategy), client=strategy.client, owner=by, title=str(title)[:200])
    update_completeness(copy)
    return copy


def import_strategy(data: dict, *, client, owner) -> Strategy:
    strategy = load_strategy(data, client=client, owner=owner)
    update_completeness(strategy)
    return strategy


@transaction.atomic
def submit_for_review(strategy: Strategy, *, by) -> Strategy:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.status not in Strategy.EDITABLE_STATUSES:
        raise WizardError(_("Only a draft can be submitted for review."))
    if not progress(strategy).is_complete:
        raise WizardError(_("Complete every stage before submitting; the summary lists what is missing."))
    strategy.status = Strategy.Status.IN_REVIEW
    strategy.submitted_at = timezone.now()
    strategy.save(update_fields=["status", "submitted_at", "updated_at"])
    return strategy
