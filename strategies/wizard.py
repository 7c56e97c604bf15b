"""The machinery every wizard stage shares.

A stage view builds its forms (plain forms and formsets), and the base class
does the rest the same way for every stage: repeating rows added and removed
without saving (htmx swaps the form in place; without JavaScript the page
simply reloads), validation that keeps all input, optimistic locking per
stage, the completeness figure, and navigation (Save, Back, Next, or a jump
from the progress bar, each of which saves first).
"""

from __future__ import annotations

import django.dispatch
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.access import RoleRequiredMixin

from .models import StageRevision, Strategy
from .services import refresh_cached_figures
from .stages import all_stages, get_stage, neighbours, render_panels, stored_progress

# Sent after a stage's data is saved (inside the transaction): other apps, such
# as the metrics engine, react to it without this app importing them.
stage_saved = django.dispatch.Signal()


class StageConflict(Exception):
    def __init__(self, revision: StageRevision):
        self.revision = revision


class StrategyMixin(RoleRequiredMixin):
    """Loads ``self.strategy`` through the tenant scope (another agency's: 404)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role in self.allowed_roles:
            self.strategy = get_object_or_404(
                Strategy.objects.for_user(request.user).select_related("client", "owner"), pk=kwargs["strategy_pk"]
            )
        return super().dispatch(request, *args, **kwargs)


def add_formset_row(data, prefix: str) -> None:
    key = f"{prefix}-TOTAL_FORMS"
    count = data.get(key) or "0"
    # Our pages send a small number; anything else is left for the formset to report as tampered with.
    if count.isdecimal() and len(count) <= 3:
        data[key] = str(int(count) + 1)


def sync_checklist(existing: dict, chosen: dict, *, create) -> None:
    """Bring a stage's checklist rows (one per key) in line with what was ticked, writing only what changed.

    ``existing`` maps each key to its saved row; ``chosen`` maps every key on the page
    to its field values, or None when it is not ticked; ``create(key, values)`` adds a row.
    A save as shown touches no row (the stage's lock is held, so nothing else writes them).
    """
    for key, values in chosen.items():
        row = existing.get(key)
        if values is None:
            if row is not None:
                row.delete()
        elif row is None:
            create(key, values)
        elif changed := [name for name, value in values.items() if getattr(row, name) != value]:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)


def mark_formset_row_deleted(data, row_prefix: str) -> None:
    data[f"{row_prefix}-DELETE"] = "on"


class StageView(StrategyMixin, TemplateView):
    stage_key: str = ""
    template_name = "strategies/stage.html"
    stage_template: str = ""

    # A stage defines ``build_forms(data=None, files=None) -> dict`` (its forms
    # and formsets, bound when data is given) and ``save_forms(forms)``.

    def stage_context(self, forms: dict) -> dict:
        return {}

    # -- shared behaviour ----------------------------------------------------
    @property
    def stage(self):
        return get_stage(self.stage_key)

    @property
    def revision_key(self) -> str:
        """What the optimistic lock covers; sub-pages of a stage lock separately."""
        return self.stage_key

    def current_revision(self) -> int:
        row = StageRevision.objects.filter(strategy=self.strategy, stage=self.revision_key).first()
        return row.revision if row else 0

    def get(self, request, *args, **kwargs):
        return self.render(self.build_forms(), revision=self.current_revision())

    def post(self, request, *args, **kwargs):
        if not self.strategy.is_editable:
            messages.error(
                request,
                _("This strategy is %(status)s and cannot be edited now.")
                % {"status": self.strategy.get_status_display().lower()},
            )
            return redirect(self.stage.url(self.strategy))
        data = request.POST.copy()
        revision = data.get("_revision", "")
        if "_add" in data:
            add_formset_row(data, data["_add"])
            return self.render(self.build_forms(data, request.FILES), revision=revision, quiet=True)
        if "_remove" in data:
            mark_formset_row_deleted(data, data["_remove"])
            return self.render(self.build_forms(data, request.FILES), revision=revision, quiet=True)

        forms = self.build_forms(data, request.FILES)
        if not all(form.is_valid() for form in forms.values()):
            messages.error(request, _("Please correct the errors below; nothing was saved yet."))
            return self.render(forms, revision=revision)
        try:
            self.save_stage(forms, revision)
        except StageConflict as conflict:
            row = conflict.revision
            who = row.saved_by or _("someone")
            when = timezone.localtime(row.saved_at).strftime("%H:%M") if row.saved_at else ""
            messages.error(
                request,
                _(
                    "%(who)s saved this stage at %(when)s while you were editing it. Your input is kept below "
                    "and was not saved: check it against the latest version (open the stage in a new tab) "
                    "and press Save again to replace theirs."
                )
                % {"who": who, "when": when},
            )
            return self.render(forms, revision=row.revision)
        messages.success(request, _("“%(stage)s” saved.") % {"stage": self.stage.title})
        return self.redirect_after_save(data)

    def save_stage(self, forms: dict, revision: str) -> None:
        with transaction.atomic():
            locked = StageRevision.objects.select_for_update().filter(strategy=self.strategy, stage=self.revision_key)
            row = locked.first()
            if row is None:  # the stage's first save
                StageRevision.objects.get_or_create(strategy=self.strategy, stage=self.revision_key)
                row = locked.get()
            if str(row.revision) != str(revision):
                raise StageConflict(row)
            self.save_forms(forms)
            row.revision += 1
            row.saved_by = self.request.user
            row.saved_at = timezone.now()
            row.save()
            refresh_cached_figures(self.strategy, self.stage_key)
            stage_saved.send(sender=Strategy, strategy=self.strategy, stage=self.stage_key)

    def redirect_after_save(self, data) -> HttpResponseRedirect:
        previous, following = neighbours(self.stage_key)
        target = data.get("_goto", "")
        if target == "_next":
            url = following.url(self.strategy) if following else summary_url(self.strategy)
        elif target == "_back" and previous:
            url = previous.url(self.strategy)
        elif target == "_summary":
            url = summary_url(self.strategy)
        elif target in {s.key for s in all_stages()}:
            url = get_stage(target).url(self.strategy)
        else:
            url = self.stage.url(self.strategy)
        return redirect(url)

    def render(self, forms: dict, *, revision, quiet: bool = False):
        previous, following = neighbours(self.stage_key)
        context = self.get_context_data(
            strategy=self.strategy,
            stage=self.stage,
            forms=forms,
            progress=stored_progress(self.strategy),
            previous_stage=previous,
            next_stage=following,
            revision=revision,
            editable=self.strategy.is_editable,
            stage_template=self.stage_template,
            show_errors=not quiet,
            panels=render_panels("stage", self.request, self.strategy, self.stage_key),
            **forms,
            **self.stage_context(forms),
        )
        return self.render_to_response(context)


def summary_url(strategy) -> str:
    return reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk})
