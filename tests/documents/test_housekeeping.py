"""Media housekeeping: old previews and uploads go, files no row names go, everything in use stays."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from competitors.models import ImportJob
from documents.housekeeping import ORPHAN_GRACE, tidy_media
from documents.models import DraftPdf
from documents.tasks import tidy_media_storage
from documents.workflow import freeze_version
from strategies.models import MoodImage, ToneOfVoice
from tests.images import png_bytes

pytestmark = pytest.mark.django_db

CLOSED = {
    "en": ("Closed", "The columns of this file were never matched, so nothing was imported"),
    "ru": ("Закрыто", "Столбцы этого файла так и не были сопоставлены, поэтому ничего не импортировано"),
}


def stored(name: str, content: bytes = b"%PDF-1.7 test") -> str:
    return default_storage.save(name, ContentFile(content))


def age(name: str, delta: timedelta) -> str:
    """Make a stored file look last changed ``delta`` ago."""
    moment = (timezone.now() - delta).timestamp()
    os.utime(default_storage.path(name), (moment, moment))
    return name


def exists(name: str) -> bool:
    return default_storage.exists(name)


def draft(strategy, status, hours_ago: float, with_file: bool = True) -> DraftPdf:
    row = DraftPdf.objects.create(strategy=strategy, status=status)
    if with_file:
        row.file.save(f"strategy-{strategy.pk}-draft.pdf", ContentFile(b"%PDF draft"), save=True)
        age(row.file.name, timedelta(hours=hours_ago))
    DraftPdf.objects.filter(pk=row.pk).update(requested_at=timezone.now() - timedelta(hours=hours_ago))
    return row


def upload(strategy, status, days_ago: float, by=None) -> ImportJob:
    job = ImportJob.objects.create(
        strategy=strategy,
        original_name="posts.csv",
        status=status,
        created_by=by,
        file=ContentFile(b"a,b\n", "posts.csv"),
    )
    age(job.file.name, timedelta(days=days_ago))
    moment = timezone.now() - timedelta(days=days_ago)
    ended = moment if status in (ImportJob.Status.DONE, ImportJob.Status.FAILED) else None
    ImportJob.objects.filter(pk=job.pk).update(created_at=moment, finished_at=ended)
    return job


@pytest.fixture
def media(tenant):
    """Every kind of file the app stores, some in use and some not, old and new."""
    strategy = tenant.strategy
    old = settings.IMPORT_FILE_KEEP_DAYS + 1
    ToneOfVoice.objects.create(strategy=strategy)
    mood = MoodImage(strategy=strategy, caption="Warm light")
    mood.image.save("warm.png", ContentFile(png_bytes(colour="#ffaa00")), save=True)
    tenant.agency.logo.save("first.png", ContentFile(png_bytes(colour="#000000")), save=True)
    version = freeze_version(strategy, by=tenant.manager)  # shows the first logo and a copy of the mood image
    version.pdf.save(f"strategy-{strategy.pk}-v1.pdf", ContentFile(b"%PDF v1"), save=True)
    first_logo = tenant.agency.logo.name
    tenant.agency.logo.save("second.png", ContentFile(png_bytes(colour="#111111")), save=True)
    second_logo = tenant.agency.logo.name
    tenant.agency.logo.save("third.png", ContentFile(png_bytes(colour="#222222")), save=True)
    kept = {
        "mood image": mood.image.name,
        "frozen mood copy": version.snapshot["parts"]["strategies.moodimage"][0]["image"]["name"],
        "version PDF": version.pdf.name,
        "logo shown by v1": first_logo,
        "current logo": tenant.agency.logo.name,
        "replaced logo: a version could show it": second_logo,
        "recent draft": draft(strategy, DraftPdf.Status.READY, hours_ago=2).file.name,
        "recent import upload": upload(strategy, ImportJob.Status.DONE, days_ago=2).file.name,
        "unmapped upload, recent": upload(strategy, ImportJob.Status.MAPPING, days_ago=2).file.name,
        "a file outside the app's folders": stored("exports/report.csv"),
    }
    for name in kept.values():
        age(name, timedelta(days=400))
    kept["orphan younger than the grace"] = stored(f"versions/{strategy.pk}/v1/strategy-{strategy.pk}-v1.pdf")
    gone_draft = draft(strategy, DraftPdf.Status.READY, hours_ago=settings.DRAFT_PDF_KEEP_HOURS + 1)
    gone = {
        "old draft": gone_draft.file.name,
        "old import upload": upload(strategy, ImportJob.Status.DONE, days_ago=old).file.name,
        "old refused import upload": upload(strategy, ImportJob.Status.FAILED, days_ago=old).file.name,
        "unmapped upload, abandoned": upload(
            strategy, ImportJob.Status.MAPPING, days_ago=old, by=tenant.marketer
        ).file.name,
        "PDF of a render killed before it was recorded": age(
            stored(f"versions/{strategy.pk}/v1/strategy-{strategy.pk}-v1.pdf"), ORPHAN_GRACE * 2
        ),
        "mood copy of an approval rolled back": age(
            stored(f"versions/{strategy.pk}/v2/mood/warm.png"), ORPHAN_GRACE * 2
        ),
        "mood image whose row is gone": age(stored(f"mood/{strategy.pk}/lost.png"), ORPHAN_GRACE * 2),
    }
    unfinished = draft(strategy, DraftPdf.Status.QUEUED, hours_ago=settings.DRAFT_PDF_KEEP_HOURS + 1, with_file=False)
    failed = draft(strategy, DraftPdf.Status.FAILED, hours_ago=settings.DRAFT_PDF_KEEP_HOURS + 1, with_file=False)
    assert len(set(kept.values()) | set(gone.values())) == len(kept) + len(gone)
    assert all(exists(name) for name in [*kept.values(), *gone.values()])
    return {
        "tenant": tenant,
        "kept": kept,
        "gone": gone,
        "unfinished": unfinished,
        "failed": failed,
        "draft": gone_draft,
    }


def test_tidying_deletes_only_what_nothing_needs(media):
    tidied = tidy_media()

    assert tidied.as_dict() == {"drafts": 2, "upload_files": 3, "orphans": 3}
    assert tidied.names == set(media["gone"].values())
    assert [label for label, name in media["gone"].items() if exists(name)] == []
    assert [label for label, name in media["kept"].items() if not exists(name)] == []
    assert list(DraftPdf.objects.filter(pk__in=[media["draft"].pk, media["failed"].pk])) == []
    assert DraftPdf.objects.filter(pk=media["unfinished"].pk).exists()  # the resend job gives those up
    assert tidy_media().names == set()


def test_an_import_keeps_its_result_but_not_its_file(media):
    old_done = ImportJob.objects.get(file=media["gone"]["old import upload"])
    ImportJob.objects.filter(pk=old_done.pk).update(rows_imported=120)

    tidy_media()

    old_done.refresh_from_db()
    assert (old_done.status, old_done.rows_imported, old_done.file.name) == (ImportJob.Status.DONE, 120, "")
    assert ImportJob.objects.filter(file=media["kept"]["recent import upload"], status=ImportJob.Status.DONE).exists()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_abandoned_upload_is_closed_and_says_so_in_the_readers_language(client, media, language):
    tenant = media["tenant"]
    tenant.marketer.language = language
    tenant.marketer.save(update_fields=["language"])
    job = ImportJob.objects.get(file=media["gone"]["unmapped upload, abandoned"])

    tidy_media()

    job.refresh_from_db()
    assert (job.status, job.never_mapped, job.file.name, job.problems) == (ImportJob.Status.FAILED, True, "", [])
    assert job.finished_at is not None
    client.force_login(tenant.marketer)
    kwargs = {"strategy_pk": tenant.strategy.pk, "pk": job.pk}
    page = client.get(reverse("competitors:import_job", kwargs=kwargs)).content.decode()
    status, explanation = CLOSED[language]
    assert f">{status}</div>" in page and explanation in page
    assert reverse("competitors:import", kwargs={"strategy_pk": tenant.strategy.pk}) in page
    # The mapping page of a closed upload sends to its result instead of reading a file that is gone.
    mapping = client.get(reverse("competitors:import_mapping", kwargs=kwargs))
    assert mapping.status_code == 302 and mapping["Location"] == reverse("competitors:import_job", kwargs=kwargs)


def test_a_deleted_draft_preview_is_a_404_not_a_500(client, media):
    tenant = media["tenant"]
    tidy_media()
    client.force_login(tenant.marketer)
    url = reverse("documents:draft_pdf", kwargs={"strategy_pk": tenant.strategy.pk, "pk": media["draft"].pk})
    assert client.get(url).status_code == 404
    assert client.get(url + "?download=1").status_code == 404


def test_a_dry_run_lists_the_same_files_and_changes_nothing(media):
    drafts, jobs = list(DraftPdf.objects.values()), list(ImportJob.objects.values())
    out = StringIO()

    call_command("tidy_media", "--dry-run", stdout=out)

    *listed, summary = out.getvalue().splitlines()
    assert set(listed) == set(media["gone"].values())
    assert json.loads(summary) == {"dry_run": True, "drafts": 2, "upload_files": 3, "orphans": 3}
    assert all(exists(name) for name in media["gone"].values())
    assert (list(DraftPdf.objects.values()), list(ImportJob.objects.values())) == (drafts, jobs)


def test_the_nightly_task_tidies(media):
    assert tidy_media_storage.apply().get() == {"drafts": 2, "upload_files": 3, "orphans": 3}
    assert not any(exists(name) for name in media["gone"].values())


def test_an_empty_media_storage_is_tidy(tenant):
    assert tidy_media().as_dict() == {"drafts": 0, "upload_files": 0, "orphans": 0}
