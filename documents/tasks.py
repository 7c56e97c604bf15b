from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from smmplanner.celery import on_finalize
from strategies.models import Strategy

from . import charts
from .models import DraftPdf, Version

log = logging.getLogger(__name__)

PDF_TIME_LIMIT = 180
# A render waiting longer than one may take plus a queue's wait is sent again ...
RESEND_PDF_AFTER = timedelta(seconds=PDF_TIME_LIMIT + 120)
# ... and a draft preview still not there after this is given up: the marketer asks again.
GIVE_UP_DRAFT_AFTER = timedelta(minutes=15)
RESEND_BATCH = 20


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


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=PDF_TIME_LIMIT, max_retries=2)
def render_version_pdf(version_id: int) -> int | None:
    """Render a frozen version's PDF once and store it; downloads are then plain file responses.

    Safe to send again: once the PDF is ready a copy does nothing. Two copies rendering at once
    each write their own file (the storage never reuses a name); the first to finish is kept and
    the other deletes its file.
    """
    from .rendering import render_document_pdf

    version = Version.objects.filter(pk=version_id).first()
    if version is None or version.pdf_status == Version.PdfStatus.READY:
        return None
    not_ready = Version.objects.filter(pk=version.pk).exclude(pdf_status=Version.PdfStatus.READY)
    try:
        content = render_document_pdf(version.snapshot, version_label=version.label, draft=False)
    except Exception as error:
        not_ready.update(pdf_status=Version.PdfStatus.FAILED, pdf_error=str(error)[:2000])
        raise
    name = f"strategy-{version.strategy_id}-{version.label}.pdf"
    version.pdf.save(name, ContentFile(content), save=False)
    if not not_ready.update(pdf=version.pdf.name, pdf_status=Version.PdfStatus.READY, pdf_error=""):
        version.pdf.delete(save=False)
        return None
    return version.pk


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=PDF_TIME_LIMIT)
def render_draft_pdf(draft_id: int) -> int | None:
    """Render the live draft with a DRAFT watermark, for the marketer's preview.

    Only a queued or rendering request is rendered, so a copy sent again after it is ready, or
    after it was given up, does nothing; of two copies at once the first to finish is kept.
    """
    from .rendering import render_document_pdf
    from .snapshot import document_snapshot

    draft = DraftPdf.objects.select_related("strategy").filter(pk=draft_id).first()
    unfinished = DraftPdf.objects.unfinished().filter(pk=draft_id)
    if draft is None or not unfinished.update(status=DraftPdf.Status.RUNNING):
        return None
    try:
        content = render_document_pdf(document_snapshot(draft.strategy), version_label="draft", draft=True)
    except Exception as error:
        unfinished.update(status=DraftPdf.Status.FAILED, error=str(error)[:2000])
        raise
    draft.file.save(f"strategy-{draft.strategy_id}-draft.pdf", ContentFile(content), save=False)
    if not unfinished.update(file=draft.file.name, status=DraftPdf.Status.READY, error=""):
        draft.file.delete(save=False)
        return None
    return draft.pk


@shared_task(soft_time_limit=50, time_limit=60)
def resend_stale_pdf_renders(batch: int = RESEND_BATCH) -> int:
    """Send again the PDF renders that have waited too long: the broker lost them, or their worker died.

    Each is sent again at most once per ``RESEND_PDF_AFTER``, the oldest first, ``batch`` of a
    kind per run. A draft preview still not rendered ``GIVE_UP_DRAFT_AFTER`` after the request
    is given up instead, and its page tells the marketer to ask again.
    """
    now = timezone.now()
    sent = 0
    for version_id in Version.objects.pdf_pending_since(now - RESEND_PDF_AFTER).values_list("pk", flat=True)[:batch]:
        if Version.objects.filter(pk=version_id, pdf_status=Version.PdfStatus.PENDING).update(pdf_requested_at=now):
            render_version_pdf.delay(version_id)
            sent += 1
    overdue = DraftPdf.objects.unfinished().filter(requested_at__lt=now - GIVE_UP_DRAFT_AFTER)
    for draft in overdue.select_related("requested_by").order_by("requested_at", "pk")[:batch]:
        with translation.override(getattr(draft.requested_by, "language", None) or settings.LANGUAGE_CODE):
            error = _("the worker did not finish it in time. Ask for a new one from the document preview.")
        DraftPdf.objects.unfinished().filter(pk=draft.pk).update(status=DraftPdf.Status.FAILED, error=error)
    for draft_id in DraftPdf.objects.sent_before(now - RESEND_PDF_AFTER).values_list("pk", flat=True)[:batch]:
        if DraftPdf.objects.unfinished().filter(pk=draft_id).update(sent_at=now):
            render_draft_pdf.delay(draft_id)
            sent += 1
    if sent:
        log.warning("sent %s PDF renders again", sent)
    return sent


@shared_task(soft_time_limit=840, time_limit=900)
def tidy_media_storage() -> dict[str, int]:
    """Nightly: old draft previews and import uploads, and files no row names (documents/housekeeping.py)."""
    from .housekeeping import tidy_media

    return tidy_media().as_dict()


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


def start_chart_browser(sender=None, **kwargs) -> None:
    """Every process that renders documents starts its chart browser as it starts, not on its first render.

    Prefork children get ``worker_process_init``; a solo or threads pool runs tasks in the main
    process, which gets ``worker_ready`` (a prefork parent renders nothing, so it starts none).
    """
    pool = getattr(sender, "pool", None)  # worker_ready's consumer; worker_process_init has no sender
    if pool is not None and type(pool).__module__.rsplit(".", 1)[-1] not in ("solo", "thread", "threads"):
        return
    if settings.CHART_BROWSER_AT_WORKER_START:
        charts.start_in_background()


worker_process_init.connect(start_chart_browser, weak=False, dispatch_uid="documents.chart_browser_child")
worker_ready.connect(start_chart_browser, weak=False, dispatch_uid="documents.chart_browser_solo")


@on_finalize
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(
        float(settings.REVIEW_CHECK_SECONDS), send_review_reminders.s(), name="documents: review reminders"
    )
    sender.add_periodic_task(60.0, resend_stale_pdf_renders.s(), name="documents: re-send stale PDF renders")
    sender.add_periodic_task(
        crontab(hour=settings.MEDIA_TIDY_HOUR, minute=17), tidy_media_storage.s(), name="documents: tidy media storage"
    )
