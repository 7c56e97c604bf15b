from __future__ import annotations

from celery import shared_task

from .importer import import_file, refresh_strategy_analytics
from .models import ImportJob


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=900)
def run_import(job_id: int) -> str | None:
    """Import one uploaded file whole or not at all, reporting progress on the job."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status not in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}:
        return None

    def progress(percent: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress=percent)

    return import_file(job, progress=progress).status


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def refresh_analysis(strategy_id: int) -> int:
    """Recompute the stored figures of every account after the analysis period changed."""
    return refresh_strategy_analytics(strategy_id)
