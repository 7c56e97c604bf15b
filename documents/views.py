from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.access import AnyRoleMixin
from accounts.models import Role
from smmplanner.redirects import safe_next
from strategies.models import HealthAcknowledgement
from strategies.stages import all_stages
from strategies.wizard import StrategyMixin

from .diff import compare
from .forms import CommentForm, TransitionForm
from .models import Comment, DraftPdf, StatusChange, Version
from .notifications import notify_comment
from .snapshot import document_snapshot
from .tasks import render_draft_pdf, render_version_pdf
from .workflow import TRANSITIONS, WorkflowError, available_actions, perform

log = logging.getLogger(__name__)

ALL_ROLES = (Role.MANAGER, Role.MARKETER, Role.CLIENT)


def document_html(snapshot: dict, *, strategy, version_label: str, draft: bool) -> str:
    from .rendering import render_document_html

    media_prefix = reverse("documents:media", kwargs={"strategy_pk": strategy.pk, "path": "-"})[:-1]
    return render_document_html(
        snapshot, version_label=version_label, draft=draft, for_pdf=False, media_prefix=media_prefix
    )


def landing_url(strategy, user) -> str:
    if user.is_client_user:
        return reverse("documents:portal", kwargs={"strategy_pk": strategy.pk})
    return reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk})


class TransitionView(StrategyMixin, View):
    """One workflow action; ``allowed_roles`` comes from the transition table."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, strategy_pk):
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("comment", [])))
            return redirect(landing_url(self.strategy, request.user))
        comment = form.cleaned_data["comment"]
        try:
            perform(self.strategy, self.action, by=request.user, comment=comment)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, TRANSITIONS[self.action].done)
        return redirect(landing_url(self.strategy, request.user))


def transition_view(action: str) -> type[TransitionView]:
    transition = TRANSITIONS[action]
    return type(
        f"{action.title().replace('_', '')}View",
        (TransitionView,),
        {"action": action, "allowed_roles": transition.roles, "__module__": __name__},
    )


TRANSITION_VIEWS = {action: transition_view(action) for action in TRANSITIONS}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a strategy's history: a status change, or a health-check warning acknowledged or withdrawn."""

    at: datetime
    by: object
    change: StatusChange | None = None
    acknowledgement: HealthAcknowledgement | None = None
    withdrawn: bool = False


def history_entries(strategy, user) -> list[HistoryEntry]:
    """Newest first, every kind in one list."""
    entries = [
        HistoryEntry(change.at, change.by, change=change)
        for change in StatusChange.objects.for_user(user).filter(strategy=strategy).select_related("by", "version")
    ]
    acknowledgements = (
        HealthAcknowledgement.objects.for_user(user).filter(strategy=strategy).select_related("by", "withdrawn_by")
    )
    for acknowledgement in acknowledgements:
        entries.append(HistoryEntry(acknowledgement.at, acknowledgement.by, acknowledgement=acknowledgement))
        if acknowledgement.withdrawn_at:
            entries.append(
                HistoryEntry(
                    acknowledgement.withdrawn_at,
                    acknowledgement.withdrawn_by,
                    acknowledgement=acknowledgement,
                    withdrawn=True,
                )
            )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


class HistoryView(StrategyMixin, TemplateView):
    template_name = "documents/history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategy=self.strategy,
            entries=history_entries(self.strategy, self.request.user),
            versions=self.strategy.versions.all(),
            **kwargs,
        )


class VersionView(StrategyMixin, TemplateView):
    """A frozen version as the client will read it."""

    template_name = "documents/version.html"

    def get_context_data(self, **kwargs):
        version = get_object_or_404(Version, strategy=self.strategy, number=self.kwargs["number"])
        return super().get_context_data(
            strategy=self.strategy,
            version=version,
            document=document_html(version.snapshot, strategy=self.strategy, version_label=version.label, draft=False),
            **kwargs,
        )


