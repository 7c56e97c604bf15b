"""An import whose message was sent twice runs once; one whose run vanished ends, honestly, as stopped.

Copies are real runs of the task with their own task ids (``apply``), as a worker would run
them; the Redis restart that makes them happen is in tests/test_faults.py.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from competitors.models import Competitor, ImportJob, Post
from competitors.tasks import GIVE_UP_RUNNING_AFTER, RESEND_QUEUED_AFTER, resend_stale_imports, run_import

NATIVE = (
    "platform,account,published_at,format,likes,comments,shares,views,reach,followers_at_post\n"
    "instagram,@rival,2026-10-01 18:30,photo,100,10,5,2000,1500,10000\n"
    "instagram,@rival,2026-10-03 12:00,short_video,300,20,15,9000,7000,10100\n"
)
STOPPED = "The import stopped unexpectedly; nothing was imported."


@pytest.fixture
def queued_job(tenant):
    rival = Competitor.objects.create(strategy=tenant.strategy, name="Rival")
    return ImportJob.objects.create(
        strategy=tenant.strategy,
        competitor=rival,
        file=SimpleUploadedFile("rival.csv", NATIVE.encode()),
        original_name="rival.csv",
        status=ImportJob.Status.QUEUED,
        created_by=tenant.marketer,
    )


def run_copy(job: ImportJob, task_id: str) -> str | None:
    return run_import.apply(args=[job.pk], task_id=task_id).get()


@pytest.mark.django_db
def test_a_copy_sent_again_does_not_import_a_job_another_run_has_claimed(queued_job):
    assert ImportJob.objects.claim(queued_job.pk, run_id="first")  # the first copy has started

    assert run_copy(queued_job, "sent-again") is None
    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.claimed_by) == (ImportJob.Status.RUNNING, "first")
    assert not Post.objects.exists()

    # The first copy's own message, redelivered after its worker died, resumes the job.
    assert run_copy(queued_job, "first") == ImportJob.Status.DONE
    assert run_copy(queued_job, "sent-again") is None
    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.rows_imported) == (ImportJob.Status.DONE, 2)
    assert Post.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_copies_running_at_once_import_the_file_once(queued_job):
    start = threading.Barrier(2)
    results: dict[str, str | None] = {}

    def copy(task_id: str) -> None:
        try:
            start.wait(timeout=10)
            results[task_id] = run_copy(queued_job, task_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=copy, args=(name,)) for name in ("original", "sent-again")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2 and set(results.values()) == {ImportJob.Status.DONE, None}
    queued_job.refresh_from_db()
    winner = next(name for name, result in results.items() if result)
    assert (queued_job.claimed_by, queued_job.rows_imported, queued_job.rows_duplicate) == (winner, 2, 0)
    assert Post.objects.count() == 2


@pytest.mark.django_db
def test_only_imports_waiting_longer_than_the_limits_are_due(queued_job, tenant):
    now = timezone.now()
    ImportJob.objects.create(strategy=tenant.strategy, original_name="new.csv", status=ImportJob.Status.QUEUED)
    mapping = ImportJob.objects.create(
        strategy=tenant.strategy, original_name="map.csv", status=ImportJob.Status.MAPPING
    )
    ImportJob.objects.filter(pk__in=[queued_job.pk, mapping.pk]).update(created_at=now - timedelta(minutes=3))
    assert list(ImportJob.objects.queued_since(now - RESEND_QUEUED_AFTER)) == [queued_job]
    # Sent again (queued_at moves on): not due again before another two minutes.
    ImportJob.objects.filter(pk=queued_job.pk).update(queued_at=now)
    assert not ImportJob.objects.queued_since(now - RESEND_QUEUED_AFTER).exists()

    assert ImportJob.objects.claim(queued_job.pk, run_id="a-run")
    ImportJob.objects.filter(pk=queued_job.pk).update(started_at=now - timedelta(minutes=19))
    assert not ImportJob.objects.running_since(now - GIVE_UP_RUNNING_AFTER).exists()


@pytest.mark.django_db
def test_an_import_whose_run_is_gone_is_marked_stopped_and_its_page_says_so(client, tenant, queued_job):
    recent = ImportJob.objects.create(
        strategy=tenant.strategy, original_name="recent.csv", status=ImportJob.Status.QUEUED, queued_at=timezone.now()
    )
    for job, minutes in ((queued_job, 21), (recent, 5)):
        assert ImportJob.objects.claim(job.pk, run_id=f"run-of-{job.pk}")
        ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=minutes))

    assert resend_stale_imports() == 0  # nothing queued: nothing to send again

    queued_job.refresh_from_db()
    assert (queued_job.status, queued_job.stopped_unexpectedly) == (ImportJob.Status.FAILED, True)
    assert [p["message"] for p in queued_job.problems] == [STOPPED] and queued_job.finished_at is not None
    assert ImportJob.objects.get(pk=recent.pk).status == ImportJob.Status.RUNNING  # may still be importing
    # A late copy of its message changes nothing.
    assert run_copy(queued_job, f"run-of-{queued_job.pk}") is None
    assert not Post.objects.exists()

    client.force_login(tenant.marketer)
    url = reverse("competitors:import_job", kwargs={"strategy_pk": tenant.strategy.pk, "pk": queued_job.pk})
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "The import stopped unexpectedly; nothing was imported. The file may well be fine: upload it again." in html
    assert "correct the file" not in html and "Refused" not in html and "Stopped" in html
    assert "hx-trigger" not in html  # no more polling
    listing = client.get(
        reverse("competitors:import", kwargs={"strategy_pk": tenant.strategy.pk})
        + f"?competitor={queued_job.competitor_id}"
    )
    assert "rival.csv" in listing.content.decode() and "Stopped" in listing.content.decode()


@pytest.mark.django_db
def test_the_stopped_message_is_in_the_language_of_who_uploaded_the_file(tenant, queued_job):
    tenant.marketer.language = "ru"
    tenant.marketer.save(update_fields=["language"])
    assert ImportJob.objects.claim(queued_job.pk, run_id="gone")
    ImportJob.objects.filter(pk=queued_job.pk).update(started_at=timezone.now() - GIVE_UP_RUNNING_AFTER * 2)
    resend_stale_imports()
    queued_job.refresh_from_db()
    assert queued_job.problems[0]["message"] == "Импорт неожиданно прервался; ничего не импортировано."
