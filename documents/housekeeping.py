"""Media storage that does not grow for ever.

Three things would otherwise stay in the media storage with nothing pointing at them, or long
after anyone needs them:

- draft PDF previews, one file per click on "Preview as PDF";
- uploaded import files, which hold the client's data, once the import has ended;
- files no row names any more: a worker killed between storing a PDF and recording it, a
  rolled-back approval's copied mood images, a mood image whose row went with its strategy.

Rows are always changed first and files deleted after, so a failure between the two leaves an
orphan file (which the next sweep removes), never a row naming a missing file. The sweep only
looks at the folders the app writes, and only at files older than ``ORPHAN_GRACE``, far longer
than any upload, render or import takes to record its file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.utils import timezone

from competitors.importer import release_upload_files, uploads_to_release
from competitors.models import ImportJob
from strategies.models import MoodImage

from .models import DraftPdf, Version

log = logging.getLogger(__name__)

ORPHAN_GRACE = timedelta(hours=6)
# The folders the app's FileFields write to (see their upload_to); nothing else is touched.
# Not agency-logos/: a replaced logo may still be shown by a version, and only reading every
# version's snapshot could tell; an agency changes its logo a handful of times at most.
SWEPT_FOLDERS = ("drafts", "versions", "imports", "mood")


@dataclass
class Tidied:
    drafts: int = 0
    upload_files: int = 0
    orphans: int = 0
    names: set[str] = field(default_factory=set)  # the files deleted, or that would be in a dry run

    def as_dict(self) -> dict[str, int]:
        return {"drafts": self.drafts, "upload_files": self.upload_files, "orphans": self.orphans}


def tidy_media(*, now: datetime | None = None, dry_run: bool = False, storage: Storage = default_storage) -> Tidied:
    """Delete old draft previews, release old import uploads, then sweep the files no row names."""
    now = now or timezone.now()
    tidied = Tidied()
    drafts = DraftPdf.objects.exclude(status__in=[DraftPdf.Status.QUEUED, DraftPdf.Status.RUNNING]).filter(
        requested_at__lt=now - timedelta(hours=settings.DRAFT_PDF_KEEP_HOURS)
    )
    uploads_before = now - timedelta(days=settings.IMPORT_FILE_KEEP_DAYS)
    with transaction.atomic():
        draft_files = {name for name in drafts.values_list("file", flat=True) if name}
        if dry_run:
            tidied.drafts = drafts.count()
            upload_files = set(uploads_to_release(uploads_before).values_list("file", flat=True))
        else:
            tidied.drafts = drafts.delete()[1].get(DraftPdf._meta.label, 0)
            upload_files = set(release_upload_files(before=uploads_before))
    tidied.upload_files = len(upload_files)
    orphans = set(unreferenced_files(storage, older_than=now - ORPHAN_GRACE)) - draft_files - upload_files
    tidied.orphans = len(orphans)
    tidied.names = draft_files | upload_files | orphans
    if not dry_run:
        for name in sorted(tidied.names):
            storage.delete(name)
    if tidied.names:
        log.info("tidied media%s: %s", " (dry run)" if dry_run else "", tidied.as_dict())
    return tidied


def unreferenced_files(storage: Storage, *, older_than: datetime) -> Iterator[str]:
    """Files in the app's folders that no row names, last changed before ``older_than``."""
    referenced = referenced_files()
    version_folders = {
        f"versions/{strategy_id}/v{number}/"
        for strategy_id, number in Version.objects.values_list("strategy_id", "number")
    }
    for name in walk(storage, SWEPT_FOLDERS):
        if name in referenced:
            continue
        folder, _slash, _filename = name.rpartition("/")
        if folder.endswith("/mood") and folder.removesuffix("mood") in version_folders:
            continue  # a version's frozen copy of a mood-board image, named in its snapshot
        if storage.get_modified_time(name) < older_than:
            yield name


def referenced_files() -> set[str]:
    names = set()
    for queryset in (
        Version.objects.values_list("pdf", flat=True),
        DraftPdf.objects.values_list("file", flat=True),
        ImportJob.objects.values_list("file", flat=True),
        MoodImage.objects.values_list("image", flat=True),
    ):
        names.update(name for name in queryset.iterator(chunk_size=5000) if name)
    return names


def walk(storage: Storage, folders: tuple[str, ...]) -> Iterator[str]:
    for folder in folders:
        pending = [folder]
        while pending:
            current = pending.pop()
            try:
                subfolders, files = storage.listdir(current)
            except FileNotFoundError:  # nothing was ever written there
                continue
            pending += [f"{current}/{name}" for name in subfolders]
            yield from (f"{current}/{name}" for name in files)