class CompareView(StrategyMixin, TemplateView):
    """Two versions side by side (or the latest version against the current draft)."""

    template_name = "documents/compare.html"

    def get_context_data(self, **kwargs):
        versions = list(self.strategy.versions.all())
        numbers = {v.number: v for v in versions}
        try:
            a = int(self.request.GET.get("a") or 0)
            b = self.request.GET.get("b") or "draft"
            b = b if b == "draft" else int(b)
        except ValueError as error:
            raise Http404 from error
        before = numbers.get(a) or (versions[0] if versions else None)
        if before is None:
            raise Http404
        if b == "draft":
            after_snapshot, after_label = document_snapshot(self.strategy), _("current draft")
        elif b in numbers:
            after_snapshot, after_label = numbers[b].snapshot, numbers[b].label
        else:
            raise Http404
        return super().get_context_data(
            strategy=self.strategy,
            versions=versions,
            before=before,
            after_label=after_label,
            selected_b=str(b),
            sections=compare(before.snapshot, after_snapshot),
            **kwargs,
        )


class PreviewView(StrategyMixin, TemplateView):
    """The live strategy as a document, in the browser."""

    template_name = "documents/preview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategy=self.strategy,
            document=document_html(
                document_snapshot(self.strategy), strategy=self.strategy, version_label=_("draft"), draft=True
            ),
            **kwargs,
        )


