"""Every Celery task of the project can actually be scheduled with its limits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from smmplanner.celery import app

ROOT = Path(__file__).resolve().parent.parent


def project_tasks():
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_task_has_a_soft_limit_below_its_hard_limit():
    tasks = project_tasks()
    assert len(tasks) >= 8
    for task in tasks:
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert soft <= hard, f"{task.name}: soft_time_limit {soft} > time_limit {hard}"


PERIODIC = {
    "competitors: re-send stale imports",
    "documents: re-send stale PDF renders",
    "documents: review reminders",
    "documents: tidy media storage",
    "metrics: re-send stale forecast requests",
}


def test_periodic_tasks_are_registered_with_names():
    app.loader.import_default_modules()
    app.finalize()
    assert set(app.conf.beat_schedule) >= PERIODIC


def test_periodic_tasks_are_registered_when_the_app_was_finalized_before_their_module_was_imported():
    """As in a test run where an earlier test queued a task before anything imported documents.tasks."""
    script = (
        "import django; django.setup()\n"
        "from smmplanner.celery import app\n"
        "app.finalize()\n"
        "app.loader.import_default_modules()\n"
        "print('\\n'.join(app.conf.beat_schedule))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "smmplanner.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.splitlines()) >= PERIODIC


def test_a_worker_process_freezes_its_startup_heap():
    """Long-lived startup objects are kept out of the collector's full passes in every worker process."""
    import gc

    from celery.signals import worker_process_init

    gc.unfreeze()
    try:
        worker_process_init.send(sender=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
