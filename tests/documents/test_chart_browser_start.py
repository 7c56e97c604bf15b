"""A worker process starts its chart browser as it starts, so the first PDF does not wait for Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from documents import tasks
from tests.worker import WorkerProcess, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def descendants(pid: int) -> list[str]:
    """The command names of every process below ``pid``."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if entry.name.isdigit():
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            names[int(entry.name)] = stat.split("(", 1)[1].rsplit(")", 1)[0]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return [names[p] for p in found if p in names]


def test_a_worker_starts_its_chart_browser_before_any_task(tmp_path):
    worker = WorkerProcess(tmp_path / "worker.log", env={"CHART_BROWSER_AT_WORKER_START": "true"})
    try:
        worker.wait_ready()
        wait_until(
            lambda: any("chrom" in name for name in descendants(worker.process.pid)),
            timeout=60,
            message="Chromium to start under the worker",
        )
        assert "Task " not in worker.log_path.read_text()  # nothing was rendered: it started on its own
    finally:
        worker.stop()


def test_a_worker_told_not_to_starts_none(tmp_path):
    worker = WorkerProcess(tmp_path / "worker.log", env={"CHART_BROWSER_AT_WORKER_START": "false"})
    try:
        worker.wait_ready()
        # the same wait the test above needed, then still no browser
        with pytest.raises(AssertionError):
            wait_until(lambda: any("chrom" in n for n in descendants(worker.process.pid)), timeout=8)
    finally:
        worker.stop()


@pytest.mark.parametrize(("pool", "starts"), [("celery.concurrency.solo", True), ("celery.concurrency.prefork", False)])
def test_only_a_process_that_runs_tasks_starts_one(settings, monkeypatch, pool, starts):
    settings.CHART_BROWSER_AT_WORKER_START = True
    started = []
    monkeypatch.setattr(tasks.charts, "start_in_background", lambda: started.append(os.getpid()))
    consumer = SimpleNamespace(pool=type("TaskPool", (), {"__module__": pool})())
    tasks.start_chart_browser(sender=consumer)  # worker_ready: the main process
    assert bool(started) is starts
    tasks.start_chart_browser()  # worker_process_init: every prefork child
    assert started
