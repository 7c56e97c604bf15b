"""Strategy document PDF speed and size.

    python -m benchmarks.pdf

The Russian demo strategy (6 months, 3 platforms, the first demo) rendered to
PDF with all three charts: cold is the first render of a fresh process (Chromium
starts, templates compile, WeasyPrint loads its fonts), warm the second (the
chart browser already running; the startup heap frozen out of the garbage
collector's view, as smmplanner.celery does in every worker). The English demo (12 months, 4 platforms, the
larger document) is timed warm as well. Targets: warm <= 2 s, file <= 1.5 MB.
Prints one line of JSON.
"""

from __future__ import annotations

import os
import statistics
from io import BytesIO
from pathlib import Path

from benchmarks._common import Timer, emit, setup_django, test_database


def descendants_pss_mb() -> float:
    """Memory of this process's children (the Chromium that exports charts), shared pages split fairly (PSS)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - mine
        mine |= frontier
    total_kb = 0
    for pid in mine:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total_kb += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return round(total_kb / 1024, 1)


def stored_download_ms(strategy, data: bytes) -> float:
    """Median time of the download view serving a stored version PDF, in-process through Django's test client."""
    from django.core.files.base import ContentFile
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from accounts.models import User
    from documents.models import Version

    setup_test_environment()
    version = Version(strategy=strategy, number=99, snapshot={"benchmark": True}, pdf_status=Version.PdfStatus.READY)
    version.pdf.save("benchmark.pdf", ContentFile(data), save=False)
    version.save()
    client = Client()
    client.force_login(User.objects.get(email="manager@demo.example"))
    url = reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": version.number})
    timings = []
    for _ in range(20):
        with Timer() as timer:
            response = client.get(url)
            body = b"".join(response.streaming_content)
        assert response.status_code == 200 and body == data
        timings.append(timer.seconds * 1000)
    return round(statistics.median(timings), 2)


def main() -> None:
    setup_django()
    with test_database():
        import pypdf

        from accounts.demo import seed_demo_accounts
        from documents import charts
        from documents.demo import seed_demo_strategies
        from documents.rendering import render_document_pdf
        from documents.snapshot import document_snapshot
        from metrics.models import Forecast
        from metrics.services import run_forecast
        from smmplanner.celery import freeze_startup_heap

        ru, en = seed_demo_strategies(seed_demo_accounts())
        for strategy in (ru, en):
            Forecast.objects.get_or_create(strategy=strategy)
            run_forecast(strategy.pk, generation=Forecast.objects.get(strategy=strategy).generation)
        with Timer() as snapshot_timer:
            snapshot = document_snapshot(ru)
        en_snapshot = document_snapshot(en)

        freeze_startup_heap()  # as a worker process does once it is ready
        with Timer() as cold:
            render_document_pdf(snapshot, version_label="v1")
        with Timer() as warm:
            data = render_document_pdf(snapshot, version_label="v1")
        # The machine may be shared: the median of further renders shows the steady state.
        repeats = []
        for _ in range(4):
            with Timer() as again:
                render_document_pdf(snapshot, version_label="v1")
            repeats.append(again.seconds)
        en_timings = []
        for _ in range(3):
            with Timer() as en_warm:
                en_data = render_document_pdf(en_snapshot, version_label="v1")
            en_timings.append(en_warm.seconds)
        browser_pss = descendants_pss_mb()
        charts_exported = charts._server is not None
        charts.stop_server()
        download_ms = stored_download_ms(ru, data)

        emit(
            {
                "benchmark": "pdf",
                "cold_seconds": round(cold.seconds, 2),
                "warm_seconds": round(warm.seconds, 2),
                "warm_median_seconds": round(statistics.median([warm.seconds, *repeats]), 2),
                "bytes": len(data),
                "pages": len(pypdf.PdfReader(BytesIO(data)).pages),
                "en_warm_seconds": round(en_timings[0], 2),
                "en_warm_median_seconds": round(statistics.median(en_timings), 2),
                "en_bytes": len(en_data),
                "en_pages": len(pypdf.PdfReader(BytesIO(en_data)).pages),
                "snapshot_seconds": round(snapshot_timer.seconds, 3),
                "charts_exported": charts_exported,
                "browser_pss_mb": browser_pss,
                # A frozen version's stored PDF through the download view (median of 20 requests).
                "download_ms": download_ms,
                "download_vs_render_ratio": round(download_ms / 1000 / warm.seconds, 4),
            }
        )


if __name__ == "__main__":
    main()
