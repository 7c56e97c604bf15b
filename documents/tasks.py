from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from smmplanner.celery import app
from strategies.models import Strategy

from .models import DraftPdf, Version

log = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=30, time_limit=60)
def send_event_email(user_ids: list[int], payload: dict) -> int:
    strategy = Strategy.objects.select_related("client", "owner").filter(pk=payload["strategy_id"]).first()
    if strategy is None:
        return 0
    actor = User.objects.filter(pk=payload.get("actor_id")).first()
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        path = (
            reverse("documents:portal", kwargs={"strategy_pk": strategy.pk})
            if user.is_client_user
            else reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk})
        )
        context = {**payload, "strategy": strategy, "actor": actor, "user": user, "link": settings.SITE_URL + path}
        with translation.override(user.language):
            subject = render_to_string("documents/email/event_subject.txt", context).strip()
            body = render_to_string("documents/email/event_body.txt", context)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=180, max_retries=2)
def render_version_pdf(version_id: int) -> int | None:
    """Render a frozen version's PDF once and store it; downloads are then plain file responses."""
    from .rendering import render_document_pdf

    version = Version.objects.filter(pk=version_id).first()
    if version is None or version.pdf_status == Version.PdfStatus.READY:
        return None
    try:
        content = render_document_pdf(version.snapshot, version_label=version.label, draft=False)
    except Exception as error:
        Version.objects.filter(pk=version.pk).update(pdf_status=Version.PdfStatus.FAILED, pdf_error=str(error)[:2000])
        raise
    name = f"strategy-{version.strategy_id}-{version.label}.pdf"
    version.pdf.save(name, ContentFile(content), save=False)
    Version.objects.filter(pk=version.pk).update(pdf=version.pdf.name, pdf_status=Version.PdfStatus.READY, pdf_error="")
    return version.pk


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=180)
def render_draft_pdf(draft_id: int) -> int | None:
    """Render the live draft with a DRAFT watermark, for the marketer's preview."""
    from .rendering import render_document_pdf
    from .snapshot import document_snapshot

    draft = DraftPdf.objects.select_related("strategy").filter(pk=draft_id).first()
    if draft is None or draft.status == DraftPdf.Status.READY:
        return None
    DraftPdf.objects.filter(pk=draft.pk).update(status=DraftPdf.Status.RUNNING)
    try:
        content = render_document_pdf(document_snapshot(draft.strategy), version_label="draft", draft=True)
    except Exception as error:
        DraftPdf.objects.filter(pk=draft.pk).update(status=DraftPdf.Status.FAILED, error=str(error)[:2000])
        raise
    draft.file.save(f"strategy-{draft.strategy_id}-draft.pdf", ContentFile(content), save=False)
    DraftPdf.objects.filter(pk=draft.pk).update(file=draft.file.name, status=DraftPdf.Status.READY, error="")
    return draft.pk


@shared_task(soft_time_limit=240, time_limit=300)
def send_review_reminders() -> int:
    """Remind owners and managers of reviews coming up or overdue: once per review date."""
    from .notifications import notify_review_due

    horizon = timezone.localdate() + timedelta(days=settings.REVIEW_REMINDER_DAYS)
    due = Strategy.objects.filter(next_review_date__lte=horizon).exclude(
        Q(review_reminded_for__isnull=False) & Q(review_reminded_for=F("next_review_date"))
    )
    sent = 0
    for strategy in due.select_related("client", "owner"):
        claimed = (
            Strategy.objects.filter(pk=strategy.pk)
            .exclude(review_reminded_for=strategy.next_review_date)
            .update(review_reminded_for=strategy.next_review_date)
        )
        if claimed:
            notify_review_due(strategy)
            sent += 1
    return sent


@app.on_after_finalize.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(
        float(settings.REVIEW_CHECK_SECONDS), send_review_reminders.s(), name="documents: review reminders"
    )
