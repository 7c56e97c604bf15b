from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AGENCY_ROLES

from .models import HealthAcknowledgement, Strategy
from .snapshot import dump_strategy, load_strategy
from .stages import (
    HealthWarning,
    Progress,
    StoredCheck,
    all_stages,
    get_health_rule,
    health_rules,
    named_health_warnings,
)


@transaction.atomic(savepoint=False)  # part of the caller's save: no savepoint of its own
def refresh_cached_figures(strategy: Strategy, changed: str | None = None) -> int:
    """Store each stage's figures, the completeness and the health-check warnings, so pages need no per-row work.

    ``changed`` is the stage (or ``stages.SETTINGS``) whose data was just written:
    only the checks and rules that read it run again. None runs them all.
    An acknowledged warning (HealthAcknowledgement in force for its key) is not counted.
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
    acknowledged = None  # read once, and only when a rule runs again
    for rule in health_rules():
        if rule.name not in counts or rule.affected_by(changed):
            if acknowledged is None:
                acknowledged = current.health_acknowledgements.active().warning_keys()
            counts[rule.name] = sum(1 for w in rule.check(current) if (rule.name, w.subject) not in acknowledged)
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


# -- health-check warnings acknowledged with a reason ---------------------------------


REASON_MAX_LENGTH = HealthAcknowledgement._meta.get_field("reason").max_length


class HealthCheckError(Exception):
    """A refused acknowledgement or withdrawal; the message is shown to the user."""


@dataclass(frozen=True)
class CheckedWarning:
    """A warning the health check finds now, with the acknowledgement in force for its key, if any."""

    rule: str
    warning: HealthWarning
    acknowledgement: HealthAcknowledgement | None

    @property
    def subject(self) -> str:
        return self.warning.subject


def checked_warnings(strategy: Strategy) -> list[CheckedWarning]:
    """What the summary lists: acknowledged warnings too; an acknowledgement whose warning is gone is not shown."""
    found = named_health_warnings(strategy)
    acknowledgements = {(a.rule, a.subject): a for a in strategy.health_acknowledgements.active().select_related("by")}
    return [CheckedWarning(rule, w, acknowledgements.get((rule, w.subject))) for rule, w in found]


def may_acknowledge_warnings(strategy: Strategy, user) -> bool:
    """The agency's marketers and managers, while the strategy can be edited, and managers while they review it."""
    if user.role not in AGENCY_ROLES:
        return False
    return strategy.is_editable or (strategy.status == Strategy.Status.IN_REVIEW and user.is_manager)


def ensure_may_acknowledge(strategy: Strategy, user) -> None:
    if not may_acknowledge_warnings(strategy, user):
        raise HealthCheckError(
            _("Warnings of a strategy that is %(status)s cannot be acknowledged or withdrawn.")
            % {"status": strategy.get_status_display().lower()}
        )


def _locked(strategy: Strategy, by) -> Strategy:
    """The strategy's row, locked, so that two people acknowledging one warning at once make one row."""
    current = Strategy.objects.select_for_update().get(pk=strategy.pk)
    ensure_may_acknowledge(current, by)
    return current


@transaction.atomic
def acknowledge_warning(strategy: Strategy, *, rule: str, subject: str, reason: str, by) -> HealthAcknowledgement:
    """Record that ``by`` accepts the warning ``rule`` + ``subject`` for ``reason``: it stops counting."""
    current = _locked(strategy, by)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX_LENGTH:
        raise HealthCheckError(
            _("Say in at most %(limit)s characters why this warning can stay.") % {"limit": REASON_MAX_LENGTH}
        )
    checker = get_health_rule(rule)
    warning = next((w for w in checker.check(current) if w.subject == subject), None) if checker else None
    if warning is None:
        raise HealthCheckError(_("This warning is no longer found; there is nothing to acknowledge."))
    if current.health_acknowledgements.active().filter(rule=rule, subject=subject).exists():
        raise HealthCheckError(_("This warning is already acknowledged."))
    acknowledgement = HealthAcknowledgement.objects.create(
        strategy=current, rule=rule, subject=subject, message=str(warning.message), reason=reason, by=by
    )
    refresh_cached_figures(strategy)
    return acknowledgement


@transaction.atomic
def withdraw_acknowledgement(strategy: Strategy, *, rule: str, subject: str, by) -> HealthAcknowledgement:
    """The warning counts again; the acknowledgement stays on record as withdrawn."""
    current = _locked(strategy, by)
    acknowledgement = current.health_acknowledgements.active().filter(rule=rule, subject=subject).first()
    if acknowledgement is None:
        raise HealthCheckError(_("This warning is not acknowledged; there is nothing to withdraw."))
    acknowledgement.withdrawn_at, acknowledgement.withdrawn_by = timezone.now(), by
    acknowledgement.save(update_fields=["withdrawn_at", "withdrawn_by"])
    refresh_cached_figures(strategy)
    return acknowledgement