class DocumentMediaView(StrategyMixin, View):
    """An uploaded file a strategy's document shows in the browser: its mood board (draft or frozen) or its
    agency's logo. Media is never served publicly; anything else, or another strategy's file, is a 404.
    Client users see only what was frozen into a version, and the logo."""

    allowed_roles = ALL_ROLES

    def get(self, request, strategy_pk, path):
        if ".." in path.split("/") or not self.may_read(path):
            raise Http404
        try:
            handle = default_storage.open(path, "rb")
        except (OSError, SuspiciousFileOperation) as missing:
            raise Http404 from missing
        response = FileResponse(handle, content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    def may_read(self, path: str) -> bool:
        pk = self.strategy.pk
        if re.fullmatch(rf"versions/{pk}/v\d+/mood/[^/]+", path):
            return True
        if re.fullmatch(rf"mood/{pk}/[^/]+", path):
            return not self.request.user.is_client_user
        if path.startswith("agency-logos/") and "/" not in path.removeprefix("agency-logos/"):
            logo = self.strategy.client.agency.logo
            return path == logo.name or self.strategy.versions.filter(snapshot__meta__agency_logo=path).exists()
        return False


class VersionPdfView(AnyRoleMixin, View):
    """A stored PDF: a plain file response, never rendered in the request."""

    def get(self, request, strategy_pk, number):
        version = get_object_or_404(
            Version.objects.for_user(request.user).select_related("strategy"), strategy_id=strategy_pk, number=number
        )
        if version.pdf_status != Version.PdfStatus.READY or not version.pdf:
            return TemplateView.as_view(template_name="documents/pdf_pending.html")(request, version=version)
        try:
            handle = version.pdf.open("rb")
        except FileNotFoundError:  # the storage lost it (a restore without media, say): render it again
            log.warning("version %s: PDF %s missing from the storage; rendering it again", version.pk, version.pdf)
            ready = Version.objects.filter(pk=version.pk, pdf_status=Version.PdfStatus.READY, pdf=version.pdf.name)
            if ready.update(pdf_status=Version.PdfStatus.PENDING, pdf="", pdf_requested_at=timezone.now()):
                transaction.on_commit(lambda: render_version_pdf.delay(version.pk))
            version.pdf_status = Version.PdfStatus.PENDING
            return TemplateView.as_view(template_name="documents/pdf_pending.html")(request, version=version)
        name = f"{version.strategy.title} {version.label}.pdf"
        return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


class CommentCreateView(StrategyMixin, View):
    allowed_roles = ALL_ROLES
    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        form = CommentForm(request.POST)
        back = safe_next(request, landing_url(self.strategy, request.user))
        if not form.is_valid():
            messages.error(request, _("Write a comment first."))
            return redirect(back)
        data = form.cleaned_data
        stages = {s.key for s in all_stages()} | {"general"}
        if data["stage"] not in stages:
            raise Http404
        parent = None
        if data.get("parent"):
            parent = get_object_or_404(
                Comment.objects.for_user(request.user), strategy=self.strategy, pk=data["parent"], parent=None
            )
        for_client = True if request.user.is_client_user else data["for_client"]
        if parent is not None:
            for_client = parent.for_client
        comment = Comment.objects.create(
            strategy=self.strategy,
            stage=data["stage"],
            parent=parent,
            author=request.user,
            body=data["body"],
            for_client=for_client,
        )
        notify_comment(comment)
        messages.success(request, _("Comment added."))
        return redirect(back)


class CommentResolveView(StrategyMixin, View):
    http_method_names = ["post"]
    model = Comment

    def post(self, request, strategy_pk, pk):
        comment = get_object_or_404(Comment.objects.for_user(request.user), strategy=self.strategy, pk=pk, parent=None)
        comment.resolved_at = None if comment.is_resolved else timezone.now()
        comment.resolved_by = None if comment.resolved_at is None else request.user
        comment.save(update_fields=["resolved_at", "resolved_by"])
        return redirect(safe_next(request, landing_url(self.strategy, request.user)))


class PortalView(StrategyMixin, TemplateView):
    """What a client user sees: the latest shared version, what changed, and the decision."""

    allowed_roles = (Role.CLIENT,)
    template_name = "documents/portal.html"

    def get_context_data(self, **kwargs):
        versions = list(Version.objects.for_user(self.request.user).filter(strategy=self.strategy))
        if not versions:
            raise Http404
        latest = versions[0]
        accepted = next((v for v in versions if v.accepted_at and v.number < latest.number), None)
        comments = (
            Comment.objects.for_user(self.request.user)
            .filter(strategy=self.strategy, parent=None)
            .select_related("author")
            .prefetch_related("replies__author")
        )
        return super().get_context_data(
            strategy=self.strategy,
            version=latest,
            accepted=accepted,
            sections=compare(accepted.snapshot, latest.snapshot) if accepted else None,
            document=document_html(latest.snapshot, strategy=self.strategy, version_label=latest.label, draft=False),
            actions=available_actions(self.strategy, self.request.user),
            comments=comments,
            comment_form=CommentForm(initial={"stage": "general"}),
            **kwargs,
        )


class DraftPdfRequestView(StrategyMixin, View):
    """Ask the worker for a PDF of the current draft; the status page follows its progress."""

    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        draft = DraftPdf.objects.create(strategy=self.strategy, requested_by=request.user)
        transaction.on_commit(lambda: render_draft_pdf.delay(draft.pk))
        return redirect("documents:draft_pdf", strategy_pk=self.strategy.pk, pk=draft.pk)


class DraftPdfView(StrategyMixin, View):
    """Progress while the worker renders; the file once it is there."""

    model = DraftPdf

    def get(self, request, strategy_pk, pk):
        draft = get_object_or_404(DraftPdf.objects.for_user(request.user), strategy=self.strategy, pk=pk)
        if draft.status == DraftPdf.Status.READY and "download" in request.GET:
            try:
                handle = draft.file.open("rb")
            except FileNotFoundError:
                draft.status, draft.error = (
                    DraftPdf.Status.FAILED,
                    _("its file was lost from the storage. Ask for a new one from the document preview."),
                )
                DraftPdf.objects.filter(pk=draft.pk).update(status=draft.status, error=draft.error)
            else:
                name = f"{self.strategy.title} ({_('draft')}).pdf"
                return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
        template = "documents/_draft_status.html" if request.htmx else "documents/draft_pdf.html"
        return TemplateResponse(request, template, {"strategy": self.strategy, "draft": draft})
