"""Nightly media housekeeping at scale.

    python -m benchmarks.tidy [--agencies 20]

``seed_load`` fills a throw-away database (1,000 strategies per agency); every
version then gets a PDF and a frozen mood-board image of its own in a
temporary MEDIA_ROOT, and one version folder in ten an orphan PDF (a render
killed before it was recorded), all older than the sweep's grace. Measured:
the dry run and the real tidy. Baseline in the same run: listing the same
folders through the storage alone, so the ratio shows what looking up the rows
costs. Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks._common import Timer, emit, setup_django, test_database

ORPHAN_EVERY = 10


def write_files(root: Path) -> tuple[int, int]:
    """A PDF and a mood copy for every version, and an orphan PDF in every tenth folder; all a day old."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from documents.models import Version

    folder = Concat(
        Value("versions/"), Cast("strategy_id", CharField()), Value("/v"), Cast("number", CharField()), Value("/")
    )
    Version.objects.update(pdf=Concat(folder, Value("strategy.pdf")))
    written = orphans = 0
    day_ago = time.time() - 86_400
    for index, name in enumerate(Version.objects.values_list("pdf", flat=True).iterator(chunk_size=5000)):
        directory = root / name.rpartition("/")[0]
        (directory / "mood").mkdir(parents=True)
        paths = [root / name, directory / "mood" / "warm.png"]
        if index % ORPHAN_EVERY == 0:
            paths.append(directory / "strategy_killed.pdf")
            orphans += 1
        for path in paths:
            path.write_bytes(b"x")
            os.utime(path, (day_ago, day_ago))
        written += len(paths)
    return written, orphans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    with test_database(), tempfile.TemporaryDirectory() as media:
        from django.core.files.storage import default_storage

        from documents.housekeeping import SWEPT_FOLDERS, tidy_media, walk
        from documents.load import seed_load

        settings.MEDIA_ROOT = media
        seeded = seed_load(agencies=args.agencies, clients_per_agency=50, strategies_per_client=20, pdf=False)
        with Timer() as writing:
            files, orphans = write_files(Path(media))

        with Timer() as listing:
            listed = sum(1 for _name in walk(default_storage, SWEPT_FOLDERS))
        with Timer() as dry:
            due = tidy_media(dry_run=True)
        with Timer() as real:
            tidied = tidy_media()
        left = sum(1 for _name in walk(default_storage, SWEPT_FOLDERS))
        assert listed == files and due.orphans == tidied.orphans == orphans and left == files - orphans, (
            listed,
            files,
            due.as_dict(),
            tidied.as_dict(),
            left,
        )
        emit(
            {
                "benchmark": "tidy_media",
                "strategies": seeded["strategies"],
                "versions": seeded["versions"],
                "files": files,
                "orphans_deleted": tidied.orphans,
                "write_files_s": round(writing.seconds, 2),
                "baseline_list_s": round(listing.seconds, 3),
                "dry_run_s": round(dry.seconds, 3),
                "tidy_s": round(real.seconds, 3),
                "ratio_tidy_to_list": round(real.seconds / listing.seconds, 2),
            }
        )


if __name__ == "__main__":
    main()
