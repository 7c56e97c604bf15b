from __future__ import annotations

import logging
from datetime import timedelta
from uuid import uuid4

from celery import shared_task
from django.utils import timezone

from smmplanner.celery import on_finalize

from .importer import give_up_stopped_imports, import_file, refresh_strategy_analytics
from .models import ImportJob

log = logging.getLogger(__name__)

IMPORT_TIME_LIMIT = 900
# A queued import not started after this is sent again (the claim keeps a copy from importing twice) ...
RESEND_QUEUED_AFTER = timedelta(minutes=2)
# ... and one claimed longer ago than any run may last has lost its run: it is marked stopped.
GIVE_UP_RUNNING_AFTER = timedelta(seconds=IMPORT_TIME_LIMIT + 300)
RESEND_BATCH = 20


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=IMPORT_TIME_LIMIT)
def run_import(self, job_id: int) -> str | None:
    """Import one uploaded file whole or not at all, reporting progress on the job.

    Only the run that claims the job imports it: a copy sent again while another run has it
    does nothing, and the same message redelivered after its worker died carries the same
    task id, so it resumes.
    """
    if not ImportJob.objects.claim(job_id, run_id=self.request.id or uuid4().hex):
        return None
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(percent: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress=percent)

    return import_file(job, progress=progress).status


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def refresh_analysis(strategy_id: int) -> int:
    """Recompute the stored figures of every account after the analysis period changed."""
    return refresh_strategy_analytics(strategy_id)


@shared_task(soft_time_limit=50, time_limit=60)
def resend_stale_imports(batch: int = RESEND_BATCH) -> int:
    """Send again the imports queued too long ago (the broker lost them); give up those whose run is gone.

    Each is sent again at most once per ``RESEND_QUEUED_AFTER``, the oldest first, ``batch`` per run.
    """
    now = timezone.now()
    stopped = give_up_stopped_imports(started_before=now - GIVE_UP_RUNNING_AFTER, limit=batch)
    sent = 0
    for job_id in ImportJob.objects.queued_since(now - RESEND_QUEUED_AFTER).values_list("pk", flat=True)[:batch]:
        if ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(queued_at=now):
            run_import.delay(job_id)
            sent += 1
    if sent or stopped:
        log.warning("imports: %s sent again, %s marked stopped", sent, stopped)
    return sent


@on_finalize
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(60.0, resend_stale_imports.s(), name="competitors: re-send stale imports")
